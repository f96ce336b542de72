// The contract between CPython 3.13's cyclic collector (this folder) and the objects it collects.
//
// An object the collector can see has a GC head: two links that thread it through exactly one
// circular, doubly linked list (a generation, or one of a collection's working sets), a scratch
// word for gc_refs and a byte of flags. The heads live in typed arrays (gc_heads.ts), and the
// object holds its index into them. This is CPython's `PyGC_Head`, with the tagged bits split out:
//
//   CPython                          here
//   _gc_next == 0 (untracked)        op.gcIndex === 0
//   _gc_next / _gc_prev pointers     heads.next[i] / heads.prev[i] (a list head is a sentinel index)
//   gc_refs (high bits of _gc_prev)  heads.refs[i]
//   PREV_MASK_COLLECTING             heads.flags[i] & GC_COLLECTING
//   NEXT_MASK_UNREACHABLE            heads.flags[i] & GC_UNREACHABLE
//   _PyGC_PREV_MASK_FINALIZED        op.gcFlags & GC_FINALIZED (on the object: it outlives tracking)
//   (which generation list)          not recorded, as in CPython: walk the lists to find out
//
// Everything that depends on the type of an object (tp_traverse, tp_clear, tp_finalize, tp_del,
// weakref lists) or that runs Python code (weakref callbacks, gc.callbacks, gc.garbage) goes through
// a GCHost, which the engine implements once and unit tests implement with fake objects.

/** An object with a GC head. `refcnt` is ob_refcnt. */
export interface GCObject {
  refcnt: number;
  /** Index of the object's GC head in its interpreter's GCHeads; 0 when not tracked. */
  gcIndex: number;
  /**
   * Bits that belong to the object, not to its GC head: GC_FINALIZED, GC_WEAKREFERENCED, and the
   * engine's own (keep them).
   */
  gcFlags: number;
}


/** PEP 442: tp_finalize (__del__) has run for this object; it never runs again. */
export const GC_FINALIZED = 1;
/**
 * The object has weak references: the host keeps this bit of gcFlags set while the object's
 * weakref list is non-empty (CPython looks at the list itself, *_PyObject_GET_WEAKREFS_LISTPTR).
 */
export const GC_WEAKREFERENCED = 8;
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
   * PyTuple_CheckExact / PyDict_CheckExact, for untrack_tuples and untrack_dicts,
   * PyList_CheckExact, and PyWeakref_Check (as isWeakref). Any other object answers null. Asked
   * once, when the object is tracked: none of these can change while it lives.
   */
  kindOf(op: O): "tuple" | "dict" | "list" | "weakref" | null;
  /**
   * The items of an exact list or tuple (kindOf "list" or "tuple"), which their traverse
   * visits last first and nothing else. When given, the collector's hottest passes walk the items
   * itself instead of calling traverse with a callback per item. Optional.
   */
  sequenceItems?(op: O): readonly O[];
  /**
   * _Py_IsImmortal, given op's refcount (the collector has just read it): update_refs untracks
   * immortal objects instead of counting them.
   */
  isImmortalRefcnt(refcnt: number): boolean;
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
