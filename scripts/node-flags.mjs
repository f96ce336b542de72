// Node options for the processes that run the engine: the game's browser-shell host (scripts/start.mjs)
// and the benchmarks' engine runs (bench/run.mjs, bench/gc/run.ts). Electron's main process is not
// given them: Electron sets up V8's platform itself.
import { availableParallelism } from "node:os";

/**
 * --v8-pool-size: V8 does its background work (concurrent marking of the JS heap, optimizing
 * compiles) on a pool of threads that Node sizes at 4 whatever the machine. The engine itself is
 * one thread. On a 2-core machine, four busy background threads take turns with it on its core:
 * a collection of a million objects that ran while V8 was marking the heap the program had built
 * took 0.33-0.45 s instead of 0.25 s (bench/gc/RESULTS.md, session 6). Leaving the engine a core
 * of its own (at most Node's 4 threads, at least 1) removes that without slowing anything else.
 */
export function v8PoolSizeFlag(cores = availableParallelism()) {
  return `--v8-pool-size=${Math.max(1, Math.min(4, cores - 1))}`;
}
