// tuple: a fixed array of strong references, with per-length free lists (1..20) and the immortal
// empty tuple. Tuples are GC-tracked from creation; the collector may untrack them later.
import { allocObject, builtinType, decref, freeObject, gcTrack, makeImmortal, PyObject, staticAddress, type Visit } from "./object";
import { heap } from "../heap/heap";
import { FREELIST_MAX, GC_HEAD_SIZE, SIZEOF } from "../profile";
import { None } from "./singletons";

export const tupleType = builtinType({ name: "tuple", basicsize: 24, itemsize: 8, gc: true, baseType: true });

export class PyTuple extends PyObject {
  constructor(readonly items: PyObject[]) {
    super(tupleType);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const items = this.items;
    for (let i = items.length - 1; i >= 0; i--) decref(items[i]);
    const n = items.length;
    if (n > 0 && n <= FREELIST_MAX.tupleMaxLength && heap.tupleFreeLists[n].length < FREELIST_MAX.tuple) {
      heap.tupleFreeLists[n].push(this.addr);
      return;
    }
    freeObject(this, true);
  }
  override traverse(visit: Visit): void {
    const items = this.items;
    for (let i = items.length - 1; i >= 0; i--) visit(items[i], i);
  }
  override clear(): void {
    const items = this.items.splice(0);
    for (const o of items) decref(o);
  }
}

export const emptyTuple = makeImmortal(new PyTuple([]));
emptyTuple.addr = staticAddress(40);

/** A new tuple that takes over (steals) the references in `items`. */
export function newTuple(items: PyObject[]): PyTuple {
  const n = items.length;
  if (n === 0) return emptyTuple;
  const t = new PyTuple(items);
  const fl = n <= FREELIST_MAX.tupleMaxLength ? heap.tupleFreeLists[n] : null;
  if (fl !== null && fl.length > 0) t.addr = heap.reuseBlock(fl.pop()!);
  else allocObject(t, GC_HEAD_SIZE + SIZEOF.tupleHeader + 8 * n, true);
  gcTrack(t);
  return t;
}

/**
 * PyTuple_New(n) before its slots are filled: C leaves them NULL, here they hold None (immortal,
 * so overwriting one needs no decref). For zip's and map's tuples of iterators and result tuples.
 */
export function newTupleToFill(n: number): PyTuple {
  return newTuple(new Array<PyObject>(n).fill(None));
}

/** A new tuple holding new references to `items` (borrowed). */
export function tupleFromBorrowed(items: PyObject[]): PyTuple {
  for (const o of items) o.refcnt++;
  return newTuple(items.slice());
}
