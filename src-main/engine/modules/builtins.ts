// The builtins module: print, len, range, sorted ... and the builtin types and exceptions.
import { unwrapProxy } from "./weakref_object";
import { decref, PyObject, PyType, typeType, objectType } from "../objects/object";
import { PyInt, newInt, intType, boolType, pyBool, True, False, IntOrigin, normInt } from "../objects/int";
import { roundFloat, roundScaled } from "../vm/float-digits";
import { PyFloat, newFloat, floatType, complexType } from "../objects/float";
import { PyStr, newStr, newStrUncached, strType, internString, internStr, staticIntern } from "../objects/str";
import { bytesType, bytearrayType } from "../objects/bytes";
import { PyTuple, newTuple, tupleFromBorrowed, tupleType } from "../objects/tuple";
import { PyList, newList, listType, listAppend } from "../objects/list";
import { PyDict, newDict, dictType, dictSetItem, dictSetStr } from "../objects/dict";
import { PySet, setType, frozensetType } from "../objects/set";
import { None, NotImplemented, Ellipsis } from "../objects/singletons";
import { staticBuiltin, staticmethodType, classmethodType, propertyType, PyFunction, newMethod } from "../objects/function";
import { allExceptionTypes } from "../objects/exceptions";
import { rangeType, enumerateType, zipType, mapType, filterType, reversedType, sliceType } from "../objects/iterators";
import { PyModule, newModule } from "../objects/module";
import { PyInstance, instanceAttrNames, materializeDict } from "../objects/instance";
import { sharesInlineValues } from "../objects/dict";
import { CPYTHON_OBJECT_DICT_NAMES, claimSharedKey } from "../objects/shared-keys";
import { interp } from "../vm/interp";
import { typeError, valueError, overflowError } from "../vm/errors";
import {
  str as strOf, repr, lenOf, getAttr, getAttrOrNull, setAttr, delAttr, isInstance, isSubclass, hashOf,
  binaryOp, richCompare, isTrue, format, callMethodIfDefined, userDunder, callDunder, unaryNegative, keyOf,
} from "../vm/abstract";
import { getIter, iterNext } from "../vm/iteration";
import { call } from "../vm/call";
import { buildClass } from "../vm/classes";
import { collect } from "../vm/builtin-new";
import { sortList } from "./type-methods";
import { BinOp as NB, CmpOp } from "../compile/opcodes";
import { compileAndRun } from "../vm/run";
import { PyErr, StopIteration } from "../objects/exceptions";
import { genSend } from "../vm/genops";
import { PyGen } from "../vm/generator";
import { superCall } from "../vm/super";

type Fn = (self: PyObject, args: PyObject[], kwnames: string[] | null) => PyObject;

function positional(args: PyObject[], kwnames: string[] | null): PyObject[] {
  return kwnames ? args.slice(0, args.length - kwnames.length) : args;
}
function kw(args: PyObject[], kwnames: string[] | null, name: string): PyObject | undefined {
  if (!kwnames) return undefined;
  const i = kwnames.indexOf(name);
  return i < 0 ? undefined : args[args.length - kwnames.length + i];
}
function own<T extends PyObject>(o: T): T {
  o.refcnt++;
  return o;
}

const functions: Record<string, Fn> = {
  print(_s, args, kwnames) {
    const a = positional(args, kwnames);
    const sepO = kw(args, kwnames, "sep");
    const endO = kw(args, kwnames, "end");
    const fileO = kw(args, kwnames, "file");
    const sep = sepO && sepO !== None ? (sepO as PyStr).value : " ";
    const end = endO && endO !== None ? (endO as PyStr).value : "\n";
    // Argument Clinic gathers print's *args into a tuple for the call (a free-list tuple, or a new
    // one right after a full collection emptied the free lists: gc.get_count() sees it).
    const argsTuple = a.length > 0 ? tupleFromBorrowed(a) : null;
    try {
      const text = a.map((x) => strOf(x)).join(sep) + end;
      if (fileO && fileO !== None) {
        const w = getAttr(fileO, "write");
        const s = newStr(text);
        try {
          decref(call(w, [s], null));
        } finally {
          decref(s);
          decref(w);
        }
      } else interp.write("stdout", text);
    } finally {
      if (argsTuple !== null) decref(argsTuple);
    }
    return None;
  },
  len(_s, args) {
    if (args.length !== 1) typeError(`len() takes exactly one argument (${args.length} given)`);
    return newInt(lenOf(args[0]), IntOrigin.Exact);
  },
  repr(_s, args) {
    const o = args[0];
    if (o instanceof PyInt && o.type === intType) return newStrUncached(String(o.value));
    return newStr(repr(o));
  },
  id(_s, args) {
    return newInt(args[0].addr, IntOrigin.Exact);
  },
  hash(_s, args) {
    keyOf(args[0]);
    return newInt(hashOf(args[0]));
  },
  abs(_s, args) {
    const x = unwrapProxy(args[0]); // [weakref hook] proxy_abs
    if (x instanceof PyInt) {
      const v = x.value;
      if (v >= 0) return own(x.type === intType ? x : newInt(v));
      return unaryNegative(x);
    }
    if (x instanceof PyFloat) return newFloat(Math.abs(x.value));
    const r = callMethodIfDefined(x, "__abs__", []);
    if (r !== null) return r;
    typeError(`bad operand type for abs(): '${x.type.name}'`);
  },
  isinstance(_s, args) {
    return pyBool(isInstance(args[0], args[1]));
  },
  issubclass(_s, args) {
    return pyBool(isSubclass(args[0], args[1]));
  },
  hasattr(_s, args) {
    try {
      const v = getAttrOrNull(args[0], (args[1] as PyStr).value);
      if (v === null) return False;
      decref(v);
      return True;
    } catch (e) {
      if (e instanceof PyErr && e.exc.type.name === "AttributeError") {
        decref(e.exc);
        return False;
      }
      throw e;
    }
  },
  getattr(_s, args) {
    const name = args[1];
    if (!(name instanceof PyStr)) typeError(`attribute name must be string, not '${name.type.name}'`);
    if (args.length > 2) {
      try {
        const v = getAttrOrNull(args[0], name.value);
        if (v !== null) return v;
      } catch (e) {
        if (!(e instanceof PyErr && e.exc.type.name === "AttributeError")) throw e;
        decref(e.exc);
      }
      return own(args[2]);
    }
    return getAttr(args[0], name.value);
  },
  setattr(_s, args) {
    setAttr(args[0], (args[1] as PyStr).value, args[2]);
    return None;
  },
  delattr(_s, args) {
    delAttr(args[0], (args[1] as PyStr).value);
    return None;
  },
  iter(_s, args) {
    return getIter(args[0]);
  },
  next(_s, args) {
    const it = args[0];
    let v: PyObject | null;
    if (it instanceof PyGen) {
      if (args.length > 1) {
        v = genSend(it, None, true);
        return v ?? own(args[1]);
      }
      return genSend(it, None, false)!;
    }
    if (userDunder(it, "__next__") === null && !("index" in it) && !(it.type.name.endsWith("iterator")) && !["enumerate", "zip", "map", "filter", "reversed"].includes(it.type.name)) {
      typeError(`'${it.type.name}' object is not an iterator`);
    }
    v = iterNext(it);
    if (v === null) {
      if (args.length > 1) return own(args[1]);
      throw new PyErr(newExc(StopIteration));
    }
    return v;
  },
  sum(_s, args, kwnames) {
    const a = positional(args, kwnames);
    let acc: PyObject = a[1] ?? kw(args, kwnames, "start") ?? newInt(0);
    acc.refcnt++;
    if (a[1] === undefined && kw(args, kwnames, "start") === undefined) acc.refcnt--;
    const it = getIter(a[0]);
    // Fast path like CPython's: accumulate plain ints in a C long, make the result at the end.
    let intAcc: number | bigint | null = acc instanceof PyInt && acc.type === intType && withinCLong(acc.value) ? acc.value : null;
    let floatAcc: number | null = null;
    let compensation = 0;
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        if (intAcc !== null && x instanceof PyInt) {
          const next = addWithinCLong(intAcc, x.value);
          if (next !== null) {
            intAcc = next;
            decref(x);
            continue;
          }
        }
        if (intAcc !== null) {
          decref(acc);
          acc = newInt(intAcc, IntOrigin.Exact);
          intAcc = null;
        }
        // CPython's float path: Neumaier-compensated sum of exact floats (and C-long ints).
        if (acc instanceof PyFloat && acc.type === floatType && (x instanceof PyFloat ? x.type === floatType : x instanceof PyInt && typeof x.value === "number")) {
          if (floatAcc === null) {
            floatAcc = acc.value;
            compensation = 0;
          }
          const v = (x as PyFloat | PyInt).value as number;
          if (x instanceof PyFloat) {
            const t: number = floatAcc + v;
            compensation += Math.abs(floatAcc) >= Math.abs(v) ? floatAcc - t + v : v - t + floatAcc;
            floatAcc = t;
          } else floatAcc += v;
          decref(x);
          continue;
        }
        if (floatAcc !== null) {
          decref(acc);
          acc = newFloat(flushCompensation(floatAcc, compensation));
          floatAcc = null;
        }
        const r = binaryOp(acc, x, NB.ADD);
        decref(acc);
        decref(x);
        acc = r;
      }
    } finally {
      decref(it);
    }
    if (intAcc !== null) {
      decref(acc);
      return newInt(intAcc, IntOrigin.Exact);
    }
    if (floatAcc !== null) {
      decref(acc);
      return newFloat(flushCompensation(floatAcc, compensation));
    }
    return acc;
  },
  min(_s, args, kwnames) {
    return minmax(args, kwnames, CmpOp.LT, "min");
  },
  max(_s, args, kwnames) {
    return minmax(args, kwnames, CmpOp.GT, "max");
  },
  sorted(_s, args, kwnames) {
    const items = collect(args[0]);
    const l = newList([]);
    const key = kw(args, kwnames, "key");
    const rev = kw(args, kwnames, "reverse");
    const { listExtendKnown } = listMod;
    listExtendKnown(l, items);
    sortList(l.items, key && key !== None ? key : null, rev !== undefined && isTrue(rev));
    return l;
  },
  any(_s, args) {
    const it = getIter(args[0]);
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        const t = isTrue(x);
        decref(x);
        if (t) return True;
      }
      return False;
    } finally {
      decref(it);
    }
  },
  all(_s, args) {
    const it = getIter(args[0]);
    try {
      for (let x = iterNext(it); x !== null; x = iterNext(it)) {
        const t = isTrue(x);
        decref(x);
        if (!t) return False;
      }
      return True;
    } finally {
      decref(it);
    }
  },
  chr(_s, args) {
    const c = Number((args[0] as PyInt).value);
    if (c < 0 || c > 0x10ffff) valueError("chr() arg not in range(0x110000)");
    return newStr(String.fromCodePoint(c));
  },
  ord(_s, args) {
    const s = args[0];
    if (s instanceof PyStr) {
      if (s.length !== 1) typeError(`ord() expected a character, but string of length ${s.length} found`);
      return newInt(s.value.codePointAt(0)!);
    }
    typeError(`ord() expected string of length 1, but ${s.type.name} found`);
  },
  round(_s, args) {
    const x = args[0];
    const nd = args[1] && args[1] !== None ? Number((args[1] as PyInt).value) : null;
    if (x instanceof PyInt) return own(x);
    if (x instanceof PyFloat) {
      if (nd === null) {
        const v = x.value;
        if (Number.isNaN(v)) valueError("cannot convert float NaN to integer");
        if (!Number.isFinite(v)) overflowError("cannot convert float infinity to integer");
        const r = roundScaled(v, 0);
        return newInt(normInt(v < 0 ? -r : r));
      }
      return newFloat(roundFloat(x.value, nd));
    }
    const r = callMethodIfDefined(x, "__round__", args.slice(1));
    if (r !== null) return r;
    typeError(`type ${x.type.name} doesn't define __round__ method`);
  },
  divmod(_s, args) {
    const q = binaryOp(args[0], args[1], NB.FLOOR_DIVIDE);
    const r = binaryOp(args[0], args[1], NB.REMAINDER);
    return newTuple([q, r]);
  },
  pow(_s, args) {
    if (args.length === 3) {
      const b = BigInt((args[0] as PyInt).value);
      let e = BigInt((args[1] as PyInt).value);
      const m = BigInt((args[2] as PyInt).value);
      let r = 1n;
      let base = ((b % m) + m) % m;
      while (e > 0n) {
        if (e & 1n) r = (r * base) % m;
        base = (base * base) % m;
        e >>= 1n;
      }
      return newInt(r);
    }
    return binaryOp(args[0], args[1], NB.POWER);
  },
  callable(_s, args) {
    const o = args[0];
    return pyBool(o instanceof PyFunction || o instanceof PyType || o.type.name.includes("method") || o.type.name === "builtin_function_or_method" || userDunder(o, "__call__") !== null);
  },
  vars(_s, args) {
    if (args.length === 0) return locals();
    return getAttr(args[0], "__dict__");
  },
  dir(_s, args) {
    const names = new Set<string>();
    const o = args[0];
    if (o instanceof PyInstance) {
      // object.__dir__ reads the instance's __dict__ attribute, which makes the dict object, then
      // merges every class's attribute names into a copy of it: a copy of a split dict shares the
      // class's keys, so those names fill its free room (objects/shared-keys.ts).
      // (PyDict_Copy of an empty dict makes a fresh ordinary one: then nothing is filled.)
      if (o.type.hasDict) {
        const d = materializeDict(o);
        if (sharesInlineValues(d) && d.map.size > 0) mergeClassNamesIntoSharedKeys(o.type);
      }
      for (const n of instanceAttrNames(o)) names.add(n);
    }
    for (const t of (o instanceof PyType ? o : o.type).mro) for (const k of t.dict.keys()) names.add(k);
    return newList([...names].sort().map((n) => newStr(n)));
  },
  globals() {
    const f = interp.frame!;
    return own(f.globals);
  },
  locals() {
    return locals();
  },
  exec(_s, args) {
    return runString(args, "exec");
  },
  eval(_s, args) {
    return runString(args, "eval");
  },
  input() {
    return newStr("");
  },
  format(_s, args) {
    return newStr(format(args[0], args[1] ? (args[1] as PyStr).value : ""));
  },
  bin(_s, args) {
    const v = (args[0] as PyInt).value;
    return newStr((v < 0 ? "-0b" : "0b") + (v < 0 ? -v : v).toString(2));
  },
  hex(_s, args) {
    const v = (args[0] as PyInt).value;
    return newStr((v < 0 ? "-0x" : "0x") + (v < 0 ? -v : v).toString(16));
  },
  oct(_s, args) {
    const v = (args[0] as PyInt).value;
    return newStr((v < 0 ? "-0o" : "0o") + (v < 0 ? -v : v).toString(8));
  },
  super(_s, args) {
    return superCall(args);
  },
  __build_class__: buildClass,
  __import__(_s, args) {
    const { importName } = importsMod;
    return importName((args[0] as PyStr).value, None);
  },
};

import * as importsMod from "../vm/imports";
import * as listMod from "../objects/list";
import { newException } from "../objects/exceptions";
function newExc(t: PyType) {
  return newException(t, []);
}

function locals(): PyObject {
  const f = interp.frame!;
  if (f.locals) return own(f.locals);
  const d = newDict();
  f.code.localsplusNames.forEach((n, i) => {
    const v = f.localsplus[i];
    if (v !== null && i < f.code.nlocals) {
      const k = internString(n);
      dictSetItem(d, k, v);
      decref(k);
    }
  });
  return d;
}

function runString(args: PyObject[], mode: "exec" | "eval"): PyObject {
  const src = args[0];
  if (!(src instanceof PyStr)) typeError(`${mode}() arg 1 must be a string, bytes or code object`);
  const f = interp.frame!;
  const globals = args[1] && args[1] !== None ? (args[1] as PyDict) : f.globals;
  const locals = args[2] && args[2] !== None ? (args[2] as PyDict) : args[1] && args[1] !== None ? globals : f.locals ?? f.globals;
  if (!globals.map.has("__builtins__")) {
    const k = internString("__builtins__");
    dictSetItem(globals, k, interp.builtinsModule);
    decref(k);
  }
  return compileAndRun(src.value, "<string>", mode, globals, locals);
}

function minmax(args: PyObject[], kwnames: string[] | null, op: CmpOp, name: string): PyObject {
  const a = positional(args, kwnames);
  const key = kw(args, kwnames, "key");
  const dflt = kw(args, kwnames, "default");
  const items = a.length === 1 ? collect(a[0]) : a.map((x) => own(x));
  if (items.length === 0) {
    if (dflt) return own(dflt);
    valueError(`${name}() iterable argument is empty`);
  }
  let best = items[0];
  let bestKey = key && key !== None ? call(key, [best], null) : own(best);
  for (let i = 1; i < items.length; i++) {
    const k = key && key !== None ? call(key, [items[i]], null) : own(items[i]);
    const r = richCompare(k, bestKey, op);
    const better = isTrue(r);
    decref(r);
    if (better) {
      decref(bestKey);
      bestKey = k;
      best = items[i];
    } else decref(k);
  }
  decref(bestKey);
  best.refcnt++;
  for (const x of items) decref(x);
  return best;
}

const C_LONG_MIN = -(2n ** 63n);
const C_LONG_MAX = 2n ** 63n - 1n;

function withinCLong(v: number | bigint): boolean {
  return typeof v === "number" ? Number.isSafeInteger(v) : v >= C_LONG_MIN && v <= C_LONG_MAX;
}

/** sum()'s C-long fast path: a + b while it fits in a C long (64-bit), else null. */
function addWithinCLong(a: number | bigint, b: number | bigint): number | bigint | null {
  if (typeof a === "number" && typeof b === "number") {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  const r = BigInt(a) + BigInt(b);
  if (r < C_LONG_MIN || r > C_LONG_MAX) return null;
  return r >= -(2n ** 53n) && r <= 2n ** 53n ? Number(r) : r;
}

function flushCompensation(sum: number, c: number): number {
  return c !== 0 && Number.isFinite(c) ? sum + c : sum;
}

/** The builtins namespace dict for a new interpreter. */
export function makeBuiltinsModule(): PyModule {
  const m = newModule("builtins");
  const d = m.dict;
  const set = (name: string, v: PyObject) => {
    const k = staticIntern(name);
    dictSetStr(d, k, v);
  };
  for (const [name, fn] of Object.entries(functions)) set(name, staticBuiltin(name, fn));
  const types: PyType[] = [objectType, typeType, intType, boolType, floatType, complexType, strType, bytesType, bytearrayType, tupleType, listType, dictType, setType, frozensetType, rangeType, enumerateType, zipType, mapType, filterType, reversedType, sliceType, staticmethodType, classmethodType, propertyType];
  for (const t of types) set(t.name, t);
  for (const [name, t] of allExceptionTypes()) set(name, t);
  set("None", None);
  set("True", True);
  set("False", False);
  set("Ellipsis", Ellipsis);
  set("NotImplemented", NotImplemented);
  set("__name__", staticIntern("builtins"));
  return m;
}

void [PyList, PySet, listAppend, newMethod, internStr, callDunder, PyTuple];

/**
 * merge_class_dict as object.__dir__ runs it into its split copy of an instance's __dict__: each
 * class's own names, then its bases' (recursively), until a name finds the shared keys full (the
 * copy then becomes an ordinary dict and stops touching them).
 */
function mergeClassNamesIntoSharedKeys(instanceType: PyType): void {
  const names: string[] = [];
  const collect = (t: PyType): void => {
    if (t === objectType) names.push(...CPYTHON_OBJECT_DICT_NAMES);
    else names.push(...t.dict.keys());
    for (const base of t.bases) collect(base);
  };
  collect(instanceType);
  for (const name of names) if (!claimSharedKey(instanceType, name)) return;
}
