// What the rest of the engine calls between collections: tracking and untracking objects
// (_PyObject_GC_TRACK / _PyObject_GC_UNTRACK), the count[0] accounting of allocations and frees
// (_PyObject_GC_Link / PyObject_GC_Del) and the question the VM's eval breaker asks.
import { gc_list_append, gc_list_remove } from "./gc_list";
import { KIND_DICT, KIND_LIST, KIND_TUPLE, KIND_WEAKREF, type GCHeads } from "./gc_heads";
import type { GCState } from "./state";
import type { GCObject } from "./types";
import { GC_FINALIZED } from "./types";

/** _PyObject_GC_IS_TRACKED. */
export function gc_is_tracked(op: GCObject): boolean {
  return op.gcIndex !== 0;
}

/** PyObject_GC_Track: append to generation 0 (no-op when already tracked). */
export function gc_track<O extends GCObject>(state: GCState<O>, op: O): void {
  if (op.gcIndex !== 0) return;
  gc_list_append(op, state.generations[0].head);
  const kind = state.host.kindOf(op);
  if (kind !== null) state.heads.kind[op.gcIndex] = kind === "tuple" ? KIND_TUPLE : kind === "dict" ? KIND_DICT : kind === "list" ? KIND_LIST : KIND_WEAKREF;
}

/**
 * PyObject_GC_UnTrack: leave whatever list the object is in and give the GC head back. The
 * FINALIZED bit survives (it is on the object), as in CPython where untracking resets _gc_prev
 * to its FINALIZED bit.
 */
export function gc_untrack(heads: GCHeads, op: GCObject): void {
  if (op.gcIndex === 0) return;
  gc_list_remove(heads, op);
}

/**
 * _PyObject_GC_Link: a fresh GC object was allocated (freelist reuse does not come here).
 * Returns true when a collection should be scheduled for the next eval-breaker check; the
 * state's `scheduled` flag is set as well.
 */
export function gc_on_alloc<O extends GCObject>(state: GCState<O>): boolean {
  const gen0 = state.generations[0];
  gen0.count++;
  if (gen0.count > gen0.threshold && state.enabled && gen0.threshold !== 0 && !state.collecting) {
    state.scheduled = true;
    return true;
  }
  return false;
}

/** PyObject_GC_Del: a GC object's memory is released (not pushed on a freelist). */
export function gc_on_free<O extends GCObject>(state: GCState<O>, op: O): void {
  if (op.gcIndex !== 0) gc_untrack(state.heads, op);
  if (state.generations[0].count > 0) state.generations[0].count--;
}

/** PyObject_GC_IsFinalized. */
export function gc_is_finalized(op: GCObject): boolean {
  return (op.gcFlags & GC_FINALIZED) !== 0;
}

/** _PyGC_SET_FINALIZED: the refcount-death path (PyObject_CallFinalizerFromDealloc) marks it too. */
export function gc_set_finalized(op: GCObject): void {
  op.gcFlags |= GC_FINALIZED;
}
