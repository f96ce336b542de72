// weakref.ref / KeyedRef / proxy objects (Objects/weakrefobject.c): each referent's list of weak
// references, clearing them when the referent dies (PyObject_ClearWeakRefs, which calls the
// callbacks) or when the collector finds it unreachable (_PyWeakref_ClearRef, callback kept).
//
// A referent's list is kept in a side table, not in the object header; a flag bit in the header
// (WEAKREFERENCED) says whether the object has one, so objects that never get a weak reference
// pay one bit test, made before the dealloc hook (`clearWeakRefsOnDealloc`) is called. (Every
// class is weakly referenced by its bases' subclass lists, so a per-program "any weakrefs?" count
// would be nonzero nearly always.)
import { allocObject, builtinType, decref, freeObject, gcTrack, gcUntrack, PyObject, PyType, setClearWeakRefs, WEAKREFERENCED, type Visit } from "../objects/object";
import { PyInstance } from "../objects/instance";
import { PyFunction, PyMethod, PyBuiltinFunction } from "../objects/function";
import { PySet } from "../objects/set";
import type { PyHash } from "../objects/pyhash";
import { PyModule } from "../objects/module";
import { PyCode } from "../objects/code";
import { None } from "../objects/singletons";
import { vm } from "../objects/hooks";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import { PyGen } from "../vm/generator";
import { typeError } from "../vm/errors";
import { raise, ReferenceError } from "../objects/exceptions";
import { hashKey, type HashKey } from "../objects/hashkey";

export const weakrefType = builtinType({ name: "ReferenceType", module: "weakref", basicsize: SIZEOF.weakref, gc: true, baseType: true });
export const keyedRefType = builtinType({ name: "KeyedRef", module: "weakref", base: weakrefType, basicsize: SIZEOF.weakref + 8, gc: true, baseType: true });
export const proxyType = builtinType({ name: "ProxyType", module: "weakref", basicsize: SIZEOF.weakref, gc: true });
export const callableProxyType = builtinType({ name: "CallableProxyType", module: "weakref", basicsize: SIZEOF.weakref, gc: true });

export class PyWeakref extends PyObject {
  override get deallocReleasesType(): boolean {
    return true;
  }
  /** wr_object: the referent, or null once cleared (Python then sees None). */
  referent: PyObject | null;
  /** wr_callback. */
  callback: PyObject | null;
  /** KeyedRef.key. */
  key: PyObject | null = null;
  /** hash(wr) = hash(referent), computed once; the dict key token likewise. */
  hash: PyHash | null = null;
  keyToken: object | null = null;
  constructor(type: PyType, referent: PyObject, callback: PyObject | null) {
    super(type);
    this.referent = referent;
    this.callback = callback;
  }
  get isProxy(): boolean {
    return this.type === proxyType || this.type === callableProxyType;
  }
  override dealloc(): void {
    gcUntrack(this);
    clear_weakref(this);
    const key = this.key;
    this.key = null;
    const t = this.type;
    freeObject(this, true);
    if (key !== null) decref(key);
    if (t.heapType) decref(t);
  }
  override traverse(visit: Visit): void {
    if (this.callback !== null) visit(this.callback, "__callback__");
    if (this.key !== null) visit(this.key, "key");
  }
  override clear(): void {
    clear_weakref(this);
  }
}

/** Referent -> its weakrefs, in CPython's list order (basic ref, basic proxy, then the others). */
const weakrefLists = new WeakMap<PyObject, PyWeakref[]>();


/** tp_weaklistoffset != 0: which objects can be weakly referenced. */
export function supportsWeakrefs(o: PyObject): boolean {
  // Instances of classes (including subclasses of builtins such as list) follow the class layout.
  if (o instanceof PyInstance || (o.type.heapType && !(o instanceof PyType))) return o.type.hasWeakref;
  return (
    o instanceof PyType ||
    o instanceof PyFunction ||
    o instanceof PyMethod ||
    o instanceof PyBuiltinFunction ||
    o instanceof PySet ||
    o instanceof PyGen ||
    o instanceof PyCode ||
    o instanceof PyModule
  );
}

/** The weakrefs to `o` (a live array: copy before mutating), or undefined when there are none. */
export function weakrefsTo(o: PyObject): PyWeakref[] | undefined {
  return (o.gcFlags & WEAKREFERENCED) === 0 ? undefined : weakrefLists.get(o);
}

/** weakref.getweakrefcount(o). */
export function getWeakrefCount(o: PyObject): number {
  return weakrefsTo(o)?.length ?? 0;
}

function isBasicRef(wr: PyWeakref): boolean {
  return wr.type === weakrefType && wr.callback === null;
}

function isBasicProxy(wr: PyWeakref): boolean {
  return wr.isProxy && wr.callback === null;
}

/**
 * weakref.ref(ob, callback) / KeyedRef / proxy: a new reference. Without a callback, an existing
 * basic ref (or proxy) is shared. New basic ones go to the head of the list; ones with callbacks
 * right after the basic ones, so their callbacks run newest first.
 */
export function newWeakref(type: PyType, ob: PyObject, callback: PyObject | null): PyWeakref {
  if (!supportsWeakrefs(ob)) typeError(`cannot create weak reference to '${ob.type.name}' object`);
  if (callback === None) callback = null;
  let list = weakrefsTo(ob);
  const proxyKind = type === proxyType || type === callableProxyType;
  if (callback === null && list !== undefined) {
    const basic = proxyKind ? list.find(isBasicProxy) : type === weakrefType ? list.find(isBasicRef) : undefined;
    if (basic !== undefined) {
      basic.refcnt++;
      return basic;
    }
  }
  const wr = new PyWeakref(type, ob, callback);
  if (callback !== null) callback.refcnt++;
  if (type.heapType) type.refcnt++;
  allocObject(wr, GC_HEAD_SIZE + type.basicsize, true);
  gcTrack(wr);
  if (list === undefined) {
    list = [];
    weakrefLists.set(ob, list);
    ob.gcFlags |= WEAKREFERENCED;
  }
  if (callback === null && (type === weakrefType || proxyKind)) {
    // Basic refs first, then the basic proxy.
    list.splice(type === weakrefType ? 0 : list.filter(isBasicRef).length, 0, wr);
  } else {
    let after = 0;
    while (after < list.length && (isBasicRef(list[after]) || isBasicProxy(list[after]))) after++;
    list.splice(after, 0, wr);
  }
  return wr;
}

function unlink(wr: PyWeakref): void {
  const ob = wr.referent;
  if (ob === null) return;
  wr.referent = null;
  const list = weakrefsTo(ob);
  if (list === undefined) return;
  const i = list.indexOf(wr);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) {
    weakrefLists.delete(ob);
    ob.gcFlags &= ~WEAKREFERENCED;
  }
}

/** clear_weakref: unlink from the referent's list and drop the callback. */
export function clear_weakref(wr: PyWeakref): void {
  unlink(wr);
  const cb = wr.callback;
  wr.callback = null;
  if (cb !== null) decref(cb);
}

/** _PyWeakref_ClearRef: what the collector does; the callback stays for it to call. */
export function clearRefKeepCallback(wr: PyWeakref): void {
  unlink(wr);
}

/** handle_callback: call callback(wr); an exception is reported as unraisable. */
export function handleCallback(wr: PyWeakref, callback: PyObject): void {
  try {
    const r = vm.call(callback, [wr], null);
    decref(r);
  } catch (e) {
    vm.writeUnraisable(e, callback);
  }
}

/**
 * PyObject_ClearWeakRefs: `o` is being deallocated. Clear every weakref to it, then call the
 * callbacks of those that are themselves still alive, in list order.
 */
export function clearWeakRefsOnDealloc(o: PyObject): void {
  const list = weakrefsTo(o);
  if (list === undefined) return;
  const refs = list.slice();
  const pending: [PyWeakref, PyObject][] = [];
  for (const wr of refs) {
    const cb = wr.callback;
    wr.callback = null;
    if (cb !== null) {
      if (wr.refcnt > 0) {
        wr.refcnt++;
        pending.push([wr, cb]);
      } else decref(cb);
    }
    clear_weakref(wr);
  }
  for (const [wr, cb] of pending) {
    handleCallback(wr, cb);
    decref(cb);
    decref(wr);
  }
}

/** The referent, or None (a new reference): calling a weakref. */
export function weakrefCall(wr: PyWeakref): PyObject {
  const o = wr.referent ?? None;
  o.refcnt++;
  return o;
}

// ---------------------------------------------------------------------------------------------
// Python-visible behaviour. The VM dispatches on object kinds, so vm/ calls these from small
// hook points marked "[weakref hook]".

function isCallableReferent(o: PyObject): boolean {
  if (o instanceof PyFunction || o instanceof PyMethod || o instanceof PyBuiltinFunction || o instanceof PyType) return true;
  return o instanceof PyInstance && o.type.lookup("__call__") !== null;
}

/**
 * Calling ReferenceType / KeyedRef: ref(ob[, callback]), KeyedRef(ob, callback, key).
 * weakref.proxy(ob[, callback]) comes here with proxyType.
 */
export function weakrefNew(type: PyType, args: PyObject[], kwnames: string[] | null): PyWeakref {
  if (kwnames !== null && kwnames.length > 0) typeError(`${type.name}() takes no keyword arguments`);
  const keyed = type.isSubtype(keyedRefType);
  const max = keyed ? 3 : 2;
  const min = keyed ? 3 : 1;
  if (args.length < min) typeError(`__new__ expected at least ${min} argument${min === 1 ? "" : "s"}, got ${args.length}`);
  if (args.length > max) typeError(`__new__ expected at most ${max} arguments, got ${args.length}`);
  const ob = args[0];
  let t = type;
  if (type === proxyType && isCallableReferent(ob)) t = callableProxyType;
  const wr = newWeakref(t, ob, args[1] ?? null);
  if (keyed) {
    args[2].refcnt++;
    wr.key = args[2];
  }
  return wr;
}

function hex(o: PyObject): string {
  return "0x" + o.addr.toString(16).padStart(12, "0");
}

/** The referent's __name__ as _PyObject_LookupSpecial finds it (functions, classes, builtins, generators). */
function specialName(o: PyObject): string | null {
  if (o instanceof PyFunction) return o.name.value;
  if (o instanceof PyType) return o.name;
  if (o instanceof PyBuiltinFunction) return o.name;
  if (o instanceof PyGen) return o.name.value;
  return null;
}

/** repr(): "<weakref at 0x..; to 'T' at 0x.. (name)>", "<weakref at 0x..; dead>", "<weakproxy ...>". */
export function weakrefRepr(wr: PyWeakref): string {
  const kind = wr.isProxy ? "weakproxy" : "weakref";
  const ob = wr.referent;
  if (ob === null) return `<${kind} at ${hex(wr)}; dead>`;
  const name = wr.isProxy ? null : specialName(ob);
  return `<${kind} at ${hex(wr)}; to '${ob.type.name}' at ${hex(ob)}${name === null ? "" : ` (${name})`}>`;
}

/** hash(wr): the referent's hash, computed once; a dead ref never hashed cannot be. */
export function weakrefHash(wr: PyWeakref, hashOf: (o: PyObject) => PyHash): PyHash {
  if (wr.hash !== null) return wr.hash;
  if (wr.referent === null) typeError("weak object has gone away");
  wr.hash = hashOf(wr.referent);
  return wr.hash;
}

const identityTokens = new WeakMap<PyObject, object>();

/**
 * The dict/set key of a weakref: equal for two live refs to the same (or an equal) referent,
 * different from the referent's own key, and remembered so a dead ref still finds its entry.
 */
export function weakrefHashKey(wr: PyWeakref): HashKey {
  if (wr.keyToken !== null) return wr.keyToken as HashKey;
  const ob = wr.referent;
  if (ob === null) typeError("weak object has gone away");
  const k = hashKey(ob);
  let token: object | string;
  if (typeof k === "object") {
    let t = identityTokens.get(k);
    if (t === undefined) {
      t = { weakrefTo: k.addr };
      identityTokens.set(k, t);
    }
    token = t;
  } else token = `\u0000w${typeof k}:${String(k)}`;
  wr.keyToken = token as object;
  return token as HashKey;
}

/** ref == ref / ref != ref: referents compared while both live, identity otherwise; null = not ours. */
export function weakrefRichCompare(a: PyObject, b: PyObject, op: "==" | "!=", eq: (x: PyObject, y: PyObject) => boolean): boolean | null {
  if (!(a instanceof PyWeakref) || !(b instanceof PyWeakref) || a.isProxy || b.isProxy) return null;
  const same = a.referent === null || b.referent === null ? a === b : eq(a.referent, b.referent);
  return op === "==" ? same : !same;
}

/** Attributes a weakref itself answers: __callback__, KeyedRef.key. Undefined = not one of them. */
export function weakrefGetAttr(wr: PyWeakref, name: string): PyObject | undefined {
  if (wr.isProxy) return undefined;
  if (name === "__callback__") {
    const cb = wr.callback ?? None;
    cb.refcnt++;
    return cb;
  }
  if (name === "key" && wr.key !== null) {
    wr.key.refcnt++;
    return wr.key;
  }
  return undefined;
}

/** A weakref.proxy (either kind): its protocol slots forward to the referent. */
export function isProxy(o: PyObject): o is PyWeakref {
  return o instanceof PyWeakref && o.isProxy;
}

/**
 * UNWRAP in Objects/weakrefobject.c: a proxy operand stands for its live referent (borrowed);
 * any other object stands for itself. A dead proxy raises ReferenceError.
 */
export function unwrapProxy(o: PyObject): PyObject {
  return o instanceof PyWeakref && o.isProxy ? proxyReferent(o) : o;
}

/** The live referent of a proxy (borrowed), or ReferenceError. */
export function proxyReferent(wr: PyWeakref): PyObject {
  if (wr.referent === null) raise(ReferenceError, "weakly-referenced object no longer exists");
  return wr.referent;
}

/** Calling a weakref: ref() gives the referent or None; a callable proxy calls through. */
export function weakrefCallObject(wr: PyWeakref, args: PyObject[], kwnames: string[] | null, call: (f: PyObject, a: PyObject[], k: string[] | null) => PyObject): PyObject {
  if (wr.isProxy) return call(proxyReferent(wr), args, kwnames);
  if (kwnames !== null && kwnames.length > 0) typeError("weakref() takes no keyword arguments");
  if (args.length > 0) typeError(`weakref expected 0 arguments, got ${args.length}`);
  return weakrefCall(wr);
}

setClearWeakRefs(clearWeakRefsOnDealloc);
