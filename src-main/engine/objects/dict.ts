// dict: insertion-ordered entries in a JS Map keyed by hashKey. The keys table is modelled as a
// separate allocation with CPython's sizes (log2 size, usable slots, str-only vs general entries),
// so growth and getsizeof follow dictresize; freed dicts go to the free list.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, type PyType, type Visit } from "./object";
import { heap } from "../heap/heap";
import { calculateLog2Keysize, dictKeysSize, dictLog2ForMinsize, dictUsable, FREELIST_MAX, GC_HEAD_SIZE, SIZEOF } from "../profile";
import { copyTableKey, forgetTableKey, hashKey, tableKey, type HashKey } from "./hashkey";
import type { PyHash } from "./pyhash";
import { PyStr } from "./str";
import { claimSharedKey, sharedKeysUsableSize } from "./shared-keys";
import { tupleType } from "./tuple";

export const dictType = builtinType({ name: "dict", basicsize: 48, gc: true, baseType: true });

export interface DictEntry {
  key: PyObject;
  value: PyObject;
}

export class PyDict extends PyObject {
  readonly map = new Map<HashKey, DictEntry>();
  /** log2 of the keys table size; 0 means no keys object (the empty dict). */
  log2Size = 0;
  /** dk_nentries: slots used including deleted ones. */
  nentries = 0;
  allStrKeys = true;
  keysAddr = 0;
  /** An instance's inline values: no object allocation, never tracked on its own. */
  inline = false;
  /** Keys hashed by Python __hash__, by hash (objects/hashkey.ts tableKey). */
  userKeys: Map<PyHash, HashKey[]> | null = null;
  /**
   * An instance's __dict__ made from its inline values (objects/instance.ts materializeDict): the
   * instance, while the dict still shares those values (see sharesInlineValues); null otherwise.
   */
  embeddedOwner: PyObject | null = null;
  /**
   * A split table: the dict's keys are its class's shared keys (an instance's __dict__, or a copy
   * of one). A new key must find room there, or the dict becomes an ordinary one for good.
   */
  splitKeysType: PyType | null = null;
  constructor() {
    super(dictType);
  }
  get sizeof(): number {
    if (this.splitKeysType !== null) return GC_HEAD_SIZE + SIZEOF.dict + 8 * sharedKeysUsableSize(this.splitKeysType);
    return GC_HEAD_SIZE + SIZEOF.dict + (this.log2Size === 0 ? 0 : dictKeysSize(this.log2Size, this.allStrKeys));
  }
  get size(): number {
    return this.map.size;
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const entries = [...this.map.values()];
    this.map.clear();
    for (const e of entries) {
      decref(e.key);
      decref(e.value);
    }
    freeKeys(this);
    const fl = heap.freeLists.dict;
    if (fl.length < FREELIST_MAX.dict) fl.push(this.addr);
    else freeObject(this, true);
  }
  /**
   * dict_traverse. A dict sharing an instance's inline values does not visit them (3.13 skips
   * `embedded` values): the instance does. So the collector sees no reference from such a dict,
   * and it counts as reachable from outside while the instance holds it: gc.collect() over an
   * instance in a cycle counts 1, not 2, after vars(instance).
   */
  override traverse(visit: Visit): void {
    if (sharesInlineValues(this)) return;
    dictTraverseEntries(this, visit);
  }
  override clear(): void {
    dictClear(this);
  }
}

/**
 * The dict still uses its instance's inline values (CPython: values->valid and embedded). It stops
 * for good once a key goes in that its class's shared keys have no room for (or that is not a
 * str), or when the instance lets go of it (embeddedOwner is then cleared).
 */
export function sharesInlineValues(d: PyDict): boolean {
  return d.embeddedOwner !== null;
}

/**
 * The full dict_traverse, labelled for the scene: a table of str keys only (DK_IS_UNICODE)
 * visits the values; a general table, once any key was not a str, visits each value and then its
 * key, str keys included.
 */
export function dictTraverseEntries(d: PyDict, visit: Visit): void {
  if (d.allStrKeys) {
    for (const e of d.map.values()) visit(e.value, (e.key as PyStr).value);
    return;
  }
  for (const e of d.map.values()) {
    visit(e.value, e.key instanceof PyStr ? e.key.value : "value");
    visit(e.key, "key");
  }
}

/** PyDict_LOG_MINSIZE: only keys objects of this size with str keys use the keys free list. */
const KEYS_FREELIST_LOG2 = 3;

/** new_keys_object: a keys block, from the keys free list when it is the 8-slot str kind. */
function newKeysBlock(log2: number, allStr: boolean): number {
  const fl = heap.freeLists.dictKeys;
  if (log2 === KEYS_FREELIST_LOG2 && allStr && fl.length > 0) return fl.pop()!;
  return heap.malloc(dictKeysSize(log2, allStr));
}

/** free_keys_object: the 8-slot str kind goes to the keys free list (it stays allocated). */
function releaseKeysBlock(address: number, log2: number, allStr: boolean): void {
  const fl = heap.freeLists.dictKeys;
  if (log2 === KEYS_FREELIST_LOG2 && allStr && fl.length < FREELIST_MAX.dict) fl.push(address);
  else heap.free(address);
}

function freeKeys(d: PyDict): void {
  if (d.keysAddr !== 0) releaseKeysBlock(d.keysAddr, d.log2Size, d.allStrKeys);
  d.keysAddr = 0;
  d.log2Size = 0;
  d.nentries = 0;
  d.allStrKeys = true;
}

/** dictresize: a new keys object is made, then the old one is released (no realloc). */
function resizeKeys(d: PyDict, log2: number, allStr: boolean): void {
  const oldAddr = d.keysAddr;
  const oldLog2 = d.log2Size;
  const oldStr = d.allStrKeys;
  d.log2Size = log2;
  d.allStrKeys = allStr;
  if (!d.inline) {
    d.keysAddr = newKeysBlock(log2, allStr);
    if (oldAddr !== 0) releaseKeysBlock(oldAddr, oldLog2, oldStr);
  }
  d.nentries = d.map.size;
}

export function newDict(): PyDict {
  const d = new PyDict();
  const fl = heap.freeLists.dict;
  if (fl.length > 0) d.addr = heap.reuseBlock(fl.pop()!);
  else allocObject(d, GC_HEAD_SIZE + SIZEOF.dict, true);
  return d;
}

/** A new dict presized for n items (_PyDict_NewPresized). */
export function newDictPresized(n: number): PyDict {
  const d = newDict();
  if (n > 5) resizeKeys(d, dictLog2ForMinsize(((n * 3) + 1) >> 1), true);
  return d;
}

function maybeTrack(d: PyDict, key: PyObject, value: PyObject): void {
  if (d.gcIndex === 0 && !d.inline && (mayBeTracked(key) || mayBeTracked(value))) gcTrack(d);
}

/** _PyObject_GC_MAY_BE_TRACKED */
export function mayBeTracked(o: PyObject): boolean {
  return o.type.gcInstances && (o.type !== tupleType || o.gcIndex !== 0);
}

/** d[key] = value; takes new references itself (key and value are borrowed). */
export function dictSetItem(d: PyDict, key: PyObject, value: PyObject): void {
  dictSetItemHashed(d, dictKey(d, key, true), key, value);
}

const entryKey = (e: unknown): PyObject => (e as DictEntry).key;

/** The dict's HashKey for `key` (user-hashed keys compared with __eq__); `insert` records a new one. */
export function dictKey(d: PyDict, key: PyObject, insert = false): HashKey {
  return tableKey(d, key, entryKey, insert);
}

/** The entry for `key`, or undefined (borrowed). */
export function dictLookup(d: PyDict, key: PyObject): DictEntry | undefined {
  return d.map.get(dictKey(d, key));
}

export function dictSetItemHashed(d: PyDict, hk: HashKey, key: PyObject, value: PyObject): void {
  const existing = d.map.get(hk);
  value.refcnt++;
  if (existing !== undefined) {
    const old = existing.value;
    existing.value = value;
    maybeTrack(d, key, value);
    decref(old);
    return;
  }
  key.refcnt++;
  const isStr = key instanceof PyStr;
  // A split table takes a new key into its class's shared keys if they have room; otherwise
  // (or for a key that is not a str) insertion_resize makes it an ordinary dict, which owns its
  // values from then on.
  const split = d.splitKeysType;
  const leavesSplit = split !== null && !(isStr && claimSharedKey(split, (key as PyStr).value));
  if (leavesSplit && isStr) {
    // The shared keys are full: insertion_resize sizes the new table for the entries it takes
    // over (GROWTH_RATE, used * 3), whatever shape the split table had.
    resizeKeys(d, calculateLog2Keysize(d.map.size * 3), d.allStrKeys);
  } else if (d.log2Size === 0) {
    resizeKeys(d, 3, isStr);
  } else if (!isStr && d.allStrKeys) {
    resizeKeys(d, Math.max(dictLog2ForMinsize(d.map.size * 3), d.log2Size + 1), false);
  } else if (d.nentries >= dictUsable(d.log2Size)) {
    resizeKeys(d, dictLog2ForMinsize(d.map.size * 3), d.allStrKeys);
  }
  d.map.set(hk, { key, value });
  d.nentries++;
  if (leavesSplit) {
    d.splitKeysType = null;
    d.embeddedOwner = null;
  }
  maybeTrack(d, key, value);
}

/** Borrowed value or undefined. */
export function dictGetItem(d: PyDict, key: PyObject): PyObject | undefined {
  return d.map.get(dictKey(d, key))?.value;
}

export function dictGetStr(d: PyDict, key: string): PyObject | undefined {
  return d.map.get(key)?.value;
}

export function dictSetStr(d: PyDict, key: PyStr, value: PyObject): void {
  dictSetItemHashed(d, key.value, key, value);
}

/** Removes key; returns false when absent. */
export function dictDelItem(d: PyDict, key: PyObject): boolean {
  return dictDelHashed(d, dictKey(d, key));
}

export function dictDelHashed(d: PyDict, hk: HashKey): boolean {
  const e = d.map.get(hk);
  if (e === undefined) return false;
  d.map.delete(hk);
  forgetTableKey(d, hk);
  decref(e.key);
  decref(e.value);
  return true;
}

/** Removes and returns the entry (references pass to the caller). */
export function dictPopEntry(d: PyDict, hk: HashKey): DictEntry | undefined {
  const e = d.map.get(hk);
  if (e === undefined) return undefined;
  d.map.delete(hk);
  forgetTableKey(d, hk);
  return e;
}

export function dictClear(d: PyDict): void {
  const entries = [...d.map.values()];
  d.map.clear();
  d.userKeys = null;
  freeKeys(d);
  for (const e of entries) {
    decref(e.key);
    decref(e.value);
  }
}

/** dict.copy(): compacted, presized to the used count. */
export function dictCopy(src: PyDict): PyDict {
  const d = newDict();
  // A copy of a split dict shares the same keys (PyDict_Copy), unless it is empty.
  if (src.map.size > 0) d.splitKeysType = src.splitKeysType;
  if (src.map.size > 0) {
    const allStr = src.allStrKeys;
    resizeKeys(d, Math.max(3, dictLog2ForMinsize(((src.map.size * 3) + 1) >> 1)), allStr);
    d.nentries = 0;
    for (const [hk, e] of src.map) {
      e.key.refcnt++;
      e.value.refcnt++;
      d.map.set(hk, { key: e.key, value: e.value });
      copyTableKey(d, hk);
      d.nentries++;
      maybeTrack(d, e.key, e.value);
    }
  }
  return d;
}
