// GC lists: circular, doubly linked lists with a sentinel head, as Python/gc.c's gc_list_*
// functions, threaded through the GC heads in gc_heads.ts (indices, not pointers). An object is in
// at most one list; gcIndex === 0 means it is not tracked. Moving an object never needs to know
// which list it came from.
//
// As in gc.c, nothing records which list an object is in: merging two lists is O(1), whatever
// their sizes. What needs an object's generation (the heap snapshot) walks the generation lists
// once (introspect.ts gc_generation_map).
import type { GCHeads } from "./gc_heads";
import { GC_COLLECTING } from "./gc_heads";
import type { GCObject } from "./types";

/** A list head: a sentinel index in `heads`. `name` is for debugging and events. */
export class GCList {
  readonly index: number;
  constructor(
    readonly heads: GCHeads,
    readonly name: string,
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

/** Append all of `from` onto the end of `to`; `from` becomes empty. O(1). */
export function gc_list_merge(from: GCList, to: GCList): void {
  const heads = from.heads;
  const { next, prev } = heads;
  const f = from.index;
  const t = to.index;
  if (next[f] !== f) {
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
