// npm run bench: each program through the engine's runner and through CPython 3.13 (when
// available), whole-process wall time side by side.
import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

execFileSync("node", ["src-main/cli/build.mjs"], { stdio: "inherit" });
const dir = "bench/programs";
function time(cmd, args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env: { ...process.env, ...env }, encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  return { ms, ok: r.status === 0, out: r.stdout };
}
console.log("program".padEnd(22), "engine ms".padStart(10), "cpython ms".padStart(11), "ratio".padStart(7));
for (const f of readdirSync(dir).filter((f) => f.endsWith(".py")).sort()) {
  const p = join(dir, f);
  const e = time("node", ["out/cli/py.mjs", p], {});
  const c = time("python3", [p], { PYENV_VERSION: "3.13.0" });
  const same = e.out === c.out ? "" : "  (output differs!)";
  console.log(f.padEnd(22), e.ms.toFixed(0).padStart(10), (c.ok ? c.ms.toFixed(0) : "n/a").padStart(11), (c.ok ? (e.ms / c.ms).toFixed(1) + "x" : "").padStart(7), same);
}
