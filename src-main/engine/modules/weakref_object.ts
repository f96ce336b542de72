// weakref.ref / KeyedRef / proxy objects (Objects/weakrefobject.c): each referent's list of weak
// references, clearing them when the referent dies (PyObject_ClearWeakRefs, which calls the
// callbacks) or when the collector finds it unreachable (_PyWeakref_ClearRef, callback kept).
//
// A referent's list is kept in a side table, not in the object header, so objects that never get a
// weak reference pay nothing: `liveWeakrefTargets` is 0 in most programs and the dealloc hook
// (`clearWeakRefsOnDealloc`) returns at once.
import { allocObject, builtinType, decref, freeObject, gcTrack, gcUntrack, PyObject, PyType, type Visit } from "../objects/object";
import { PyInstance } from "../objects/instance";
import { PyFunction, PyMethod, PyBuiltinFunction } from "../objects/function";
import { PySet } from "../objects/set";
import { PyModule } from "../objects/module";
import { PyCode } from "../objects/code";
import { None } from "../objects/singletons";
import { vm } from "../objects/hooks";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import { PyGen } from "../vm/generator";
import { typeError } from "../vm/errors";

export const weakrefType = builtinType({ name: "ReferenceType", module: "weakref", basicsize: SIZEOF.weakref, gc: true, baseType: true });
export const keyedRefType = builtinType({ name: "KeyedRef", module: "weakref", base: weakrefType, basicsize: SIZEOF.weakref + 8, gc: true, baseType: true });
export const proxyType = builtinType({ name: "ProxyType", module: "weakref", basicsize: SIZEOF.weakref, gc: true });
export const callableProxyType = builtinType({ name: "CallableProxyType", module: "weakref", basicsize: SIZEOF.weakref, gc: true });

export class PyWeakref extends PyObject {
  /** wr_object: the referent, or null once cleared (Python then sees None). */
  referent: PyObject | null;
  /** wr_callback. */
  callback: PyObject | null;
  /** KeyedRef.key. */
  key: PyObject | null = null;
  /** hash(wr) = hash(referent), computed once; the dict key token likewise. */
  hash: number | null = null;
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
let liveWeakrefTargets = 0;

/** tp_weaklistoffset != 0: which objects can be weakly referenced. */
export function supportsWeakrefs(o: PyObject): boolean {
  if (o instanceof PyInstance) return o.type.hasWeakref;
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
  return liveWeakrefTargets === 0 ? undefined : weakrefLists.get(o);
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
  let list = weakrefLists.get(ob);
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
    liveWeakrefTargets++;
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
  const list = weakrefLists.get(ob);
  if (list === undefined) return;
  const i = list.indexOf(wr);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) {
    weakrefLists.delete(ob);
    liveWeakrefTargets--;
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
  if (liveWeakrefTargets === 0) return;
  const list = weakrefLists.get(o);
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
