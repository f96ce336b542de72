// Collector benchmarks, engine beside CPython 3.13, each at 1x and 10x size to show linearity.
//   npx tsx bench/gc/run.ts [--scale 1,10] [--repeat N] [--only cycles_collect] [--no-engine] [--no-cpython]
// Each program prints "measured_seconds <t>": the time spent inside collections, summed with
// gc.callbacks (start -> stop) and time.perf_counter. The engine has no time module, so the
// runner registers a minimal one (perf_counter only) in the engine's module table before running.
// The table shows the measured figure, the whole run's wall time, and the 10x/1x ratio
// (10.0 = linear).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { v8PoolSizeFlag } from "../../scripts/node-flags.mjs";

const here = dirname(fileURLToPath(import.meta.url));

interface Bench {
  file: string;
  /** Value of N at scale 1. */
  n: number;
  what: string;
}

const BENCHES: Bench[] = [
  { file: "cycles_collect.py", n: 500_000, what: "gc.collect() over N two-instance cycles" },
  { file: "full_reachable.py", n: 1_000_000, what: "full collection of N reachable tracked lists" },
  { file: "auto_short_lived.py", n: 5_000_000, what: "automatic collections while allocating N self-cyclic instances" },
];

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scales = (arg("--scale") ?? "1,10").split(",").map(Number);
const only = arg("--only");
const runEngine = !process.argv.includes("--no-engine");
const runCPython = !process.argv.includes("--no-cpython");
/** Runs per size and side; the fastest is reported. */
const repeat = Number(arg("--repeat") ?? "1");

function withN(source: string, n: number): string {
  return source.replace(/^N = [\d_]+.*$/m, `N = ${n}`);
}

function measured(stdout: string): number | null {
  const m = /measured_seconds (\d+\.\d+)/.exec(stdout);
  return m ? Number(m[1]) : null;
}

interface Result {
  measured: number | null;
  wall: number;
  error?: string;
}

function cpython(source: string): Result {
  const t = performance.now();
  try {
    const out = execFileSync("python3", ["-c", source], {
      env: { ...process.env, PYENV_VERSION: "3.13.0" },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    return { measured: measured(out), wall: (performance.now() - t) / 1000 };
  } catch (e) {
    return { measured: null, wall: (performance.now() - t) / 1000, error: String(e).slice(0, 200) };
  }
}

/**
 * Bundles the engine (with the bench-only `time` module) and a one-program runner beside it. Each
 * engine run is then a fresh Node process, as each CPython run is: no heap carried over from the
 * previous run, and the same NODE_OPTIONS (--max-old-space-size for the 10x runs).
 */
async function buildEngineRunner(): Promise<string | null> {
  try {
    const outfile = join(here, "../../out/bench/gc-engine.mjs");
    await build({
      entryPoints: [join(here, "engine-entry.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile,
      logLevel: "warning",
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    });
    const runner = join(here, "../../out/bench/gc-run-one.mjs");
    writeFileSync(
      runner,
      [
        'import { readFileSync } from "node:fs";',
        'import { installBenchTimeModule, runSource } from "./gc-engine.mjs";',
        "installBenchTimeModule();",
        'const r = runSource(readFileSync(process.argv[2], "utf8"), { filename: "bench.py", maxMemoryBytes: 64 * 2 ** 30 });',
        "process.stdout.write(r.stdout);",
        "process.stderr.write(r.stderr);",
        "process.exitCode = r.exitCode;",
        "",
      ].join("\n"),
    );
    return runner;
  } catch (e) {
    console.error("engine not available:", String(e).slice(0, 300));
    return null;
  }
}

function engine(runner: string, source: string): Result {
  const file = join(tmpdir(), `heapwise-gc-bench-${process.pid}.py`);
  writeFileSync(file, source);
  const t = performance.now();
  try {
    const out = execFileSync(process.execPath, [v8PoolSizeFlag(), runner, file], { encoding: "utf8", maxBuffer: 1 << 24 });
    return { measured: measured(out), wall: (performance.now() - t) / 1000 };
  } catch (e) {
    return { measured: null, wall: (performance.now() - t) / 1000, error: String(e).slice(0, 300) };
  }
}

/** The run with the smallest measured time (the one least disturbed by the rest of the machine). */
function best(a: Result | undefined, b: Result): Result {
  if (a === undefined || a.measured === null) return b;
  if (b.measured === null) return a;
  return b.measured < a.measured ? b : a;
}

function fmt(r: Result | undefined): string {
  if (r === undefined) return "-";
  if (r.error !== undefined) return `error`;
  return `${r.measured?.toFixed(3) ?? "?"}s (${r.wall.toFixed(1)}s)`;
}

function ratio(a: Result | undefined, b: Result | undefined): string {
  if (!a?.measured || !b?.measured) return "-";
  return (b.measured / a.measured).toFixed(1);
}

const runner = runEngine ? await buildEngineRunner() : null;
for (const bench of BENCHES) {
  if (only !== undefined && !bench.file.startsWith(only)) continue;
  const source = readFileSync(join(here, bench.file), "utf8");
  console.log(`\n${bench.file}: ${bench.what}`);
  console.log("  N            | engine: measured (wall)  | CPython 3.13: measured (wall) | engine/CPython");
  const rows: { e?: Result; c?: Result }[] = [];
  for (const scale of scales) {
    const n = bench.n * scale;
    const src = withN(source, n);
    let e: Result | undefined;
    let c: Result | undefined;
    // Alternate the two, so that a busy spell on the machine falls on both alike.
    for (let i = 0; i < repeat; i++) {
      if (runner !== null) e = best(e, engine(runner, src));
      if (runCPython) c = best(c, cpython(src));
    }
    rows.push({ e, c });
    console.log(`  ${String(n).padEnd(12)} | ${fmt(e).padEnd(24)} | ${fmt(c).padEnd(29)} | ${ratio(c, e)}`);
    if (e?.error) console.log(`    engine error: ${e.error}`);
    if (c?.error) console.log(`    cpython error: ${c.error}`);
  }
  if (rows.length === 2) console.log(`  ${scales[1]}x/${scales[0]}x time ratio: engine ${ratio(rows[0].e, rows[1].e)}, CPython ${ratio(rows[0].c, rows[1].c)}`);
}
