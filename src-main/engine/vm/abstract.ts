// The abstract object protocol (Objects/abstract.c, object.c): repr/str, truth, hashing,
// comparison, arithmetic, attribute access, item access, iteration and length, dispatching on
// builtin representations and falling back to dunder methods of Python classes.
// Every function takes borrowed arguments and returns a new reference.
import { decref, incref, PyObject, PyType, typeType, objectType, invalidateTypeCaches, updateFinalizerSlots } from "../objects/object";
import { PyInt, newInt, pyBool, True, False, intType, boolType, IntOrigin, type IntValue, normInt } from "../objects/int";
import { PyFloat, newFloat, floatType, PyComplex } from "../objects/float";
import { PyStr, newStr, newStrUncached, strType, codePoints, latin1Char, emptyStr } from "../objects/str";
import { PyBytes, PyByteArray, newBytes } from "../objects/bytes";
import { PyTuple, newTuple, tupleType, emptyTuple } from "../objects/tuple";
import { PyList, newList, listType, listAppend, listExtendKnown, listResize, listDeleteSlice, listSetCapacityExact } from "../objects/list";
import { PyDict, dictGetItem, dictSetItem, dictDelItem, dictType, newDict, dictLookup } from "../objects/dict";
import { PySet, isFrozenset, frozenset_hash, setMembers, setType } from "../objects/set";
import {
  set_contains, set_or, set_intersection, set_difference, set_symmetric_difference, set_update_internal,
  set_intersection_update, set_difference_update_internal, set_symmetric_difference_update, set_richcompare, setDictHasKey,
} from "./set-ops";
import { dictViewBinary } from "./dictview-setops";
import { longHash, doubleHash, tupleHash, bytesHash, unicodeHash, pointerHash, hashFromHashResult, normHash, NONE_HASH, type PyHash } from "../objects/pyhash";
import { None, NotImplemented, Ellipsis, PySingleton } from "../objects/singletons";
import { PyFunction, PyMethod, PyBuiltinFunction, PyMethodDescr, PyCell, PyWrapperDescr, PyProperty, newMethod, newBoundBuiltin, staticmethodType, classmethodType } from "../objects/function";
import { PyInstance, instanceAttr, instanceDelAttr, instanceSetAttr, materializeDict } from "../objects/instance";
import { PyLayoutDescr, layoutDescrRepr } from "../objects/descriptors";
import { PyMappingProxy } from "../objects/mappingproxy";
import { PyWeakref, isProxy, unwrapProxy, weakrefsTo, weakrefRepr, weakrefHash, weakrefRichCompare, weakrefGetAttr, proxyReferent } from "../modules/weakref_object";
import { PyModule } from "../objects/module";
import { PyBaseException, raise, MemoryError } from "../objects/exceptions";
import { PyRange, PySeqIter, PyRangeIter, PySlice, PyCompositeIter } from "../objects/iterators";
import { PyCode } from "../objects/code";
import { PyFrameObject } from "../objects/frameobject";
import {
  PyFrameLocalsProxy, framelocalsproxy_getitem, framelocalsproxy_setitem, framelocalsproxy_contains,
  framelocalsproxy_length, framelocalsproxy_todict, framelocalsproxy_or, framelocalsproxy_merge,
} from "../objects/framelocalsproxy";
import { PyGen } from "./generator";
import { typeError, attributeError, indexError, keyError, zeroDivision, valueError, overflowError } from "./errors";
import { INT_MAX, PY_SSIZE_T_MAX, indexAsSsize, productExceedsSsize, reserveItems, REFERENCE_BYTES, STR_HEADER_BYTES, BYTES_HEADER_BYTES } from "./result-size";
import { raiseAttributeError } from "./suggestions";
import { floatRepr, strRepr, bytesRepr, formatInt, formatFloat, formatStr } from "./format";
import { call } from "./call";
import { BinOp as NB, CmpOp, BINOP_SYMBOLS, CMP_SYMBOLS } from "../compile/opcodes";
import { hashKey, isUserKey, setUserKeyHooks, type HashKey } from "../objects/hashkey";
import { getSpecialAttr, setSpecialAttr } from "./special-attrs";
import { getIter, iterNext } from "./iteration";
import { PySuper, superGetAttr } from "./super";

export function typeName(o: PyObject): string {
  return o.type.name;
}

// ---------------------------------------------------------------------------------------------
// Method lookup helpers

/** A dunder defined by a Python class (not by a builtin type), borrowed, or null. */
export function userDunder(o: PyObject, name: string): PyObject | null {
  const t = o.type;
  if (!t.heapType) return null;
  const m = t.lookup(name);
  if (m === null || m instanceof PyMethodDescr) return null;
  return m;
}

/** Calls a special method found on the type with `self` prepended. */
export function callDunder(m: PyObject, self: PyObject, args: PyObject[]): PyObject {
  if (m instanceof PyWrapperDescr && m.type === staticmethodType) return call(m.callable!, args, null);
  return call(m, [self, ...args], null);
}

/** Looks up and calls obj.<name>(*args) via the type; null when not defined. */
export function callMethodIfDefined(o: PyObject, name: string, args: PyObject[]): PyObject | null {
  const m = o.type.lookup(name);
  if (m === null) return null;
  if (m instanceof PyMethodDescr) return m.fn(o, args, null);
  return callDunder(m, o, args);
}

// ---------------------------------------------------------------------------------------------
// repr / str

export function repr(o: PyObject): string {
  if (o instanceof PyStr) return strRepr(o.value);
  if (o instanceof PyInt) return o.type === boolType ? (o.value ? "True" : "False") : String(o.value);
  if (o instanceof PyFloat) return floatRepr(o.value);
  if (o === None) return "None";
  const user = userDunder(o, "__repr__");
  if (user !== null) return strResult(callDunder(user, o, []), "__repr__");
  return builtinRepr(o);
}

const reprStack = new Set<PyObject>();

function builtinRepr(o: PyObject): string {
  if (o instanceof PyList || o instanceof PyTuple || o instanceof PyDict || o instanceof PySet) {
    if (reprStack.has(o)) return o instanceof PyList ? "[...]" : o instanceof PyDict ? "{...}" : o instanceof PySet ? `${o.type.name}(...)` : "(...)";
    reprStack.add(o);
    try {
      if (o instanceof PyList) return "[" + o.items.map(repr).join(", ") + "]";
      if (o instanceof PyTuple) return o.items.length === 1 ? "(" + repr(o.items[0]) + ",)" : "(" + o.items.map(repr).join(", ") + ")";
      if (o instanceof PyDict) return "{" + [...o.map.values()].map((e) => repr(e.key) + ": " + repr(e.value)).join(", ") + "}";
      // set_repr: table order; subclasses and frozenset name their type around the braces.
      if (o.used === 0) return `${o.type.name}()`;
      const items = setMembers(o);
      for (const x of items) x.refcnt++;
      try {
        const body = "{" + items.map(repr).join(", ") + "}";
        return o.type === setType ? body : `${o.type.name}(${body})`;
      } finally {
        for (const x of items) decref(x);
      }
    } finally {
      reprStack.delete(o);
    }
  }
  if (o instanceof PySingleton) return o.reprText;
  if (o instanceof PyFrameLocalsProxy) return frameLocalsProxyRepr(o);
  if (o instanceof PyWeakref) return weakrefRepr(o); // [weakref hook]
  if (o instanceof PyLayoutDescr) return layoutDescrRepr(o);
  if (o instanceof PyMappingProxy) return `mappingproxy(${repr(o.mapping)})`;
  if (o instanceof PyBytes) return bytesRepr(o.data);
  if (o instanceof PyByteArray) return "bytearray(" + bytesRepr(o.data) + ")";
  if (o instanceof PyComplex) return complexRepr(o);
  if (o instanceof PyType) return o.heapType ? `<class '${o.module}.${o.qualname}'>` : `<class '${o.name}'>`;
  if (o instanceof PyFunction) return `<function ${o.qualname.value} at ${hexId(o)}>`;
  if (o instanceof PyMethod) return `<bound method ${qualnameOf(o.func)} of ${repr(o.self)}>`;
  if (o instanceof PyBuiltinFunction) {
    if (o.self && !(o.self instanceof PyModule)) return `<built-in method ${o.name} of ${o.self.type.name} object at ${hexId(o.self)}>`;
    return `<built-in function ${o.name}>`;
  }
  if (o instanceof PyMethodDescr) return `<method '${o.name}' of '${o.owner.name}' objects>`;
  if (o instanceof PyModule) return o.name === "builtins" || o.name === "sys" ? `<module '${o.name}' (built-in)>` : `<module '${o.name}'>`;
  if (o instanceof PyRange) return o.step === 1 ? `range(${o.start}, ${o.stop})` : `range(${o.start}, ${o.stop}, ${o.step})`;
  if (o instanceof PyBaseException) {
    const args = o.args.items;
    const name = o.type.name;
    if (args.length === 1) return `${name}(${repr(args[0])})`;
    return `${name}(${args.map(repr).join(", ")})`;
  }
  if (o instanceof PyGen) return `<generator object ${o.qualname.value} at ${hexId(o)}>`;
  if (o instanceof PyCell) return `<cell at ${hexId(o)}: ${o.contents ? `${o.contents.type.name} object at ${hexId(o.contents)}` : "empty"}>`;
  if (o instanceof PyFrameObject) return `<frame at ${hexId(o)}, file '${o.code.filename}', line ${o.lineno}, code ${o.code.name}>`;
  if (o instanceof PyCode) return `<code object ${o.name} at ${hexId(o)}, file "${o.filename}", line ${o.firstlineno}>`;
  if (o instanceof PySlice) return `slice(${repr(o.start)}, ${repr(o.stop)}, ${repr(o.step)})`;
  const t = o.type;
  const typeLabel = t.heapType ? `${t.module}.${t.qualname}` : t.name;
  return `<${typeLabel} object at ${hexId(o)}>`;
}

/** framelocalsproxy_repr: the repr of a dict made from it; "{...}" when it contains itself. */
function frameLocalsProxyRepr(proxy: PyFrameLocalsProxy): string {
  if (reprStack.has(proxy)) return "{...}";
  reprStack.add(proxy);
  const d = framelocalsproxy_todict(proxy);
  try {
    return repr(d);
  } finally {
    reprStack.delete(proxy);
    decref(d);
  }
}

function complexRepr(c: PyComplex): string {
  const im = (v: number) => (Number.isInteger(v) && Math.abs(v) < 1e16 ? String(v) : floatRepr(v));
  if (c.real === 0 && !Object.is(c.real, -0)) return `${im(c.imag)}j`;
  const sign = c.imag < 0 || Object.is(c.imag, -0) ? "-" : "+";
  return `(${im(c.real)}${sign}${im(Math.abs(c.imag))}j)`;
}

export function hexId(o: PyObject): string {
  return "0x" + o.addr.toString(16).padStart(12, "0");
}

function qualnameOf(f: PyObject): string {
  if (f instanceof PyFunction) return f.qualname.value;
  if (f instanceof PyBuiltinFunction) return f.name;
  return "?";
}

function strResult(r: PyObject, what: string): string {
  if (!(r instanceof PyStr)) {
    const n = r.type.name;
    decref(r);
    typeError(`${what} returned non-string (type ${n})`);
  }
  const s = r.value;
  decref(r);
  return s;
}

export function str(o: PyObject): string {
  if (o instanceof PyStr) return o.value;
  if (o instanceof PyWeakref && o.isProxy) return str(proxyReferent(o)); // [weakref hook]
  if (o instanceof PyMappingProxy) return str(o.mapping); // mappingproxy_str
  const user = userDunder(o, "__str__");
  if (user !== null) return strResult(callDunder(user, o, []), "__str__");
  if (o instanceof PyBaseException && !userDunder(o, "__repr__")) {
    const args = o.args.items;
    if (args.length === 0) return "";
    if (args.length === 1) return o.type === keyErrorType() ? repr(args[0]) : str(args[0]);
    return repr(o.args);
  }
  return repr(o);
}

let keyErrorTypeCache: PyType | null = null;
function keyErrorType(): PyType {
  if (keyErrorTypeCache === null) keyErrorTypeCache = (require_exceptions().KeyError);
  return keyErrorTypeCache;
}
import * as exceptionsModule from "../objects/exceptions";
function require_exceptions() {
  return exceptionsModule;
}

/** A new str object holding str(o). */
export function strObject(o: PyObject): PyStr {
  if (o instanceof PyStr && o.type === strType) {
    o.refcnt++;
    return o;
  }
  if (o instanceof PyInt && o.type === intType) return newStrUncached(String(o.value));
  return newStr(str(o));
}

export function format(o: PyObject, spec: string): string {
  const user = userDunder(o, "__format__");
  if (user !== null) {
    const s = newStr(spec);
    try {
      return strResult(callDunder(user, o, [s]), "__format__");
    } finally {
      decref(s);
    }
  }
  if (o instanceof PyInt && o.type !== boolType) return spec === "" ? String(o.value) : formatInt(o.value, spec);
  if (o instanceof PyInt) return spec === "" ? str(o) : formatInt(o.value, spec);
  if (o instanceof PyFloat) return spec === "" ? floatRepr(o.value) : formatFloat(o.value, spec);
  if (o instanceof PyStr) return spec === "" ? o.value : formatStr(o.value, spec);
  if (spec !== "") typeError(`unsupported format string passed to ${o.type.name}.__format__`);
  return str(o);
}

// ---------------------------------------------------------------------------------------------
// Truth, length, hashing, equality

export function isTrue(o: PyObject): boolean {
  if (o === True) return true;
  if (o === False || o === None) return false;
  if (o instanceof PyInt) return o.value !== 0 && o.value !== 0n;
  if (o instanceof PyStr) return o.value.length > 0;
  if (o instanceof PyList) return o.items.length > 0;
  if (o instanceof PyTuple) return o.items.length > 0;
  if (o instanceof PyDict) return o.map.size > 0;
  if (o instanceof PySet) return o.used > 0;
  if (o instanceof PyFloat) return o.value !== 0;
  if (isProxy(o)) return isTrue(proxyReferent(o)); // [weakref hook] proxy_bool
  if (o instanceof PyMappingProxy) return lenOf(o.mapping) > 0;
  if (o.type.heapType) {
    const b = o.type.lookup("__bool__");
    if (b !== null && !(b instanceof PyMethodDescr)) {
      const r = callDunder(b, o, []);
      const v = r === True;
      if (r !== True && r !== False) {
        decref(r);
        typeError(`__bool__ should return bool, returned ${r.type.name}`);
      }
      return v;
    }
    const l = o.type.lookup("__len__");
    if (l !== null && !(l instanceof PyMethodDescr)) return lenOf(o) > 0;
    return true;
  }
  if (o instanceof PyBytes) return o.data.length > 0;
  if (o instanceof PyByteArray) return o.data.length > 0;
  if (o instanceof PyRange) return o.length > 0;
  if (o instanceof PyFrameLocalsProxy) return framelocalsproxy_length(o) > 0;
  return true;
}

export function lenOf(o: PyObject): number {
  if (o instanceof PyStr) return o.length;
  if (isProxy(o)) return lenOf(proxyReferent(o)); // [weakref hook] proxy_length
  if (o instanceof PyMappingProxy) return lenOf(o.mapping);
  if (o instanceof PyList) return o.items.length;
  if (o instanceof PyTuple) return o.items.length;
  if (o instanceof PyDict) return o.map.size;
  if (o instanceof PySet) return o.used;
  if (o instanceof PyBytes) return o.data.length;
  if (o instanceof PyByteArray) return o.data.length;
  if (o instanceof PyFrameLocalsProxy) return framelocalsproxy_length(o);
  if (o instanceof PyRange) {
    // range_length: the length is a Python int that must fit Py_ssize_t (PyLong_AsSsize_t).
    if (o.length >= 2 ** 63) overflowError("Python int too large to convert to C ssize_t");
    return o.length;
  }
  const m = userDunder(o, "__len__");
  if (m !== null) {
    const r = callDunder(m, o, []);
    if (!(r instanceof PyInt)) {
      decref(r);
      typeError(`'${r.type.name}' object cannot be interpreted as an integer`);
    }
    const v = Number(r.value);
    decref(r);
    if (v < 0) valueError("__len__() should return >= 0");
    return v;
  }
  if (o instanceof PyCompositeIter && o.type.name.startsWith("dict_")) return (o.parts[0] as PyDict).map.size;
  typeError(`object of type '${o.type.name}' has no len()`);
}

/** hash(o), CPython's value for each type (objects/pyhash.ts); TypeError when unhashable. */
export function hashOf(o: PyObject): PyHash {
  if (o instanceof PyWeakref) {
    // [weakref hook] a ref hashes as its referent; a proxy is unhashable (proxy_hash).
    if (o.isProxy) typeError(`unhashable type: '${o.type.module}.${o.type.name}'`);
    return weakrefHash(o, hashOf);
  }
  if (o.type.heapType) {
    const m = o.type.lookup("__hash__");
    if (m === None || (m === null && definesEqOnly(o.type))) typeError(`unhashable type: '${o.type.name}'`);
    if (m !== null && !(m instanceof PyMethodDescr)) {
      const r = callDunder(m, o, []);
      if (!(r instanceof PyInt)) {
        decref(r);
        typeError("__hash__ method should return an integer");
      }
      const v = hashFromHashResult(r.value);
      decref(r);
      return v;
    }
  }
  if (o instanceof PyInt) return longHash(o.value);
  if (o instanceof PyStr) return strHash(o);
  if (o instanceof PyFloat) return doubleHash(o.value, o.addr);
  if (o instanceof PyTuple) return tupleHash(o.items.map(hashOf));
  if (o === None) return NONE_HASH;
  if (o instanceof PyBytes) return bytesHash(o.data);
  if (o instanceof PyComplex) return complexHash(o);
  if (o instanceof PyRange) return rangeHash(o);
  if (o instanceof PySet && isFrozenset(o)) return frozenset_hash(o);
  if (o instanceof PyList || o instanceof PyDict || o instanceof PySet || o instanceof PyByteArray || o instanceof PyFrameLocalsProxy) {
    typeError(`unhashable type: '${o.type.name}'`);
  }
  return pointerHash(o.addr);
}

/** A class that defines __eq__ but not __hash__ gets __hash__ = None (type_new). */
function definesEqOnly(t: PyType): boolean {
  const e = t.lookup("__eq__");
  return e !== null && !(e instanceof PyMethodDescr);
}

/** unicode_hash, cached on the string as CPython caches it in the object. */
function strHash(s: PyStr): PyHash {
  if (s.hashCache === null) s.hashCache = unicodeHash(s.value, s.maxChar);
  return s.hashCache;
}

/** range_hash: the hash of (len, start, step), with None for what the length makes irrelevant. */
function rangeHash(r: PyRange): PyHash {
  const n = r.length;
  if (n === 0) return tupleHash([0, NONE_HASH, NONE_HASH]);
  return tupleHash([longHash(n), longHash(r.start), n === 1 ? NONE_HASH : longHash(r.step)]);
}

/** complex_hash: hash(real) + 1000003 * hash(imag), wrapping at 64 bits. */
function complexHash(c: PyComplex): PyHash {
  const r = BigInt(doubleHash(c.real, c.addr));
  const i = BigInt(doubleHash(c.imag, c.addr));
  const h = BigInt.asIntN(64, r + 1000003n * i);
  return h === -1n ? -2 : normHash(h);
}

/** The dict/set key for o, rejecting unhashable values the way CPython does. */
export function keyOf(o: PyObject): ReturnType<typeof hashKey> {
  if (o instanceof PyList || o instanceof PyDict || o instanceof PyByteArray || (o instanceof PySet && o.type.name === "set")) {
    typeError(`unhashable type: '${o.type.name}'`);
  }
  if (o.type.heapType) {
    const h = o.type.lookup("__hash__");
    if (h === None) typeError(`unhashable type: '${o.type.name}'`);
    if (h !== null && !(h instanceof PyMethodDescr)) return o; // hashed by the table (objects/hashkey.ts tableKey)
    if (o.type.lookup("__eq__") !== null && !(o.type.lookup("__eq__") instanceof PyMethodDescr) && h === null) {
      typeError(`unhashable type: '${o.type.name}'`);
    }
  }
  if (o instanceof PyTuple) for (const i of o.items) keyOf(i);
  return hashKey(o);
}

/** The Python hash of an object whose class defines __hash__ in Python, else null (hashkey hook). */
function userHashOf(o: PyObject): PyHash | null {
  if (!o.type.heapType) return null;
  const h = o.type.lookup("__hash__");
  if (h === null || h === None || h instanceof PyMethodDescr) return null;
  return hashOf(o);
}
setUserKeyHooks(userHashOf, eq);
setDictHasKey((d, key) => dictLookup(d, key) !== undefined);


export function eq(a: PyObject, b: PyObject): boolean {
  if (a === b) return true;
  const r = richCompare(a, b, CmpOp.EQ);
  const v = isTrue(r);
  decref(r);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Comparison

const REFLECTED: CmpOp[] = [CmpOp.GT, CmpOp.GE, CmpOp.EQ, CmpOp.NE, CmpOp.LT, CmpOp.LE];
const CMP_DUNDERS = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

function cmpResult(c: number, op: CmpOp): boolean {
  switch (op) {
    case CmpOp.LT: return c < 0;
    case CmpOp.LE: return c <= 0;
    case CmpOp.EQ: return c === 0;
    case CmpOp.NE: return c !== 0;
    case CmpOp.GT: return c > 0;
    case CmpOp.GE: return c >= 0;
  }
}

function isNumber(o: PyObject): o is PyInt | PyFloat {
  return o instanceof PyInt || o instanceof PyFloat;
}

function numCompare(a: PyInt | PyFloat, b: PyInt | PyFloat): number {
  const x = a.value;
  const y = b.value;
  if (typeof x === "number" && typeof y === "number") return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  if (typeof x === "bigint" && typeof y === "bigint") return x < y ? -1 : x > y ? 1 : 0;
  const fx = Number(x);
  const fy = Number(y);
  if (fx !== fy) return fx < fy ? -1 : 1;
  const bx = typeof x === "bigint" ? x : Number.isInteger(x) ? BigInt(x) : null;
  const by = typeof y === "bigint" ? y : Number.isInteger(y) ? BigInt(y) : null;
  if (bx !== null && by !== null) return bx < by ? -1 : bx > by ? 1 : 0;
  return 0;
}

/** Compares two builtin values; returns null when the types do not support it. */
function builtinCompare(a: PyObject, b: PyObject, op: CmpOp): boolean | null {
  if (isNumber(a) && isNumber(b)) {
    const c = numCompare(a, b);
    if (Number.isNaN(c)) return op === CmpOp.NE;
    return cmpResult(c, op);
  }
  if (a instanceof PyStr && b instanceof PyStr) {
    const c = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    return cmpResult(c, op);
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const x = a.items;
    const y = b.items;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      if (x[i] === y[i]) continue;
      if (!eq(x[i], y[i])) {
        if (op === CmpOp.EQ) return false;
        if (op === CmpOp.NE) return true;
        const r = richCompare(x[i], y[i], op);
        const v = isTrue(r);
        decref(r);
        return v;
      }
    }
    return cmpResult(x.length - y.length, op);
  }
  if (op === CmpOp.EQ || op === CmpOp.NE) {
    let same: boolean | null = null;
    if (a instanceof PyDict && b instanceof PyDict) {
      same = a.map.size === b.map.size && [...a.map.entries()].every(([k, e]) => {
        const o = isUserKey(k) ? dictLookup(b, e.key) : b.map.get(k);
        return o !== undefined && eq(e.value, o.value);
      });
    } else if (a instanceof PySet && b instanceof PySet) {
      same = set_richcompare(a, b, "==");
    } else if (a instanceof PyBytes && b instanceof PyBytes) {
      same = a.data.length === b.data.length && a.data.every((v, i) => v === b.data[i]);
    } else if (a instanceof PyRange && b instanceof PyRange) {
      same = a.start === b.start && a.stop === b.stop && a.step === b.step;
    }
    if (same !== null) return op === CmpOp.EQ ? same : !same;
  }
  if (a instanceof PySet && b instanceof PySet) {
    switch (op) {
      case CmpOp.LE: return set_richcompare(a, b, "<=");
      case CmpOp.LT: return set_richcompare(a, b, "<");
      case CmpOp.GE: return set_richcompare(a, b, ">=");
      case CmpOp.GT: return set_richcompare(a, b, ">");
      default: break;
    }
  }
  return null;
}

/**
 * framelocalsproxy_richcompare, tried from either side (a dict defers to it): two proxies are
 * equal when they view the same frame; against a dict, a dict made from the proxy is compared.
 */
function frameLocalsProxyCompare(a: PyObject, b: PyObject, op: CmpOp): PyObject | null {
  const [proxy, other, proxyOp] = a instanceof PyFrameLocalsProxy ? [a, b, op] : [b as PyFrameLocalsProxy, a, REFLECTED[op]];
  if (other instanceof PyFrameLocalsProxy) {
    if (proxyOp === CmpOp.EQ) return pyBool(proxy.frame === other.frame);
    if (proxyOp === CmpOp.NE) return pyBool(proxy.frame !== other.frame);
    return null;
  }
  if (!(other instanceof PyDict)) return null;
  const d = framelocalsproxy_todict(proxy);
  try {
    return richCompare(d, other, proxyOp);
  } finally {
    decref(d);
  }
}

export function richCompare(a: PyObject, b: PyObject, op: CmpOp): PyObject {
  // [weakref hook] ref == ref compares the referents while both are alive.
  if ((op === CmpOp.EQ || op === CmpOp.NE) && a instanceof PyWeakref) {
    const r = weakrefRichCompare(a, b, op === CmpOp.EQ ? "==" : "!=", eq);
    if (r !== null) return pyBool(r);
  }
  // [weakref hook] proxy_richcompare: both operands unwrapped.
  if (isProxy(a) || isProxy(b)) return richCompare(unwrapProxy(a), unwrapProxy(b), op);
  if (a instanceof PyMappingProxy) return richCompare(a.mapping, b, op); // mappingproxy_richcompare
  // Reflected operand first when b's type is a subclass of a's (Python's rule).
  const ua = userDunder(a, CMP_DUNDERS[op]);
  const ub = userDunder(b, CMP_DUNDERS[REFLECTED[op]]);
  if (ub !== null && b.type !== a.type && b.type.isSubtype(a.type)) {
    const r = callDunder(ub, b, [a]);
    if (r !== NotImplemented) return r;
  }
  if (ua !== null) {
    const r = callDunder(ua, a, [b]);
    if (r !== NotImplemented) return r;
  }
  if (ub !== null) {
    const r = callDunder(ub, b, [a]);
    if (r !== NotImplemented) return r;
  }
  if (op === CmpOp.NE && ua === null) {
    const ueq = userDunder(a, "__eq__");
    if (ueq !== null) {
      const r = callDunder(ueq, a, [b]);
      if (r !== NotImplemented) {
        const v = isTrue(r);
        decref(r);
        return pyBool(!v);
      }
    }
  }
  if (a instanceof PyFrameLocalsProxy || b instanceof PyFrameLocalsProxy) {
    const r = frameLocalsProxyCompare(a, b, op);
    if (r !== null) return r;
  }
  const v = builtinCompare(a, b, op);
  if (v !== null) return pyBool(v);
  if (op === CmpOp.EQ) return pyBool(a === b);
  if (op === CmpOp.NE) return pyBool(a !== b);
  typeError(`'${CMP_SYMBOLS[op]}' not supported between instances of '${a.type.name}' and '${b.type.name}'`);
}

export function contains(container: PyObject, item: PyObject): boolean {
  if (isProxy(container)) return contains(proxyReferent(container), item); // [weakref hook] proxy_contains
  if (container instanceof PyMappingProxy) return contains(container.mapping, item);
  if (container instanceof PyDict) {
    keyOf(item);
    return dictLookup(container, item) !== undefined;
  }
  if (container instanceof PySet) return set_contains(container, item);
  if (container instanceof PyFrameLocalsProxy) return framelocalsproxy_contains(container, item);
  if (container instanceof PyStr) {
    if (!(item instanceof PyStr)) typeError(`'in <string>' requires string as left operand, not ${item.type.name}`);
    return container.value.includes(item.value);
  }
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (x === item || eq(x, item)) return true;
    return false;
  }
  if (container instanceof PyRange && item instanceof PyInt) {
    const v = Number(item.value);
    const { start, stop, step } = container;
    if (step > 0 ? v < start || v >= stop : v > start || v <= stop) return false;
    return (v - start) % step === 0;
  }
  const m = userDunder(container, "__contains__");
  if (m !== null) {
    const r = callDunder(m, container, [item]);
    const v = isTrue(r);
    decref(r);
    return v;
  }
  const it = getIter(container);
  try {
    for (;;) {
      const x = iterNext(it);
      if (x === null) return false;
      const found = x === item || eq(x, item);
      decref(x);
      if (found) return true;
    }
  } finally {
    decref(it);
  }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

const BINOP_DUNDERS = ["add", "and", "floordiv", "lshift", "matmul", "mul", "mod", "or", "pow", "rshift", "sub", "truediv", "xor"];

function digitsOf(v: IntValue): number {
  if (typeof v === "number") {
    const a = Math.abs(v);
    if (a < 1073741824) return 1;
    if (a < 1152921504606846976) return 2;
  }
  let b = BigInt(v);
  if (b < 0n) b = -b;
  let n = 0;
  while (b > 0n) {
    b >>= 30n;
    n++;
  }
  return Math.max(n, 1);
}

/** The size int arithmetic asks the allocator for (see profile / FACTS §6). */
function arithInt(v: IntValue, op: NB, a: IntValue, b: IntValue): PyInt {
  v = normInt(v);
  const da = digitsOf(a);
  const db = digitsOf(b);
  if (da <= 1 && db <= 1) return newInt(v, IntOrigin.Medium);
  if (op === NB.ADD || op === NB.SUBTRACT) return newIntDigits(v, Math.max(da, db) + 1);
  if (op === NB.MULTIPLY) return newIntDigits(v, da + db);
  return newInt(v, IntOrigin.Exact);
}

import { allocObject } from "../objects/object";
import { SMALL_INT_MAX, SMALL_INT_MIN, SIZEOF, listPreallocCapacity } from "../profile";
function newIntDigits(v: IntValue, digits: number): PyInt {
  if (typeof v === "number" && v >= SMALL_INT_MIN && v <= SMALL_INT_MAX) return newInt(v);
  const o = new PyInt(v);
  allocObject(o, SIZEOF.longHeader + 4 * digits, false);
  return o;
}

function floorDivBig(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

/** int (op) int for JS-number values; null for operators ints do not define. */
export function intOp(op: NB, a: IntValue, b: IntValue): PyObject | null {
  if (typeof a === "number" && typeof b === "number") {
    switch (op) {
      case NB.ADD: { const r = a + b; if (Number.isSafeInteger(r)) return arithInt(r, op, a, b); break; }
      case NB.SUBTRACT: { const r = a - b; if (Number.isSafeInteger(r)) return arithInt(r, op, a, b); break; }
      case NB.MULTIPLY: { const r = a * b; if (Number.isSafeInteger(r)) return arithInt(r === 0 ? 0 : r, op, a, b); break; }
      case NB.FLOOR_DIVIDE:
        if (b === 0) zeroDivision("integer division or modulo by zero");
        return arithInt(Math.floor(a / b), op, a, b);
      case NB.REMAINDER: {
        if (b === 0) zeroDivision("integer modulo by zero");
        let r = a % b;
        if (r !== 0 && (r < 0) !== (b < 0)) r += b;
        return arithInt(r === 0 ? 0 : r, op, a, b);
      }
      case NB.TRUE_DIVIDE:
        if (b === 0) zeroDivision("division by zero");
        return newFloat(a / b);
      case NB.AND: if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return arithInt(a & b, op, a, b); break;
      case NB.OR: if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return arithInt(a | b, op, a, b); break;
      case NB.XOR: if (Math.abs(a) < 2 ** 31 && Math.abs(b) < 2 ** 31) return arithInt(a ^ b, op, a, b); break;
      case NB.POWER:
        if (b < 0) {
          if (a === 0) zeroDivision("zero to a negative power");
          return newFloat(a ** b);
        }
        { const r = a ** b; if (Number.isSafeInteger(r)) return newInt(r, IntOrigin.Exact); }
        break;
      case NB.RSHIFT:
        if (b < 0) valueError("negative shift count");
        break;
      case NB.LSHIFT:
        if (b < 0) valueError("negative shift count");
        break;
      default:
        break;
    }
  }
  const x = BigInt(a);
  const y = BigInt(b);
  let r: bigint;
  switch (op) {
    case NB.ADD: r = x + y; break;
    case NB.SUBTRACT: r = x - y; break;
    case NB.MULTIPLY: r = x * y; break;
    case NB.FLOOR_DIVIDE: if (y === 0n) zeroDivision("integer division or modulo by zero"); r = floorDivBig(x, y); break;
    case NB.REMAINDER: if (y === 0n) zeroDivision("integer modulo by zero"); r = x - floorDivBig(x, y) * y; break;
    case NB.TRUE_DIVIDE: if (y === 0n) zeroDivision("division by zero"); return newFloat(Number(x) / Number(y));
    case NB.AND: r = x & y; break;
    case NB.OR: r = x | y; break;
    case NB.XOR: r = x ^ y; break;
    case NB.LSHIFT: if (y < 0n) valueError("negative shift count"); r = x << y; break;
    case NB.RSHIFT: if (y < 0n) valueError("negative shift count"); r = x >> y; break;
    case NB.POWER:
      if (y < 0n) return newFloat(Number(x) ** Number(y));
      if (y > 100000n) overflowError("exponent too large");
      r = x ** y;
      return newInt(r, IntOrigin.Exact);
    default:
      return null;
  }
  return arithInt(r, op, a, b);
}

function floatOp(op: NB, a: number, b: number): PyObject | null {
  switch (op) {
    case NB.ADD: return newFloat(a + b);
    case NB.SUBTRACT: return newFloat(a - b);
    case NB.MULTIPLY: return newFloat(a * b);
    case NB.TRUE_DIVIDE: if (b === 0) zeroDivision("float division by zero"); return newFloat(a / b);
    case NB.FLOOR_DIVIDE: if (b === 0) zeroDivision("float floor division by zero"); return newFloat(Math.floor(a / b));
    case NB.REMAINDER: {
      if (b === 0) zeroDivision("float modulo");
      let r = a % b;
      if (r !== 0 && (r < 0) !== (b < 0)) r += b;
      return newFloat(r);
    }
    case NB.POWER: return newFloat(a ** b);
    default: return null;
  }
}

function seqRepeat(o: PyObject, n: PyObject): PyObject | null {
  if (!(n instanceof PyInt)) return null;
  const unit = o instanceof PyStr ? o.length : o instanceof PyList || o instanceof PyTuple ? o.items.length : o instanceof PyBytes ? o.data.length : -1;
  if (unit < 0) return null;
  // sequence_repeat converts the count with PyNumber_AsSsize_t(n, PyExc_OverflowError).
  const count = Math.max(0, indexAsSsize(n));
  // Each type's overflow check on the length (unicode_repeat, bytes_repeat; list_repeat and
  // tuple_repeat call PyErr_NoMemory), then the allocation, all before anything is built.
  if (productExceedsSsize(n.value, unit)) {
    if (o instanceof PyStr) overflowError("repeated string is too long");
    if (o instanceof PyBytes) overflowError("repeated bytes are too long");
    raise(MemoryError);
  }
  if (o instanceof PyStr) reserveItems(unit * count, 1, STR_HEADER_BYTES);
  else if (o instanceof PyBytes) reserveItems(unit * count, 1, BYTES_HEADER_BYTES);
  else reserveItems(unit * count, REFERENCE_BYTES);
  if (o instanceof PyStr) return newStr(o.value.repeat(count));
  if (o instanceof PyList) {
    const items: PyObject[] = [];
    for (let i = 0; i < count; i++) for (const x of o.items) items.push(x);
    for (const x of items) x.refcnt++;
    return newList(items);
  }
  if (o instanceof PyTuple) {
    if (count === 1) {
      o.refcnt++;
      return o;
    }
    const items: PyObject[] = [];
    for (let i = 0; i < count; i++) for (const x of o.items) items.push(x);
    for (const x of items) x.refcnt++;
    return newTuple(items);
  }
  if (o instanceof PyBytes) {
    const out = new Uint8Array(o.data.length * count);
    for (let i = 0; i < count; i++) out.set(o.data, i * o.data.length);
    return newBytes(out);
  }
  return null;
}

/** The builtin meaning of a binary operator, or null for NotImplemented. */
function builtinBinary(op: NB, a: PyObject, b: PyObject): PyObject | null {
  if (op === NB.OR && (a instanceof PyFrameLocalsProxy || b instanceof PyFrameLocalsProxy)) return framelocalsproxy_or(a, b);
  if (a instanceof PyInt && b instanceof PyInt) return intOp(op, a.value, b.value);
  if (isNumber(a) && isNumber(b)) return floatOp(op, Number(a.value), Number(b.value));
  switch (op) {
    case NB.ADD:
      if (a instanceof PyStr && b instanceof PyStr) return b.value.length === 0 ? (a.refcnt++, a) : a.value.length === 0 ? (b.refcnt++, b) : newStr(a.value + b.value);
      if (a instanceof PyList && b instanceof PyList) {
        const items = [...a.items, ...b.items];
        for (const x of items) x.refcnt++;
        return newList(items);
      }
      if (a instanceof PyTuple && b instanceof PyTuple) {
        const items = [...a.items, ...b.items];
        for (const x of items) x.refcnt++;
        return newTuple(items);
      }
      if (a instanceof PyBytes && b instanceof PyBytes) {
        const out = new Uint8Array(a.data.length + b.data.length);
        out.set(a.data);
        out.set(b.data, a.data.length);
        return newBytes(out);
      }
      return null;
    case NB.MULTIPLY:
      return seqRepeat(a, b) ?? (b instanceof PyStr || b instanceof PyList || b instanceof PyTuple || b instanceof PyBytes ? seqRepeat(b, a) : null);
    case NB.REMAINDER:
      if (a instanceof PyStr) return newStr(percentFormat(a.value, b));
      return null;
    case NB.OR:
    case NB.AND:
    case NB.SUBTRACT:
    case NB.XOR:
      if (a instanceof PySet && b instanceof PySet) return setOperation(op, a, b);
      {
        const viewResult = dictViewBinary(op, a, b);
        if (viewResult !== null) return viewResult;
      }
      if (op === NB.OR && a instanceof PyDict && b instanceof PyDict) {
        const d = newDict();
        for (const e of a.map.values()) dictSetItem(d, e.key, e.value);
        for (const e of b.map.values()) dictSetItem(d, e.key, e.value);
        return d;
      }
      return null;
    default:
      return null;
  }
}

/** |, &, -, ^ between two sets (set_or, set_and, set_sub, set_xor). */
function setOperation(op: NB, a: PySet, b: PySet): PySet {
  switch (op) {
    case NB.OR: return set_or(a, b);
    case NB.AND: return set_intersection(a, b);
    case NB.SUBTRACT: return set_difference(a, b);
    default: return set_symmetric_difference(a, b);
  }
}

export function binaryOp(a: PyObject, b: PyObject, op: NB): PyObject {
  if (op >= NB.INPLACE_ADD) return inplaceOp(a, b, op - NB.INPLACE_ADD);
  // Fast path: two small ints.
  if (a instanceof PyInt && b instanceof PyInt) {
    // bool_and / bool_or / bool_xor: two bools give a bool, anything else int's result.
    if (a.type === boolType && b.type === boolType && (op === NB.AND || op === NB.OR || op === NB.XOR)) {
      const x = a === True;
      const y = b === True;
      return pyBool(op === NB.AND ? x && y : op === NB.OR ? x || y : x !== y);
    }
    const r = intOp(op, a.value, b.value);
    if (r !== null) return r;
  }
  // [weakref hook] proxy_add etc.: every proxy operand unwrapped.
  if (isProxy(a) || isProxy(b)) return binaryOp(unwrapProxy(a), unwrapProxy(b), op);
  const name = BINOP_DUNDERS[op];
  const ua = userDunder(a, `__${name}__`);
  const ub = a.type !== b.type ? userDunder(b, `__r${name}__`) : null;
  if (ub !== null && b.type.isSubtype(a.type)) {
    const r = callDunder(ub, b, [a]);
    if (r !== NotImplemented) return r;
  }
  if (ua !== null) {
    const r = callDunder(ua, a, [b]);
    if (r !== NotImplemented) return r;
  }
  const r = builtinBinary(op, a, b);
  if (r !== null) return r;
  if (ub !== null) {
    const r2 = callDunder(ub, b, [a]);
    if (r2 !== NotImplemented) return r2;
  }
  if (op === NB.ADD && a instanceof PyStr) typeError(`can only concatenate str (not "${b.type.name}") to str`);
  if (op === NB.ADD && a instanceof PyList) typeError(`can only concatenate list (not "${b.type.name}") to list`);
  if (op === NB.ADD && a instanceof PyTuple) typeError(`can only concatenate tuple (not "${b.type.name}") to tuple`);
  if (op === NB.MULTIPLY && (a instanceof PyStr || a instanceof PyList || a instanceof PyTuple)) typeError(`can't multiply sequence by non-int of type '${b.type.name}'`);
  const sym = BINOP_SYMBOLS[op];
  typeError(`unsupported operand type(s) for ${sym === "**" ? "** or pow()" : sym}: '${a.type.name}' and '${b.type.name}'`);
}

function inplaceOp(a: PyObject, b: PyObject, op: NB): PyObject {
  // [weakref hook] proxy_iadd etc.: the referent's in-place operation; the result replaces the name.
  if (isProxy(a) || isProxy(b)) return inplaceOp(unwrapProxy(a), unwrapProxy(b), op);
  // framelocalsproxy_inplace_or: `view |= mapping` writes through the proxy and keeps it.
  if (op === NB.OR && a instanceof PyFrameLocalsProxy && framelocalsproxy_merge(a, b)) {
    a.refcnt++;
    return a;
  }
  const u = userDunder(a, `__i${BINOP_DUNDERS[op]}__`);
  if (u !== null) {
    const r = callDunder(u, a, [b]);
    if (r !== NotImplemented) return r;
  }
  if (a instanceof PyList) {
    if (op === NB.ADD) {
      listExtendFrom(a, b);
      a.refcnt++;
      return a;
    }
    if (op === NB.MULTIPLY && b instanceof PyInt) {
      const n = Number(b.value);
      const orig = a.items.slice();
      if (n <= 0) {
        listDeleteSlice(a, 0, a.items.length);
      } else if (n > 1 && orig.length > 0) {
        const newLen = orig.length * n;
        listSetCapacityExact(a, Math.max(a.allocated, newLen));
        for (let i = 1; i < n; i++) for (const x of orig) {
          x.refcnt++;
          a.items.push(x);
        }
      }
      a.refcnt++;
      return a;
    }
  }
  if (a instanceof PySet && !isFrozenset(a) && b instanceof PySet && (op === NB.OR || op === NB.AND || op === NB.SUBTRACT || op === NB.XOR)) {
    // set_ior, set_iand, set_isub, set_ixor: in place, each with its own order of work.
    if (op === NB.OR) set_update_internal(a, b);
    else if (op === NB.AND) set_intersection_update(a, b);
    else if (op === NB.SUBTRACT) set_difference_update_internal(a, b);
    else set_symmetric_difference_update(a, b);
    a.refcnt++;
    return a;
  }
  if (a instanceof PyByteArray && b instanceof PyBytes && op === NB.ADD) {
    for (const x of b.data) a.data.push(x);
    a.refcnt++;
    return a;
  }
  return binaryOp(a, b, op);
}


/** list.extend(iterable) with list_extend's preallocation rules. */
export function listExtendFrom(l: PyList, src: PyObject): void {
  if (src instanceof PyList || src instanceof PyTuple) {
    const items = src.items.slice();
    for (const x of items) x.refcnt++;
    listExtendKnown(l, items);
    return;
  }
  if (src instanceof PyRange || src instanceof PyDict || src instanceof PySet || src instanceof PyStr) {
    // Length known: list_extend preallocates (via __length_hint__) then appends.
    const n = lenOf(src);
    const start = l.items.length;
    if (n > 0) {
      // list_preallocate_exact asks for the whole buffer before the first item: so does the engine.
      reserveItems(start + n, REFERENCE_BYTES);
      if (start === 0 && l.allocated === 0) listSetCapacityExact(l, listPreallocCapacity(n));
      else if (start + n > l.allocated) listResize(l, start + n);
    }
    const it = getIter(src);
    try {
      for (;;) {
        const x = iterNext(it);
        if (x === null) break;
        if (l.items.length + 1 > l.allocated) listResize(l, l.items.length + 1);
        l.items.push(x);
      }
    } finally {
      decref(it);
    }
    // list_extend trims the over-allocation it made from the hint.
    if (l.items.length < l.allocated && n > 0 && start === 0) { /* exact already */ }
    return;
  }
  const it = getIter(src);
  try {
    for (;;) {
      const x = iterNext(it);
      if (x === null) break;
      listAppend(l, x);
    }
  } finally {
    decref(it);
  }
}

export function unaryNegative(o: PyObject): PyObject {
  if (isProxy(o)) return unaryNegative(proxyReferent(o)); // [weakref hook]
  if (o instanceof PyInt) {
    const v = o.value;
    return newInt(typeof v === "number" ? (v === 0 ? 0 : -v) : -v, digitsOf(v) <= 1 ? IntOrigin.Medium : IntOrigin.Exact);
  }
  if (o instanceof PyFloat) return newFloat(-o.value);
  const u = userDunder(o, "__neg__");
  if (u !== null) return callDunder(u, o, []);
  typeError(`bad operand type for unary -: '${o.type.name}'`);
}

export function unaryPositive(o: PyObject): PyObject {
  if (isProxy(o)) return unaryPositive(proxyReferent(o)); // [weakref hook]
  if (o instanceof PyInt && o.type === intType) {
    o.refcnt++;
    return o;
  }
  if (o instanceof PyInt) return newInt(o.value);
  if (o instanceof PyFloat) {
    o.refcnt++;
    return o;
  }
  const u = userDunder(o, "__pos__");
  if (u !== null) return callDunder(u, o, []);
  typeError(`bad operand type for unary +: '${o.type.name}'`);
}

export function unaryInvert(o: PyObject): PyObject {
  if (isProxy(o)) return unaryInvert(proxyReferent(o)); // [weakref hook]
  if (o instanceof PyInt) {
    const v = o.value;
    return newInt(typeof v === "number" ? -v - 1 : -v - 1n);
  }
  const u = userDunder(o, "__invert__");
  if (u !== null) return callDunder(u, o, []);
  typeError(`bad operand type for unary ~: '${o.type.name}'`);
}

// ---------------------------------------------------------------------------------------------
// %-formatting

export function percentFormat(fmt: string, arg: PyObject): string {
  const args = arg instanceof PyTuple ? arg.items : [arg];
  let i = 0;
  const useDict = arg instanceof PyDict && !(arg instanceof PyTuple);
  const out = fmt.replace(/%(\([^)]*\))?([-+ #0]*)(\d+|\*)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g, (_m, key: string | undefined, flags: string, width: string | undefined, prec: string | undefined, conv: string) => {
    if (conv === "%") return "%";
    // unicode_format_arg_parse's limits on the digits themselves (the padding is reserved later).
    if (width !== undefined && width !== "*" && width.length >= 19 && BigInt(width) > PY_SSIZE_T_MAX) valueError("width too big");
    if (prec !== undefined && Number(prec) > INT_MAX) valueError("precision too big");
    let v: PyObject;
    if (key) {
      const k = newStr(key.slice(1, -1));
      const found = dictGetItem(arg as PyDict, k);
      decref(k);
      if (!found) keyError(newStr(key.slice(1, -1)));
      v = found;
    } else {
      if (i >= args.length) typeError("not enough arguments for format string");
      v = args[i++];
    }
    let spec = "";
    if (flags.includes("-")) spec += "<";
    else if (flags.includes("0") && conv !== "s" && conv !== "r") spec += "0";
    if (flags.includes("+")) spec = (spec.includes("<") ? "<" : "") + "+" + (spec.includes("0") ? "0" : "");
    if (flags.includes(" ") && !flags.includes("+")) spec += " ";
    let s: string;
    switch (conv) {
      case "s": s = str(v); return formatStr(s, (flags.includes("-") ? "<" : ">") + (width ?? "") + (prec !== undefined ? "." + prec : ""));
      case "r": case "a": s = repr(v); return formatStr(s, (flags.includes("-") ? "<" : ">") + (width ?? ""));
      case "d": case "i": case "u": {
        const n = v instanceof PyFloat ? Math.trunc(v.value) : (v as PyInt).value;
        if (!(v instanceof PyInt) && !(v instanceof PyFloat)) typeError(`%${conv} format: a real number is required, not ${v.type.name}`);
        return formatInt(n, spec + (width ?? ""));
      }
      case "x": case "X": case "o":
        return formatInt((v as PyInt).value, (flags.includes("#") ? "#" : "") + spec + (width ?? "") + conv);
      case "c":
        return v instanceof PyInt ? String.fromCodePoint(Number(v.value)) : str(v);
      default: {
        const num = v instanceof PyInt ? Number(v.value) : v instanceof PyFloat ? v.value : typeError(`must be real number, not ${v.type.name}`);
        return formatFloat(num, spec + (width ?? "") + "." + (prec ?? "6") + conv);
      }
    }
  });
  if (!useDict && i < args.length && !(arg instanceof PyTuple && i === 0 && args.length === 0)) {
    if (i < args.length) typeError("not all arguments converted during string formatting");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Attributes

/** The attribute as found on the type, bound for `self` (new reference); undefined if absent. */
function bindFromType(attr: PyObject, self: PyObject, owner: PyType): PyObject {
  if (attr instanceof PyFunction) return newMethod(attr, self);
  if (attr instanceof PyMethodDescr) return newBoundBuiltin(attr.name, attr.fn, self, owner.name);
  if (attr instanceof PyWrapperDescr) {
    if (attr.type === staticmethodType) {
      attr.callable!.refcnt++;
      return attr.callable!;
    }
    if (attr.type === classmethodType) return newMethod(attr.callable!, self.type);
  }
  if (attr instanceof PyProperty) {
    if (attr.fget === null) attributeError(`property of '${owner.name}' object has no getter`);
    return call(attr.fget, [self], null);
  }
  if (attr instanceof PyLayoutDescr) return layoutDescrGet(attr, self);
  attr.refcnt++;
  return attr;
}

/** A layout descriptor found on the type for an instance that is not handled by its layout fast path. */
function layoutDescrGet(d: PyLayoutDescr, self: PyObject): PyObject {
  if (d.name === "__weakref__" && !d.isMember) {
    // subtype_getweakref: the first weak reference to the object, or None.
    const first = weakrefsTo(self)?.[0] ?? None;
    first.refcnt++;
    return first;
  }
  if (d.name === "__dict__" && !d.isMember && self instanceof PyInstance) {
    const dict = materializeDict(self);
    dict.refcnt++;
    return dict;
  }
  raiseAttributeError(`'${self.type.name}' object has no attribute '${d.name}'`, self, d.name);
}

function isDataDescriptor(attr: PyObject): boolean {
  return attr instanceof PyProperty;
}

export function getAttr(o: PyObject, name: string): PyObject {
  const r = getAttrOrNull(o, name);
  if (r === null) raiseNoAttr(o, name);
  return r;
}

export function raiseNoAttr(o: PyObject, name: string): never {
  if (o instanceof PyModule) raiseAttributeError(`module '${o.name}' has no attribute '${name}'`, o, name);
  if (o instanceof PyType) raiseAttributeError(`type object '${o.name}' has no attribute '${name}'`, o, name);
  raiseAttributeError(`'${o.type.name}' object has no attribute '${name}'`, o, name);
}

/** getattr returning null when missing (AttributeError from __getattr__ still propagates). */
export function getAttrOrNull(o: PyObject, name: string): PyObject | null {
  if (o instanceof PyInstance) {
    const t = o.type;
    const attr = t.lookup(name);
    if (attr !== null && isDataDescriptor(attr)) return bindFromType(attr, o, t);
    const si = t.slotIndex.get(name);
    if (si !== undefined) {
      const v = o.slots[si];
      if (v === null) raiseAttributeError(`'${t.name}' object has no attribute '${name}'`, o, name);
      v.refcnt++;
      return v;
    }
    const own = instanceAttr(o, name);
    if (own !== undefined) {
      own.refcnt++;
      return own;
    }
    if (name === "__dict__" && t.hasDict) {
      const d = materializeDict(o);
      d.refcnt++;
      return d;
    }
    if (attr !== null) return bindFromType(attr, o, t);
    const special = getSpecialAttr(o, name);
    if (special !== null) return special;
    const ga = t.lookup("__getattr__");
    if (ga !== null) {
      const n = newStr(name);
      try {
        return callDunder(ga, o, [n]);
      } finally {
        decref(n);
      }
    }
    return null;
  }
  if (o instanceof PyType) return typeGetAttr(o, name);
  if (o instanceof PySuper) return superGetAttr(o, name);
  if (o instanceof PyModule) {
    const v = o.dict.map.get(name);
    if (v !== undefined) {
      v.value.refcnt++;
      return v.value;
    }
    if (name === "__dict__") {
      o.dict.refcnt++;
      return o.dict;
    }
    return null;
  }
  // [weakref hook] __callback__ / KeyedRef.key; a proxy forwards to its referent.
  if (o instanceof PyWeakref) {
    const v = weakrefGetAttr(o, name);
    if (v !== undefined) return v;
    if (o.isProxy) return getAttrOrNull(proxyReferent(o), name);
  }
  const special = getSpecialAttr(o, name);
  if (special !== null) return special;
  const t = o.type;
  const attr = t.lookup(name);
  if (attr !== null) return bindFromType(attr, o, t);
  if (o instanceof PyBaseException || o instanceof PyFunction) {
    const d = (o as PyBaseException | PyFunction).dict;
    const v = d?.map.get(name);
    if (v !== undefined) {
      v.value.refcnt++;
      return v.value;
    }
  }
  return null;
}

function typeGetAttr(t: PyType, name: string): PyObject | null {
  const special = getSpecialAttr(t, name);
  if (special !== null) return special;
  const attr = t.lookup(name);
  if (attr !== null) {
    if (attr instanceof PyWrapperDescr) {
      if (attr.type === staticmethodType) {
        attr.callable!.refcnt++;
        return attr.callable!;
      }
      if (attr.type === classmethodType) return newMethod(attr.callable!, t);
    }
    attr.refcnt++;
    return attr;
  }
  // Attributes of the metatype (type.mro etc.).
  const meta = t.type.lookup(name);
  if (meta !== null && t.type !== t) return bindFromType(meta, t, t.type);
  return null;
}

/**
 * o.name = value. `nameObj`, when the caller has it (STORE_ATTR: the code object's interned
 * name), is the same str object internString(name) would return, borrowed; it saves a lookup.
 */
export function setAttr(o: PyObject, name: string, value: PyObject, nameObj: PyStr | null = null): void {
  if (o instanceof PyWeakref && o.isProxy) return setAttr(proxyReferent(o), name, value); // [weakref hook]
  if (o instanceof PyInstance) {
    const t = o.type;
    const attr = t.lookup(name);
    if (attr instanceof PyProperty) {
      if (attr.fset === null) attributeError(`property '${name}' of '${t.name}' object has no setter`);
      decref(call(attr.fset, [o, value], null));
      return;
    }
    const si = t.slotIndex.size === 0 ? undefined : t.slotIndex.get(name);
    if (si !== undefined) {
      const old = o.slots[si];
      value.refcnt++;
      o.slots[si] = value;
      if (old !== null) decref(old);
      return;
    }
    const sa = userDunder(o, "__setattr__");
    if (sa !== null) {
      const n = newStr(name);
      try {
        decref(callDunder(sa, o, [n, value]));
      } finally {
        decref(n);
      }
      return;
    }
    if (!t.hasDict) {
      attributeError(`'${t.name}' object has no attribute '${name}' and no __dict__ for setting new attributes`);
    }
    const key = nameObj !== null ? nameObj : internedName(name);
    instanceSetAttr(o, key, value);
    if (nameObj === null) decref(key);
    return;
  }
  if (o instanceof PyType) {
    if (!o.heapType) typeError(`cannot set '${name}' attribute of immutable type '${o.name}'`);
    if (setSpecialAttr(o, name, value)) return;
    value.refcnt++;
    const old = o.dict.get(name);
    o.dict.set(name, value);
    if (old !== undefined) decref(old);
    invalidateTypeCaches();
    if (name === "__del__") updateFinalizerSlots();
    return;
  }
  if (o instanceof PyModule) {
    const key = internedName(name);
    dictSetItem(o.dict, key, value);
    decref(key);
    return;
  }
  if (setSpecialAttr(o, name, value)) return;
  if (o instanceof PyFunction || o instanceof PyBaseException) {
    if (o.dict === null) o.dict = newDict();
    const key = internedName(name);
    dictSetItem(o.dict, key, value);
    decref(key);
    return;
  }
  attributeError(`'${o.type.name}' object has no attribute '${name}' and no __dict__ for setting new attributes`);
}

export function delAttr(o: PyObject, name: string): void {
  if (o instanceof PyInstance) {
    const t = o.type;
    const attr = t.lookup(name);
    if (attr instanceof PyProperty) {
      if (attr.fdel === null) attributeError(`property '${name}' of '${t.name}' object has no deleter`);
      decref(call(attr.fdel, [o], null));
      return;
    }
    const si = t.slotIndex.get(name);
    if (si !== undefined) {
      const old = o.slots[si];
      if (old === null) attributeError(name);
      o.slots[si] = null;
      decref(old);
      return;
    }
    const da = userDunder(o, "__delattr__");
    if (da !== null) {
      const n = newStr(name);
      try {
        decref(callDunder(da, o, [n]));
      } finally {
        decref(n);
      }
      return;
    }
    if (instanceDelAttr(o, name)) return;
    attributeError(`'${t.name}' object has no attribute '${name}'`);
  }
  if (o instanceof PyType && o.heapType) {
    const old = o.dict.get(name);
    if (old === undefined) attributeError(`type object '${o.name}' has no attribute '${name}'`);
    o.dict.delete(name);
    decref(old);
    invalidateTypeCaches();
    if (name === "__del__") updateFinalizerSlots();
    return;
  }
  if (o instanceof PyModule) {
    const k = newStr(name);
    const ok = dictDelItem(o.dict, k);
    decref(k);
    if (ok) return;
    attributeError(`module '${o.name}' has no attribute '${name}'`);
  }
  attributeError(`'${o.type.name}' object has no attribute '${name}'`);
}

import { internString } from "../objects/str";
function internedName(name: string): PyStr {
  return internString(name);
}

// ---------------------------------------------------------------------------------------------
// Items

/** _PyIndex_Check + PyNumber_Index for a subscript: an int, a proxy to one, or __index__; null otherwise. */
function subscriptIndex(i: PyObject): number | null {
  if (i instanceof PyInt) return Number(i.value);
  if (isProxy(i)) return subscriptIndex(proxyReferent(i)); // [weakref hook] proxy_index
  const r = callMethodIfDefined(i, "__index__", []);
  if (r === null) return null;
  const n = r instanceof PyInt ? Number(r.value) : null;
  const rtype = r.type.name;
  decref(r);
  if (n === null) typeError(`__index__ returned non-int (type ${rtype})`);
  return n;
}

function normIndex(i: PyObject, len: number, what: string): number {
  let n = subscriptIndex(i) ?? typeError(`${what} indices must be integers or slices, not ${i.type.name}`);
  if (n < 0) n += len;
  if (n < 0 || n >= len) indexError(`${what} index out of range`);
  return n;
}

/** slice.indices(len): [start, stop, step, count]. */
export function sliceIndices(s: PySlice | { start: PyObject; stop: PyObject; step: PyObject }, len: number): [number, number, number, number] {
  const step = s.step === None ? 1 : Number((s.step as PyInt).value);
  if (step === 0) valueError("slice step cannot be zero");
  const conv = (o: PyObject, dflt: number, lower: number, upper: number): number => {
    if (o === None) return dflt;
    if (!(o instanceof PyInt)) typeError("slice indices must be integers or None or have an __index__ method");
    let v = Number(o.value);
    if (v < 0) {
      v += len;
      if (v < lower) v = lower;
    } else if (v > upper) v = upper;
    return v;
  };
  let start: number;
  let stop: number;
  if (step > 0) {
    start = conv(s.start, 0, 0, len);
    stop = conv(s.stop, len, 0, len);
  } else {
    start = conv(s.start, len - 1, -1, len - 1);
    stop = conv(s.stop, -1, -1, len - 1);
  }
  let count = 0;
  if (step > 0 ? start < stop : start > stop) count = Math.floor((Math.abs(stop - start) - 1) / Math.abs(step)) + 1;
  return [start, stop, step, count];
}

export function getSlice(o: PyObject, start: PyObject, stop: PyObject, step: PyObject = None): PyObject {
  if (isProxy(o)) return getSlice(proxyReferent(o), start, stop, step); // [weakref hook]
  const sl = { start, stop, step };
  if (o instanceof PyList || o instanceof PyTuple) {
    const [s0, , st, n] = sliceIndices(sl, o.items.length);
    const items: PyObject[] = [];
    for (let i = 0, j = s0; i < n; i++, j += st) items.push(o.items[j]);
    for (const x of items) x.refcnt++;
    if (o instanceof PyTuple) {
      if (n === o.items.length && st === 1) {
        for (const x of items) x.refcnt--;
        o.refcnt++;
        return o;
      }
      return newTuple(items);
    }
    return newList(items);
  }
  if (o instanceof PyStr) {
    const cps = o.isSimple ? null : codePoints(o);
    const [s0, , st, n] = sliceIndices(sl, o.length);
    if (st === 1) return newStr(cps ? cps.slice(s0, s0 + n).join("") : o.value.slice(s0, s0 + n));
    let out = "";
    for (let i = 0, j = s0; i < n; i++, j += st) out += cps ? cps[j] : o.value[j];
    return newStr(out);
  }
  if (o instanceof PyBytes || o instanceof PyByteArray) {
    const data = Array.from(o.data);
    const [s0, , st, n] = sliceIndices(sl, data.length);
    const out: number[] = [];
    for (let i = 0, j = s0; i < n; i++, j += st) out.push(data[j]);
    return newBytes(Uint8Array.from(out));
  }
  if (o instanceof PyRange) {
    const [s0, , st, n] = sliceIndices(sl, o.length);
    const { newRange } = iteratorsModule();
    const first = o.start + s0 * o.step;
    return newRange(first, first + n * st * o.step, st * o.step);
  }
  const slice = newSliceObj(start, stop, step);
  try {
    return getItem(o, slice);
  } finally {
    decref(slice);
  }
}

import * as iteratorsMod from "../objects/iterators";
function iteratorsModule() {
  return iteratorsMod;
}
function newSliceObj(start: PyObject, stop: PyObject, step: PyObject): PySlice {
  start.refcnt++;
  stop.refcnt++;
  step.refcnt++;
  return iteratorsMod.newSlice(start, stop, step);
}

export function getItem(o: PyObject, key: PyObject): PyObject {
  if (isProxy(o)) return getItem(proxyReferent(o), key); // [weakref hook] proxy_getitem
  if (o instanceof PyMappingProxy) return getItem(o.mapping, key);
  if (o instanceof PyList) {
    if (key instanceof PySlice) return getSlice(o, key.start, key.stop, key.step);
    const v = o.items[normIndex(key, o.items.length, "list")];
    v.refcnt++;
    return v;
  }
  if (o instanceof PyTuple) {
    if (key instanceof PySlice) return getSlice(o, key.start, key.stop, key.step);
    const v = o.items[normIndex(key, o.items.length, "tuple")];
    v.refcnt++;
    return v;
  }
  if (o instanceof PyDict) {
    keyOf(key);
    const e = dictLookup(o, key);
    if (e === undefined) {
      if (o.type !== dictType) {
        const m = userDunder(o, "__missing__");
        if (m !== null) return callDunder(m, o, [key]);
      }
      keyError(key);
    }
    e.value.refcnt++;
    return e.value;
  }
  if (o instanceof PyStr) {
    if (key instanceof PySlice) return getSlice(o, key.start, key.stop, key.step);
    if (o.isSimple) {
      const i = normIndex(key, o.value.length, "string");
      const c = o.value.charCodeAt(i);
      const cached = latin1Char(c);
      return cached ?? newStr(o.value[i]);
    }
    const cps = codePoints(o);
    return newStr(cps[normIndex(key, cps.length, "string")]);
  }
  if (o instanceof PyBytes || o instanceof PyByteArray) {
    if (key instanceof PySlice) return getSlice(o, key.start, key.stop, key.step);
    const data = o.data;
    return newInt(data[normIndex(key, data.length, o instanceof PyBytes ? "index" : "bytearray")]);
  }
  if (o instanceof PyRange) {
    if (key instanceof PySlice) return getSlice(o, key.start, key.stop, key.step);
    return newInt(o.start + normIndex(key, o.length, "range object") * o.step);
  }
  if (o instanceof PyFrameLocalsProxy) return framelocalsproxy_getitem(o, key, repr);
  const m = userDunder(o, "__getitem__");
  if (m !== null) return callDunder(m, o, [key]);
  if (o instanceof PyType) {
    // PyObject_GetItem on a type: its __class_getitem__ (a classmethod type_new made) when it has one.
    const cgi = o.lookup("__class_getitem__");
    if (cgi instanceof PyWrapperDescr && cgi.type === classmethodType && cgi.callable !== null) return call(cgi.callable, [o, key], null);
    o.refcnt++;
    return o; // list[int] style generics: treat as the type itself
  }
  typeError(`'${o.type.name}' object is not subscriptable`);
}

export function setItem(o: PyObject, key: PyObject, value: PyObject): void {
  if (isProxy(o)) return setItem(proxyReferent(o), key, value); // [weakref hook] proxy_setitem
  if (o instanceof PyList) {
    if (key instanceof PySlice) return setSlice(o, key.start, key.stop, value);
    const i = normIndex(key, o.items.length, "list assignment");
    const old = o.items[i];
    value.refcnt++;
    o.items[i] = value;
    decref(old);
    return;
  }
  if (o instanceof PyDict) {
    keyOf(key);
    dictSetItem(o, key, value);
    return;
  }
  if (o instanceof PyFrameLocalsProxy) return framelocalsproxy_setitem(o, key, value);
  if (o instanceof PyByteArray) {
    const i = normIndex(key, o.data.length, "bytearray");
    o.data[i] = Number((value as PyInt).value);
    return;
  }
  const m = userDunder(o, "__setitem__");
  if (m !== null) {
    decref(callDunder(m, o, [key, value]));
    return;
  }
  typeError(`'${o.type.name}' object does not support item assignment`);
}

export function setSlice(l: PyObject, start: PyObject, stop: PyObject, value: PyObject): void {
  if (isProxy(l)) return setSlice(proxyReferent(l), start, stop, value); // [weakref hook]
  if (!(l instanceof PyList)) typeError(`'${l.type.name}' object does not support slice assignment`);
  const [s0, , , n] = sliceIndices({ start, stop, step: None }, l.items.length);
  const newItems: PyObject[] = [];
  const it = getIter(value);
  try {
    for (;;) {
      const x = iterNext(it);
      if (x === null) break;
      newItems.push(x);
    }
  } finally {
    decref(it);
  }
  const removed = l.items.splice(s0, n, ...newItems);
  listResize(l, l.items.length);
  for (let i = removed.length - 1; i >= 0; i--) decref(removed[i]);
}

export function delItem(o: PyObject, key: PyObject): void {
  if (isProxy(o)) return delItem(proxyReferent(o), key); // [weakref hook] proxy_delitem
  if (o instanceof PyList) {
    if (key instanceof PySlice) {
      const [s0, , st, n] = sliceIndices(key, o.items.length);
      if (st === 1) return listDeleteSlice(o, s0, s0 + n);
      const idx: number[] = [];
      for (let i = 0, j = s0; i < n; i++, j += st) idx.push(j);
      idx.sort((a, b) => b - a);
      const removed: PyObject[] = [];
      for (const j of idx) removed.push(...o.items.splice(j, 1));
      listResize(o, o.items.length);
      for (const x of removed) decref(x);
      return;
    }
    const i = normIndex(key, o.items.length, "list assignment");
    const [old] = o.items.splice(i, 1);
    listResize(o, o.items.length);
    decref(old);
    return;
  }
  if (o instanceof PyDict) {
    if (!dictDelItem(o, key)) keyError(key);
    return;
  }
  if (o instanceof PyFrameLocalsProxy) return framelocalsproxy_setitem(o, key, null);
  const m = userDunder(o, "__delitem__");
  if (m !== null) {
    decref(callDunder(m, o, [key]));
    return;
  }
  typeError(`'${o.type.name}' object doesn't support item deletion`);
}

// ---------------------------------------------------------------------------------------------
// Misc

export function isInstance(o: PyObject, cls: PyObject): boolean {
  if (cls instanceof PyTuple) return cls.items.some((c) => isInstance(o, c));
  if (!(cls instanceof PyType)) typeError("isinstance() arg 2 must be a type, a tuple of types, or a union");
  return o.type === cls || o.type.isSubtype(cls);
}

export function isSubclass(c: PyObject, cls: PyObject): boolean {
  if (cls instanceof PyTuple) return cls.items.some((x) => isSubclass(c, x));
  if (!(c instanceof PyType)) typeError("issubclass() arg 1 must be a class");
  if (!(cls instanceof PyType)) typeError("issubclass() arg 2 must be a class, a tuple of classes, or a union");
  return c.isSubtype(cls);
}

export function toIndex(o: PyObject, what = "integer"): number {
  if (o instanceof PyInt) return Number(o.value);
  if (isProxy(o)) return toIndex(proxyReferent(o), what); // [weakref hook] proxy_index
  typeError(`'${o.type.name}' object cannot be interpreted as an ${what}`);
}

export { emptyTuple, emptyStr, Ellipsis, incref, typeType, objectType, floatType, tupleType, listType, True, False, None };
