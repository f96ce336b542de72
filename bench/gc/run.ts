// Collector benchmarks, engine beside CPython 3.13, each at 1x and 10x size to show linearity.
//   npx tsx bench/gc/run.ts [--scale 1,10] [--only cycles_collect] [--no-engine] [--no-cpython]
// Each program prints "measured_seconds <t>": the time spent inside collections, summed with
// gc.callbacks (start -> stop) and time.perf_counter. The engine has no time module, so the
// runner registers a minimal one (perf_counter only) in the engine's module table before running.
// The table shows the measured figure, the whole run's wall time, and the 10x/1x ratio
// (10.0 = linear).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

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

type RunSource = (source: string, options?: Record<string, unknown>) => { stdout: string; stderr: string; exitCode: number };

async function loadEngine(): Promise<RunSource | null> {
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
    const mod = (await import(outfile)) as { runSource: RunSource; installBenchTimeModule: () => void };
    mod.installBenchTimeModule();
    return mod.runSource;
  } catch (e) {
    console.error("engine not available:", String(e).slice(0, 300));
    return null;
  }
}

function engine(runSource: RunSource, source: string): Result {
  const t = performance.now();
  try {
    const r = runSource(source, { filename: "bench.py", maxMemoryBytes: 64 * 2 ** 30 });
    const wall = (performance.now() - t) / 1000;
    if (r.exitCode !== 0) return { measured: null, wall, error: (r.stderr || r.stdout).slice(-300) };
    return { measured: measured(r.stdout), wall };
  } catch (e) {
    return { measured: null, wall: (performance.now() - t) / 1000, error: String(e).slice(0, 300) };
  }
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

const runSource = runEngine ? await loadEngine() : null;
for (const bench of BENCHES) {
  if (only !== undefined && !bench.file.startsWith(only)) continue;
  const source = readFileSync(join(here, bench.file), "utf8");
  console.log(`\n${bench.file}: ${bench.what}`);
  console.log("  N            | engine: measured (wall)  | CPython 3.13: measured (wall)");
  const rows: { e?: Result; c?: Result }[] = [];
  for (const scale of scales) {
    const n = bench.n * scale;
    const src = withN(source, n);
    const e = runSource !== null ? engine(runSource, src) : undefined;
    const c = runCPython ? cpython(src) : undefined;
    rows.push({ e, c });
    console.log(`  ${String(n).padEnd(12)} | ${fmt(e).padEnd(24)} | ${fmt(c)}`);
    if (e?.error) console.log(`    engine error: ${e.error}`);
    if (c?.error) console.log(`    cpython error: ${c.error}`);
  }
  if (rows.length === 2) console.log(`  ${scales[1]}x/${scales[0]}x time ratio: engine ${ratio(rows[0].e, rows[1].e)}, CPython ${ratio(rows[0].c, rows[1].c)}`);
}
