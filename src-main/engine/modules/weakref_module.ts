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
import { interp, type Interp } from "../vm/interp";
import { dictSetStr, newDict, type PyDict } from "../objects/dict";
import { internString, newStr } from "../objects/str";
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

/**
 * CPython's `import weakref` imports `types`, whose line 40 builds a class only to take the type of
 * its method and then deletes it (`class _C: def _m(self): pass` ... `del _C`). That leaves 7
 * objects of cyclic garbage (the class, its dict, method, bases and mro tuples and two getset
 * descriptors) that the program's next gc.collect() counts. The engine has no `types` module, so
 * the first import of weakref makes the same garbage. When inspect or tracemalloc came first,
 * CPython imported `types` with them and their larger imports collected it automatically: nothing.
 */
const TYPES_IMPORT_GARBAGE = `class _C:
    def _m(self): pass
del _C
`;

/** The stand-in for each interpreter's `types` module globals, alive as sys.modules keeps types'. */
const typesNamespaces = new WeakMap<Interp, PyDict>();

function makeTypesImportGarbage(): void {
  const modules = interp.modules;
  if (modules.has("inspect") || modules.has("tracemalloc") || typesNamespaces.has(interp)) return;
  const ns = newDict();
  typesNamespaces.set(interp, ns); // owns the reference
  const name = newStr("types");
  dictSetStr(ns, internString("__name__"), name);
  decref(name);
  decref(compileAndRun(TYPES_IMPORT_GARBAGE, "<types>", "exec", ns, ns));
}

/** `import weakref`. */
export function makeWeakrefModule(): PyModule {
  makeTypesImportGarbage();
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
