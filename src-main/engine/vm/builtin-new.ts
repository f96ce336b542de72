// Constructors of the builtin types: int(), str(), list(x), dict(...), range(...), object() ...
import { isProxy, proxyReferent } from "../modules/weakref_object";
import { decref, PyObject, PyType, objectType, allocObject, typeType } from "../objects/object";
import { weakrefType, keyedRefType, weakrefNew } from "../modules/weakref_object";
import { PyInt, newInt, intType, boolType, pyBool, IntOrigin, False } from "../objects/int";
import { PyFloat, newFloat, floatType, complexType, newComplex } from "../objects/float";
import { PyStr, newStr, strType, emptyStr, internString } from "../objects/str";
import { PyBytes, newBytes, bytesType, bytearrayType, newByteArray, PyByteArray } from "../objects/bytes";
import { PyTuple, newTuple, newTupleToFill, tupleType, emptyTuple } from "../objects/tuple";
import { PyList, newList, listType, listExtendKnown, listSetCapacityExact } from "../objects/list";
import { PyDict, newDict, dictType, dictSetItem } from "../objects/dict";
import { PySet, setType, frozensetType } from "../objects/set";
import { make_new_set } from "./set-ops";
import { None } from "../objects/singletons";
import { newRange, rangeType, enumerateType, zipType, mapType, filterType, reversedType, newCompositeIter, PyRange, sliceType, newSlice } from "../objects/iterators";
import { newWrapper, PyWrapperDescr, staticmethodType, classmethodType, propertyType, newProperty } from "../objects/function";
import { baseExceptionType, newException } from "../objects/exceptions";
import { newInstance } from "../objects/instance";
import { overflowError, typeError, valueError } from "./errors";
import { BYTEARRAY_HEADER_BYTES, BYTES_HEADER_BYTES, MAX_BYTEARRAY_ITEMS, PY_SSIZE_T_MAX, indexAsSsize, reserveItems } from "./result-size";
import { getIter, iterNext } from "./iteration";
import { getAttrOrNull, str as strOf, strObject, repr, listExtendFrom, lenOf, callMethodIfDefined, keyOf } from "./abstract";
import { dictUpdateFrom } from "./dict-ops";
import { call } from "./call";
import { SIZEOF } from "../profile";

function positional(args: PyObject[], kwnames: string[] | null): PyObject[] {
  return kwnames ? args.slice(0, args.length - kwnames.length) : args;
}
function kwarg(args: PyObject[], kwnames: string[] | null, name: string): PyObject | undefined {
  if (!kwnames) return undefined;
  const i = kwnames.indexOf(name);
  return i < 0 ? undefined : args[args.length - kwnames.length + i];
}

function parseIntLiteral(text: string, base: number): bigint | null {
  let s = text.trim().replace(/_/g, "");
  let neg = false;
  if (s.startsWith("-")) {
    neg = true;
    s = s.slice(1);
  } else if (s.startsWith("+")) s = s.slice(1);
  if (base === 0 || base === 16) s = s.replace(/^0x/i, (m) => ((base = 16), ""));
  if (base === 0 || base === 8) s = s.replace(/^0o/i, (m) => ((base = 8), ""));
  if (base === 0 || base === 2) s = s.replace(/^0b/i, (m) => ((base = 2), ""));
  if (base === 0) base = 10;
  if (s.length === 0) return null;
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base);
  let v = 0n;
  const b = BigInt(base);
  for (const ch of s.toLowerCase()) {
    const d = digits.indexOf(ch);
    if (d < 0) return null;
    v = v * b + BigInt(d);
  }
  return neg ? -v : v;
}

/**
 * bytes(n) / bytearray(n): the count as Py_ssize_t, "negative count", then the allocation, before
 * the JS buffer is made. bytes goes through _PyBytes_FromSize, whose own overflow check comes first.
 */
function byteCount(n: PyInt, kind: "bytes" | "bytearray"): number {
  const count = indexAsSsize(n);
  if (count < 0) valueError("negative count");
  if (kind === "bytes") {
    if (BigInt(n.value) > PY_SSIZE_T_MAX - BigInt(BYTES_HEADER_BYTES)) overflowError("byte string is too large");
    reserveItems(count, 1, BYTES_HEADER_BYTES);
  } else {
    reserveItems(count, 1, BYTEARRAY_HEADER_BYTES, MAX_BYTEARRAY_ITEMS);
  }
  return count;
}

export function collect(o: PyObject): PyObject[] {
  if (o instanceof PyList || o instanceof PyTuple) {
    for (const x of o.items) x.refcnt++;
    return o.items.slice();
  }
  const out: PyObject[] = [];
  const it = getIter(o);
  try {
    for (let x = iterNext(it); x !== null; x = iterNext(it)) out.push(x);
  } catch (e) {
    for (const x of out) decref(x);
    throw e;
  } finally {
    decref(it);
  }
  return out;
}

export function createBuiltinInstance(t: PyType, args: PyObject[], kwnames: string[] | null): PyObject {
  const a = positional(args, kwnames);
  // [weakref hook] ref(ob[, callback]) and KeyedRef(ob, callback, key).
  if (t === weakrefType || t === keyedRefType) return weakrefNew(t, args, kwnames);
  switch (t) {
    case objectType:
      if (a.length > 0) typeError("object() takes no arguments");
      {
        const o = newInstance(objectType);
        return o;
      }
    case intType: {
      if (a.length === 0) return newInt(0);
      const x = a[0];
      const baseArg = a[1] ?? kwarg(args, kwnames, "base");
      if (baseArg !== undefined) {
        if (!(x instanceof PyStr)) typeError("int() can't convert non-string with explicit base");
        const v = parseIntLiteral(x.value, Number((baseArg as PyInt).value));
        if (v === null) valueError(`invalid literal for int() with base ${(baseArg as PyInt).value}: ${repr(x)}`);
        return newInt(v, IntOrigin.Exact);
      }
      if (x instanceof PyInt) {
        if (x.type === intType) {
          x.refcnt++;
          return x;
        }
        return newInt(x.value);
      }
      if (x instanceof PyFloat) {
        if (!Number.isFinite(x.value)) valueError("cannot convert float NaN to integer");
        const tr = Math.trunc(x.value);
        return newInt(Number.isSafeInteger(tr) ? tr : BigInt(tr), IntOrigin.Exact);
      }
      if (x instanceof PyStr) {
        const v = parseIntLiteral(x.value, 10);
        if (v === null) valueError(`invalid literal for int() with base 10: ${repr(x)}`);
        return newInt(v, IntOrigin.Exact);
      }
      if (isProxy(x)) return createBuiltinInstance(intType, [proxyReferent(x)], null); // [weakref hook] proxy_int
      const r = callMethodIfDefined(x, "__int__", []) ?? callMethodIfDefined(x, "__index__", []);
      if (r !== null) return r;
      typeError(`int() argument must be a string, a bytes-like object or a real number, not '${x.type.name}'`);
    }
    case boolType:
      return pyBool(a.length > 0 && isTrueOf(a[0]));
    case floatType: {
      if (a.length === 0) return newFloat(0);
      const x = a[0];
      if (x instanceof PyFloat) {
        x.refcnt++;
        return x;
      }
      if (x instanceof PyInt) return newFloat(Number(x.value));
      if (x instanceof PyStr) {
        const s = x.value.trim().toLowerCase().replace(/_/g, "");
        const v = s === "inf" || s === "+inf" || s === "infinity" ? Infinity : s === "-inf" || s === "-infinity" ? -Infinity : s === "nan" ? NaN : /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s) ? Number(s) : null;
        if (v === null) valueError(`could not convert string to float: ${repr(x)}`);
        return newFloat(v);
      }
      if (isProxy(x)) return createBuiltinInstance(floatType, [proxyReferent(x)], null); // [weakref hook] proxy_float
      const r = callMethodIfDefined(x, "__float__", []);
      if (r !== null) return r;
      typeError(`float() argument must be a string or a real number, not '${x.type.name}'`);
    }
    case complexType:
      return newComplex(a[0] ? Number((a[0] as PyFloat).value) : 0, a[1] ? Number((a[1] as PyFloat).value) : 0);
    case strType: {
      if (a.length === 0) return emptyStr;
      const x = a[0];
      if (x instanceof PyStr && x.type === strType) {
        x.refcnt++;
        return x;
      }
      if (x instanceof PyBytes && a.length > 1) return newStr(new TextDecoder().decode(x.data));
      return strObject(x);
    }
    case bytesType: {
      if (a.length === 0) return newBytes(new Uint8Array(0));
      const x = a[0];
      if (x instanceof PyInt) return newBytes(new Uint8Array(byteCount(x, "bytes")));
      if (x instanceof PyStr) return newBytes(new TextEncoder().encode(x.value));
      if (x instanceof PyBytes) {
        x.refcnt++;
        return x;
      }
      const items = collect(x);
      const data = Uint8Array.from(items.map((i) => Number((i as PyInt).value)));
      for (const i of items) decref(i);
      return newBytes(data);
    }
    case bytearrayType: {
      if (a.length === 0) return newByteArray([]);
      const x = a[0];
      if (x instanceof PyInt) return newByteArray(new Array(byteCount(x, "bytearray")).fill(0));
      if (x instanceof PyBytes || x instanceof PyByteArray) return newByteArray(Array.from(x.data));
      if (x instanceof PyStr) return newByteArray(Array.from(new TextEncoder().encode(x.value)));
      const items = collect(x);
      const data = items.map((i) => Number((i as PyInt).value));
      for (const i of items) decref(i);
      return newByteArray(data);
    }
    case tupleType: {
      if (a.length === 0) return emptyTuple;
      const x = a[0];
      if (x instanceof PyTuple && x.type === tupleType) {
        x.refcnt++;
        return x;
      }
      return newTuple(collect(x));
    }
    case listType: {
      const l = newList([]);
      if (a.length > 0) {
        try {
          listExtendFrom(l, a[0]);
        } catch (e) {
          decref(l);
          throw e;
        }
      }
      return l;
    }
    case dictType: {
      const d = newDict();
      try {
        if (a.length > 0) dictUpdateFrom(d, a[0]);
        if (kwnames) kwnames.forEach((k, i) => {
          const key = newStr(k);
          dictSetItem(d, key, args[args.length - kwnames.length + i]);
          decref(key);
        });
      } catch (e) {
        decref(d);
        throw e;
      }
      return d;
    }
    case setType:
    case frozensetType: {
      if (t === frozensetType && a.length > 0 && a[0].type === frozensetType) {
        a[0].refcnt++;
        return a[0];
      }
      if (kwnames && kwnames.length > 0) typeError(`${t.name}() takes no keyword arguments`);
      if (a.length > 1) typeError(`${t.name} expected at most 1 argument, got ${a.length}`);
      return make_new_set(t === frozensetType, a.length > 0 ? a[0] : null);
    }
    case rangeType: {
      const nums = a.map((x) => {
        if (!(x instanceof PyInt)) typeError(`'${x.type.name}' object cannot be interpreted as an integer`);
        return Number(x.value);
      });
      if (nums.length === 0) typeError("range expected at least 1 argument, got 0");
      const [start, stop, step] = nums.length === 1 ? [0, nums[0], 1] : [nums[0], nums[1], nums[2] ?? 1];
      if (step === 0) valueError("range() arg 3 must not be zero");
      return newRange(start, stop, step);
    }
    case enumerateType: {
      const startArg = a[1] ?? kwarg(args, kwnames, "start");
      const en = newCompositeIter(enumerateType, [getIter(a[0])], null, startArg ? Number((startArg as PyInt).value) : 0);
      en.result = newTuple([None, None]); // enum_new: en_result = PyTuple_Pack(2, None, None)
      return en;
    }
    case zipType: {
      // zip_new: the tuple of iterators, then the result holder, then the zip object.
      const ittuple = tupleOfIterators(a);
      const result = newTupleToFill(a.length);
      const z = newCompositeIter(zipType, [ittuple], null);
      z.result = result;
      return z;
    }
    case mapType: {
      if (a.length < 2) typeError("map() must have at least two arguments.");
      // map_vectorcall: the tuple of iterators first, then the map object.
      const iters = tupleOfIterators(a.slice(1));
      a[0].refcnt++;
      return newCompositeIter(mapType, [iters], a[0]);
    }
    case filterType: {
      a[0].refcnt++;
      return newCompositeIter(filterType, [getIter(a[1])], a[0]);
    }
    case reversedType: {
      const seq = a[0];
      const custom = callMethodIfDefined(seq, "__reversed__", []);
      if (custom !== null) return custom;
      seq.refcnt++;
      return newCompositeIter(reversedType, [seq], null, lenOf(seq) - 1);
    }
    case staticmethodType:
    case classmethodType:
      return functoolsWraps(newWrapper(t, a[0]), a[0]);
    case propertyType:
      return newProperty(a[0] && a[0] !== None ? a[0] : null, a[1] && a[1] !== None ? a[1] : null, a[2] && a[2] !== None ? a[2] : null);
    case sliceType: {
      const [s0, s1, s2] = a.length === 1 ? [None, a[0], None] : [a[0], a[1], a[2] ?? None];
      s0.refcnt++;
      s1.refcnt++;
      s2.refcnt++;
      return newSlice(s0, s1, s2);
    }
    default:
      if (t.isSubtype(baseExceptionType)) return newException(t, a.map((x) => (x.refcnt++, x)));
      typeError(`cannot create '${t.name}' instances`);
  }
}

import { isTrue } from "./abstract";
function isTrueOf(o: PyObject): boolean {
  return isTrue(o);
}
void [False, PyRange, PyDict, PySet, listExtendKnown, listSetCapacityExact, allocObject, SIZEOF, call, typeType];

/** What sm_init / cm_init copy from the callable into the new wrapper's __dict__ (functools_wraps). */
const WRAPS_ATTRIBUTES = ["__module__", "__name__", "__qualname__", "__doc__", "__annotations__"];

function functoolsWraps(wrapper: PyWrapperDescr, wrapped: PyObject): PyWrapperDescr {
  for (const name of WRAPS_ATTRIBUTES) {
    const value = getAttrOrNull(wrapped, name);
    if (value === null) continue;
    if (wrapper.dict === null) wrapper.dict = newDict();
    const key = internString(name);
    dictSetItem(wrapper.dict, key, value);
    decref(key);
    decref(value);
  }
  return wrapper;
}

/**
 * zip's ittuple and map's iters: PyTuple_New(n) and then an iterator from each argument, in
 * that order; an argument that is not iterable frees what was made.
 */
function tupleOfIterators(iterables: PyObject[]): PyTuple {
  const t = newTupleToFill(iterables.length);
  try {
    for (let i = 0; i < iterables.length; i++) t.items[i] = getIter(iterables[i]);
  } catch (e) {
    decref(t);
    throw e;
  }
  return t;
}
