// GC lists: circular, doubly linked through the objects' GC heads, with a sentinel head node, as
// Python/gc.c's gc_list_* functions. An object is in at most one list; gcNext === null means it
// is not tracked. Moving an object never needs to know which list it came from.
//
// Each list carries a generation label, copied into the objects' gcGen as they enter it (a merge
// relabels only when the two labels differ, so moving within a collection's working lists is free).
import type { GCNode, GCObject } from "./types";
import { GC_COLLECTING, GEN_UNTRACKED, GEN_WORKING } from "./types";

/** A list head (a sentinel that is never an object). `name` is for debugging and events. */
export class GCList implements GCNode {
  gcNext: GCNode;
  gcPrev: GCNode;
  constructor(
    readonly name: string,
    /** The gcGen of the objects in this list: a generation, GEN_PERMANENT or GEN_WORKING. */
    readonly generation: number = GEN_WORKING,
  ) {
    this.gcNext = this;
    this.gcPrev = this;
  }
}

export function gc_list_init(list: GCList): void {
  list.gcNext = list;
  list.gcPrev = list;
}

export function gc_list_is_empty(list: GCList): boolean {
  return list.gcNext === list;
}

/** Append `node` (not in any list) to the end of `list`. */
export function gc_list_append(node: GCNode, list: GCList): void {
  (node as GCObject).gcGen = list.generation;
  const last = list.gcPrev;
  node.gcPrev = last;
  last.gcNext = node;
  node.gcNext = list;
  list.gcPrev = node;
}

/** Remove `node` from whatever list it is in; it becomes untracked. */
export function gc_list_remove(node: GCNode): void {
  const prev = node.gcPrev!;
  const next = node.gcNext!;
  prev.gcNext = next;
  next.gcPrev = prev;
  node.gcNext = null;
  node.gcPrev = null;
  (node as GCObject).gcGen = GEN_UNTRACKED;
}

/** Move `node` from the list it is in to the end of `list`. */
export function gc_list_move(node: GCNode, list: GCList): void {
  (node as GCObject).gcGen = list.generation;
  const fromPrev = node.gcPrev!;
  const fromNext = node.gcNext!;
  fromPrev.gcNext = fromNext;
  fromNext.gcPrev = fromPrev;
  const toPrev = list.gcPrev;
  node.gcPrev = toPrev;
  toPrev.gcNext = node;
  list.gcPrev = node;
  node.gcNext = list;
}

/** Append all of `from` onto the end of `to`; `from` becomes empty. O(1) unless labels differ. */
export function gc_list_merge(from: GCList, to: GCList): void {
  if (!gc_list_is_empty(from)) {
    if (from.generation !== to.generation) {
      const gen = to.generation;
      for (let gc = from.gcNext; gc !== from; gc = gc.gcNext!) (gc as GCObject).gcGen = gen;
    }
    const toTail = to.gcPrev;
    const fromHead = from.gcNext;
    const fromTail = from.gcPrev;
    toTail.gcNext = fromHead;
    fromHead.gcPrev = toTail;
    fromTail.gcNext = to;
    to.gcPrev = fromTail;
  }
  gc_list_init(from);
}

export function gc_list_size(list: GCList): number {
  let n = 0;
  for (let gc = list.gcNext; gc !== list; gc = gc.gcNext!) n++;
  return n;
}

/** Clear GC_COLLECTING on every object of the list. */
export function gc_list_clear_collecting(list: GCList): void {
  for (let gc = list.gcNext; gc !== list; gc = gc.gcNext!) (gc as GCObject).gcFlags &= ~GC_COLLECTING;
}

/** The list's objects, first to last (a copy; for the gc module and events, not the hot path). */
export function gc_list_objects<O extends GCObject>(list: GCList): O[] {
  const out: O[] = [];
  for (let gc = list.gcNext; gc !== list; gc = gc.gcNext!) out.push(gc as O);
  return out;
}
