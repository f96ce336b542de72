// The bookkeeping the cyclic collector reads: three generations plus the permanent one as
// intrusive doubly linked lists through the objects' GC heads, count[0..2] with CPython's
// accounting, thresholds and the "collection scheduled" flag checked at the eval breaker.
// The collector itself (gc/) plugs in through `collect`.
import { GC_THRESHOLDS } from "../profile";
import type { PyObject } from "../objects/object";

export const GEN_UNTRACKED = -1;
export const GEN_PERMANENT = 3;

/** A list head; objects link through gcPrev/gcNext. */
export class GCList {
  head: PyObject | null = null;
  tail: PyObject | null = null;
  length = 0;

  append(o: PyObject): void {
    o.gcPrev = this.tail;
    o.gcNext = null;
    if (this.tail !== null) this.tail.gcNext = o;
    else this.head = o;
    this.tail = o;
    this.length++;
  }

  remove(o: PyObject): void {
    if (o.gcPrev !== null) o.gcPrev.gcNext = o.gcNext;
    else this.head = o.gcNext;
    if (o.gcNext !== null) o.gcNext.gcPrev = o.gcPrev;
    else this.tail = o.gcPrev;
    o.gcPrev = o.gcNext = null;
    this.length--;
  }

  *[Symbol.iterator](): IterableIterator<PyObject> {
    for (let o = this.head; o !== null; o = o.gcNext) yield o;
  }
}

export interface CollectorHooks {
  /** Run a collection of generation `generation` (gc.collect(generation)); returns what gc.collect returns. */
  collect(generation: number, reason: "manual" | "automatic"): number;
}

export class GCState {
  readonly generations: [GCList, GCList, GCList, GCList] = [new GCList(), new GCList(), new GCList(), new GCList()];
  readonly count: [number, number, number] = [0, 0, 0];
  readonly threshold: [number, number, number] = [...GC_THRESHOLDS];
  enabled = true;
  /** Set when count[0] passes threshold[0]; the eval breaker runs the collection. */
  scheduled = false;
  collecting = false;
  longLivedTotal = 0;
  longLivedPending = 0;
  debugFlags = 0;
  collector: CollectorHooks | null = null;

  track(o: PyObject): void {
    if (o.gcGen !== GEN_UNTRACKED) return;
    o.gcGen = 0;
    this.generations[0].append(o);
  }

  untrack(o: PyObject): void {
    if (o.gcGen === GEN_UNTRACKED) return;
    this.generations[o.gcGen].remove(o);
    o.gcGen = GEN_UNTRACKED;
  }

  /** A fresh GC object was allocated (_PyObject_GC_Link). */
  onGCAlloc(): void {
    this.count[0]++;
    if (this.count[0] > this.threshold[0] && this.enabled && this.threshold[0] !== 0 && !this.collecting) {
      this.scheduled = true;
    }
  }

  /** A GC object's memory was released with PyObject_GC_Del. */
  onGCFree(): void {
    if (this.count[0] > 0) this.count[0]--;
  }
}
