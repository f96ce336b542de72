// GC lists: circular, doubly linked lists with a sentinel head, as Python/gc.c's gc_list_*
// functions, threaded through the GC heads in gc_heads.ts (indices, not pointers). An object is in
// at most one list; gcIndex === 0 means it is not tracked. Moving an object never needs to know
// which list it came from.
//
// Each list carries a generation label, copied into gen[i] as objects enter it (a merge relabels
// only when the two labels differ, so moving within a collection's working lists is free).
import type { GCHeads } from "./gc_heads";
import { GC_COLLECTING } from "./gc_heads";
import type { GCObject } from "./types";
import { GEN_WORKING } from "./types";

/** A list head: a sentinel index in `heads`. `name` is for debugging and events. */
export class GCList {
  readonly index: number;
  constructor(
    readonly heads: GCHeads,
    readonly name: string,
    /** The gen[] label of the objects in this list: a generation, GEN_PERMANENT or GEN_WORKING. */
    readonly generation: number = GEN_WORKING,
  ) {
    this.index = heads.allocate(null);
  }

  /** Gives the sentinel back (a collection's temporary lists, once empty). */
  release(): void {
    this.heads.release(this.index);
  }
}

export function gc_list_init(list: GCList): void {
  const { next, prev } = list.heads;
  next[list.index] = list.index;
  prev[list.index] = list.index;
}

export function gc_list_is_empty(list: GCList): boolean {
  return list.heads.next[list.index] === list.index;
}

/** The first object of a non-empty list. */
export function gc_list_first<O extends GCObject>(list: GCList): O {
  const heads = list.heads;
  return heads.objects[heads.next[list.index]] as O;
}

/** Append the object with index i (in no list) to the end of `list`. */
function append_index(heads: GCHeads, i: number, list: GCList): void {
  const { next, prev } = heads;
  const h = list.index;
  heads.gen[i] = list.generation;
  const last = prev[h];
  prev[i] = last;
  next[last] = i;
  next[i] = h;
  prev[h] = i;
}

/** Append `op` (not in any list) to the end of `list`; it takes an index (becomes tracked). */
export function gc_list_append(op: GCObject, list: GCList): void {
  const heads = list.heads;
  const i = heads.allocate(op);
  op.gcIndex = i;
  append_index(heads, i, list);
}

/** Remove `op` from whatever list it is in and give its index back; it becomes untracked. */
export function gc_list_remove(heads: GCHeads, op: GCObject): void {
  const { next, prev } = heads;
  const i = op.gcIndex;
  const p = prev[i];
  const n = next[i];
  next[p] = n;
  prev[n] = p;
  op.gcIndex = 0;
  heads.release(i);
}

/** Move the object with index i from the list it is in to the end of `list`. */
export function gc_list_move_index(heads: GCHeads, i: number, list: GCList): void {
  const { next, prev } = heads;
  const p = prev[i];
  const n = next[i];
  next[p] = n;
  prev[n] = p;
  append_index(heads, i, list);
}

/** Move `op` (tracked) from the list it is in to the end of `list`. */
export function gc_list_move(op: GCObject, list: GCList): void {
  gc_list_move_index(list.heads, op.gcIndex, list);
}

/** Append all of `from` onto the end of `to`; `from` becomes empty. O(1) unless labels differ. */
export function gc_list_merge(from: GCList, to: GCList): void {
  const heads = from.heads;
  const { next, prev } = heads;
  const f = from.index;
  const t = to.index;
  if (next[f] !== f) {
    if (from.generation !== to.generation) {
      const gen = heads.gen;
      const label = to.generation;
      for (let i = next[f]; i !== f; i = next[i]) gen[i] = label;
    }
    const toTail = prev[t];
    const fromHead = next[f];
    const fromTail = prev[f];
    next[toTail] = fromHead;
    prev[fromHead] = toTail;
    next[fromTail] = t;
    prev[t] = fromTail;
  }
  gc_list_init(from);
}

export function gc_list_size(list: GCList): number {
  const next = list.heads.next;
  const h = list.index;
  let n = 0;
  for (let i = next[h]; i !== h; i = next[i]) n++;
  return n;
}

/** Clear GC_COLLECTING on every object of the list. */
export function gc_list_clear_collecting(list: GCList): void {
  const { next, flags } = list.heads;
  const h = list.index;
  for (let i = next[h]; i !== h; i = next[i]) flags[i] &= ~GC_COLLECTING;
}

/** The list's objects, first to last (a copy; for the gc module and events, not the hot path). */
export function gc_list_objects<O extends GCObject>(list: GCList): O[] {
  const { next, objects } = list.heads;
  const h = list.index;
  const out: O[] = [];
  for (let i = next[h]; i !== h; i = next[i]) out.push(objects[i] as O);
  return out;
}
