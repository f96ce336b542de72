// mappingproxy (Objects/descrobject.c): the read-only view `cls.__dict__` returns. Each access makes
// a new proxy (a small GC object holding the class's tp_dict), so reading a class's namespace never
// copies it and the dict cannot be changed through it.
import { allocObject, builtinType, decref, freeObject, gcTrack, gcUntrack, PyObject, type Visit } from "./object";
import { GC_HEAD_SIZE } from "../profile";

/** sizeof(mappingproxyobject): the object header and the mapping pointer. */
const MAPPINGPROXY_BASICSIZE = 24;

export const mappingproxyType = builtinType({ name: "mappingproxy", basicsize: MAPPINGPROXY_BASICSIZE, gc: true });

export class PyMappingProxy extends PyObject {
  constructor(readonly mapping: PyObject) {
    super(mappingproxyType);
  }
  override dealloc(): void {
    gcUntrack(this);
    const mapping = this.mapping;
    freeObject(this, true);
    decref(mapping);
  }
  override traverse(visit: Visit): void {
    visit(this.mapping, "mapping");
  }
}

/** PyDictProxy_New (new reference, tracked). */
export function newMappingProxy(mapping: PyObject): PyMappingProxy {
  mapping.refcnt++;
  const p = new PyMappingProxy(mapping);
  allocObject(p, GC_HEAD_SIZE + MAPPINGPROXY_BASICSIZE, true);
  gcTrack(p);
  return p;
}
