// super(): the zero-argument form reads __class__ and the first argument of the calling frame.
import { allocObject, builtinType, decref, gcTrack, PyObject, PyType, freeObject, type Visit } from "../objects/object";
import { PyCell, PyFunction, PyMethodDescr, newMethod, newBoundBuiltin, PyWrapperDescr, classmethodType, staticmethodType } from "../objects/function";
import { interp } from "./interp";
import { runtimeError, typeError, attributeError } from "./errors";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";

export const superType = builtinType({ name: "super", basicsize: SIZEOF.super, gc: true, baseType: true });

export class PySuper extends PyObject {
  constructor(readonly cls: PyType, readonly obj: PyObject) {
    super(superType);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    freeObject(this, true);
    decref(this.cls);
    decref(this.obj);
  }
  override traverse(visit: Visit): void {
    visit(this.cls, "__thisclass__");
    visit(this.obj, "__self__");
  }
}

export function superCall(args: PyObject[]): PyObject {
  let cls: PyObject;
  let obj: PyObject;
  if (args.length >= 2) {
    cls = args[0];
    obj = args[1];
  } else {
    const f = interp.frame;
    if (f === null || f.code.argcount === 0) runtimeError("super(): no arguments");
    const idx = f.code.localsplusNames.indexOf("__class__", f.code.nlocals);
    if (idx < 0) runtimeError("super(): __class__ cell not found");
    const cell = f.localsplus[idx] as PyCell;
    if (cell.contents === null) runtimeError("super(): empty __class__ cell");
    cls = cell.contents;
    let first = f.localsplus[0]!;
    if (first instanceof PyCell) first = first.contents!;
    obj = first;
  }
  if (!(cls instanceof PyType)) typeError("super() argument 1 must be a type");
  cls.refcnt++;
  obj.refcnt++;
  const s = new PySuper(cls, obj);
  allocObject(s, GC_HEAD_SIZE + SIZEOF.super, true);
  gcTrack(s);
  return s;
}

/** Attribute lookup on a super object: continue the MRO after __thisclass__. */
export function superGetAttr(s: PySuper, name: string): PyObject | null {
  const startType = s.obj instanceof PyType ? s.obj : s.obj.type;
  const mro = startType.mro;
  const i = mro.indexOf(s.cls);
  for (let j = i + 1; j < mro.length; j++) {
    const v = mro[j].dict.get(name);
    if (v === undefined) continue;
    if (v instanceof PyFunction) return s.obj instanceof PyType ? (v.refcnt++, v) : newMethod(v, s.obj);
    if (v instanceof PyMethodDescr) return newBoundBuiltin(v.name, v.fn, s.obj, v.owner.name);
    if (v instanceof PyWrapperDescr) {
      if (v.type === classmethodType) return newMethod(v.callable!, s.obj instanceof PyType ? s.obj : s.obj.type);
      if (v.type === staticmethodType) {
        v.callable!.refcnt++;
        return v.callable!;
      }
    }
    v.refcnt++;
    return v;
  }
  attributeError(`'super' object has no attribute '${name}'`);
}
