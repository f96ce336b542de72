// An instance's attributes before anything asks for its __dict__. CPython 3.13 keeps them as
// "inline values" inside the object, keyed by its class's shared keys, and makes no dict object
// (Objects/dictobject.c: _PyDictValues, store_instance_attr). The engine keeps names and values
// interleaved in one array, in insertion order, sized from what earlier instances of the class
// held (PyType.expectedAttributes, the counterpart of the shared keys' size). The fields below
// live on the instance itself (objects/instance.ts), as the values live inside the object in C:
// an instance is one JS object and one array, not a dict object, a JS Map and an entry per
// attribute, nor a separate values object (collections load every instance, and each extra JS
// object per instance is one more load and more work for V8's own collector).
//
// They also carry the shape the keys table of a dict holding these entries would have (log2 size
// and used entries, grown by dictresize's rule), so that a __dict__ made from them later
// (objects/instance.ts materializeDict) has the size the engine's dicts give it.
import { decref, type PyObject, type PyType } from "./object";
import type { PyStr } from "./str";
import { dictLog2ForMinsize, dictUsable } from "../profile";

/** Past this many attributes a name -> position map replaces the linear scan. */
const INDEX_AT = 8;
/** Room made for a class's first instance, and the most a class's hint grows to. */
const FIRST_CAPACITY = 4;
const MAX_EXPECTED = 30; // SHARED_KEYS_MAX_SIZE

/** What an instance holds for its inline values. */
export interface InlineValues {
  /**
   * [name0, value0, name1, value1, ...]: owned references, insertion order, `valuesUsed` pairs
   * used; null while the instance has none (no attribute stored yet, or its __dict__ holds them).
   */
  values: PyObject[] | null;
  valuesUsed: number;
  /** Position of each name; built on demand for many attributes, dropped when positions shift. */
  valuesIndex: Map<string, number> | null;
  /** log2 of the keys table a dict of these entries would have (0: none yet). */
  valuesLog2Size: number;
  /** dk_nentries of that table: slots used, deleted ones included. */
  valuesNentries: number;
}

/** Gives `v` empty inline values, with room for what its class's instances usually hold. */
export function inlineInit(v: InlineValues, type: PyType): PyObject[] {
  // A presized array: V8 would otherwise give the first push room for 17 elements.
  const items = new Array<PyObject>(2 * (type.expectedAttributes || FIRST_CAPACITY));
  v.values = items;
  v.valuesUsed = 0;
  v.valuesIndex = null;
  v.valuesLog2Size = 0;
  v.valuesNentries = 0;
  return items;
}

/** The name of pair `i` (the instance has inline values). */
export function inlineName(v: InlineValues, i: number): PyStr {
  return v.values![2 * i] as PyStr;
}

/** The value of pair `i` (the instance has inline values). */
export function inlineValue(v: InlineValues, i: number): PyObject {
  return v.values![2 * i + 1];
}

/** Position of `name`, or -1 (also when there are no inline values). */
export function inlineIndexOf(v: InlineValues, name: string): number {
  const items = v.values;
  if (items === null) return -1;
  const count = v.valuesUsed;
  if (count <= INDEX_AT) {
    for (let i = 0; i < count; i++) if ((items[2 * i] as PyStr).value === name) return i;
    return -1;
  }
  let index = v.valuesIndex;
  if (index === null) {
    index = new Map();
    for (let i = 0; i < count; i++) index.set((items[2 * i] as PyStr).value, i);
    v.valuesIndex = index;
  }
  return index.get(name) ?? -1;
}

/** The value stored under `name` (borrowed), or undefined. */
export function inlineGet(v: InlineValues, name: string): PyObject | undefined {
  const i = inlineIndexOf(v, name);
  return i < 0 ? undefined : v.values![2 * i + 1];
}

/**
 * Stores `value` (borrowed) in pair `i`: the attribute keeps its position and the old value is
 * released last, as dict assignment does.
 */
export function inlineReplace(v: InlineValues, i: number, value: PyObject): void {
  value.refcnt++;
  const items = v.values!;
  const old = items[2 * i + 1];
  items[2 * i + 1] = value;
  decref(old);
}

/**
 * Adds `key` (not present) with `value`, both borrowed: the storage takes its own references, and
 * is made if the instance has none. `type` is the instance's class, whose size hint grows with
 * what its instances hold.
 */
export function inlineAppend(v: InlineValues, key: PyStr, value: PyObject, type: PyType): void {
  const items = v.values ?? inlineInit(v, type);
  value.refcnt++;
  key.refcnt++;
  // insertdict's growth rule for a str-keyed table (objects/dict.ts dictSetItemHashed).
  const size = v.valuesUsed;
  if (v.valuesLog2Size === 0) {
    v.valuesLog2Size = 3;
    v.valuesNentries = size;
  } else if (v.valuesNentries >= dictUsable(v.valuesLog2Size)) {
    v.valuesLog2Size = dictLog2ForMinsize(size * 3);
    v.valuesNentries = size;
  }
  v.valuesNentries++;
  items[2 * size] = key;
  items[2 * size + 1] = value;
  v.valuesUsed = size + 1;
  if (v.valuesIndex !== null) v.valuesIndex.set(key.value, size);
  if (size + 1 > type.expectedAttributes && size + 1 <= MAX_EXPECTED) type.expectedAttributes = size + 1;
}

/** Removes `name` and releases its name and value; false when there is no such attribute. */
export function inlineDelete(v: InlineValues, name: string): boolean {
  const i = inlineIndexOf(v, name);
  if (i < 0) return false;
  const items = v.values!;
  const key = items[2 * i];
  const value = items[2 * i + 1];
  items.splice(2 * i, 2);
  v.valuesUsed--;
  v.valuesIndex = null;
  decref(key);
  decref(value);
  return true;
}

/**
 * Detaches the inline values from the instance, then releases every name and value in insertion
 * order: the releases can run finalizers, and a store they make starts fresh values.
 */
export function inlineRelease(v: InlineValues): void {
  const items = v.values;
  if (items === null) return;
  const end = 2 * v.valuesUsed;
  v.values = null;
  v.valuesUsed = 0;
  v.valuesIndex = null;
  for (let i = 0; i < end; i++) decref(items[i]);
}
