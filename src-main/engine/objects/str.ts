// str: compact strings whose size depends on the widest character (ASCII, latin-1, UCS-2, UCS-4).
// The empty string and 1-character latin-1 strings are immortal singletons; identifier-like
// constants are interned per interpreter, and names the runtime interns itself are immortal.
import { allocObject, builtinType, freeObject, makeImmortal, PyObject, staticAddress } from "./object";
import { heap } from "../heap/heap";
import { STATIC_INTERNED_EXTRA, strSizeof } from "../profile";
import type { PyHash } from "./pyhash";

export const strType = builtinType({ name: "str", basicsize: 64, baseType: true });

export class PyStr extends PyObject {
  /** Length in code points. */
  readonly length: number;
  readonly maxChar: number;
  interned = false;
  /** Extra bytes of a cached UTF-8 form (latin-1 singletons carry one). */
  utf8Extra = 0;
  /** The computed hash (CPython caches it in the object too); null until first needed. */
  hashCache: PyHash | null = null;
  constructor(readonly value: string) {
    super(strType);
    let max = 0;
    let astral = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < value.length) {
        const cp = value.codePointAt(i)!;
        if (cp > max) max = cp;
        astral++;
        i++;
      } else if (c > max) max = c;
    }
    this.length = value.length - astral;
    this.maxChar = max;
  }
  get sizeof(): number {
    return strSizeof(this.length, this.maxChar) + this.utf8Extra;
  }
  /** True when the value has no surrogate pairs (JS indices are code point indices). */
  get isSimple(): boolean {
    return this.length === this.value.length;
  }
  override dealloc(): void {
    if (this.interned) heap.interned.delete(this.value);
    freeObject(this, false);
  }
}

function staticStr(s: string): PyStr {
  const o = makeImmortal(new PyStr(s));
  o.addr = staticAddress(o.sizeof);
  o.interned = true;
  return o;
}

export const emptyStr = staticStr("");
const latin1: PyStr[] = [];
for (let c = 0; c < 256; c++) {
  const o = staticStr(String.fromCharCode(c));
  if (c >= 128) o.utf8Extra = 3; // UTF-8 form cached: 2 bytes + NUL
  latin1.push(o);
}

/** Strings the runtime interned statically (builtin names, dunders): immortal. */
const staticInterned = new Map<string, PyStr>();
export function staticIntern(s: string): PyStr {
  if (s.length === 0) return emptyStr;
  if (s.length === 1 && s.charCodeAt(0) < 256) return latin1[s.charCodeAt(0)];
  let o = staticInterned.get(s);
  if (o === undefined) {
    o = staticStr(s);
    staticInterned.set(s, o);
  }
  return o;
}
for (const s of STATIC_INTERNED_EXTRA) staticIntern(s);

/** A new reference to a str with this value. */
export function newStr(s: string): PyStr {
  const n = s.length;
  if (n === 0) return emptyStr;
  if (n === 1) {
    const c = s.charCodeAt(0);
    if (c < 256) return latin1[c];
  }
  const o = new PyStr(s);
  allocObject(o, o.sizeof, false);
  return o;
}

/**
 * A new str that is never one of the cached 1-character strings: what CPython's int-to-decimal
 * conversion (long_to_decimal_string, behind str(int) and repr(int)) returns, even for one digit.
 */
export function newStrUncached(s: string): PyStr {
  if (s.length === 0) return emptyStr;
  const o = new PyStr(s);
  allocObject(o, o.sizeof, false);
  return o;
}

/** The cached 1-character string for code point c < 256, or null. */
export function latin1Char(c: number): PyStr | null {
  return c < 256 ? latin1[c] : null;
}

/** sys.intern / compiler interning: returns a new reference to the canonical string. */
export function internStr(o: PyStr): PyStr {
  const stat = staticInterned.get(o.value);
  if (stat !== undefined) return stat;
  if (o.interned) {
    o.refcnt++;
    return o;
  }
  const existing = heap.interned.get(o.value) as PyStr | undefined;
  if (existing !== undefined) {
    existing.refcnt++;
    return existing;
  }
  heap.interned.set(o.value, o);
  o.interned = true;
  o.refcnt++;
  return o;
}

/** Interns a JS string (new reference). */
export function internString(s: string): PyStr {
  const stat = staticInterned.get(s);
  if (stat !== undefined) return stat;
  if (s.length <= 1) return newStr(s);
  const existing = heap.interned.get(s) as PyStr | undefined;
  if (existing !== undefined) {
    existing.refcnt++;
    return existing;
  }
  const o = newStr(s);
  heap.interned.set(s, o);
  o.interned = true;
  return o;
}

export function isStaticInterned(s: string): boolean {
  return staticInterned.has(s);
}

/** Code points of a string (handles surrogate pairs). */
export function codePoints(s: PyStr): string[] {
  return s.isSimple ? s.value.split("") : Array.from(s.value);
}

/** str.expandtabs(size): each tab becomes spaces up to the next multiple of size (none if size <= 0). */
export function expandTabs(text: string, size: number): string {
  let out = "";
  let col = 0;
  for (const ch of text) {
    if (ch === "\t") {
      const n = size > 0 ? size - (col % size) : 0;
      out += " ".repeat(n);
      col += n;
    } else {
      out += ch;
      col = ch === "\n" || ch === "\r" ? 0 : col + 1;
    }
  }
  return out;
}
