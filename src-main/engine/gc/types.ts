// The contract between CPython 3.13's cyclic collector (this folder) and the objects it collects.
//
// An object the collector can see carries a GC head: two links that thread it through exactly one
// intrusive, circular, doubly linked list (a generation, or one of a collection's working sets),
// a scratch word for gc_refs and a word of flags. The field names are the engine's (PyObject in
// objects/object.ts declares them), so every engine object already has the shape; the meaning is
// CPython's `PyGC_Head` with the tagged bits split out into plain fields:
//
//   CPython                          here
//   _gc_next == 0 (untracked)        gcNext === null
//   _gc_next / _gc_prev pointers     gcNext / gcPrev (a list head is a GCList sentinel node)
//   gc_refs (high bits of _gc_prev)  gcRefs
//   PREV_MASK_COLLECTING             gcFlags & GC_COLLECTING
//   NEXT_MASK_UNREACHABLE            gcFlags & GC_UNREACHABLE
//   _PyGC_PREV_MASK_FINALIZED        gcFlags & GC_FINALIZED
//   (which generation list)          gcGen: a label kept equal to the list's `generation`
//
// Everything that depends on the type of an object (tp_traverse, tp_clear, tp_finalize, tp_del,
// weakref lists) or that runs Python code (weakref callbacks, gc.callbacks, gc.garbage) goes through
// a GCHost, which the engine implements once and unit tests implement with fake objects.

/** A node of a GC list: an object's GC head, or a list's sentinel head. */
export interface GCNode {
  gcNext: GCNode | null;
  gcPrev: GCNode | null;
}

/** An object with a GC head. `refcnt` is ob_refcnt. */
export interface GCObject extends GCNode {
  refcnt: number;
  /** gc_refs: meaningful only while a collection runs. */
  gcRefs: number;
  /** GC_FINALIZED | GC_COLLECTING | GC_UNREACHABLE. */
  gcFlags: number;
  /**
   * The `generation` label of the list the object is in: 0..2, GEN_PERMANENT, GEN_WORKING while
   * a collection holds it in one of its own lists, GEN_UNTRACKED when in none. The lists are the
   * truth; the label lets the engine answer "is it tracked / which generation" in O(1).
   */
  gcGen: number;
}

export const GEN_UNTRACKED = -1;
/** A collection's working lists (unreachable, finalizers, ...). */
export const GEN_WORKING = -2;
export const GEN_PERMANENT = 3;

/** PEP 442: tp_finalize (__del__) has run for this object; it never runs again. */
export const GC_FINALIZED = 1;
/** The object belongs to the generation being collected (set by update_refs). */
export const GC_COLLECTING = 2;
/** move_unreachable put the object in the unreachable list (may still move back). */
export const GC_UNREACHABLE = 4;

/** Visits one outgoing reference. Extra arguments (the engine passes a label) are ignored. */
export type GCVisit<O> = (child: O) => void;

/** What gc.callbacks receive as `info` (exactly these three keys in 3.13). */
export interface GCCallbackInfo {
  generation: number;
  collected: number;
  uncollectable: number;
}

/**
 * The engine side of the collector: type slots, reference counting, weakrefs, and the module-level
 * Python objects (gc.garbage, gc.callbacks). Each member names the CPython function it stands for.
 */
export interface GCHost<O extends GCObject> {
  // ---- type slots -------------------------------------------------------------------------
  /** _PyObject_IS_GC(op): the type has Py_TPFLAGS_HAVE_GC (tracked or not). */
  isGC(op: O): boolean;
  /** Py_TYPE(op)->tp_traverse(op, visit): every strong reference op holds, atoms included. */
  traverse(op: O, visit: GCVisit<O>): void;
  /**
   * The items _PyTuple_MaybeUntrack / _PyDict_MaybeUntrack look at: what tp_traverse visits, except
   * that a dict sharing an instance's inline values is judged by those values (which its
   * tp_traverse leaves to the instance). Defaults to traverse.
   */
  untrackItems?(op: O, visit: GCVisit<O>): void;
  /** Py_TYPE(op)->tp_clear(op); does nothing for types without one. */
  clear(op: O): void;
  /** Py_TYPE(op)->tp_finalize != NULL (a Python class with __del__, a generator...). */
  hasFinalizer(op: O): boolean;
  /** Py_TYPE(op)->tp_finalize(op). Exceptions are the host's to report ("Exception ignored in"). */
  finalize(op: O): void;
  /** has_legacy_finalizer(op): Py_TYPE(op)->tp_del != NULL (C types only; never a Python class). */
  hasLegacyFinalizer(op: O): boolean;
  /**
   * PyTuple_CheckExact / PyDict_CheckExact, for untrack_tuples and untrack_dicts. Any other
   * type answers null.
   */
  untrackKind(op: O): "tuple" | "dict" | null;
  /** _Py_IsImmortal(op): update_refs untracks immortal objects instead of counting them. */
  isImmortal(op: O): boolean;
  /** tp_name, for DEBUG_COLLECTABLE / DEBUG_UNCOLLECTABLE lines. */
  typeName(op: O): string;
  /** id(op): the address printed by debug output and used by phase events. */
  address(op: O): number;

  // ---- reference counting -------------------------------------------------------------------
  incref(op: O): void;
  /** Py_DECREF: may deallocate op (and run __del__, weakref callbacks, untrack...). */
  decref(op: O): void;

  // ---- weak references ----------------------------------------------------------------------
  /** PyWeakref_Check(op): op is a weakref.ref / proxy (or subclass) object. */
  isWeakref(op: O): boolean;
  /**
   * The weakrefs pointing at op, in the order of op's weakref list (*wrlist), or null when op's
   * type does not support weakrefs. The collector may clear them while walking the result.
   */
  weakrefsTo(op: O): readonly O[] | null;
  /** _PyWeakref_ClearRef(wr): the referent becomes None, wr leaves its list, the callback stays. */
  clearWeakref(wr: O): void;
  /** wr->wr_callback != NULL. */
  weakrefHasCallback(wr: O): boolean;
  /** Calls wr's callback with wr; exceptions are reported as unraisable by the host. */
  callWeakrefCallback(wr: O): void;

  // ---- the gc module's Python objects ----------------------------------------------------------
  /** Calls each object in gc.callbacks with (phase, info); does nothing when it is empty. */
  invokeCallbacks(phase: "start" | "stop", info: GCCallbackInfo): void;
  /** gc.garbage.append(op). */
  appendGarbage(op: O): void;
  /** _PyGC_ClearAllFreeLists: a full collection empties the free lists. */
  clearFreeLists(): void;
  /** PySys_WriteStderr. */
  writeStderr(text: string): void;
  /** Seconds on a monotonic clock, for DEBUG_STATS' "elapsed"; absent = always 0. */
  now?(): number;
}
