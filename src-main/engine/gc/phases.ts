// The steps of one collection, each a small function named after its counterpart in CPython 3.13's
// Python/gc.c and headed by what holds after it. gc_collect_main (collect.ts) calls them in order.
//
// Flags while a collection runs (heads.flags, see gc_heads.ts):
//   GC_COLLECTING  - set by update_refs on every object of the collected generation; cleared when
//                    an object is found reachable, moved to `finalizers`, or survives delete_garbage.
//   GC_UNREACHABLE - set by move_unreachable on what it puts in `unreachable`; cleared when the
//                    object moves back, and for all of them by move_legacy_finalizers.
//   GC_WEAKREF_WORK, GC_MAY_FINALIZE - noted by update_refs for handle_weakrefs and
//                    finalize_garbage (see note_weakrefs_and_finalizer).
//
// The walks run over indices (heads.next) and load an object only when they need something of it.
// Phases that run no Python code keep the heads' arrays in locals; those that do (weakref
// callbacks, finalizers, tp_clear) read them from `heads` again, since tracking a new object may
// have grown (replaced) them.
import { GC_COLLECTING, GC_MAY_FINALIZE, GC_UNREACHABLE, GC_WEAKREF_WORK, KIND_DICT, KIND_LIST, KIND_TUPLE, KIND_WEAKREF, type GCHeads } from "./gc_heads";
import {
  GCList,
  gc_list_append,
  gc_list_clear_collecting,
  gc_list_first,
  gc_list_init,
  gc_list_is_empty,
  gc_list_merge,
  gc_list_move,
  gc_list_move_index,
} from "./gc_list";
import { DEBUG_SAVEALL, type GCState } from "./state";
import { gc_untrack } from "./tracking";
import type { GCHost, GCObject, GCVisit } from "./types";
import { GC_FINALIZED, GC_WEAKREFERENCED } from "./types";

/** Ids of objects a phase acted on, collected only when events are being recorded. */
export type IdSink = number[] | null;

/**
 * After: every object in `containers` has GC_COLLECTING set and gc_refs = its refcount, and
 * GC_WEAKREF_WORK / GC_MAY_FINALIZE noted. Immortal objects are untracked instead (they can never
 * be garbage). Returns the number of candidates.
 */
export function update_refs<O extends GCObject>(host: GCHost<O>, containers: GCList): number {
  const heads = containers.heads;
  const { next, refs, flags, objects } = heads;
  const h = containers.index;
  let candidates = 0;
  let notedAny = 0;
  let i = next[h];
  while (i !== h) {
    const n = next[i];
    const op = objects[i] as O;
    const refcnt = op.refcnt;
    if (host.isImmortalRefcnt(refcnt)) {
      gc_untrack(heads, op);
    } else {
      refs[i] = refcnt;
      const notes = note_weakrefs_and_finalizer(host, op, heads.kind[i]);
      flags[i] = GC_COLLECTING | notes;
      notedAny |= notes;
      candidates++;
    }
    i = n;
  }
  heads.notedAny = notedAny;
  return candidates;
}

/**
 * What handle_weakrefs and finalize_garbage will want to know of `op`, noted while update_refs has
 * it loaded: GC_WEAKREF_WORK when it is a weakref or has weakrefs, GC_MAY_FINALIZE when
 * needsFinalizing. Those phases then pass over the other unreachable objects without loading
 * them (collecting a million instances in cycles took a tenth less). The notes hold until Python code
 * runs: finalize_garbage trusts GC_MAY_FINALIZE only while no weakref callback or finalizer has
 * run since (nothing else runs Python code before it), and handle_weakrefs runs none before its
 * first pass is done.
 */
function note_weakrefs_and_finalizer<O extends GCObject>(host: GCHost<O>, op: O, kind: number): number {
  // op.gcFlags is read once: each property read of an object whose type V8 cannot predict here
  // (it sees every kind of object) is a lookup of its own.
  const gcFlags = op.gcFlags;
  const weakrefWork = kind === KIND_WEAKREF || (gcFlags & GC_WEAKREFERENCED) !== 0 ? GC_WEAKREF_WORK : 0;
  return weakrefWork | ((gcFlags & GC_FINALIZED) === 0 && host.hasFinalizer(op) ? GC_MAY_FINALIZE : 0);
}

// The two hot traversal callbacks are plain functions reading the collection's arrays from the
// variables below, not closures made per collection: a traverse function's call site then keeps
// seeing the same few targets, and V8 can inline them there. Neither runs Python code, so the
// arrays cannot be replaced (by the heads growing) while they are in use.
let visitHeads: GCHeads | null = null;
let visitRefs = new Int32Array(0);
let visitFlags = new Uint8Array(0);
let visitYoung: GCList | null = null;

function setVisitState(heads: GCHeads, young: GCList | null): void {
  visitHeads = heads;
  visitRefs = heads.refs;
  visitFlags = heads.flags;
  visitYoung = young;
}

/** The traversal callback of subtract_refs: one reference from inside the set, one fewer from outside. */
function visit_decref(op: GCObject): void {
  const i = op.gcIndex;
  if ((visitFlags[i] & GC_COLLECTING) !== 0) visitRefs[i]--;
}

/**
 * After: each object's gc_refs counts only the references from outside `containers` (from older
 * generations, frames, other roots). gc_refs > 0 means directly reachable from outside.
 */
export function subtract_refs<O extends GCObject>(host: GCHost<O>, containers: GCList): void {
  const heads = containers.heads;
  const { next, objects, kind } = heads;
  setVisitState(heads, null);
  const h = containers.index;
  for (let i = next[h]; i !== h; i = next[i]) subtract_refs_of(host, objects[i] as O, kind[i]);
}

/** Calls visit_decref on everything `op` references (its tp_traverse). */
function subtract_refs_of<O extends GCObject>(host: GCHost<O>, op: O, kind: number): void {
  const items = host.sequenceItems;
  if (items !== undefined && isSequence(kind)) {
    // list_traverse / tupletraverse in place: see isSequence.
    const seq = items(op);
    for (let j = seq.length - 1; j >= 0; j--) {
      // visit_decref, written out so that this read of an item's gcIndex learns the types of list
      // items only (the items of one list are often all of one type, and V8 then reads the field
      // directly instead of looking it up as it must in visit_decref, which sees every type).
      const c = seq[j].gcIndex;
      if ((visitFlags[c] & GC_COLLECTING) !== 0) visitRefs[c]--;
    }
  } else {
    host.traverse(op, visit_decref);
  }
}

/**
 * update_refs and subtract_refs in one walk instead of two, for the collections whose phases
 * nobody records (gc_collect_main calls the two in turn when the scene wants each step's gc_refs).
 * After: the same as after the two.
 *
 * Why it is the same: the first loop marks every object GC_COLLECTING with gc_refs 0, touching
 * only the heads. The second adds each object's refcount to its own gc_refs and takes one off each
 * candidate it references: additions and subtractions commute, so the order in which objects come
 * does not matter. An immortal object is untracked and not traversed, as update_refs takes it out
 * of the list before subtract_refs walks it; what was taken off its gc_refs before is forgotten
 * with it.
 *
 * Why: a collection's time goes mostly in loading objects, and this loads each once where the two
 * walks loaded it twice.
 */
export function update_refs_and_subtract_refs<O extends GCObject>(host: GCHost<O>, containers: GCList): number {
  const heads = containers.heads;
  const { next, refs, flags } = heads;
  const h = containers.index;
  for (let i = next[h]; i !== h; i = next[i]) {
    refs[i] = 0;
    flags[i] = GC_COLLECTING;
  }
  setVisitState(heads, null);
  chunkCandidates = 0;
  chunkNotedAny = 0;
  let i = next[h];
  while (i !== h) i = update_refs_and_subtract_refs_chunk(host, heads, i, h);
  heads.notedAny = chunkNotedAny;
  return chunkCandidates;
}

// The long walks are made in chunks of this many objects, one call per chunk. Why: V8 can only
// optimize a function that is running once, through a million-iteration loop, by on-stack
// replacement, and when that code meets a case it had not seen (another type of object) it falls
// back to unoptimized code for the rest of the loop until a new replacement is compiled: a sixth
// of a full collection of a million lists. A function called per chunk is optimized, and after
// such a fallback re-optimized, the ordinary way, at the next calls.
const CHUNK = 1024;
/**
 * Candidates counted and notes or'ed together by update_refs_and_subtract_refs_chunk (its return
 * value is the next index).
 */
let chunkCandidates = 0;
let chunkNotedAny = 0;

/** update_refs_and_subtract_refs over at most CHUNK objects from index i; returns where to go on. */
function update_refs_and_subtract_refs_chunk<O extends GCObject>(host: GCHost<O>, heads: GCHeads, i: number, h: number): number {
  const { next, refs, flags, objects, kind } = heads;
  for (let budget = CHUNK; i !== h && budget > 0; budget--) {
    const n = next[i];
    const op = objects[i] as O;
    const refcnt = op.refcnt;
    if (host.isImmortalRefcnt(refcnt)) {
      gc_untrack(heads, op);
    } else {
      refs[i] += refcnt;
      const notes = note_weakrefs_and_finalizer(host, op, kind[i]);
      flags[i] |= notes;
      chunkNotedAny |= notes;
      chunkCandidates++;
      subtract_refs_of(host, op, kind[i]);
    }
    i = n;
  }
  return i;
}

/**
 * An exact list or tuple, whose traverse visits its items, last first, and nothing else. The two
 * hot passes make those visits in place, in the same order, instead of calling traverse with a
 * callback per item (which cost a sixth of a full collection of a million lists).
 */
function isSequence(kind: number): boolean {
  return kind === KIND_LIST || kind === KIND_TUPLE;
}

/**
 * The traversal callback of move_unreachable, for an object known to be reachable: whatever it
 * points at in the collected set is reachable too. An object already put in `unreachable` moves
 * back to the end of `young`, to be scanned again.
 */
function visit_reachable(op: GCObject): void {
  visit_reachable_index(op.gcIndex);
}

/** visit_reachable, given the object's gcIndex. */
function visit_reachable_index(i: number): void {
  const flags = visitFlags;
  const f = flags[i];
  if ((f & GC_COLLECTING) === 0) return; // untracked, other generation, or already scanned
  if ((f & GC_UNREACHABLE) !== 0) {
    gc_list_move_index(visitHeads!, i, visitYoung!);
    flags[i] = f & ~GC_UNREACHABLE;
    visitRefs[i] = 1;
  } else if (visitRefs[i] === 0) {
    visitRefs[i] = 1; // still ahead in young: it will be scanned as reachable
  }
}

/**
 * After: `young` holds exactly the objects reachable from outside it, GC_COLLECTING cleared, in
 * scan order (objects found reachable late were moved to its end); `unreachable` holds the rest,
 * in their original order, with GC_COLLECTING and GC_UNREACHABLE set.
 */
export function move_unreachable<O extends GCObject>(host: GCHost<O>, young: GCList, unreachable: GCList): void {
  const heads = young.heads;
  setVisitState(heads, young);
  const h = young.index;
  let i = heads.next[h];
  while (i !== h) i = move_unreachable_chunk(host, heads, unreachable, i, h);
}

/** move_unreachable over at most CHUNK objects from index i (see CHUNK); returns where to go on. */
function move_unreachable_chunk<O extends GCObject>(host: GCHost<O>, heads: GCHeads, unreachable: GCList, i: number, h: number): number {
  const { next, refs, flags, objects, kind } = heads;
  const items = host.sequenceItems;
  for (let budget = CHUNK; i !== h && budget > 0; budget--) {
    if (refs[i] !== 0) {
      // Definitely reachable. Its traversal may append objects to young, so read next afterwards.
      const op = objects[i] as O;
      if (items !== undefined && isSequence(kind[i])) {
        const seq = items(op);
        // The item's gcIndex is read here, not in visit_reachable: see subtract_refs_of.
        for (let j = seq.length - 1; j >= 0; j--) visit_reachable_index(seq[j].gcIndex);
      } else {
        host.traverse(op, visit_reachable);
      }
      flags[i] &= ~GC_COLLECTING;
      i = next[i];
    } else {
      // Maybe unreachable: assume so until something reachable points at it.
      const n = next[i];
      gc_list_move_index(heads, i, unreachable);
      flags[i] |= GC_UNREACHABLE;
      i = n;
    }
  }
  return i;
}

/** update_refs, subtract_refs and move_unreachable over `base`; returns the candidate count. */
export function deduce_unreachable<O extends GCObject>(host: GCHost<O>, base: GCList, unreachable: GCList): number {
  const candidates = update_refs_and_subtract_refs(host, base);
  gc_list_init(unreachable);
  move_unreachable(host, base, unreachable);
  return candidates;
}

/** _PyObject_GC_MAY_BE_TRACKED: a GC object, unless it is an exact tuple that is untracked. */
function mayBeTracked<O extends GCObject>(host: GCHost<O>, op: O): boolean {
  if (!host.isGC(op)) return false;
  if (host.kindOf(op) === "tuple") return op.gcIndex !== 0;
  return true;
}

/** _PyTuple_MaybeUntrack / _PyDict_MaybeUntrack: untrack when no item may be tracked. */
function maybeUntrack<O extends GCObject>(host: GCHost<O>, heads: GCHeads, op: O, untracked: IdSink): void {
  if (op.gcIndex === 0) return;
  let keep = false;
  const visit = (item: O): void => {
    if (!keep && mayBeTracked(host, item)) keep = true;
  };
  if (host.untrackItems !== undefined) host.untrackItems(op, visit);
  else host.traverse(op, visit);
  if (!keep) {
    gc_untrack(heads, op);
    untracked?.push(host.address(op));
  }
}

/** Calls maybeUntrack on each object of `head` of the given kind (heads.kind), in list order. */
function untrack_kind<O extends GCObject>(host: GCHost<O>, head: GCList, kind: number, untracked: IdSink): void {
  const heads = head.heads;
  const { next, objects } = heads;
  const kinds = heads.kind;
  const h = head.index;
  let i = next[h];
  while (i !== h) {
    const n = next[i]; // maybeUntrack may give index i back
    if (kinds[i] === kind) maybeUntrack(host, heads, objects[i] as O, untracked);
    i = n;
  }
}

/**
 * After: every exact tuple in `head` whose items are all untracked (or not GC objects) is
 * untracked, walking in list order, so an outer tuple scanned before its inner one stays tracked.
 */
export function untrack_tuples<O extends GCObject>(host: GCHost<O>, head: GCList, untracked: IdSink): void {
  untrack_kind(host, head, KIND_TUPLE, untracked);
}

/** After: likewise for exact dicts (full collections only). */
export function untrack_dicts<O extends GCObject>(host: GCHost<O>, head: GCList, untracked: IdSink): void {
  untrack_kind(host, head, KIND_DICT, untracked);
}

/**
 * After: `unreachable` is an ordinary list again (GC_UNREACHABLE cleared on all); the objects
 * with a legacy finalizer (tp_del) are in `finalizers`, GC_COLLECTING cleared.
 */
export function move_legacy_finalizers<O extends GCObject>(host: GCHost<O>, unreachable: GCList, finalizers: GCList): void {
  const heads = unreachable.heads;
  const { next, flags, objects } = heads;
  const h = unreachable.index;
  let i = next[h];
  while (i !== h) {
    const n = next[i];
    flags[i] &= ~GC_UNREACHABLE;
    if (host.hasLegacyFinalizer(objects[i] as O)) {
      flags[i] &= ~GC_COLLECTING;
      gc_list_move_index(heads, i, finalizers);
    }
    i = n;
  }
}

/** The traversal callback of move_legacy_finalizer_reachable. */
function visit_move(tolist: GCList): GCVisit<GCObject> {
  const heads = tolist.heads;
  return (op: GCObject) => {
    const i = op.gcIndex;
    if ((heads.flags[i] & GC_COLLECTING) !== 0) {
      gc_list_move_index(heads, i, tolist);
      heads.flags[i] &= ~GC_COLLECTING;
    }
  };
}

/** After: everything unreachable that a legacy finalizer can reach is in `finalizers` too. */
export function move_legacy_finalizer_reachable<O extends GCObject>(host: GCHost<O>, finalizers: GCList): void {
  const heads = finalizers.heads;
  const visit = visit_move(finalizers) as GCVisit<O>;
  const h = finalizers.index;
  // The list grows while we walk it.
  for (let i = heads.next[h]; i !== h; i = heads.next[i]) host.traverse(heads.objects[i] as O, visit);
}

export interface WeakrefTrace {
  cleared: number[];
  callbacks: number[];
  freed: number[];
}

/** What handle_weakrefs did: weakrefs freed (they count as collected) and callbacks called. */
export interface WeakrefOutcome {
  freed: number;
  callbacks: number;
}

/**
 * After: every weakref to an object in `unreachable` is cleared, and so is every weakref that is
 * itself unreachable. Callbacks of the cleared weakrefs that are still reachable have run (before
 * any __del__), each once; those weakrefs moved to `old` unless the callback's end freed them.
 */
export function handle_weakrefs<O extends GCObject>(host: GCHost<O>, unreachable: GCList, old: GCList, trace: WeakrefTrace | null): WeakrefOutcome {
  const heads = unreachable.heads;
  const wrcb_to_call = new GCList(heads, "wrcb_to_call");
  // First pass: clear everything, so no callback can reach an unreachable object through a weakref.
  // No Python code runs here, but appending an untracked weakref to wrcb_to_call takes an index,
  // which may grow the heads: read the arrays from `heads` each time.
  const h = unreachable.index;
  // No object of the collected generation is a weakref or has one: nothing to clear.
  const first = (heads.notedAny & GC_WEAKREF_WORK) === 0 ? h : heads.next[h];
  for (let i = first; i !== h; i = heads.next[i]) {
    if ((heads.flags[i] & GC_WEAKREF_WORK) === 0) continue; // neither a weakref nor weakly referenced
    const op = heads.objects[i] as O;
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
      if (wr.gcIndex !== 0 && (heads.flags[wr.gcIndex] & GC_COLLECTING) !== 0) continue;
      host.incref(wr);
      if (wr.gcIndex === 0) gc_list_append(wr, wrcb_to_call);
      else gc_list_move(wr, wrcb_to_call);
    }
  }
  // Second pass: the callbacks we decided to honor.
  let num_freed = 0;
  let callbacks = 0;
  while (!gc_list_is_empty(wrcb_to_call)) {
    const wr = gc_list_first<O>(wrcb_to_call);
    callbacks++;
    trace?.callbacks.push(host.address(wr));
    host.callWeakrefCallback(wr);
    host.decref(wr);
    if (!gc_list_is_empty(wrcb_to_call) && gc_list_first<O>(wrcb_to_call) === wr) {
      gc_list_move(wr, old); // still alive
    } else {
      num_freed++;
      trace?.freed.push(host.address(wr));
    }
  }
  wrcb_to_call.release();
  return { freed: num_freed, callbacks };
}

/** Has a tp_finalize that has not run yet (PEP 442: once per object). */
function needsFinalizing<O extends GCObject>(host: GCHost<O>, op: O): boolean {
  return (op.gcFlags & GC_FINALIZED) === 0 && host.hasFinalizer(op);
}

/**
 * After: tp_finalize (__del__) has run once on every object of `collectable` that has one and
 * had not been finalized before (PEP 442), in list order, and each is marked GC_FINALIZED.
 * Finalizers may have freed objects (they left the list) or resurrected some (still listed).
 * `notesCurrent`: no Python code has run since update_refs noted GC_MAY_FINALIZE (no weakref
 * callback was called), so the note can answer needsFinalizing without loading the object.
 * Returns how many finalizers ran.
 */
export function finalize_garbage<O extends GCObject>(host: GCHost<O>, collectable: GCList, finalized: IdSink, notesCurrent: boolean): number {
  const heads = collectable.heads;
  let ran = 0;
  // No object of the collected generation needed finalizing when update_refs looked.
  if (notesCurrent && (heads.notedAny & GC_MAY_FINALIZE) === 0) return 0;
  // Nothing to finalize (the common case): the loop below would move each object to `seen` and
  // back in the same order, so skip it after a read-only scan.
  {
    const { next, flags, objects } = heads;
    const h = collectable.index;
    let i = next[h];
    if (notesCurrent) while (i !== h && (flags[i] & GC_MAY_FINALIZE) === 0) i = next[i];
    else while (i !== h && !needsFinalizing(host, objects[i] as O)) i = next[i];
    if (i === h) return 0;
  }
  // A finalizer can free any object of the list, so always take the first and park it in `seen`.
  // Finalizers can also track new objects, which may grow (replace) the heads' arrays.
  const seen = new GCList(heads, "seen");
  const h = collectable.index;
  while (heads.next[h] !== h) {
    const i = heads.next[h];
    gc_list_move_index(heads, i, seen);
    // Once a finalizer has run, any object may have changed: ask the object itself.
    if (notesCurrent ? (heads.flags[i] & GC_MAY_FINALIZE) === 0 : !needsFinalizing(host, heads.objects[i] as O)) continue;
    const op = heads.objects[i] as O;
    op.gcFlags |= GC_FINALIZED;
    ran++;
    finalized?.push(host.address(op));
    host.incref(op);
    host.finalize(op);
    host.decref(op);
    notesCurrent = false;
  }
  gc_list_merge(seen, collectable);
  seen.release();
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
  const heads = unreachable.heads;
  gc_list_clear_collecting(unreachable);
  deduce_unreachable(host, unreachable, still_unreachable);
  const { next, flags, objects } = heads;
  const s = still_unreachable.index;
  for (let i = next[s]; i !== s; i = next[i]) flags[i] &= ~GC_UNREACHABLE;
  if (resurrected !== null) {
    const h = unreachable.index;
    for (let i = next[h]; i !== h; i = next[i]) resurrected.push(host.address(objects[i] as O));
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
  const heads = collectable.heads;
  while (!gc_list_is_empty(collectable)) {
    const op = gc_list_first<O>(collectable);
    if ((state.debug & DEBUG_SAVEALL) !== 0) {
      host.appendGarbage(op);
      trace?.saved.push(host.address(op));
    } else {
      trace?.cleared.push(host.address(op));
      host.incref(op);
      host.clear(op);
      host.decref(op);
    }
    if (!gc_list_is_empty(collectable) && gc_list_first<O>(collectable) === op) {
      // Still alive: it may die later.
      heads.flags[op.gcIndex] &= ~GC_COLLECTING;
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
  const heads = finalizers.heads;
  const h = finalizers.index;
  for (let i = heads.next[h]; i !== h; i = heads.next[i]) {
    const op = heads.objects[i] as O;
    if ((state.debug & DEBUG_SAVEALL) !== 0 || host.hasLegacyFinalizer(op)) {
      host.appendGarbage(op);
      garbage?.push(host.address(op));
    }
  }
  gc_list_merge(finalizers, old);
}
