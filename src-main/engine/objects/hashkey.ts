// Maps a Python key to a JS Map key with Python's equality: equal Python values (1, 1.0, True)
// map to the same JS key; objects compared by identity map to themselves. Used by dict and set.
import { PyObject } from "./object";
import { PyInt } from "./int";
import { PyFloat } from "./float";
import { PyStr } from "./str";
import { PyTuple } from "./tuple";

export type HashKey = string | number | bigint | PyObject;

/** Types whose hash and equality are identity (object's defaults). */
export function hashKey(o: PyObject): HashKey {
  if (o instanceof PyStr) return o.value;
  if (o instanceof PyInt) return o.value;
  if (o instanceof PyFloat) {
    const v = o.value;
    if (Number.isNaN(v)) return o;
    return v;
  }
  if (o instanceof PyTuple) return "\u0000t" + o.items.map(partKey).join("\u0001");
  return customKey(o);
}

let customKey: (o: PyObject) => HashKey = (o) => o;
/** vm/ installs the version that consults __hash__/__eq__ on user classes. */
export function setCustomKey(fn: (o: PyObject) => HashKey): void {
  customKey = fn;
}

function partKey(o: PyObject): string {
  const k = hashKey(o);
  switch (typeof k) {
    case "string":
      return "s" + k.length + ":" + k;
    case "number":
    case "bigint":
      return "n" + String(k);
    default:
      return "o" + k.addr;
  }
}

