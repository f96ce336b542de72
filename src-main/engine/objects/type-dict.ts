// A heap type's namespace as the rest of the engine reads it (a Map from attribute name to value),
// stored in the real dict object CPython keeps as tp_dict. The engine's lookups stay name-based;
// the dict object is what the collector traverses, counts and frees with the class.
//
// Ownership follows the Map conventions the engine's callers use: `set` takes over the caller's
// reference to the value and leaves an old value to the caller; `delete` hands the value to the
// caller. The keys are interned str objects the dict owns.
import { decref, gcTrack, PyObject, type TypeNamespace } from "./object";
import { dictPopEntry, dictSetItemHashed, mayBeTracked, PyDict } from "./dict";
import { internString } from "./str";

export class HeapTypeDict implements TypeNamespace {
  constructor(readonly dict: PyDict) {}

  get size(): number {
    return this.dict.map.size;
  }
  get(name: string): PyObject | undefined {
    return this.dict.map.get(name)?.value;
  }
  has(name: string): boolean {
    return this.dict.map.has(name);
  }
  set(name: string, value: PyObject): this {
    const d = this.dict;
    const existing = d.map.get(name);
    if (existing !== undefined) {
      existing.value = value;
      // MAINTAIN_TRACKING: a value that may be tracked makes the dict tracked.
      if (d.gcIndex === 0 && mayBeTracked(value)) gcTrack(d);
      return this;
    }
    const key = internString(name);
    dictSetItemHashed(d, name, key, value);
    decref(key);
    decref(value);
    return this;
  }
  delete(name: string): boolean {
    const e = dictPopEntry(this.dict, name);
    if (e === undefined) return false;
    decref(e.key);
    return true;
  }
  *keys(): IterableIterator<string> {
    for (const k of this.dict.map.keys()) yield k as string;
  }
  *values(): IterableIterator<PyObject> {
    for (const e of this.dict.map.values()) yield e.value;
  }
  *[Symbol.iterator](): IterableIterator<[string, PyObject]> {
    for (const [k, e] of this.dict.map) yield [k as string, e.value];
  }
}
