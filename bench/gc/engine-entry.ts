// What the collector benchmarks need from the engine, bundled by run.ts with esbuild the way
// `npm run py` bundles it (tsx's per-file transpilation is much slower than the bundle).
import { nativeModule } from "../../src-main/engine/modules/util";
import { moduleFactories } from "../../src-main/engine/modules/registry";
import { newFloat } from "../../src-main/engine/objects/float";

export { runSource } from "../../src-main/engine/index";

/** A `time` module with perf_counter only, for the bench programs (the engine has none). */
export function installBenchTimeModule(): void {
  if (!moduleFactories.has("time")) {
    moduleFactories.set("time", () => nativeModule("time", { perf_counter: () => newFloat(performance.now() / 1000) }));
  }
}
