// Constants of one compilation unit: equal constants become one object (CPython's const cache),
// identifier-like strings are interned, and every constant gets a key for that sharing.
import type * as A from "../parse/ast";
import type { ConstFrozenset, ConstTuple } from "./fold";
import { decref, PyObject } from "../objects/object";
import { IntOrigin, newInt, True, False } from "../objects/int";
import { newFloat, newComplex } from "../objects/float";
import { internStr, newStr, PyStr } from "../objects/str";
import { newBytes } from "../objects/bytes";
import { None, Ellipsis } from "../objects/singletons";
import { newTuple } from "../objects/tuple";
import { newSet, set_add_key, setMembers } from "../objects/set";

export type ConstValue = A.ConstantValue | ConstTuple | ConstFrozenset;

const NAME_CHARS = /^[A-Za-z0-9_]*$/;

export class ConstCache {
  private readonly cache = new Map<string, PyObject>();

  /** A new reference to the shared constant object for `v`. */
  get(v: ConstValue): PyObject {
    const key = constKey(v);
    let o = this.cache.get(key);
    if (o === undefined) {
      o = this.make(v);
      this.cache.set(key, o);
    }
    o.refcnt++;
    return o;
  }

  private make(v: ConstValue): PyObject {
    switch (v.type) {
      case "int":
        return newInt(v.value, IntOrigin.Exact);
      case "float":
        return newFloat(v.value);
      case "complex":
        return newComplex(0, v.imag);
      case "str": {
        const s = newStr(v.value);
        if (NAME_CHARS.test(v.value) && s instanceof PyStr) {
          const interned = internStr(s);
          decref(s);
          return interned;
        }
        return s;
      }
      case "bytes":
        return newBytes(v.value);
      case "bool":
        return v.value ? True : False;
      case "None":
        return None;
      case "Ellipsis":
        return Ellipsis;
      case "tuple":
        return newTuple(v.items.map((i) => this.get(i)));
      case "frozenset":
        return this.makeFrozenset(v);
    }
  }

  /**
   * PyFrozenSet_New over the items in source order; then, as the compiler's constant merging
   * (_PyCompile_ConstCacheMergeOne) does, a second frozenset built from the first one's iteration
   * order replaces it. The rebuild can move colliding members, so it shows in iteration order.
   */
  private makeFrozenset(v: ConstFrozenset): PyObject {
    const items = v.items.map((i) => this.get(i));
    const built = newSet(true);
    for (const x of items) set_add_key(built, x);
    for (const x of items) decref(x);
    const merged = newSet(true);
    for (const x of setMembers(built)) set_add_key(merged, x);
    decref(built);
    return merged;
  }

  /** Drops the cache's own references (CPython frees its const cache / the AST arena). */
  release(): void {
    for (const o of this.cache.values()) decref(o);
    this.cache.clear();
  }

  /** Every distinct constant made (for the AST-lifetime reference of the main script). */
  values(): PyObject[] {
    return [...this.cache.values()];
  }
}

function constKey(v: ConstValue): string {
  switch (v.type) {
    case "int": return "i" + v.value.toString();
    case "float": return "f" + (Object.is(v.value, -0) ? "-0" : String(v.value));
    case "complex": return "c" + String(v.imag);
    case "str": return "s" + v.value;
    case "bytes": return "b" + Array.from(v.value).join(",");
    case "bool": return v.value ? "T" : "F";
    case "None": return "N";
    case "Ellipsis": return "E";
    case "tuple": return "t(" + v.items.map(constKey).join("\u0000") + ")";
    // Equal frozensets share one constant whatever the order they were written in.
    case "frozenset": return "F(" + [...new Set(v.items.map(constKey))].sort().join("\u0000") + ")";
  }
}
