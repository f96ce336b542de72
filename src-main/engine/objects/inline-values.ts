// An instance's attributes before anything asks for its __dict__. CPython 3.13 keeps them as
// "inline values" inside the object, keyed by its class's shared keys, and makes no dict object
// (Objects/dictobject.c: _PyDictValues, store_instance_attr). The engine keeps names and values
// interleaved in one array, in insertion order, sized from what earlier instances of the class
// held (PyType.expectedAttributes, the counterpart of the shared keys' size). An instance is then
// one small JS object and one array instead of a dict object, a JS Map and an entry per attribute,
// which is what made creating, collecting and freeing millions of instances slow.
//
// It also carries the shape the keys table of a dict holding these entries would have (log2 size
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

export class InlineValues {
  /** [name0, value0, name1, value1, ...]: owned references, insertion order, `count` pairs used. */
  readonly items: PyObject[];
  count = 0;
  /** Position of each name; built on demand for many attributes, dropped when positions shift. */
  index: Map<string, number> | null = null;
  /** log2 of the keys table a dict of these entries would have (0: none yet). */
  log2Size = 0;
  /** dk_nentries of that table: slots used, deleted ones included. */
  nentries = 0;
  constructor(type: PyType) {
    // A presized array: V8 would otherwise give the first push room for 17 elements.
    this.items = new Array(2 * (type.expectedAttributes || FIRST_CAPACITY));
  }
}

/** The name of pair `i`. */
export function inlineName(v: InlineValues, i: number): PyStr {
  return v.items[2 * i] as PyStr;
}

/** The value of pair `i`. */
export function inlineValue(v: InlineValues, i: number): PyObject {
  return v.items[2 * i + 1];
}

/** Position of `name`, or -1. */
export function inlineIndexOf(v: InlineValues, name: string): number {
  const items = v.items;
  const count = v.count;
  if (count <= INDEX_AT) {
    for (let i = 0; i < count; i++) if ((items[2 * i] as PyStr).value === name) return i;
    return -1;
  }
  let index = v.index;
  if (index === null) {
    index = new Map();
    for (let i = 0; i < count; i++) index.set((items[2 * i] as PyStr).value, i);
    v.index = index;
  }
  return index.get(name) ?? -1;
}

/** The value stored under `name` (borrowed), or undefined. */
export function inlineGet(v: InlineValues, name: string): PyObject | undefined {
  const i = inlineIndexOf(v, name);
  return i < 0 ? undefined : v.items[2 * i + 1];
}

/**
 * Stores `value` (borrowed) in pair `i`: the attribute keeps its position and the old value is
 * released last, as dict assignment does.
 */
export function inlineReplace(v: InlineValues, i: number, value: PyObject): void {
  value.refcnt++;
  const old = v.items[2 * i + 1];
  v.items[2 * i + 1] = value;
  decref(old);
}

/**
 * Adds `key` (not present) with `value`, both borrowed: the storage takes its own references.
 * `type` is the instance's class, whose size hint grows with what its instances hold.
 */
export function inlineAppend(v: InlineValues, key: PyStr, value: PyObject, type: PyType): void {
  value.refcnt++;
  key.refcnt++;
  // insertdict's growth rule for a str-keyed table (objects/dict.ts dictSetItemHashed).
  const size = v.count;
  if (v.log2Size === 0) {
    v.log2Size = 3;
    v.nentries = size;
  } else if (v.nentries >= dictUsable(v.log2Size)) {
    v.log2Size = dictLog2ForMinsize(size * 3);
    v.nentries = size;
  }
  v.nentries++;
  v.items[2 * size] = key;
  v.items[2 * size + 1] = value;
  v.count = size + 1;
  if (v.index !== null) v.index.set(key.value, size);
  if (v.count > type.expectedAttributes && v.count <= MAX_EXPECTED) type.expectedAttributes = v.count;
}

/** Removes `name` and releases its name and value; false when there is no such attribute. */
export function inlineDelete(v: InlineValues, name: string): boolean {
  const i = inlineIndexOf(v, name);
  if (i < 0) return false;
  const key = v.items[2 * i];
  const value = v.items[2 * i + 1];
  v.items.splice(2 * i, 2);
  v.count--;
  v.index = null;
  decref(key);
  decref(value);
  return true;
}

/**
 * Releases every name and value, in insertion order. The caller has already detached `v` from its
 * instance, so nothing can reach it while the releases run finalizers.
 */
export function inlineRelease(v: InlineValues): void {
  const items = v.items;
  const end = 2 * v.count;
  for (let i = 0; i < end; i++) decref(items[i]);
}
