// Bundles the runner into out/cli/py.mjs, only when a source under src-main/engine or src-main/cli
// is newer than the bundle (so `npm run py` starts fast).
import { build } from "esbuild";
import { statSync, readdirSync } from "node:fs";
import { join } from "node:path";

const out = "out/cli/py.mjs";
function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
let outTime = 0;
try {
  outTime = statSync(out).mtimeMs;
} catch {}
if (Math.max(newest("src-main/engine"), newest("src-main/cli")) > outTime) {
  await build({ entryPoints: ["src-main/cli/py.ts"], bundle: true, platform: "node", format: "esm", target: "node20", outfile: out, logLevel: "warning", tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } } });
}
