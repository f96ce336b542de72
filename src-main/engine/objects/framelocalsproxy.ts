// FrameLocalsProxy (PEP 667, Objects/frameobject.c): what `frame.f_locals` gives for a function
// frame in 3.13. It is a live view, not a snapshot: reads see the frame's fast locals (cells and
// free variables by their contents), writes go into them, and names that are not fast locals go
// to the frame object's f_extra_locals dict. The proxy holds a strong reference to the frame
// object, so keeping it keeps the frame (and its locals) alive.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, type Visit } from "./object";
import { GC_HEAD_SIZE } from "../profile";
import { heap } from "../heap/heap";
import { PyFrameObject } from "./frameobject";
import { PyCell } from "./function";
import { PyStr, internString, strType, newStr } from "./str";
import { newList, listAppend, type PyList } from "./list";
import { newTuple } from "./tuple";
import { newDict, dictLookup, dictSetItem, PyDict } from "./dict";
import { KeyError, PyErr, TypeError, newException, raise } from "./exceptions";

/** PyFrameLocalsProxyObject: the object header and one pointer (the frame); a GC type. */
export const frameLocalsProxyType = builtinType({ name: "FrameLocalsProxy", basicsize: 24, gc: true });

export class PyFrameLocalsProxy extends PyObject {
  constructor(
    /** The frame object (a strong reference). */
    readonly frame: PyFrameObject,
  ) {
    super(frameLocalsProxyType);
  }

  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    freeObject(this, true);
    decref(this.frame);
  }

  override traverse(visit: Visit): void {
    visit(this.frame, "frame");
  }
}

/** _PyFrameLocalsProxy_New: a new proxy over `fo` (it takes its own reference). */
export function newFrameLocalsProxy(fo: PyFrameObject): PyFrameLocalsProxy {
  fo.refcnt++;
  const proxy = new PyFrameLocalsProxy(fo);
  allocObject(proxy, GC_HEAD_SIZE + frameLocalsProxyType.basicsize, true);
  gcTrack(proxy);
  return proxy;
}

/**
 * The slots the proxy reads and writes: the running frame's localsplus, or, once the frame has
 * finished, the ones take_ownership moved into the frame object (the same slot order).
 */
function fastLocals(fo: PyFrameObject): (PyObject | null)[] {
  if (fo.frame !== null) return fo.frame.localsplus;
  // A frame object that never owned locals has the shared empty array: give it its own slots
  // before anything can be written there.
  if (fo.localsplus.length < fo.code.nlocalsplus) {
    const slots: (PyObject | null)[] = fo.localsplus.slice();
    while (slots.length < fo.code.nlocalsplus) slots.push(null);
    fo.localsplus = slots;
  }
  return fo.localsplus;
}

/** Whether slot i holds a cell (a cell variable, an argument that is also a cell, or a free variable). */
function isCellSlot(fo: PyFrameObject, i: number): boolean {
  const co = fo.code;
  return i >= co.nlocals || (co.cellvarsSet !== undefined && co.cellvarsSet.has(co.localsplusNames[i]));
}

/** framelocalsproxy_getval: slot i's value (borrowed), a cell's contents, or null when unbound. */
function framelocalsproxy_getval(fo: PyFrameObject, fast: (PyObject | null)[], i: number): PyObject | null {
  const value = fast[i] ?? null;
  if (value === null) return null;
  // A cell kind's slot may not hold a cell yet (an argument before MAKE_CELL): then it is the value.
  if (value instanceof PyCell && isCellSlot(fo, i)) return value.contents;
  return value;
}

function isExactStr(key: PyObject): key is PyStr {
  return key instanceof PyStr && key.type === strType;
}

/**
 * framelocalsproxy_getkeyindex: the slot named `key`, or -1. With `read`, only a slot that has a
 * value counts (an unbound local is "not there" for reading, but is still written in place).
 */
function framelocalsproxy_getkeyindex(fo: PyFrameObject, key: PyStr, read: boolean): number {
  const names = fo.code.localsplusNames;
  const fast = fastLocals(fo);
  for (let i = 0; i < names.length; i++) {
    if (names[i] !== key.value) continue;
    if (!read || framelocalsproxy_getval(fo, fast, i) !== null) return i;
  }
  return -1;
}

/** The extra-locals entry for `key`, if any (borrowed). */
function extraLocal(fo: PyFrameObject, key: PyObject): PyObject | null {
  const extra = fo.extraLocals;
  if (extra === null) return null;
  return dictLookup(extra, key)?.value ?? null;
}

/** framelocalsproxy_getitem: a new reference; KeyError "local variable '<repr>' is not defined". */
export function framelocalsproxy_getitem(proxy: PyFrameLocalsProxy, key: PyObject, reprOf: (o: PyObject) => string): PyObject {
  const fo = proxy.frame;
  if (isExactStr(key)) {
    const i = framelocalsproxy_getkeyindex(fo, key, true);
    if (i >= 0) {
      const value = framelocalsproxy_getval(fo, fastLocals(fo), i)!;
      value.refcnt++;
      return value;
    }
  }
  const extra = extraLocal(fo, key);
  if (extra !== null) {
    extra.refcnt++;
    return extra;
  }
  throw new PyErr(newException(KeyError, [newStr(`local variable '${reprOf(key)}' is not defined`)]));
}

/**
 * framelocalsproxy_setitem: a fast local (or the cell behind it) takes the value in place; any
 * other key goes to the frame object's extra locals. Deleting is refused in 3.13.
 */
export function framelocalsproxy_setitem(proxy: PyFrameLocalsProxy, key: PyObject, value: PyObject | null): void {
  if (value === null) raise(TypeError, "cannot remove variables from FrameLocalsProxy");
  const fo = proxy.frame;
  if (isExactStr(key)) {
    const i = framelocalsproxy_getkeyindex(fo, key, false);
    if (i >= 0) {
      const fast = fastLocals(fo);
      const slot = fast[i] ?? null;
      if (slot instanceof PyCell && isCellSlot(fo, i)) {
        const old = slot.contents;
        if (old !== value) {
          value.refcnt++;
          slot.contents = value;
          if (old !== null) decref(old);
        }
      } else if (slot !== value) {
        value.refcnt++;
        fast[i] = value;
        if (slot !== null) decref(slot);
      }
      return;
    }
  }
  if (fo.extraLocals === null) fo.extraLocals = newDict();
  dictSetItem(fo.extraLocals, key, value);
}

/** framelocalsproxy_contains */
export function framelocalsproxy_contains(proxy: PyFrameLocalsProxy, key: PyObject): boolean {
  const fo = proxy.frame;
  if (isExactStr(key) && framelocalsproxy_getkeyindex(fo, key, true) >= 0) return true;
  return extraLocal(fo, key) !== null;
}

/** framelocalsproxy_length: bound fast locals plus the extra locals. */
export function framelocalsproxy_length(proxy: PyFrameLocalsProxy): number {
  const fo = proxy.frame;
  const fast = fastLocals(fo);
  let n = 0;
  for (let i = 0; i < fo.code.nlocalsplus; i++) if (framelocalsproxy_getval(fo, fast, i) !== null) n++;
  return n + (fo.extraLocals?.map.size ?? 0);
}

/**
 * Visits (key, value) in the proxy's order: bound fast locals in slot order, then the extra
 * locals in insertion order. Both are borrowed for the duration of the call.
 */
function forEachLocal(proxy: PyFrameLocalsProxy, visit: (key: PyObject, value: PyObject) => void): void {
  const fo = proxy.frame;
  const fast = fastLocals(fo);
  const names = fo.code.localsplusNames;
  for (let i = 0; i < fo.code.nlocalsplus; i++) {
    const value = framelocalsproxy_getval(fo, fast, i);
    if (value === null) continue;
    const name = internString(names[i]);
    try {
      visit(name, value);
    } finally {
      decref(name);
    }
  }
  const extra = fo.extraLocals;
  if (extra !== null) for (const e of [...extra.map.values()]) visit(e.key, e.value);
}

/** framelocalsproxy_keys: a new list (3.13 gives lists, not views). */
export function framelocalsproxy_keys(proxy: PyFrameLocalsProxy): PyList {
  const names = newList([]);
  forEachLocal(proxy, (key) => {
    key.refcnt++;
    listAppend(names, key);
  });
  return names;
}

/** framelocalsproxy_values */
export function framelocalsproxy_values(proxy: PyFrameLocalsProxy): PyList {
  const values = newList([]);
  forEachLocal(proxy, (_key, value) => {
    value.refcnt++;
    listAppend(values, value);
  });
  return values;
}

/** framelocalsproxy_items: a list of (name, value) tuples. */
export function framelocalsproxy_items(proxy: PyFrameLocalsProxy): PyList {
  const items = newList([]);
  forEachLocal(proxy, (key, value) => {
    key.refcnt++;
    value.refcnt++;
    listAppend(items, newTuple([key, value]));
  });
  return items;
}

/** A new dict with the proxy's contents, in its order (repr and comparisons go through one). */
export function framelocalsproxy_todict(proxy: PyFrameLocalsProxy): PyDict {
  const d = newDict();
  forEachLocal(proxy, (key, value) => dictSetItem(d, key, value));
  return d;
}

/**
 * framelocalsproxy_merge: each (key, value) of a dict or another proxy is set through the proxy
 * (fast locals in place, other keys to the extra locals). False for any other kind of object.
 */
export function framelocalsproxy_merge(proxy: PyFrameLocalsProxy, other: PyObject): boolean {
  let source: PyDict;
  if (other instanceof PyFrameLocalsProxy) source = framelocalsproxy_todict(other);
  else if (other instanceof PyDict) {
    other.refcnt++;
    source = other;
  } else return false;
  try {
    for (const e of [...source.map.values()]) framelocalsproxy_setitem(proxy, e.key, e.value);
  } finally {
    decref(source);
  }
  return true;
}

/** framelocalsproxy_reversed: a list of the names, last first. */
export function framelocalsproxy_reversed(proxy: PyFrameLocalsProxy): PyList {
  const names = framelocalsproxy_keys(proxy);
  names.items.reverse();
  return names;
}

/**
 * framelocalsproxy_or, for `a | b` with a proxy on either side: a new dict of a's items updated
 * with b's, or null (NotImplemented) unless both are dicts or proxies.
 */
export function framelocalsproxy_or(a: PyObject, b: PyObject): PyDict | null {
  const isMapping = (o: PyObject) => o instanceof PyDict || o instanceof PyFrameLocalsProxy;
  if (!isMapping(a) || !isMapping(b)) return null;
  const result = newDict();
  for (const side of [a, b]) {
    const d = side instanceof PyFrameLocalsProxy ? framelocalsproxy_todict(side) : (side as PyDict);
    for (const e of [...d.map.values()]) dictSetItem(result, e.key, e.value);
    if (d !== side) decref(d);
  }
  return result;
}
