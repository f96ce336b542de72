// range and the iterator objects of the builtin containers and itertools-like builtins.
// Each iterator holds a strong reference to what it walks; `next` lives in vm/iteration.ts.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, PyType, type Visit } from "./object";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import type { PyTuple } from "./tuple";

export const rangeType = builtinType({ name: "range", basicsize: SIZEOF.range });
export const rangeIteratorType = builtinType({ name: "range_iterator", basicsize: SIZEOF.rangeIterator });
export const listIteratorType = builtinType({ name: "list_iterator", basicsize: 32, gc: true });
export const listReverseIteratorType = builtinType({ name: "list_reverseiterator", basicsize: 32, gc: true });
export const tupleIteratorType = builtinType({ name: "tuple_iterator", basicsize: 32, gc: true });
export const strIteratorType = builtinType({ name: "str_ascii_iterator", basicsize: 32, gc: true });
export const dictKeyIteratorType = builtinType({ name: "dict_keyiterator", basicsize: 56, gc: true });
export const dictValueIteratorType = builtinType({ name: "dict_valueiterator", basicsize: 56, gc: true });
export const dictItemIteratorType = builtinType({ name: "dict_itemiterator", basicsize: 56, gc: true });
export const setIteratorType = builtinType({ name: "set_iterator", basicsize: 48, gc: true });
export const bytesIteratorType = builtinType({ name: "bytes_iterator", basicsize: 32, gc: true });
export const callIteratorType = builtinType({ name: "callable_iterator", basicsize: 32, gc: true });
export const enumerateType = builtinType({ name: "enumerate", basicsize: 56, gc: true, baseType: true });
export const zipType = builtinType({ name: "zip", basicsize: 48, gc: true, baseType: true });
export const mapType = builtinType({ name: "map", basicsize: 32, gc: true, baseType: true });
export const filterType = builtinType({ name: "filter", basicsize: 32, gc: true, baseType: true });
export const reversedType = builtinType({ name: "reversed", basicsize: 32, gc: true, baseType: true });
export const dictKeysType = builtinType({ name: "dict_keys", basicsize: 24, gc: true });
export const dictValuesType = builtinType({ name: "dict_values", basicsize: 24, gc: true });
export const dictItemsType = builtinType({ name: "dict_items", basicsize: 24, gc: true });
export const sliceType = builtinType({ name: "slice", basicsize: 40, gc: true });

export class PyRange extends PyObject {
  constructor(readonly start: number, readonly stop: number, readonly step: number) {
    super(rangeType);
  }
  get length(): number {
    const { start, stop, step } = this;
    if (step > 0) return start < stop ? Math.floor((stop - start - 1) / step) + 1 : 0;
    return start > stop ? Math.floor((start - stop - 1) / -step) + 1 : 0;
  }
  override dealloc(): void {
    freeObject(this, false);
  }
}

export function newRange(start: number, stop: number, step: number): PyRange {
  const r = new PyRange(start, stop, step);
  allocObject(r, SIZEOF.range, false);
  return r;
}

export class PyRangeIter extends PyObject {
  constructor(public next: number, readonly step: number, public remaining: number) {
    super(rangeIteratorType);
  }
  override dealloc(): void {
    freeObject(this, false);
  }
}

export function newRangeIter(r: PyRange): PyRangeIter {
  const it = new PyRangeIter(r.start, r.step, r.length);
  allocObject(it, SIZEOF.rangeIterator, false);
  return it;
}

/** Iterator over a sequence or a snapshot of a mapping: holds `source` strongly. */
export class PySeqIter extends PyObject {
  index = 0;
  /** For dict/set iterators: the entries at creation and the size to detect changes. */
  snapshot: unknown[] | null = null;
  expectedSize = 0;
  /** A dict item iterator's di_result: the (key, value) tuple it hands out again (see iteration.ts). */
  result: PyTuple | null = null;
  constructor(type: PyType, public source: PyObject | null) {
    super(type);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const s = this.source;
    const r = this.result;
    this.source = null;
    this.result = null;
    freeObject(this, true);
    if (s) decref(s);
    if (r) decref(r);
  }
  override traverse(visit: Visit): void {
    if (this.source) visit(this.source, "it_seq");
    if (this.result) visit(this.result, "di_result");
  }
}

/** A new iterator taking a new reference to `source`. */
export function newSeqIter(type: PyType, source: PyObject): PySeqIter {
  source.refcnt++;
  const it = new PySeqIter(type, source);
  allocObject(it, GC_HEAD_SIZE + type.basicsize, true);
  gcTrack(it);
  return it;
}

/**
 * enumerate / zip / map / filter / reversed / dict views / callable_iterator. `parts` are what the
 * C struct holds first: enumerate's and filter's iterator, zip's and map's tuple of iterators
 * (ittuple, iters), reversed's sequence, a view's dict.
 */
export class PyCompositeIter extends PyObject {
  index = 0;
  /** enumerate's en_result, zip's result: the tuple handed out again (see vm/iteration.ts). */
  result: PyTuple | null = null;
  constructor(type: PyType, public parts: PyObject[], public func: PyObject | null) {
    super(type);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const parts = this.parts;
    const f = this.func;
    const r = this.result;
    this.parts = [];
    this.func = null;
    this.result = null;
    freeObject(this, true);
    for (const p of parts) decref(p);
    if (r) decref(r);
    if (f) decref(f);
  }
  /** enum_traverse, zip_traverse, map_traverse, filter_traverse...: in their struct's order. */
  override traverse(visit: Visit): void {
    this.parts.forEach((p, i) => visit(p, i));
    if (this.result) visit(this.result, "result");
    if (this.func) visit(this.func, "func");
  }
}

/** Steals the references in parts and func. */
export function newCompositeIter(type: PyType, parts: PyObject[], func: PyObject | null, index = 0): PyCompositeIter {
  const it = new PyCompositeIter(type, parts, func);
  it.index = index;
  allocObject(it, GC_HEAD_SIZE + type.basicsize, true);
  gcTrack(it);
  return it;
}

export class PySlice extends PyObject {
  constructor(readonly start: PyObject, readonly stop: PyObject, readonly step: PyObject) {
    super(sliceType);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    freeObject(this, true);
    decref(this.start);
    decref(this.stop);
    decref(this.step);
  }
  override traverse(visit: Visit): void {
    visit(this.start, "start");
    visit(this.stop, "stop");
    visit(this.step, "step");
  }
}

/** Steals the three references. */
export function newSlice(start: PyObject, stop: PyObject, step: PyObject): PySlice {
  const s = new PySlice(start, stop, step);
  allocObject(s, GC_HEAD_SIZE + SIZEOF.slice, true);
  return s;
}
