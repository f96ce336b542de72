// Maps a Python key to a JS Map key with Python's equality: equal Python values (1, 1.0, True)
// map to the same JS key; objects compared by identity map to themselves. Used by dict and set.
import { PyObject } from "./object";
import { PyInt } from "./int";
import { PyFloat } from "./float";
import { PyStr } from "./str";
import { PyTuple } from "./tuple";
import { PySet, setMembers } from "./set";
import { normHash, type PyHash } from "./pyhash";

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
  if (o.type.name === "frozenset" && !o.type.heapType) {
    // Equal frozensets are one key whatever their insertion order.
    return "\u0000f" + setMembers(o as PySet).map(partKey).sort().join("\u0001");
  }
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


// ---------------------------------------------------------------------------------------------
// Keys hashed by a Python __hash__: after the hash matches, CPython compares with __eq__ (the
// entries of that hash in probe order, which for equal hashes is their insertion order). Such a
// key gets a table-specific HashKey "\0h<hash>#<serial>"; each table lists the keys of each hash.

/** A dict or set: its entries map and the user-hashed keys grouped by hash. */
export interface KeyTable {
  readonly map: Map<HashKey, unknown>;
  userKeys: Map<PyHash, HashKey[]> | null;
}

/** vm/ installs these: the Python hash of an object with a Python __hash__ (else null), and ==. */
let userHashOf: (o: PyObject) => PyHash | null = () => null;
let userKeyEq: (a: PyObject, b: PyObject) => boolean = (a, b) => a === b;
export function setUserKeyHooks(hash: (o: PyObject) => PyHash | null, eq: (a: PyObject, b: PyObject) => boolean): void {
  userHashOf = hash;
  userKeyEq = eq;
}

let userKeySerial = 0;
const USER_KEY = "\u0000h";

export function isUserKey(hk: HashKey): boolean {
  return typeof hk === "string" && hk.startsWith(USER_KEY);
}

/**
 * The table's key for `o`. For an object hashed by Python code, __hash__ runs once and the
 * entries with that hash are compared with __eq__; without a match the key is new, and recorded
 * in the table when `insert` (the caller then adds the entry).
 */
export function tableKey(t: KeyTable, o: PyObject, entryKey: (v: unknown) => PyObject, insert: boolean): HashKey {
  const h = userHashOf(o);
  if (h === null) return hashKey(o);
  const bucket = t.userKeys?.get(h);
  if (bucket !== undefined) {
    for (const hk of [...bucket]) {
      const v = t.map.get(hk);
      if (v === undefined) continue;
      const k = entryKey(v);
      if (k === o || userKeyEq(k, o)) return hk;
    }
  }
  const hk = `${USER_KEY}${h}#${++userKeySerial}`;
  if (insert) {
    t.userKeys ??= new Map();
    const b = t.userKeys.get(h);
    if (b === undefined) t.userKeys.set(h, [hk]);
    else b.push(hk);
  }
  return hk;
}

/** The hash written into a user key's text. */
function hashOfUserKey(s: string): PyHash {
  return normHash(BigInt(s.slice(USER_KEY.length, s.indexOf("#"))));
}

/** The entry under `hk` was removed from the table. */
export function forgetTableKey(t: KeyTable, hk: HashKey): void {
  if (t.userKeys === null || !isUserKey(hk)) return;
  const s = hk as string;
  const h = hashOfUserKey(s);
  const b = t.userKeys.get(h);
  if (b === undefined) return;
  const i = b.indexOf(hk);
  if (i >= 0) b.splice(i, 1);
  if (b.length === 0) t.userKeys.delete(h);
}

/** Records a user key copied from another table (dict.copy()). */
export function copyTableKey(t: KeyTable, hk: HashKey): void {
  if (!isUserKey(hk)) return;
  const s = hk as string;
  const h = hashOfUserKey(s);
  t.userKeys ??= new Map();
  const b = t.userKeys.get(h);
  if (b === undefined) t.userKeys.set(h, [hk]);
  else b.push(hk);
}
