// npm run bench [-- [--repeat N] [--no-cpython] [FILE.py ...]]
//
// Runs each program through the engine's runner (see below) and through CPython 3.13, as whole
// processes, and prints wall time, CPU time (user + sys) and peak RSS for both, with the ratios.
// Each figure is the minimum over N runs (default 3): the machine is often shared, and the minimum
// is the run least disturbed by others. A first row measures start-up (an empty program against
// `python3 -c pass`). Without FILE arguments it runs every bench/**/*.py.
//
// The engine runs from out/bench/py.mjs: the `npm run py` runner plus a `time` module with
// perf_counter only (bench/gc/install-time-module.ts), which the collector programs in bench/gc use
// to time their collections. That module exists only in this bench bundle, never in the game.
//
// Outputs are compared (lines reporting "<name>_seconds" are timings and are left out): a program
// whose output differs from CPython's is flagged, because a fast wrong answer is no answer.
//
// The collector programs (bench/gc) also print "measured_seconds": the time spent inside their
// collections, summed from gc.callbacks. A second table gives those (minimum over the runs) with
// their ratio, which is what the collector's speed target is about; the first table's wall time
// includes building the heaps, which is the interpreter's speed. bench/gc/run.ts runs the same
// programs at 1x and 10x size.
import { spawnSync } from "node:child_process";
import { v8PoolSizeFlag } from "../scripts/node-flags.mjs";
import { build } from "esbuild";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";

const argv = process.argv.slice(2);
let repeat = 3;
let cpython = true;
const files = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--repeat") repeat = Number(argv[++i]);
  else if (argv[i] === "--no-cpython") cpython = false;
  else files.push(argv[i]);
}

function pyFiles(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...pyFiles(p));
    else if (e.name.endsWith(".py")) out.push(p);
  }
  return out.sort();
}

const engineBundle = "out/bench/py.mjs";
await build({
  entryPoints: ["bench/py-with-time.ts"],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile: engineBundle,
  logLevel: "warning",
  tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
});
const scratch = mkdtempSync(join(tmpdir(), "heapwise-bench-"));
const timeFile = join(scratch, "time.txt");
const emptyProgram = join(scratch, "empty.py");
writeFileSync(emptyProgram, "");

/** One run under /usr/bin/time: wall ms, cpu ms, peak RSS KiB, stdout, exit status. */
function measure(cmd, args, env) {
  const r = spawnSync("/usr/bin/time", ["-o", timeFile, "-f", "%e %U %S %M", cmd, ...args], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const [wall, user, sys, rss] = readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
  const measuredMatch = /measured_seconds (\d+\.\d+)/.exec(r.stdout ?? "");
  const measured = measuredMatch === null ? null : Number(measuredMatch[1]) * 1000;
  return { wall: wall * 1000, cpu: (user + sys) * 1000, rss, measured, out: r.stdout ?? "", ok: r.status === 0, err: r.stderr ?? "" };
}

/** The minimum of each figure over `repeat` runs. */
function best(cmd, args, env) {
  let b = null;
  for (let i = 0; i < repeat; i++) {
    const m = measure(cmd, args, env);
    if (b === null) b = m;
    else {
      b.wall = Math.min(b.wall, m.wall);
      b.cpu = Math.min(b.cpu, m.cpu);
      b.rss = Math.min(b.rss, m.rss);
      if (m.measured !== null) b.measured = b.measured === null ? m.measured : Math.min(b.measured, m.measured);
      b.ok &&= m.ok;
    }
  }
  return b;
}

// With the Node options the game's host runs the engine with (scripts/node-flags.mjs).
const engine = (p) => best("node", [v8PoolSizeFlag(), engineBundle, p], {});
const python = (args) => best("python3", args, { PYENV_VERSION: "3.13.0" });
const comparable = (out) => out.split("\n").filter((l) => !/_seconds /.test(l)).join("\n");

const ms = (x) => x.toFixed(0);
const mb = (kib) => (kib / 1024).toFixed(0);
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(1) + "x" : "-");
const cols = [
  ["program", 28, "l"],
  ["engine ms", 10],
  ["cpython ms", 11],
  ["ratio", 7],
  ["eng cpu ms", 11],
  ["py cpu ms", 10],
  ["cpu ratio", 10],
  ["eng RSS MB", 11],
  ["py RSS MB", 10],
  ["", 0, "l"],
];
const row = (cells) => cells.map((c, i) => (cols[i][2] === "l" ? String(c).padEnd(cols[i][1]) : String(c).padStart(cols[i][1]))).join(" ");

console.log(`min of ${repeat} run(s) each; wall and CPU (user+sys) time, peak RSS`);
console.log(row(cols.map((c) => c[0])));
function report(name, e, c, note) {
  if (c === null) {
    console.log(row([name, ms(e.wall), "-", "-", ms(e.cpu), "-", "-", mb(e.rss), "-", note]));
    return;
  }
  console.log(row([name, ms(e.wall), ms(c.wall), ratio(e.wall, c.wall), ms(e.cpu), ms(c.cpu), ratio(e.cpu, c.cpu), mb(e.rss), mb(c.rss), note]));
}

report("(start-up: empty program)", engine(emptyProgram), cpython ? python(["-c", "pass"]) : null, "");
const insideCollections = [];
for (const p of files.length > 0 ? files : pyFiles("bench")) {
  const e = engine(p);
  const c = cpython ? python([p]) : null;
  let note = e.ok ? "" : "  (engine failed: " + e.err.trim().split("\n").pop() + ")";
  if (c !== null && e.ok && comparable(e.out) !== comparable(c.out)) note += "  (output differs!)";
  report(relative("bench", p), e, c, note);
  if (e.measured !== null) insideCollections.push([relative("bench", p), e.measured, c?.measured ?? null]);
}
if (insideCollections.length > 0) {
  console.log(`\ninside the collections (each program's measured_seconds, min of ${repeat}):`);
  console.log(`${"program".padEnd(28)} ${"engine ms".padStart(10)} ${"cpython ms".padStart(11)} ${"ratio".padStart(7)}`);
  for (const [name, e, c] of insideCollections) {
    console.log(`${name.padEnd(28)} ${ms(e).padStart(10)} ${(c === null ? "-" : ms(c)).padStart(11)} ${(c === null ? "-" : ratio(e, c)).padStart(7)}`);
  }
}
rmSync(scratch, { recursive: true, force: true });
