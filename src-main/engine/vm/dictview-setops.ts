// dict.keys() and dict.items() as sets: &, |, -, ^ (Objects/dictobject.c dictviews_* and
// _PyDictView_Intersect). The result is a set built the way CPython builds it, so its order is
// CPython's too. Borrowed arguments, new references returned.
import { decref, PyObject } from "../objects/object";
import { PyDict, dictLookup, dictType, newDict, dictSetItem, dictDelItem } from "../objects/dict";
import { PyTuple, newTuple } from "../objects/tuple";
import { PyCompositeIter, dictKeysType, dictItemsType } from "../objects/iterators";
import { PySet, newSet, setType, set_add_key } from "../objects/set";
import { getIter, iterNext } from "./iteration";
import { BinOp as NB } from "../compile/opcodes";
import { eq, lenOf } from "./abstract";
import {
  make_new_set, set_update_internal, set_intersection_multi, set_difference_update, set_symmetric_difference_update,
} from "./set-ops";

type DictView = PyCompositeIter;

/** A keys or items view: the views that behave as sets (PyDictViewSet_Check). */
export function isDictViewSet(o: PyObject): o is DictView {
  return o instanceof PyCompositeIter && (o.type === dictKeysType || o.type === dictItemsType);
}

function viewDict(v: DictView): PyDict {
  return v.parts[0] as PyDict;
}

/** dictviews_to_set: a keys view of an exact dict takes set's fast path for dicts. */
function dictviews_to_set(self: PyObject): PySet {
  let left = self;
  if (self instanceof PyCompositeIter && self.type === dictKeysType && viewDict(self).type === dictType) left = viewDict(self);
  return make_new_set(false, left);
}

/** dictkeys_contains / dictitems_contains. */
function viewContains(v: DictView, key: PyObject): boolean {
  const d = viewDict(v);
  if (v.type === dictKeysType) return dictLookup(d, key) !== undefined;
  if (!(key instanceof PyTuple) || key.items.length !== 2) return false;
  const found = dictLookup(d, key.items[0]);
  return found !== undefined && eq(found.value, key.items[1]);
}

function _PyDictView_Intersect(self: PyObject, other: PyObject): PyObject {
  // The interpreter swaps the operands when the view is on the right of &.
  if (!isDictViewSet(self)) [self, other] = [other, self];
  let view = self as DictView;
  const lenSelf = lenOf(view);
  // A larger (exact) set does the work with its own intersection.
  if (other instanceof PySet && other.type === setType && lenSelf <= other.used) return set_intersection_multi(other, [view]);
  if (isDictViewSet(other) && lenOf(other) > lenSelf) [view, other] = [other, view];
  const result = newSet();
  const it = getIter(other);
  try {
    for (let key = iterNext(it); key !== null; key = iterNext(it)) {
      try {
        if (viewContains(view, key)) set_add_key(result, key);
      } finally {
        decref(key);
      }
    }
  } catch (e) {
    decref(result);
    throw e;
  } finally {
    decref(it);
  }
  return result;
}

/**
 * dictitems_xor: items ^ items walks the second dict against a copy of the first, collecting the
 * pairs that differ, then adds what is left of the copy.
 */
function dictitems_xor(d1: PyDict, d2: PyDict): PySet {
  const temp = newDict();
  const result = newSet();
  try {
    for (const e of [...d1.map.values()]) dictSetItem(temp, e.key, e.value);
    for (const e of [...d2.map.values()]) {
      const { key, value: val2 } = e;
      const found = dictLookup(temp, key);
      if (found !== undefined && eq(found.value, val2)) dictDelItem(temp, key);
      else {
        key.refcnt++;
        val2.refcnt++;
        const pair = newTuple([key, val2]);
        try {
          set_add_key(result, pair);
        } finally {
          decref(pair);
        }
      }
    }
    for (const e of [...temp.map.values()]) {
      e.key.refcnt++;
      e.value.refcnt++;
      const pair = newTuple([e.key, e.value]);
      try {
        set_add_key(result, pair);
      } finally {
        decref(pair);
      }
    }
  } catch (err) {
    decref(result);
    throw err;
  } finally {
    decref(temp);
  }
  return result;
}

/** `a op b` when either side is a keys/items view; null when the operator does not apply. */
export function dictViewBinary(op: NB, a: PyObject, b: PyObject): PyObject | null {
  if (!isDictViewSet(a) && !isDictViewSet(b)) return null;
  if (op === NB.AND) return _PyDictView_Intersect(a, b);
  if (op !== NB.OR && op !== NB.SUBTRACT && op !== NB.XOR) return null;
  if (op === NB.XOR && isDictViewSet(a) && isDictViewSet(b) && a.type === dictItemsType && b.type === dictItemsType) {
    return dictitems_xor(viewDict(a), viewDict(b));
  }
  const result = dictviews_to_set(a);
  try {
    if (op === NB.OR) set_update_internal(result, b);
    else if (op === NB.SUBTRACT) set_difference_update(result, [b]);
    else set_symmetric_difference_update(result, b);
  } catch (e) {
    decref(result);
    throw e;
  }
  return result;
}
