// Helpers for building native modules.
import { decref, PyObject, type NativeFn } from "../objects/object";
import { newModule, PyModule } from "../objects/module";
import { dictSetStr } from "../objects/dict";
import { internString } from "../objects/str";
import { PyBuiltinFunction } from "../objects/function";
import { allocObject, gcTrack } from "../objects/object";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";

export function nativeModule(name: string, members: Record<string, NativeFn | PyObject>): PyModule {
  const m = newModule(name);
  for (const [k, v] of Object.entries(members)) {
    const key = internString(k);
    let value: PyObject;
    if (typeof v === "function") {
      m.refcnt++;
      const f = new PyBuiltinFunction(k, v, m);
      allocObject(f, GC_HEAD_SIZE + SIZEOF.builtinFunction, true);
      gcTrack(f);
      value = f;
    } else {
      value = v;
      v.refcnt++;
    }
    dictSetStr(m.dict, key, value);
    decref(key);
    decref(value);
  }
  return m;
}
