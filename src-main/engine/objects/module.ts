// Module objects: a name and a namespace dict.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, type Visit } from "./object";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import { dictSetStr, newDict, PyDict } from "./dict";
import { internString, newStr } from "./str";

export const moduleType = builtinType({ name: "module", basicsize: SIZEOF.module, gc: true, baseType: true });

export class PyModule extends PyObject {
  constructor(readonly name: string, readonly dict: PyDict) {
    super(moduleType);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    freeObject(this, true);
    decref(this.dict);
  }
  override traverse(visit: Visit): void {
    visit(this.dict, "__dict__");
  }
}

export function newModule(name: string): PyModule {
  const d = newDict();
  const m = new PyModule(name, d);
  allocObject(m, GC_HEAD_SIZE + SIZEOF.module, true);
  gcTrack(m);
  const key = internString("__name__");
  const val = newStr(name);
  dictSetStr(d, key, val);
  decref(key);
  decref(val);
  return m;
}
