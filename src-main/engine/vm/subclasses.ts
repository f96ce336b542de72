// tp_subclasses (Objects/typeobject.c add_subclass / remove_subclass): every class is registered
// with each of its bases as a weak reference keyed by its address, so creating a class allocates a
// weakref to it (weakref.getweakrefcount(cls) is 1) and, for a heap-type base's first subclass, the
// base's subclasses dict. A heap type keeps that dict in tpSubclasses (owned, not traversed). A
// static builtin base keeps it in interpreter state, where CPython has it from start-up: here a
// side table holding the same key and weakref objects.
import { decref, PyObject, PyType, setRemoveSubclassHook } from "../objects/object";
import { dictDelItem, dictSetItem, newDict, PyDict } from "../objects/dict";
import { newInt, PyInt } from "../objects/int";
import { newList, PyList } from "../objects/list";
import { heap } from "../heap/heap";
import { newWeakref, PyWeakref, weakrefType } from "../modules/weakref_object";

interface StaticEntry {
  key: PyInt;
  ref: PyWeakref;
}
/** Per interpreter (heap): the subclasses dicts of static builtin types, base -> address -> entry. */
const staticSubclassesByHeap = new WeakMap<object, Map<PyType, Map<number, StaticEntry>>>();
function staticTables(): Map<PyType, Map<number, StaticEntry>> {
  let tables = staticSubclassesByHeap.get(heap);
  if (tables === undefined) {
    tables = new Map();
    staticSubclassesByHeap.set(heap, tables);
  }
  return tables;
}

/** add_subclass: registers `type` with `base` (key, weakref, dict created on first use). */
export function addSubclass(base: PyType, type: PyType): void {
  const key = newInt(type.addr);
  const ref = newWeakref(weakrefType, type, null);
  if (base.heapType) {
    if (base.tpSubclasses === null) base.tpSubclasses = newDict();
    dictSetItem(base.tpSubclasses as PyDict, key, ref);
    decref(ref);
    decref(key);
    return;
  }
  const tables = staticTables();
  let table = tables.get(base);
  if (table === undefined) {
    table = new Map();
    tables.set(base, table);
  }
  table.set(type.addr, { key, ref });
}

/** remove_all_subclasses: `type` is being deallocated; each base drops its entry. */
function removeAllSubclasses(type: PyType): void {
  if (type.basesTuple === null) return;
  for (const base of type.bases) {
    if (base.heapType) {
      const d = base.tpSubclasses as PyDict | null;
      if (d === null) continue;
      const key = newInt(type.addr);
      dictDelItem(d, key);
      decref(key);
      if (d.map.size === 0) {
        base.tpSubclasses = null;
        decref(d);
      }
      continue;
    }
    const table = staticTables().get(base);
    const entry = table?.get(type.addr);
    if (table === undefined || entry === undefined) continue;
    table.delete(type.addr);
    decref(entry.key);
    decref(entry.ref);
  }
}
setRemoveSubclassHook(removeAllSubclasses);

/** type.__subclasses__(): the live direct subclasses, in registration order. */
export function subclassesList(base: PyType): PyList {
  const refs: PyObject[] = [];
  if (base.heapType) {
    const d = base.tpSubclasses as PyDict | null;
    if (d !== null) for (const e of d.map.values()) refs.push(e.value);
  } else for (const e of staticTables().get(base)?.values() ?? []) refs.push(e.ref);
  const live: PyObject[] = [];
  for (const r of refs) {
    const t = (r as PyWeakref).referent;
    if (t !== null) {
      t.refcnt++;
      live.push(t);
    }
  }
  return newList(live);
}

