// Builds the real engine worker (src-main/worker/engine-worker.ts) into a temporary folder, so the
// hardening tests drive the same code the app's EngineClient starts, without electron-vite.
import { build } from "esbuild";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export async function buildEngineWorker(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), "heapwise-worker-")), "engine-worker.mjs");
  const entry = resolve(import.meta.dirname, "../../../src-main/worker/engine-worker.ts");
  await build({ entryPoints: [entry], bundle: true, platform: "node", format: "esm", target: "node20", outfile,
    logLevel: "warning",
    // CommonJS dependencies (yaml) call require() for node built-ins.
    banner: { js: 'import { createRequire as heapwiseRequire } from "node:module"; const require = heapwiseRequire(import.meta.url);' },
  });
  return outfile;
}
