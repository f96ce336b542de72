// The steps of one collection, each a small function named after its counterpart in CPython 3.13's
// Python/gc.c and headed by what holds after it. gc_collect_main (collect.ts) calls them in order.
//
// Flags while a collection runs (see types.ts):
//   GC_COLLECTING  - set by update_refs on every object of the collected generation; cleared when
//                    an object is found reachable, moved to `finalizers`, or survives delete_garbage.
//   GC_UNREACHABLE - set by move_unreachable on what it puts in `unreachable`; cleared when the
//                    object moves back, and for all of them by move_legacy_finalizers.
import {
  GCList,
  gc_list_append,
  gc_list_clear_collecting,
  gc_list_init,
  gc_list_is_empty,
  gc_list_merge,
  gc_list_move,
} from "./gc_list";
import { DEBUG_SAVEALL, type GCState } from "./state";
import { gc_untrack } from "./tracking";
import type { GCHost, GCObject, GCVisit } from "./types";
import { GC_COLLECTING, GC_FINALIZED, GC_UNREACHABLE } from "./types";

/** Ids of objects a phase acted on, collected only when events are being recorded. */
export type IdSink = number[] | null;

/**
 * After: every object in `containers` has GC_COLLECTING set and gcRefs = its refcount.
 * Immortal objects are untracked instead (they can never be garbage).
 * Returns the number of candidates.
 */
export function update_refs<O extends GCObject>(host: GCHost<O>, containers: GCList): number {
  let candidates = 0;
  let gc = containers.gcNext;
  while (gc !== containers) {
    const next = gc.gcNext!;
    const op = gc as O;
    if (host.isImmortal(op)) {
      gc_untrack(op);
    } else {
      op.gcRefs = op.refcnt;
      op.gcFlags = (op.gcFlags & ~GC_UNREACHABLE) | GC_COLLECTING; // keeps FINALIZED and non-gc bits
      candidates++;
    }
    gc = next;
  }
  return candidates;
}

/** The traversal callback of subtract_refs: one reference from inside the set, one fewer from outside. */
export function visit_decref(op: GCObject): void {
  if ((op.gcFlags & GC_COLLECTING) !== 0) op.gcRefs--;
}

/**
 * After: each object's gcRefs counts only the references from outside `containers` (from older
 * generations, frames, other roots). gcRefs > 0 means directly reachable from outside.
 */
export function subtract_refs<O extends GCObject>(host: GCHost<O>, containers: GCList): void {
  const visit = visit_decref as GCVisit<O>;
  for (let gc = containers.gcNext; gc !== containers; gc = gc.gcNext!) host.traverse(gc as O, visit);
}

/**
 * The traversal callback of move_unreachable, for an object known to be reachable: whatever it
 * points at in the collected set is reachable too. An object already put in `unreachable` moves
 * back to the end of `young`, to be scanned again.
 */
export function visit_reachable(young: GCList): GCVisit<GCObject> {
  return (op: GCObject) => {
    const flags = op.gcFlags;
    if ((flags & GC_COLLECTING) === 0) return; // other generation, or already scanned
    if ((flags & GC_UNREACHABLE) !== 0) {
      gc_list_move(op, young);
      op.gcFlags = flags & ~GC_UNREACHABLE;
      op.gcRefs = 1;
    } else if (op.gcRefs === 0) {
      op.gcRefs = 1; // still ahead in young: it will be scanned as reachable
    }
  };
}

/**
 * After: `young` holds exactly the objects reachable from outside it, GC_COLLECTING cleared, in
 * scan order (objects found reachable late were moved to its end); `unreachable` holds the rest,
 * in their original order, with GC_COLLECTING and GC_UNREACHABLE set.
 */
export function move_unreachable<O extends GCObject>(host: GCHost<O>, young: GCList, unreachable: GCList): void {
  const visit = visit_reachable(young) as GCVisit<O>;
  let gc = young.gcNext;
  while (gc !== young) {
    const op = gc as O;
    if (op.gcRefs !== 0) {
      // Definitely reachable. Its traversal may append objects to young, so read next afterwards.
      host.traverse(op, visit);
      op.gcFlags &= ~GC_COLLECTING;
      gc = op.gcNext!;
    } else {
      // Maybe unreachable: assume so until something reachable points at it.
      const next = op.gcNext!;
      gc_list_move(op, unreachable);
      op.gcFlags |= GC_UNREACHABLE;
      gc = next;
    }
  }
}

/** update_refs, subtract_refs and move_unreachable over `base`; returns the candidate count. */
export function deduce_unreachable<O extends GCObject>(host: GCHost<O>, base: GCList, unreachable: GCList): number {
  const candidates = update_refs(host, base);
  subtract_refs(host, base);
  gc_list_init(unreachable);
  move_unreachable(host, base, unreachable);
  return candidates;
}

/** _PyObject_GC_MAY_BE_TRACKED: a GC object, unless it is an exact tuple that is untracked. */
function mayBeTracked<O extends GCObject>(host: GCHost<O>, op: O): boolean {
  if (!host.isGC(op)) return false;
  if (host.untrackKind(op) === "tuple") return op.gcNext !== null;
  return true;
}

/** _PyTuple_MaybeUntrack / _PyDict_MaybeUntrack: untrack when no item may be tracked. */
function maybeUntrack<O extends GCObject>(host: GCHost<O>, op: O, untracked: IdSink): void {
  if (op.gcNext === null) return;
  let keep = false;
  const visit = (item: O): void => {
    if (!keep && mayBeTracked(host, item)) keep = true;
  };
  if (host.untrackItems !== undefined) host.untrackItems(op, visit);
  else host.traverse(op, visit);
  if (!keep) {
    gc_untrack(op);
    untracked?.push(host.address(op));
  }
}

/**
 * After: every exact tuple in `head` whose items are all untracked (or not GC objects) is
 * untracked, walking in list order, so an outer tuple scanned before its inner one stays tracked.
 */
export function untrack_tuples<O extends GCObject>(host: GCHost<O>, head: GCList, untracked: IdSink): void {
  let gc = head.gcNext;
  while (gc !== head) {
    const next = gc.gcNext!;
    if (host.untrackKind(gc as O) === "tuple") maybeUntrack(host, gc as O, untracked);
    gc = next;
  }
}

/** After: likewise for exact dicts (full collections only). */
export function untrack_dicts<O extends GCObject>(host: GCHost<O>, head: GCList, untracked: IdSink): void {
  let gc = head.gcNext;
  while (gc !== head) {
    const next = gc.gcNext!;
    if (host.untrackKind(gc as O) === "dict") maybeUntrack(host, gc as O, untracked);
    gc = next;
  }
}

/**
 * After: `unreachable` is an ordinary list again (GC_UNREACHABLE cleared on all); the objects
 * with a legacy finalizer (tp_del) are in `finalizers`, GC_COLLECTING cleared.
 */
export function move_legacy_finalizers<O extends GCObject>(host: GCHost<O>, unreachable: GCList, finalizers: GCList): void {
  let gc = unreachable.gcNext;
  while (gc !== unreachable) {
    const op = gc as O;
    const next = op.gcNext!;
    op.gcFlags &= ~GC_UNREACHABLE;
    if (host.hasLegacyFinalizer(op)) {
      op.gcFlags &= ~GC_COLLECTING;
      gc_list_move(op, finalizers);
    }
    gc = next;
  }
}

/** The traversal callback of move_legacy_finalizer_reachable. */
function visit_move(tolist: GCList): GCVisit<GCObject> {
  return (op: GCObject) => {
    if ((op.gcFlags & GC_COLLECTING) !== 0) {
      gc_list_move(op, tolist);
      op.gcFlags &= ~GC_COLLECTING;
    }
  };
}

/** After: everything unreachable that a legacy finalizer can reach is in `finalizers` too. */
export function move_legacy_finalizer_reachable<O extends GCObject>(host: GCHost<O>, finalizers: GCList): void {
  const visit = visit_move(finalizers) as GCVisit<O>;
  // The list grows while we walk it.
  for (let gc = finalizers.gcNext; gc !== finalizers; gc = gc.gcNext!) host.traverse(gc as O, visit);
}

export interface WeakrefTrace {
  cleared: number[];
  callbacks: number[];
  freed: number[];
}

/**
 * After: every weakref to an object in `unreachable` is cleared, and so is every weakref that is
 * itself unreachable. Callbacks of the cleared weakrefs that are still reachable have run (before
 * any __del__), each once; those weakrefs moved to `old` unless the callback's end freed them.
 * Returns how many were freed (they count as collected).
 */
export function handle_weakrefs<O extends GCObject>(host: GCHost<O>, unreachable: GCList, old: GCList, trace: WeakrefTrace | null): number {
  const wrcb_to_call = new GCList("wrcb_to_call");
  // First pass: clear everything, so no callback can reach an unreachable object through a weakref.
  for (let gc = unreachable.gcNext; gc !== unreachable; gc = gc.gcNext!) {
    const op = gc as O;
    if (host.isWeakref(op)) {
      host.clearWeakref(op);
      trace?.cleared.push(host.address(op));
    }
    const wrlist = host.weakrefsTo(op);
    if (wrlist === null) continue;
    for (const wr of wrlist) {
      host.clearWeakref(wr);
      trace?.cleared.push(host.address(wr));
      if (!host.weakrefHasCallback(wr)) continue;
      // A weakref that is garbage itself gets no callback.
      if ((wr.gcFlags & GC_COLLECTING) !== 0) continue;
      host.incref(wr);
      if (wr.gcNext === null) gc_list_append(wr, wrcb_to_call);
      else gc_list_move(wr, wrcb_to_call);
    }
  }
  // Second pass: the callbacks we decided to honor.
  let num_freed = 0;
  while (!gc_list_is_empty(wrcb_to_call)) {
    const wr = wrcb_to_call.gcNext as O;
    trace?.callbacks.push(host.address(wr));
    host.callWeakrefCallback(wr);
    host.decref(wr);
    if (wrcb_to_call.gcNext === wr) {
      gc_list_move(wr, old); // still alive
    } else {
      num_freed++;
      trace?.freed.push(host.address(wr));
    }
  }
  return num_freed;
}

/** Has a tp_finalize that has not run yet (PEP 442: once per object). */
function needsFinalizing<O extends GCObject>(host: GCHost<O>, op: O): boolean {
  return (op.gcFlags & GC_FINALIZED) === 0 && host.hasFinalizer(op);
}

/**
 * After: tp_finalize (__del__) has run once on every object of `collectable` that has one and
 * had not been finalized before (PEP 442), in list order, and each is marked GC_FINALIZED.
 * Finalizers may have freed objects (they left the list) or resurrected some (still listed).
 * Returns how many finalizers ran.
 */
export function finalize_garbage<O extends GCObject>(host: GCHost<O>, collectable: GCList, finalized: IdSink): number {
  let ran = 0;
  // Nothing to finalize (the common case): the loop below would move each object to `seen` and
  // back in the same order, so skip it after a read-only scan.
  let first = collectable.gcNext;
  while (first !== collectable && !needsFinalizing(host, first as O)) first = first.gcNext!;
  if (first === collectable) return 0;
  // A finalizer can free any object of the list, so always take the first and park it in `seen`.
  const seen = new GCList("seen");
  while (!gc_list_is_empty(collectable)) {
    const op = collectable.gcNext as O;
    gc_list_move(op, seen);
    if (needsFinalizing(host, op)) {
      op.gcFlags |= GC_FINALIZED;
      ran++;
      finalized?.push(host.address(op));
      host.incref(op);
      host.finalize(op);
      host.decref(op);
    }
  }
  gc_list_merge(seen, collectable);
  return ran;
}

/**
 * After: objects of `unreachable` that a finalizer made reachable again (and everything they
 * reach) are in `old_generation`; `still_unreachable` holds the rest, GC_COLLECTING set.
 */
export function handle_resurrected_objects<O extends GCObject>(
  host: GCHost<O>,
  unreachable: GCList,
  still_unreachable: GCList,
  old_generation: GCList,
  resurrected: IdSink,
): void {
  gc_list_clear_collecting(unreachable);
  deduce_unreachable(host, unreachable, still_unreachable);
  for (let gc = still_unreachable.gcNext; gc !== still_unreachable; gc = gc.gcNext!) {
    (gc as GCObject).gcFlags &= ~GC_UNREACHABLE;
  }
  if (resurrected !== null) {
    for (let gc = unreachable.gcNext; gc !== unreachable; gc = gc.gcNext!) resurrected.push(host.address(gc as O));
  }
  gc_list_merge(unreachable, old_generation);
}

export interface DeleteTrace {
  cleared: number[];
  saved: number[];
  survivors: number[];
}

/**
 * After: `collectable` is empty. Each object was tp_clear'ed (breaking the cycles, so refcounts
 * reach 0 and objects are freed), or with DEBUG_SAVEALL appended to gc.garbage; what is still
 * alive afterwards moved to `old`.
 */
export function delete_garbage<O extends GCObject>(state: GCState<O>, collectable: GCList, old: GCList, trace: DeleteTrace | null): void {
  const host = state.host;
  while (!gc_list_is_empty(collectable)) {
    const op = collectable.gcNext as O;
    if ((state.debug & DEBUG_SAVEALL) !== 0) {
      host.appendGarbage(op);
      trace?.saved.push(host.address(op));
    } else {
      trace?.cleared.push(host.address(op));
      host.incref(op);
      host.clear(op);
      host.decref(op);
    }
    if (collectable.gcNext === op) {
      // Still alive: it may die later.
      op.gcFlags &= ~GC_COLLECTING;
      gc_list_move(op, old);
      trace?.survivors.push(host.address(op));
    }
  }
}

/**
 * After: objects with a legacy finalizer (all of `finalizers` under DEBUG_SAVEALL) are appended
 * to gc.garbage, and `finalizers` is merged into `old`: uncollectable, they stay alive.
 */
export function handle_legacy_finalizers<O extends GCObject>(state: GCState<O>, finalizers: GCList, old: GCList, garbage: IdSink): void {
  const host = state.host;
  for (let gc = finalizers.gcNext; gc !== finalizers; gc = gc.gcNext!) {
    const op = gc as O;
    if ((state.debug & DEBUG_SAVEALL) !== 0 || host.hasLegacyFinalizer(op)) {
      host.appendGarbage(op);
      garbage?.push(host.address(op));
    }
  }
  gc_list_merge(finalizers, old);
}
