// The collector's state for one interpreter (CPython's `struct _gc_runtime_state`): three
// generations with their thresholds and counts, the permanent generation that gc.freeze() fills,
// the long-lived counters that gate full collections, statistics and debug flags.
import { GCHeads } from "./gc_heads";
import { GCList } from "./gc_list";
import type { GCHost, GCObject } from "./types";
import type { GCEventListener } from "./events";

export const NUM_GENERATIONS = 3;

/** gc.DEBUG_* flags. */
export const DEBUG_STATS = 1;
export const DEBUG_COLLECTABLE = 2;
export const DEBUG_UNCOLLECTABLE = 4;
export const DEBUG_SAVEALL = 32;
export const DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/** CPython 3.13's default thresholds (gc.get_threshold()). */
export const DEFAULT_THRESHOLDS: readonly [number, number, number] = [2000, 10, 10];

export interface GCGeneration {
  readonly head: GCList;
  threshold: number;
  /**
   * Generation 0: allocations of GC objects minus frees since the last collection.
   * Generation g > 0: collections of generation g-1 since the last collection of g.
   */
  count: number;
}

/** One entry of gc.get_stats(). */
export interface GCGenerationStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export class GCState<O extends GCObject> {
  readonly generations: [GCGeneration, GCGeneration, GCGeneration];
  /** The GC heads of this interpreter's tracked objects and of its lists. */
  readonly heads = new GCHeads();
  /** gc.freeze() moves everything here; collections never look at it. */
  readonly permanent_generation: GCGeneration = { head: new GCList(this.heads, "permanent"), threshold: 0, count: 0 };
  readonly generation_stats: [GCGenerationStats, GCGenerationStats, GCGenerationStats] = [
    { collections: 0, collected: 0, uncollectable: 0 },
    { collections: 0, collected: 0, uncollectable: 0 },
    { collections: 0, collected: 0, uncollectable: 0 },
  ];
  /** gc.isenabled(): automatic collection on or off (gc.collect() works either way). */
  enabled = true;
  /** gc.set_debug() flags. */
  debug = 0;
  /** A collection is running; a nested request (from __del__, a callback) does nothing. */
  collecting = false;
  /** Size of the oldest generation after the last full collection. */
  long_lived_total = 0;
  /**
   * Tracked objects the real interpreter keeps in the oldest generation that this collector has no
   * counterpart for (CPython's own modules, functions and dicts from start-up). They are added to
   * long_lived_total at each full collection, so the quarter rule gates full collections as often
   * as it does in CPython. 0 for a bare collector; the engine sets it (heap/gcstate.ts).
   */
  interpreter_long_lived = 0;
  /** Objects promoted into the oldest generation since the last full collection. */
  long_lived_pending = 0;
  /** Set when count[0] passes threshold[0]; the eval breaker then calls runScheduledGC. */
  scheduled = false;
  /** Phase events for the scene; null = none built (zero cost). */
  listener: GCEventListener | null = null;
  /** Collections run so far, numbering the events. */
  collections_started = 0;

  constructor(
    readonly host: GCHost<O>,
    thresholds: readonly [number, number, number] = DEFAULT_THRESHOLDS,
  ) {
    this.generations = [
      { head: new GCList(this.heads, "generation 0"), threshold: thresholds[0], count: 0 },
      { head: new GCList(this.heads, "generation 1"), threshold: thresholds[1], count: 0 },
      { head: new GCList(this.heads, "generation 2"), threshold: thresholds[2], count: 0 },
    ];
  }
}
