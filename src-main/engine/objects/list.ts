// list: a growable array of strong references. The item block is a separate allocation that
// grows by realloc following list_resize's over-allocation; freed lists go to the free list.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, type Visit } from "./object";
import { heap } from "../heap/heap";
import { FREELIST_MAX, GC_HEAD_SIZE, listPreallocCapacity, listResizeCapacity, SIZEOF } from "../profile";

export const listType = builtinType({ name: "list", basicsize: 40, gc: true, baseType: true });

export class PyList extends PyObject {
  items: PyObject[];
  /** ob_alloc: capacity of the item block. */
  allocated = 0;
  itemsAddr = 0;
  constructor(items: PyObject[]) {
    super(listType);
    this.items = items;
  }
  get sizeof(): number {
    return GC_HEAD_SIZE + SIZEOF.list + 8 * this.allocated;
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const items = this.items;
    this.items = [];
    for (let i = items.length - 1; i >= 0; i--) decref(items[i]);
    if (this.itemsAddr !== 0) heap.free(this.itemsAddr);
    this.itemsAddr = 0;
    this.allocated = 0;
    const fl = heap.freeLists.list;
    if (fl.length < FREELIST_MAX.list) fl.push(this.addr);
    else freeObject(this, true);
  }
  /** list_traverse: last item first, as CPython visits them (gc.get_referents shows that order). */
  override traverse(visit: Visit): void {
    const items = this.items;
    for (let i = items.length - 1; i >= 0; i--) visit(items[i], i);
  }
  override clear(): void {
    listClear(this);
  }
}

/** A new list taking over `items`, with exactly that capacity (literals, slices, [x]*n). */
export function newList(items: PyObject[], capacity = items.length): PyList {
  const l = new PyList(items);
  const fl = heap.freeLists.list;
  if (fl.length > 0) l.addr = heap.reuseBlock(fl.pop()!);
  else allocObject(l, GC_HEAD_SIZE + SIZEOF.list, true);
  if (capacity > 0) {
    l.itemsAddr = heap.malloc(8 * capacity);
    l.allocated = capacity;
  }
  gcTrack(l);
  return l;
}

/** list_resize to `newsize` (the caller then adjusts items). */
export function listResize(l: PyList, newsize: number): void {
  const cap = listResizeCapacity(l.allocated, newsize);
  setCapacity(l, cap);
}

function setCapacity(l: PyList, cap: number): void {
  if (cap === l.allocated) return;
  if (cap === 0) {
    if (l.itemsAddr !== 0) heap.free(l.itemsAddr);
    l.itemsAddr = 0;
  } else l.itemsAddr = heap.realloc(l.itemsAddr, 8 * cap);
  l.allocated = cap;
}

/** Appends, stealing the reference. */
export function listAppend(l: PyList, o: PyObject): void {
  const n = l.items.length;
  if (n + 1 > l.allocated) listResize(l, n + 1);
  l.items.push(o);
}

/** extend / list(x) when the source length is known: preallocate like list_extend does. */
export function listExtendKnown(l: PyList, newItems: PyObject[]): void {
  const n = l.items.length;
  const m = newItems.length;
  if (m === 0) return;
  if (n === 0 && l.allocated === 0) setCapacity(l, listPreallocCapacity(m));
  else if (n + m > l.allocated) listResize(l, n + m);
  for (const o of newItems) l.items.push(o);
}

export function listClear(l: PyList): void {
  const items = l.items;
  l.items = [];
  if (l.itemsAddr !== 0) heap.free(l.itemsAddr);
  l.itemsAddr = 0;
  l.allocated = 0;
  for (let i = items.length - 1; i >= 0; i--) decref(items[i]);
}

/** Removes items [lo, hi) and shrinks like list_ass_slice. */
export function listDeleteSlice(l: PyList, lo: number, hi: number): void {
  if (hi <= lo) return;
  const removed = l.items.splice(lo, hi - lo);
  listResize(l, l.items.length);
  for (let i = removed.length - 1; i >= 0; i--) decref(removed[i]);
}

/** pop() at index; returns the (owned) item. */
export function listPop(l: PyList, index: number): PyObject {
  const [o] = l.items.splice(index, 1);
  listResize(l, l.items.length);
  return o;
}

/** Inserts (stealing the reference). */
export function listInsert(l: PyList, index: number, o: PyObject): void {
  const n = l.items.length;
  listResize(l, n + 1);
  l.items.splice(index, 0, o);
}

export function listSetCapacityExact(l: PyList, cap: number): void {
  setCapacity(l, cap);
}
