// dict.update / {**m} / dict(m): merging a mapping or an iterable of pairs.
import { decref, PyObject } from "../objects/object";
import { PyDict, dictSetItem } from "../objects/dict";
import { getIter, iterNext } from "./iteration";
import { getAttr, getItem, keyOf, lenOf } from "./abstract";
import { call } from "./call";
import { typeError, valueError } from "./errors";
import { PyTuple } from "../objects/tuple";
import { PyList } from "../objects/list";

export function dictUpdateFrom(d: PyDict, src: PyObject): void {
  if (src instanceof PyDict) {
    for (const e of [...src.map.values()]) dictSetItem(d, e.key, e.value);
    return;
  }
  const keysFn = src.type.lookup("keys");
  if (keysFn !== null) {
    const keys = call(getAttr(src, "keys"), [], null);
    const it = getIter(keys);
    try {
      for (let k = iterNext(it); k !== null; k = iterNext(it)) {
        const v = getItem(src, k);
        dictSetItem(d, k, v);
        decref(k);
        decref(v);
      }
    } finally {
      decref(it);
      decref(keys);
    }
    return;
  }
  const it = getIter(src);
  try {
    let i = 0;
    for (let pair = iterNext(it); pair !== null; pair = iterNext(it), i++) {
      try {
        let items: PyObject[];
        if (pair instanceof PyTuple || pair instanceof PyList) items = pair.items;
        else typeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
        if (items.length !== 2) valueError(`dictionary update sequence element #${i} has length ${items.length}; 2 is required`);
        keyOf(items[0]);
        dictSetItem(d, items[0], items[1]);
      } finally {
        decref(pair);
      }
    }
  } finally {
    decref(it);
  }
  void lenOf;
}
