// Builds engine-probe.ts into one ES module in a temporary folder and imports it, so fuzz runs use
// the engine at full speed (vitest's module runner wraps every import binding in a getter).
import { build } from "esbuild";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export type EngineProbe = typeof import("./engine-probe");

const probeEntry = resolve(import.meta.dirname, "engine-probe.ts");

export async function loadEngineProbe(): Promise<EngineProbe> {
  const outfile = join(mkdtempSync(join(tmpdir(), "heapwise-fuzz-")), "engine-probe.mjs");
  await build({ entryPoints: [probeEntry], bundle: true, platform: "neutral", format: "esm", target: "node20", outfile, logLevel: "warning" });
  return (await import(pathToFileURL(outfile).href)) as EngineProbe;
}
