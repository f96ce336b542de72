// set and frozenset: a JS Map from hashKey to the member. The table is 8 inline slots, then a
// separate block resized when fill*5 >= mask*3, as set_add_entry / set_table_resize do.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, type Visit } from "./object";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, SET_MINSIZE, setNeedsResize, setNewSlots, SIZEOF } from "../profile";
import { GEN_UNTRACKED } from "../heap/gcstate";
import { forgetTableKey, tableKey, type HashKey } from "./hashkey";

export const setType = builtinType({ name: "set", basicsize: 200, gc: true, baseType: true });
export const frozensetType = builtinType({ name: "frozenset", basicsize: 200, gc: true, baseType: true });

export class PySet extends PyObject {
  readonly map = new Map<HashKey, PyObject>();
  /** Members hashed by Python __hash__, by hash (objects/hashkey.ts tableKey). */
  userKeys: Map<number, HashKey[]> | null = null;
  /** Active + dummy slots. */
  fill = 0;
  slots = SET_MINSIZE;
  tableAddr = 0;
  get sizeof(): number {
    return GC_HEAD_SIZE + SIZEOF.set + (this.slots > SET_MINSIZE ? 16 * this.slots : 0);
  }
  override dealloc(): void {
    if (this.gcGen !== GEN_UNTRACKED) heap.gc.untrack(this);
    const items = [...this.map.values()];
    this.map.clear();
    for (const o of items) decref(o);
    if (this.tableAddr !== 0) heap.free(this.tableAddr);
    freeObject(this, true);
  }
  override traverse(visit: Visit): void {
    let i = 0;
    for (const o of this.map.values()) visit(o, i++);
  }
  override clear(): void {
    setClear(this);
  }
}

export function newSet(frozen = false): PySet {
  const s = new PySet(frozen ? frozensetType : setType);
  allocObject(s, GC_HEAD_SIZE + SIZEOF.set, true);
  gcTrack(s);
  return s;
}

function resize(s: PySet, slots: number): void {
  if (slots === s.slots) {
    s.fill = s.map.size;
    return;
  }
  if (slots > SET_MINSIZE) s.tableAddr = heap.realloc(s.tableAddr, 16 * slots);
  else if (s.tableAddr !== 0) {
    heap.free(s.tableAddr);
    s.tableAddr = 0;
  }
  s.slots = slots;
  s.fill = s.map.size;
}

/** Adds a borrowed item (takes its own reference when new). */
export function setAdd(s: PySet, o: PyObject): void {
  setAddHashed(s, setKey(s, o, true), o);
}

const member = (v: unknown): PyObject => v as PyObject;

/** The set's HashKey for `o` (user-hashed members compared with __eq__); `insert` records a new one. */
export function setKey(s: PySet, o: PyObject, insert = false): HashKey {
  return tableKey(s, o, member, insert);
}

export function setAddHashed(s: PySet, hk: HashKey, o: PyObject): void {
  if (s.map.has(hk)) return;
  o.refcnt++;
  s.map.set(hk, o);
  s.fill++;
  if (setNeedsResize(s.fill, s.slots - 1)) resize(s, setNewSlots(s.map.size));
}

export function setContains(s: PySet, o: PyObject): boolean {
  return s.map.has(setKey(s, o));
}

export function setDiscard(s: PySet, o: PyObject): boolean {
  const hk = setKey(s, o);
  const item = s.map.get(hk);
  if (item === undefined) return false;
  s.map.delete(hk);
  forgetTableKey(s, hk);
  decref(item);
  return true;
}

export function setClear(s: PySet): void {
  const items = [...s.map.values()];
  s.map.clear();
  s.userKeys = null;
  resize(s, SET_MINSIZE);
  s.fill = 0;
  for (const o of items) decref(o);
}
