// The bookkeeping the cyclic collector reads: three generations plus the permanent one as
// intrusive doubly linked lists through the objects' GC heads, count[0..2] with CPython's
// accounting, thresholds and the "collection scheduled" flag checked at the eval breaker.
//
// [collector hook] This is the collector's own state (gc/state.ts: CPython's
// _gc_runtime_state) under the names the object model and the VM use: track / untrack /
// onGCAlloc / onGCFree, `scheduled`, and `collector.collect`, which runs gc/collect.ts.
// A tracked object carries gcIndex, its GC head's index in this state's GCHeads (0 when untracked).
import { GC_THRESHOLDS } from "../profile";
import type { PyObject } from "../objects/object";
import { GCState as CollectorState, gc_collect_main, gc_generation_map, gc_on_alloc, gc_track, gc_untrack, type GCHost } from "../gc";
import { engineGCHost } from "../gc/engine-host-slot";

/** Collections CPython 3.13.0 makes before a script's first line (see the constructor). */
const STARTUP_GEN0_COLLECTIONS = 3;
const STARTUP_GEN0_COLLECTED = 24;
/**
 * Tracked objects CPython 3.13.0 has in generation 2 after a full collection at a script's start
 * that the engine does not have (site, encodings, codecs...): `import gc; gc.collect();
 * print(len(gc.get_objects()))` prints 5065 under CPython and 8 in the engine.
 */
const STARTUP_LONG_LIVED_UNMODELLED = 5065 - 8;

export interface CollectorHooks {
  /** Run a collection of generation `generation` (gc.collect(generation)); returns what gc.collect returns. */
  collect(generation: number, reason: "manual" | "automatic"): number;
}

export class GCState extends CollectorState<PyObject> {
  /** gc_collect_main; generation -1 picks the generation as an automatic collection does. */
  readonly collector: CollectorHooks = {
    collect: (generation, reason) => gc_collect_main(this, generation, reason),
  };

  constructor() {
    // The engine's host is filled in when gc/engine-host.ts loads (it needs the object model).
    super(engineGCHost as unknown as GCHost<PyObject>, GC_THRESHOLDS);
    // CPython 3.13.0 running a script has already made 3 generation-0 collections at start-up
    // (site, encodings), which collected 24 objects: `import gc; print(gc.get_stats()[0],
    // gc.get_count())` prints {'collections': 3, 'collected': 24, ...} (30, 3, 0).
    this.generation_stats[0].collections = STARTUP_GEN0_COLLECTIONS;
    this.generation_stats[0].collected = STARTUP_GEN0_COLLECTED;
    this.generations[1].count = STARTUP_GEN0_COLLECTIONS;
    this.interpreter_long_lived = STARTUP_LONG_LIVED_UNMODELLED;
  }

  track(o: PyObject): void {
    gc_track(this, o);
  }

  untrack(o: PyObject): void {
    gc_untrack(this.heads, o);
  }

  /** The generation each tracked object is in. O(tracked): ask once per snapshot. */
  generationMap(): Map<PyObject, 0 | 1 | 2 | "permanent"> {
    return gc_generation_map(this);
  }

  /** A fresh GC object was allocated (_PyObject_GC_Link): count[0] += 1, maybe schedule. */
  onGCAlloc(): void {
    gc_on_alloc(this);
  }

  /** A GC object's memory was released with PyObject_GC_Del: count[0] -= 1, never below 0. */
  onGCFree(): void {
    const gen0 = this.generations[0];
    if (gen0.count > 0) gen0.count--;
  }
}
