// Instances of classes defined in Python. A plain 3.13 instance keeps its attributes in inline
// values (a dict the engine keeps unallocated until __dict__ is asked for) and holds a reference
// to its class; slotted instances keep a fixed slot array instead.
import { allocObject, clearWeakRefsOf, decref, freeObject, gcTrack, PyObject, PyType, type Visit } from "./object";
import { heap } from "../heap/heap";
import { GEN_UNTRACKED } from "../heap/gcstate";
import { GC_HEAD_SIZE, INSTANCE_INLINE_VALUES, MANAGED_PREHEADER_SIZE } from "../profile";
import { PyDict, newDict, dictClear, mayBeTracked } from "./dict";
import { allocObject as alloc } from "./object";
import { SIZEOF } from "../profile";
import { vm } from "./hooks";

export class PyInstance extends PyObject {
  override get deallocReleasesType(): boolean {
    return true;
  }
  /** Attribute storage; `materialized` says whether it exists as a real dict object yet. */
  dict: PyDict | null = null;
  materialized = false;
  slots: (PyObject | null)[];
  constructor(type: PyType) {
    super(type);
    this.slots = type.slotNames.length > 0 ? new Array(type.slotIndex.size).fill(null) : EMPTY_SLOTS;
  }
  override dealloc(): void {
    // PEP 442: run __del__ once; it may resurrect the object.
    if ((this.gcFlags & FINALIZED) === 0 && this.type.hasFinalizer) {
      this.gcFlags |= FINALIZED;
      this.refcnt = 1;
      vm.callFinalizer(this);
      if (--this.refcnt !== 0) return;
    }
    if (this.gcGen !== GEN_UNTRACKED) heap.gc.untrack(this);
    clearWeakRefsOf(this); // [weakref hook] callbacks run before the attributes are released
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const v = slots[i];
      if (v !== null) {
        slots[i] = null;
        decref(v);
      }
    }
    const d = this.dict;
    this.dict = null;
    if (d !== null) {
      if (this.materialized) decref(d);
      else releaseInlineValues(d);
    }
    const t = this.type;
    if (!t.heapType) {
      freeObject(this, false);
      return;
    }
    freeObject(this, true);
    decref(t);
  }
  override traverse(visit: Visit): void {
    if (this.dict !== null) {
      // [collector hook] _PyObject_VisitManagedDict: while a materialized dict still shares the
      // inline values (and is untracked), the instance visits the values, not the dict.
      if (this.materialized && (this.dict.gcGen !== GEN_UNTRACKED || !dictSharesInlineValues(this))) visit(this.dict, "__dict__");
      else for (const e of this.dict.map.values()) visit(e.value, (e.key as unknown as { value: string }).value);
    }
    const slots = this.slots;
    if (slots.length > 0) {
      const names = this.type.slotNames;
      for (let i = 0; i < slots.length; i++) {
        const v = slots[i];
        if (v !== null) visit(v, names[i] ?? i);
      }
    }
    visit(this.type, "__class__");
  }
  override clear(): void {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) {
      const v = slots[i];
      if (v !== null) {
        slots[i] = null;
        decref(v);
      }
    }
    const d = this.dict;
    if (d !== null) {
      if (this.materialized) {
        this.dict = null;
        decref(d);
      } else dictClear(d);
    }
  }
}
/** gcFlags bit: __del__ already ran (PEP 442). */
export const FINALIZED = 1;
const EMPTY_SLOTS: (PyObject | null)[] = [];

function releaseInlineValues(d: PyDict): void {
  // Attribute values are released in insertion order. The instance is dead and its values were
  // never a dict object, so nothing can reach this map while they are released: walk it directly
  // (dictClear copies the entries first, for live dicts whose finalizers may mutate them).
  const map = d.map;
  for (const e of map.values()) {
    decref(e.key);
    decref(e.value);
  }
  map.clear();
}

/** Size CPython requests for an instance: pre-headers + basicsize (+ inline values). */
export function instanceAllocSize(type: PyType): number {
  if (!type.heapType) return type.basicsize;
  if (type.hasDict) return GC_HEAD_SIZE + MANAGED_PREHEADER_SIZE + SIZEOF.object + INSTANCE_INLINE_VALUES;
  return GC_HEAD_SIZE + (type.hasWeakref ? MANAGED_PREHEADER_SIZE : 0) + type.basicsize;
}

/** getsizeof of an instance. */
export function instanceSizeof(type: PyType): number {
  if (!type.heapType) return type.basicsize;
  return GC_HEAD_SIZE + (type.hasDict || type.hasWeakref ? MANAGED_PREHEADER_SIZE : 0) + type.basicsize;
}

export function newInstance(type: PyType): PyInstance {
  const o = new PyInstance(type);
  if (!type.heapType) {
    // object(): a bare 16-byte object, not a GC type.
    allocObject(o, instanceAllocSize(type), false);
    return o;
  }
  type.refcnt++;
  allocObject(o, instanceAllocSize(type), true);
  gcTrack(o);
  return o;
}

/** The attribute storage (created on first use, not yet a real object). */
export function instanceValues(o: PyInstance): PyDict {
  if (o.dict === null) {
    const d = new PyDict();
    d.inline = true;
    o.dict = d;
  }
  return o.dict;
}

/** instance.__dict__: materialise the dict object (allocated now, as CPython does). */
export function materializeDict(o: PyInstance): PyDict {
  const d = instanceValues(o);
  if (!o.materialized) {
    o.materialized = true;
    d.inline = false;
    alloc(d, GC_HEAD_SIZE + SIZEOF.dict, true);
    // [collector hook] make_dict_from_instance_attributes tracks the new dict only when one of
    // the values may be tracked (gc_instance_dict_cycle: q.__dict__ then q.me = q collects 1).
    for (const e of d.map.values()) {
      if (mayBeTracked(e.value)) {
        gcTrack(d);
        break;
      }
    }
  }
  return d;
}

/** Shared-keys capacity (SHARED_KEYS_MAX_SIZE): past it, a materialized dict owns its values. */
const SHARED_KEYS_MAX_SIZE = 30;

/**
 * [collector hook] A materialized __dict__ still sharing the instance's inline values: attribute
 * stores write the values directly (store_instance_attr) and never start tracking the dict.
 */
export function dictSharesInlineValues(o: PyInstance): boolean {
  const d = o.dict;
  return o.materialized && d !== null && d.allStrKeys && d.map.size <= SHARED_KEYS_MAX_SIZE;
}
void newDict;
