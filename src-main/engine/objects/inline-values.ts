// An instance's attributes before anything asks for its __dict__. CPython 3.13 keeps them as
// "inline values" inside the object, keyed by its class's shared keys, and makes no dict object
// (Objects/dictobject.c: _PyDictValues, store_instance_attr). The engine keeps them as two
// parallel arrays in insertion order: an instance is then one small JS object and two arrays
// instead of a dict object, a JS Map and an entry per attribute, which is what made creating,
// collecting and freeing millions of instances slow.
//
// The arrays also carry the shape the keys table of a dict holding these entries would have (log2
// size and used entries, grown by dictresize's rule), so that a __dict__ made from them later
// (objects/instance.ts materializeDict) has the size the engine's dicts give it.
import { decref, type PyObject } from "./object";
import type { PyStr } from "./str";
import { dictLog2ForMinsize, dictUsable } from "../profile";

/** Past this many attributes a name -> position map replaces the linear scan. */
const INDEX_AT = 8;

export class InlineValues {
  /** Attribute names, in insertion order (each an owned reference). */
  readonly names: PyStr[] = [];
  /** Their values, at the same positions (owned). */
  readonly values: PyObject[] = [];
  /** Position of each name; built on demand for many attributes, dropped when positions shift. */
  index: Map<string, number> | null = null;
  /** log2 of the keys table a dict of these entries would have (0: none yet). */
  log2Size = 0;
  /** dk_nentries of that table: slots used, deleted ones included. */
  nentries = 0;
}

/** Position of `name`, or -1. */
export function inlineIndexOf(v: InlineValues, name: string): number {
  const names = v.names;
  if (names.length <= INDEX_AT) {
    for (let i = 0; i < names.length; i++) if (names[i].value === name) return i;
    return -1;
  }
  let index = v.index;
  if (index === null) {
    index = new Map();
    for (let i = 0; i < names.length; i++) index.set(names[i].value, i);
    v.index = index;
  }
  return index.get(name) ?? -1;
}

/** The value stored under `name` (borrowed), or undefined. */
export function inlineGet(v: InlineValues, name: string): PyObject | undefined {
  const i = inlineIndexOf(v, name);
  return i < 0 ? undefined : v.values[i];
}

/**
 * Stores `value` under `key` (both borrowed; the storage takes its own references). Replacing
 * keeps the attribute's position and releases the old value last, as dict assignment does.
 */
export function inlineSet(v: InlineValues, key: PyStr, value: PyObject): void {
  const i = inlineIndexOf(v, key.value);
  value.refcnt++;
  if (i >= 0) {
    const old = v.values[i];
    v.values[i] = value;
    decref(old);
    return;
  }
  key.refcnt++;
  // insertdict's growth rule for a str-keyed table (objects/dict.ts dictSetItemHashed).
  const size = v.names.length;
  if (v.log2Size === 0) {
    v.log2Size = 3;
    v.nentries = size;
  } else if (v.nentries >= dictUsable(v.log2Size)) {
    v.log2Size = dictLog2ForMinsize(size * 3);
    v.nentries = size;
  }
  v.nentries++;
  v.names.push(key);
  v.values.push(value);
  if (v.index !== null) v.index.set(key.value, size);
}

/** Removes `name` and releases its name and value; false when there is no such attribute. */
export function inlineDelete(v: InlineValues, name: string): boolean {
  const i = inlineIndexOf(v, name);
  if (i < 0) return false;
  const key = v.names[i];
  const value = v.values[i];
  v.names.splice(i, 1);
  v.values.splice(i, 1);
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
  const names = v.names;
  const values = v.values;
  for (let i = 0; i < names.length; i++) {
    decref(names[i]);
    decref(values[i]);
  }
}
