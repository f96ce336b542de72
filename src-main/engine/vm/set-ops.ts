// Set algebra and the set methods that take arbitrary iterables, as Objects/setobject.c writes
// them (same names): which operand is iterated, which one is probed, and when a table is copied
// decide the order of the result, so each follows its C counterpart step by step.
// All functions take borrowed arguments and return new references.
import { decref, PyObject } from "../objects/object";
import { PyDict, dictType } from "../objects/dict";
import {
  PySet, newSet, isFrozenset, set_add_entry, set_add_key, set_contains_entry, set_contains_key, set_discard_entry,
  set_discard_key, set_clear_internal, set_merge, set_next, set_table_resize, set_swap_bodies, set_pop, frozensetType, setType,
} from "../objects/set";
import { getIter, iterNext } from "./iteration";
import { hashOf } from "./abstract";
import { keyError, typeError } from "./errors";
import { newStr } from "../objects/str";
import { PyErr, TypeError } from "../objects/exceptions";

/** Calls fn(key) for each item of any iterable (each item borrowed for the call). */
function forEachItem(iterable: PyObject, fn: (key: PyObject) => boolean | void): void {
  const it = getIter(iterable);
  try {
    for (let key = iterNext(it); key !== null; key = iterNext(it)) {
      let stop: boolean | void;
      try {
        stop = fn(key);
      } finally {
        decref(key);
      }
      if (stop === true) return;
    }
  } finally {
    decref(it);
  }
}

/** Calls fn(key, hash) for each active entry, in table order. */
function forEachEntry(so: PySet, fn: (key: PyObject, hash: ReturnType<typeof hashOf>) => boolean | void): void {
  for (let pos = set_next(so, 0); pos >= 0; pos = set_next(so, pos + 1)) {
    const key = so.table[pos]!;
    key.refcnt++; // the entry may be removed while it is being used
    let stop: boolean | void;
    try {
      stop = fn(key, so.hashes[pos]);
    } finally {
      decref(key);
    }
    if (stop === true) return;
  }
}

function isExactDict(o: PyObject): o is PyDict {
  return o instanceof PyDict && o.type === dictType;
}

function dictKeys(d: PyDict): PyObject[] {
  return [...d.map.values()].map((e) => e.key);
}

// ---------------------------------------------------------------------------------------------
// Building and updating

export function set_update_internal(so: PySet, other: PyObject): void {
  if (other instanceof PySet) {
    set_merge(so, other);
  } else if (isExactDict(other)) {
    // One big resize up front, expecting few overlapping keys.
    const dictsize = other.map.size;
    if ((so.fill + dictsize) * 5 >= so.mask * 3) set_table_resize(so, (so.used + dictsize) * 2);
    for (const key of dictKeys(other)) set_add_entry(so, key, hashOf(key));
  } else {
    forEachItem(other, (key) => set_add_key(so, key));
  }
}

/** make_new_set: a set or frozenset filled from `iterable` (when given). */
export function make_new_set(frozen: boolean, iterable: PyObject | null): PySet {
  const so = newSet(frozen);
  if (iterable !== null) {
    try {
      set_update_internal(so, iterable);
    } catch (e) {
      decref(so);
      throw e;
    }
  }
  return so;
}

/** make_new_set_basetype: results of operations are plain set/frozenset, even for subclasses. */
function make_new_set_basetype(like: PySet, iterable: PyObject | null): PySet {
  return make_new_set(isFrozenset(like), iterable);
}

export function set_copy(so: PySet): PySet {
  return make_new_set_basetype(so, so);
}

/** frozenset.copy() of an exact frozenset is the object itself. */
export function frozenset_copy(so: PySet): PySet {
  if (so.type === frozensetType) {
    so.refcnt++;
    return so;
  }
  return set_copy(so);
}

/** set.__init__(iterable=()): empties the set, then fills it. */
export function set_init(so: PySet, args: PyObject[]): void {
  if (args.length > 1) typeError(`${so.type.name} expected at most 1 argument, got ${args.length}`);
  if (so.fill > 0) set_clear_internal(so);
  so.hash = -1;
  if (args.length > 0) set_update_internal(so, args[0]);
}

export function set_update(so: PySet, others: PyObject[]): void {
  for (const other of others) set_update_internal(so, other);
}

export function set_union(so: PySet, others: PyObject[]): PySet {
  const result = make_new_set_basetype(so, so);
  try {
    for (const other of others) if (other !== so) set_update_internal(result, other);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

/** a | b (both sets). */
export function set_or(so: PySet, other: PySet): PySet {
  const result = set_copy(so);
  if (other !== so) set_update_internal(result, other);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Intersection

export function set_intersection(so: PySet, other: PyObject): PySet {
  if (other === so) return set_copy(so);
  const result = make_new_set_basetype(so, null);
  try {
    if (other instanceof PySet) {
      // Iterate the smaller set, probe the larger.
      let small: PySet = other;
      let big = so;
      if (other.used > so.used) {
        small = so;
        big = other;
      }
      forEachEntry(small, (key, hash) => {
        if (set_contains_entry(big, key, hash)) set_add_entry(result, key, hash);
      });
      return result;
    }
    forEachItem(other, (key) => {
      const hash = hashOf(key);
      if (set_contains_entry(so, key, hash)) {
        set_add_entry(result, key, hash);
        if (result.used >= so.used) return true;
      }
    });
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

export function set_intersection_multi(so: PySet, others: PyObject[]): PySet {
  if (others.length === 0) return set_copy(so);
  so.refcnt++;
  let result = so;
  for (const other of others) {
    let newresult: PySet;
    try {
      newresult = set_intersection(result, other);
    } catch (e) {
      decref(result);
      throw e;
    }
    decref(result);
    result = newresult;
  }
  return result;
}

/** intersection_update: the intersection is built apart, then swapped into `so`. */
export function set_intersection_update_multi(so: PySet, others: PyObject[]): void {
  const tmp = set_intersection_multi(so, others);
  set_swap_bodies(so, tmp);
  decref(tmp);
}

/** a &= b */
export function set_intersection_update(so: PySet, other: PyObject): void {
  const tmp = set_intersection(so, other);
  set_swap_bodies(so, tmp);
  decref(tmp);
}

export function set_isdisjoint(so: PySet, other: PyObject): boolean {
  if (other === so) return so.used === 0;
  let disjoint = true;
  if (other instanceof PySet && (other.type === frozensetType || other.type === setType)) {
    let small: PySet = other;
    let big = so;
    if (other.used > so.used) {
      small = so;
      big = other;
    }
    forEachEntry(small, (key, hash) => {
      if (set_contains_entry(big, key, hash)) {
        disjoint = false;
        return true;
      }
    });
    return disjoint;
  }
  forEachItem(other, (key) => {
    if (set_contains_key(so, key)) {
      disjoint = false;
      return true;
    }
  });
  return disjoint;
}

// ---------------------------------------------------------------------------------------------
// Difference

export function set_difference_update_internal(so: PySet, other: PyObject): void {
  if (other === so) {
    set_clear_internal(so);
    return;
  }
  if (other instanceof PySet) {
    // When the other set is more than 8 times larger, discard only the common members.
    let src: PySet;
    if (other.used >> 3 > so.used) src = set_intersection(so, other);
    else {
      other.refcnt++;
      src = other;
    }
    try {
      forEachEntry(src, (key, hash) => {
        set_discard_entry(so, key, hash);
      });
    } finally {
      decref(src);
    }
  } else {
    forEachItem(other, (key) => {
      set_discard_key(so, key);
    });
  }
  // If more than 1/4th are dummies, then resize them away.
  if (so.fill - so.used <= so.mask >>> 2) return;
  set_table_resize(so, so.used > 50000 ? so.used * 2 : so.used * 4);
}

export function set_difference_update(so: PySet, others: PyObject[]): void {
  for (const other of others) set_difference_update_internal(so, other);
}

function set_copy_and_difference(so: PySet, other: PyObject): PySet {
  const result = set_copy(so);
  try {
    set_difference_update_internal(result, other);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

export function set_difference(so: PySet, other: PyObject): PySet {
  let otherSize: number;
  if (other instanceof PySet) otherSize = other.used;
  else if (isExactDict(other)) otherSize = other.map.size;
  else return set_copy_and_difference(so, other);
  // A much larger `so` is cheaper to copy and then strip of the common members.
  if (so.used >> 2 > otherSize) return set_copy_and_difference(so, other);
  const result = make_new_set_basetype(so, null);
  try {
    if (other instanceof PySet) {
      forEachEntry(so, (key, hash) => {
        if (!set_contains_entry(other, key, hash)) set_add_entry(result, key, hash);
      });
    } else {
      const d = other as PyDict;
      forEachEntry(so, (key, hash) => {
        if (!dictHasKey(d, key)) set_add_entry(result, key, hash);
      });
    }
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

let dictHasKey: (d: PyDict, key: PyObject) => boolean = () => false;
/** vm/abstract installs the dict membership test (kept out of this module's imports). */
export function setDictHasKey(fn: (d: PyDict, key: PyObject) => boolean): void {
  dictHasKey = fn;
}

export function set_difference_multi(so: PySet, others: PyObject[]): PySet {
  if (others.length === 0) return set_copy(so);
  const result = set_difference(so, others[0]);
  try {
    for (let i = 1; i < others.length; i++) set_difference_update_internal(result, others[i]);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Symmetric difference

function set_symmetric_difference_update_set(so: PySet, other: PySet): void {
  forEachEntry(other, (key, hash) => {
    if (!set_discard_entry(so, key, hash)) set_add_entry(so, key, hash);
  });
}

export function set_symmetric_difference_update(so: PySet, other: PyObject): void {
  if (other === so) {
    set_clear_internal(so);
    return;
  }
  if (isExactDict(other)) {
    for (const key of dictKeys(other)) {
      const hash = hashOf(key);
      key.refcnt++;
      try {
        if (!set_discard_entry(so, key, hash)) set_add_entry(so, key, hash);
      } finally {
        decref(key);
      }
    }
    return;
  }
  if (other instanceof PySet) {
    set_symmetric_difference_update_set(so, other);
    return;
  }
  const otherset = make_new_set_basetype(so, other);
  try {
    set_symmetric_difference_update_set(so, otherset);
  } finally {
    decref(otherset);
  }
}

export function set_symmetric_difference(so: PySet, other: PyObject): PySet {
  const result = make_new_set_basetype(so, null);
  try {
    set_update_internal(result, other);
    set_symmetric_difference_update_set(result, so);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Comparison

export function set_issubset(so: PySet, other: PyObject): boolean {
  if (!(other instanceof PySet)) {
    const tmp = set_intersection(so, other);
    const r = tmp.used === so.used;
    decref(tmp);
    return r;
  }
  if (so.used > other.used) return false;
  let sub = true;
  forEachEntry(so, (key, hash) => {
    if (!set_contains_entry(other, key, hash)) {
      sub = false;
      return true;
    }
  });
  return sub;
}

export function set_issuperset(so: PySet, other: PyObject): boolean {
  if (other instanceof PySet) return set_issubset(other, so);
  let sup = true;
  forEachItem(other, (key) => {
    if (!set_contains_key(so, key)) {
      sup = false;
      return true;
    }
  });
  return sup;
}

/** set_richcompare for two sets: ==, !=, <=, <, >=, > as subset tests. */
export function set_richcompare(v: PySet, w: PySet, op: "==" | "!=" | "<" | "<=" | ">" | ">="): boolean {
  switch (op) {
    case "==":
      if (v.used !== w.used) return false;
      if (v.hash !== -1 && w.hash !== -1 && v.hash !== w.hash) return false;
      return set_issubset(v, w);
    case "!=":
      return !set_richcompare(v, w, "==");
    case "<=":
      return set_issubset(v, w);
    case ">=":
      return set_issuperset(v, w);
    case "<":
      return v.used < w.used && set_issubset(v, w);
    case ">":
      return v.used > w.used && set_issuperset(v, w);
  }
}

// ---------------------------------------------------------------------------------------------
// Membership with the frozenset retry: `{1} in s` looks for frozenset({1}) when the set key is
// unhashable (set_contains, set.remove, set.discard).

function isUnhashableSetError(e: unknown, key: PyObject): boolean {
  return key instanceof PySet && !isFrozenset(key) && e instanceof PyErr && e.exc.type === TypeError;
}

function withFrozenRetry<T>(key: PyObject, fn: (k: PyObject) => T): T {
  try {
    return fn(key);
  } catch (e) {
    if (!isUnhashableSetError(e, key)) throw e;
    const tmpkey = make_new_set(true, key);
    try {
      return fn(tmpkey);
    } finally {
      decref(tmpkey);
    }
  }
}

export function set_contains(so: PySet, key: PyObject): boolean {
  return withFrozenRetry(key, (k) => set_contains_key(so, k));
}

export function set_remove(so: PySet, key: PyObject): void {
  if (!withFrozenRetry(key, (k) => set_discard_key(so, k))) keyError(key);
}

export function set_discard(so: PySet, key: PyObject): void {
  withFrozenRetry(key, (k) => set_discard_key(so, k));
}

export function set_pop_or_raise(so: PySet): PyObject {
  const key = set_pop(so);
  if (key === null) {
    const msg = newStr("pop from an empty set");
    try {
      keyError(msg);
    } finally {
      decref(msg);
    }
  }
  return key;
}
