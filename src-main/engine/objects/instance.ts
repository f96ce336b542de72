// Instances of classes defined in Python. A plain 3.13 instance keeps its attributes in inline
// values (objects/inline-values.ts: no dict object until __dict__ is asked for) and holds a
// reference to its class; slotted instances keep a fixed slot array instead.
import { allocObject, clearWeakRefsOf, decref, freeObject, PyObject_CallFinalizerFromDealloc, gcTrack, PyObject, PyType, releaseSlots, type Visit } from "./object";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, INSTANCE_INLINE_VALUES, MANAGED_PREHEADER_SIZE } from "../profile";
import { PyDict, dictDelItem, dictSetItem, mayBeTracked, sharesInlineValues } from "./dict";
import { claimSharedKey, sharedKeysInstanceMade } from "./shared-keys";
import { type InlineValues, inlineAppend, inlineDelete, inlineGet, inlineIndexOf, inlineName, inlineRelease, inlineReplace, inlineValue } from "./inline-values";
import { newStr, type PyStr } from "./str";
import { SIZEOF } from "../profile";

export class PyInstance extends PyObject implements InlineValues {
  override get deallocReleasesType(): boolean {
    return true;
  }
  // The attributes while no __dict__ object exists: the inline values (objects/inline-values.ts).
  values: PyObject[] | null = null;
  valuesUsed = 0;
  valuesIndex: Map<string, number> | null = null;
  valuesLog2Size = 0;
  valuesNentries = 0;
  /** The __dict__ object, once something asked for it; from then on it holds the attributes. */
  dict: PyDict | null = null;
  slots: (PyObject | null)[];
  constructor(type: PyType) {
    super(type);
    this.slots = type.slotNames.length > 0 ? new Array(type.slotIndex.size).fill(null) : EMPTY_SLOTS;
  }
  override dealloc(): void {
    if (PyObject_CallFinalizerFromDealloc(this)) return; // __del__ resurrected it
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    clearWeakRefsOf(this); // [weakref hook] callbacks run before the attributes are released
    this.releaseAttributes();
    const t = this.type;
    if (!t.heapType) {
      freeObject(this, false);
      return;
    }
    freeObject(this, true);
    decref(t);
  }
  /** subtype_traverse: see instanceTraverse. */
  override traverse(visit: Visit): void {
    instanceTraverse(this, visit);
  }
  override clear(): void {
    this.releaseAttributes();
  }
  /** subtype_clear, for the collector's host, which calls it directly (see instanceTraverse). */
  static clear(o: PyInstance): void {
    o.releaseAttributes();
  }
  /**
   * Empties the slots and the attribute storage. The storage is detached first: the releases can
   * run finalizers, and a store they make starts a fresh one (as after Py_CLEAR of the dict).
   */
  private releaseAttributes(): void {
    releaseSlots(this.slots);
    const d = this.dict;
    if (d !== null) {
      this.dict = null;
      d.embeddedOwner = null; // detached: a dict kept elsewhere owns and visits its values now
      decref(d);
    }
    inlineRelease(this);
  }
}
const EMPTY_SLOTS: (PyObject | null)[] = [];

/**
 * subtype_traverse: slots, then the attributes (values or __dict__), then the class. A plain
 * function as well as the method, so that the collector's host can call it directly for instances
 * (gc/engine-host.ts): V8 then inlines it, and the collector's visit function into it, where a call
 * through the method is a lookup among all the engine's types and a call per reference.
 */
export function instanceTraverse(o: PyInstance, visit: Visit): void {
  const slots = o.slots;
  if (slots.length > 0) {
    const names = o.type.slotNames;
    for (let i = 0; i < slots.length; i++) {
      const v = slots[i];
      if (v !== null) visit(v, names[i] ?? i);
    }
  }
  const d = o.dict;
  if (d !== null) {
    // [collector hook] _PyObject_VisitManagedDict: while a materialized dict still shares the
    // inline values, the instance visits the values, not the dict (which visits nothing).
    if (!sharesInlineValues(d)) visit(d, "__dict__");
    else for (const e of d.map.values()) visit(e.value, (e.key as PyStr).value);
  } else if (o.values !== null) {
    for (let i = 0; i < o.valuesUsed; i++) visit(inlineValue(o, i), inlineName(o, i).value);
  }
  visit(o.type, "__class__");
}


/**
 * Py_TPFLAGS_INLINE_VALUES: a class's instances keep their attributes inline when they have a
 * __dict__ and nothing else in the object (3.13 sets it only while tp_basicsize is that of a bare
 * object). With __slots__ beside '__dict__', attributes go into a real dict from the first one.
 */
export function hasInlineValues(type: PyType): boolean {
  return type.heapType && type.hasDict && type.slotNames.length === 0;
}

/** Size CPython requests for an instance: pre-headers + basicsize (+ inline values). */
export function instanceAllocSize(type: PyType): number {
  if (!type.heapType) return type.basicsize;
  if (hasInlineValues(type)) return GC_HEAD_SIZE + MANAGED_PREHEADER_SIZE + SIZEOF.object + INSTANCE_INLINE_VALUES;
  return GC_HEAD_SIZE + (type.hasDict || type.hasWeakref ? MANAGED_PREHEADER_SIZE : 0) + type.basicsize;
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
  if (hasInlineValues(type)) sharedKeysInstanceMade(type);
  gcTrack(o);
  return o;
}

/** The attribute `name` from the instance's __dict__ or inline values (borrowed), or undefined. */
export function instanceAttr(o: PyInstance, name: string): PyObject | undefined {
  if (o.dict !== null) return o.dict.map.get(name)?.value;
  return inlineGet(o, name);
}

/** Whether the instance's own storage has `name` (not the class, not slots). */
export function instanceHasAttr(o: PyInstance, name: string): boolean {
  if (o.dict !== null) return o.dict.map.has(name);
  return inlineIndexOf(o, name) >= 0;
}

/** The names in the instance's own storage, in insertion order. */
export function instanceAttrNames(o: PyInstance): string[] {
  if (o.dict !== null) return [...o.dict.map.values()].map((e) => (e.key as PyStr).value);
  const names: string[] = [];
  if (o.values !== null) for (let i = 0; i < o.valuesUsed; i++) names.push(inlineName(o, i).value);
  return names;
}

/** Stores an attribute (key and value borrowed), as store_instance_attr / PyObject_GenericSetAttr. */
export function instanceSetAttr(o: PyInstance, key: PyStr, value: PyObject): void {
  const d = o.dict;
  if (d === null && !hasInlineValues(o.type)) {
    // No inline values: the first attribute makes the dict (sharing the class's keys).
    dictSetItem(materializeDict(o), key, value);
    return;
  }
  if (d === null) {
    const i = inlineIndexOf(o, key.value);
    if (i >= 0) {
      inlineReplace(o, i, value);
      return;
    }
    if (claimSharedKey(o.type, key.value)) {
      inlineAppend(o, key, value, o.type);
      return;
    }
    // _PyObject_StoreInstanceAttribute: no room in the shared keys. The instance gets a dict made
    // from its values (sharing the keys), which becomes an ordinary dict as this key goes in
    // (dictSetItemHashed: insertion_resize).
    dictSetItem(materializeDict(o), key, value);
    return;
  }
  // [collector hook] store_instance_attr: a dict sharing the inline values is not tracked by the store.
  const untracked = dictSharesInlineValues(o) && d.gcIndex === 0;
  dictSetItem(d, key, value);
  if (untracked && dictSharesInlineValues(o)) heap.gc.untrack(d);
}

/** Deletes an attribute from the instance's own storage; false when it has none by that name. */
export function instanceDelAttr(o: PyInstance, name: string): boolean {
  const d = o.dict;
  if (d === null) {
    // _PyObject_StoreInstanceAttribute(obj, name, NULL) looks the name up with
    // insert_into_splitdictkeys, so deleting a missing attribute still claims it a shared key.
    claimSharedKey(o.type, name);
    return inlineDelete(o, name);
  }
  if (sharesInlineValues(d)) claimSharedKey(o.type, name); // the values are still inline: same path
  const k = newStr(name);
  const ok = dictDelItem(d, k);
  decref(k);
  return ok;
}

/** instance.__dict__: materialise the dict object (allocated now, as CPython does). */
export function materializeDict(o: PyInstance): PyDict {
  if (o.dict !== null) return o.dict;
  const d = new PyDict();
  if (o.values !== null) {
    // The entries move over with their references; the dict's table has the inline values' shape.
    for (let i = 0; i < o.valuesUsed; i++) d.map.set(inlineName(o, i).value, { key: inlineName(o, i), value: inlineValue(o, i) });
    d.log2Size = o.valuesLog2Size;
    d.nentries = o.valuesNentries;
    o.values = null;
    o.valuesUsed = 0;
    o.valuesIndex = null;
  }
  o.dict = d;
  // Only a dict made from inline values shares them; one made for a class without any owns its
  // values from the start (the collector sees it as any dict).
  d.embeddedOwner = hasInlineValues(o.type) ? o : null;
  d.splitKeysType = o.type;
  allocObject(d, GC_HEAD_SIZE + SIZEOF.dict, true);
  // [collector hook] make_dict_from_instance_attributes tracks the new dict only when one of
  // the values may be tracked (gc_instance_dict_cycle: q.__dict__ then q.me = q collects 1).
  for (const e of d.map.values()) {
    if (mayBeTracked(e.value)) {
      gcTrack(d);
      break;
    }
  }
  return d;
}

/**
 * [collector hook] A materialized __dict__ still sharing the instance's inline values: attribute
 * stores write the values directly (store_instance_attr) and never start tracking the dict.
 */
export function dictSharesInlineValues(o: PyInstance): boolean {
  return o.dict !== null && sharesInlineValues(o.dict);
}
