// The weakref module: the native types and functions (Modules/_weakref.c, Objects/weakrefobject.c
// via weakref_object.ts) plus the Python half (weakref_py.ts: WeakValueDictionary,
// WeakKeyDictionary, WeakSet, finalize), which runs in the module's namespace at import.
import { decref, PyObject } from "../objects/object";
import { newInt, IntOrigin } from "../objects/int";
import { newList } from "../objects/list";
import { newTuple } from "../objects/tuple";
import { setCustomKey } from "../objects/hashkey";
import type { PyModule } from "../objects/module";
import { typeError } from "../vm/errors";
import { compileAndRun } from "../vm/run";
import { nativeModule } from "./util";
import {
  callableProxyType,
  getWeakrefCount,
  keyedRefType,
  proxyType,
  PyWeakref,
  weakrefHashKey,
  weakrefNew,
  weakrefsTo,
  weakrefType,
} from "./weakref_object";
import { WEAKREF_PY } from "./weakref_py";

// [weakref hook] dicts and sets key a weakref by its referent (objects/hashkey.ts's customKey;
// nothing else installs one). Every other object keeps the identity key.
setCustomKey((o: PyObject) => (o instanceof PyWeakref && !o.isProxy ? weakrefHashKey(o) : o));

function oneArg(fname: string, args: PyObject[]): PyObject {
  if (args.length !== 1) typeError(`${fname}() takes exactly one argument (${args.length} given)`);
  return args[0];
}

/** `import weakref`. */
export function makeWeakrefModule(): PyModule {
  const proxyTypes = newTuple([proxyType, callableProxyType]);
  const m = nativeModule("weakref", {
    ref: weakrefType,
    ReferenceType: weakrefType,
    KeyedRef: keyedRefType,
    ProxyType: proxyType,
    CallableProxyType: callableProxyType,
    ProxyTypes: proxyTypes,
    proxy(_s, args, kwnames) {
      return weakrefNew(proxyType, args, kwnames);
    },
    getweakrefcount(_s, args) {
      return newInt(getWeakrefCount(oneArg("getweakrefcount", args)), IntOrigin.Exact);
    },
    getweakrefs(_s, args) {
      const refs = weakrefsTo(oneArg("getweakrefs", args)) ?? [];
      for (const r of refs) r.refcnt++;
      return newList(refs.slice());
    },
  });
  decref(proxyTypes);
  decref(compileAndRun(WEAKREF_PY, "<weakref>", "exec", m.dict, m.dict));
  return m;
}
