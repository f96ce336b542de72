// iter() and next() for builtin iterables, generators and classes with __iter__/__next__.
// iterNext returns a new reference, or null when the iterator is exhausted.
import { PyMappingProxy } from "../objects/mappingproxy";
import { isProxy, proxyReferent } from "../modules/weakref_object";
import { decref, gcTrack, PyObject } from "../objects/object";
import { newInt, PyInt } from "../objects/int";
import { PyStr, latin1Char, newStr, codePoints } from "../objects/str";
import { PyTuple, newTuple, newTupleToFill } from "../objects/tuple";
import { PyList } from "../objects/list";
import { PyDict } from "../objects/dict";
import { PySet, set_next } from "../objects/set";
import { PyBytes, PyByteArray } from "../objects/bytes";
import {
  PyRange, PyRangeIter, PySeqIter, PyCompositeIter, newRangeIter, newSeqIter, listIteratorType, tupleIteratorType,
  strIteratorType, dictKeyIteratorType, dictValueIteratorType, dictItemIteratorType, setIteratorType,
  bytesIteratorType, listReverseIteratorType, enumerateType, zipType, mapType, filterType, reversedType,
  dictKeysType, dictValuesType, dictItemsType, callIteratorType,
} from "../objects/iterators";
import { PyGen } from "./generator";
import { typeError, runtimeError } from "./errors";
import { callDunder, userDunder, isTrue, eq } from "./abstract";
import { PyErr, StopIteration } from "../objects/exceptions";
import { genSend } from "./genops";
import { call } from "./call";
import { None } from "../objects/singletons";

import { PyFrameLocalsProxy, framelocalsproxy_keys } from "../objects/framelocalsproxy";

export function getIter(o: PyObject): PyObject {
  if (isProxy(o)) return getIter(proxyReferent(o)); // [weakref hook] proxy_iter
  if (o instanceof PyMappingProxy) return getIter(o.mapping);
  if (o instanceof PyList) return newSeqIter(listIteratorType, o);
  if (o instanceof PyTuple) return newSeqIter(tupleIteratorType, o);
  if (o instanceof PyRange) return newRangeIter(o);
  if (o instanceof PyStr) return newSeqIter(strIteratorType, o);
  if (o instanceof PyDict) return dictIter(o, dictKeyIteratorType);
  if (o instanceof PySet) {
    // setiterobject: walks the live table from si_pos; si_used detects a change of size.
    const it = newSeqIter(setIteratorType, o);
    it.expectedSize = o.used;
    return it;
  }
  if (o instanceof PyBytes || o instanceof PyByteArray) return newSeqIter(bytesIteratorType, o);
  if (o instanceof PyGen || o instanceof PyRangeIter || o instanceof PySeqIter) {
    o.refcnt++;
    return o;
  }
  if (o instanceof PyCompositeIter) {
    if (o.type === dictKeysType) return dictIter(o.parts[0] as PyDict, dictKeyIteratorType);
    if (o.type === dictValuesType) return dictIter(o.parts[0] as PyDict, dictValueIteratorType);
    if (o.type === dictItemsType) return dictIter(o.parts[0] as PyDict, dictItemIteratorType);
    o.refcnt++;
    return o;
  }
  if (o instanceof PyFrameLocalsProxy) {
    // framelocalsproxy_iter: an iterator over a fresh list of the names (the list dies with it).
    const names = framelocalsproxy_keys(o);
    const it = newSeqIter(listIteratorType, names);
    decref(names);
    return it;
  }
  const m = userDunder(o, "__iter__");
  if (m !== null) {
    const it = callDunder(m, o, []);
    if (userDunder(it, "__next__") === null && !isBuiltinIterator(it)) {
      const n = it.type.name;
      decref(it);
      typeError(`iter() returned non-iterator of type '${n}'`);
    }
    return it;
  }
  const gi = userDunder(o, "__getitem__");
  if (gi !== null) {
    // Old-style sequence iteration.
    const it = newSeqIter(callIteratorType, o);
    return it;
  }
  typeError(`'${o.type.name}' object is not iterable`);
}

function isBuiltinIterator(o: PyObject): boolean {
  return o instanceof PyGen || o instanceof PySeqIter || o instanceof PyRangeIter || o instanceof PyCompositeIter;
}

function dictIter(d: PyDict, type: typeof dictKeyIteratorType): PySeqIter {
  const it = newSeqIter(type, d);
  it.snapshot = [...d.map.values()];
  it.expectedSize = d.map.size;
  if (type === dictItemIteratorType) it.result = newTuple([None, None]); // dictiter_new: di_result
  return it;
}

/**
 * The tuple an enumerate, zip or dict item iterator hands out again (en_result, result,
 * di_result): when the previous step's tuple has been let go (refcount 1: only the iterator holds
 * it), it is refilled in place and no tuple is made, so `for i, x in enumerate(xs)` allocates none
 * per step and gc.get_count() does not move. Returns it with a new reference, or null when
 * something else still holds it (then a fresh tuple is made).
 */
function reusableResult(result: PyTuple | null): PyTuple | null {
  if (result === null || result.refcnt !== 1) return null;
  result.refcnt++;
  // bpo-42536: a collection may have untracked it (untrack_tuples) while it held only atoms.
  if (result.gcIndex === 0) gcTrack(result);
  return result;
}

/** Puts `a` and `b` in a reused pair (steals them), releasing what it held before. */
function refillPair(r: PyTuple, a: PyObject, b: PyObject): PyTuple {
  const oldA = r.items[0];
  const oldB = r.items[1];
  r.items[0] = a;
  r.items[1] = b;
  decref(oldA);
  decref(oldB);
  return r;
}

/** next(it): a new reference or null at the end. */
export function iterNext(it: PyObject): PyObject | null {
  if (isProxy(it)) return iterNext(proxyReferent(it)); // [weakref hook] proxy_iternext
  if (it instanceof PyRangeIter) {
    if (it.remaining <= 0) return null;
    it.remaining--;
    const v = it.next;
    it.next += it.step;
    return newInt(v);
  }
  if (it instanceof PySeqIter) return seqIterNext(it);
  if (it instanceof PyGen) return genSend(it, None, true);
  if (it instanceof PyCompositeIter) return compositeNext(it);
  const m = userDunder(it, "__next__");
  if (m === null) typeError(`'${it.type.name}' object is not an iterator`);
  try {
    return callDunder(m, it, []);
  } catch (e) {
    if (e instanceof PyErr && (e.exc.type === StopIteration || e.exc.type.isSubtype(StopIteration))) {
      decref(e.exc);
      return null;
    }
    throw e;
  }
}

function seqIterNext(it: PySeqIter): PyObject | null {
  const src = it.source;
  if (src === null) return null;
  const i = it.index;
  let v: PyObject | null = null;
  if (src instanceof PyList || src instanceof PyTuple) {
    if (it.type === listReverseIteratorType) {
      const j = src.items.length - 1 - i;
      if (j >= 0) v = src.items[j];
    } else if (i < src.items.length) v = src.items[i];
    if (v !== null) {
      v.refcnt++;
      it.index++;
      return v;
    }
  } else if (src instanceof PyStr) {
    if (src.isSimple) {
      if (i < src.value.length) {
        it.index++;
        const c = src.value.charCodeAt(i);
        return latin1Char(c) ?? newStr(src.value[i]);
      }
    } else {
      const cps = codePoints(src);
      if (i < cps.length) {
        it.index++;
        return newStr(cps[i]);
      }
    }
  } else if (src instanceof PySet) {
    if (src.used !== it.expectedSize) {
      it.expectedSize = -1; // sticky, as setiter_iternext makes it
      runtimeError("Set changed size during iteration");
    }
    const pos = set_next(src, i);
    if (pos >= 0) {
      it.index = pos + 1;
      const key = src.table[pos]!;
      key.refcnt++;
      return key;
    }
    it.index = src.mask + 1;
  } else if (src instanceof PyDict) {
    if (src.map.size !== it.expectedSize) {
      it.expectedSize = -1;
      runtimeError("dictionary changed size during iteration");
    }
    const snap = it.snapshot!;
    if (i < snap.length) {
      it.index++;
      const entry = snap[i];
      const e = entry as { key: PyObject; value: PyObject };
      if (it.type === dictValueIteratorType) {
        e.value.refcnt++;
        return e.value;
      }
      if (it.type === dictItemIteratorType) {
        e.key.refcnt++;
        e.value.refcnt++;
        const r = reusableResult(it.result);
        return r === null ? newTuple([e.key, e.value]) : refillPair(r, e.key, e.value);
      }
      e.key.refcnt++;
      return e.key;
    }
  } else if (src instanceof PyBytes || src instanceof PyByteArray) {
    if (i < src.data.length) {
      it.index++;
      return newInt(src.data[i]);
    }
  } else if (it.type === callIteratorType) {
    const gi = userDunder(src, "__getitem__")!;
    const idx = newInt(i);
    try {
      const r = callDunder(gi, src, [idx]);
      it.index++;
      return r;
    } catch (e) {
      if (e instanceof PyErr && (e.exc.type.name === "IndexError" || e.exc.type === StopIteration)) {
        decref(e.exc);
      } else throw e;
    } finally {
      decref(idx);
    }
  }
  // Exhausted: drop the reference to the source (as CPython's iterators do).
  it.source = null;
  decref(src);
  return null;
}

function compositeNext(it: PyCompositeIter): PyObject | null {
  const t = it.type;
  const parts = it.parts;
  if (t === enumerateType) {
    const v = iterNext(parts[0]);
    if (v === null) return null;
    const i = newInt(it.index++);
    const r = reusableResult(it.result);
    return r === null ? newTuple([i, v]) : refillPair(r, i, v);
  }
  if (t === zipType) {
    // zip_next: the items go straight into the result tuple (the reused one or a new one); when
    // an iterator ends part way, the tuple is let go with what it had by then.
    const iters = (parts[0] as PyTuple).items;
    const n = iters.length;
    if (n === 0) return null;
    const reused = reusableResult(it.result);
    const r = reused ?? newTupleToFill(n);
    try {
      for (let k = 0; k < n; k++) {
        const v = iterNext(iters[k]);
        if (v === null) {
          decref(r);
          return null;
        }
        const old = r.items[k];
        r.items[k] = v;
        decref(old);
      }
    } catch (e) {
      decref(r);
      throw e;
    }
    return r;
  }
  if (t === mapType) {
    const args: PyObject[] = [];
    for (const p of (parts[0] as PyTuple).items) {
      const v = iterNext(p);
      if (v === null) {
        for (const x of args) decref(x);
        return null;
      }
      args.push(v);
    }
    try {
      return call(it.func!, args, null);
    } finally {
      for (const x of args) decref(x);
    }
  }
  if (t === filterType) {
    for (;;) {
      const v = iterNext(parts[0]);
      if (v === null) return null;
      let keep: boolean;
      if (it.func === null || it.func === None) keep = isTrue(v);
      else {
        const r = call(it.func, [v], null);
        keep = isTrue(r);
        decref(r);
      }
      if (keep) return v;
      decref(v);
    }
  }
  if (t === reversedType) {
    const seq = parts[0];
    const idx = it.index;
    if (idx < 0) return null;
    it.index--;
    if (seq instanceof PyList || seq instanceof PyTuple) {
      if (idx >= seq.items.length) return null;
      const v = seq.items[idx];
      v.refcnt++;
      return v;
    }
    if (seq instanceof PyRange) return newInt(seq.start + idx * seq.step);
    if (seq instanceof PyStr) return newStr(codePoints(seq)[idx]);
    return null;
  }
  void eq;
  void PyInt;
  typeError(`'${t.name}' object is not an iterator`);
}
