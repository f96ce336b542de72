// Methods of the builtin types (list.append, dict.get, str.join, gen.send ...), installed in the
// types' namespaces as method descriptors.
import { decref, PyObject, PyType, objectType, typeType, NativeFn } from "../objects/object";
import { PyInt, newInt, intType, pyBool, True, False, IntOrigin, floatTypeRef } from "./type-methods-support";
import { PyFloat, newFloat, floatType } from "../objects/float";
import { PyStr, newStr, strType, internString, codePoints, emptyStr, expandTabs } from "../objects/str";
import { PyBytes, newBytes, bytesType, bytearrayType, PyByteArray, byteArrayResize } from "../objects/bytes";
import { PyTuple, newTuple, tupleType } from "../objects/tuple";
import { PyList, newList, listType, listAppend, listInsert, listPop, listClear, listResize } from "../objects/list";
import { PyDict, newDict, dictType, dictSetItem, dictCopy, dictClear, dictPopEntry, dictGetItem, dictLookup, dictKey } from "../objects/dict";
import { forgetTableKey } from "../objects/hashkey";
import { PySet, newSet, setType, frozensetType, set_add_key, set_clear_internal } from "../objects/set";
import {
  set_discard, set_remove, set_pop_or_raise, set_update, set_difference_update, set_intersection_update_multi,
  set_symmetric_difference_update, set_copy, frozenset_copy, set_union, set_intersection_multi, set_difference_multi,
  set_symmetric_difference, set_issubset, set_issuperset, set_isdisjoint, set_init,
} from "../vm/set-ops";
import { pointerHash } from "../objects/pyhash";
import { None } from "../objects/singletons";
import { PyMethodDescr } from "../objects/function";
import { newCompositeIter, dictKeysType, dictValuesType, dictItemsType } from "../objects/iterators";
import { PyGen, generatorType } from "../vm/generator";
import { genSend, genClose, genThrow } from "../vm/genops";
import { baseExceptionType, PyBaseException, newException } from "../objects/exceptions";
import { setExceptionTraceback } from "../vm/traceback-attrs";
import { typeError, valueError, indexError, keyError, overflowError } from "../vm/errors";
import { floatHex, floatRatio } from "../vm/float-digits";
import { longAsInt, longAsSsize, reserveStr } from "../vm/result-size";
import { normInt } from "../objects/int";
import { eq, isTrue, str as strOf, repr, keyOf, listExtendFrom, richCompare, format, lenOf, hashOf, getAttrOrNull, setAttr } from "../vm/abstract";
import { call } from "../vm/call";
import { getIter, iterNext } from "../vm/iteration";
import { collect } from "../vm/builtin-new";
import { dictUpdateFrom } from "../vm/dict-ops";
import { CmpOp } from "../compile/opcodes";
import { PyInstance, materializeDict } from "../objects/instance";

function def(t: PyType, name: string, fn: NativeFn): void {
  t.dict.set(name, new PyMethodDescr(name, fn, t));
}

function argCount(name: string, args: PyObject[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    if (min === max) typeError(`${name}() takes exactly ${min === 0 ? "no arguments" : `one argument`} (${args.length} given)`);
    if (args.length < min) typeError(`${name} expected at least ${min} argument${min === 1 ? "" : "s"}, got ${args.length}`);
    typeError(`${name} expected at most ${max} argument${max === 1 ? "" : "s"}, got ${args.length}`);
  }
}

function own<T extends PyObject>(o: T): T {
  o.refcnt++;
  return o;
}

function idx(o: PyObject): number {
  if (!(o instanceof PyInt)) typeError(`'${o.type.name}' object cannot be interpreted as an integer`);
  return Number(o.value);
}

function intArg(o: PyObject): PyInt {
  if (!(o instanceof PyInt)) typeError(`'${o.type.name}' object cannot be interpreted as an integer`);
  return o;
}

function kwValue(args: PyObject[], kwnames: string[] | null, name: string): PyObject | undefined {
  if (!kwnames) return undefined;
  const i = kwnames.indexOf(name);
  return i < 0 ? undefined : args[args.length - kwnames.length + i];
}

// ---------------------------------------------------------------------------------------------
// list

def(listType, "append", (self, args) => {
  argCount("list.append", args, 1, 1);
  listAppend(self as PyList, own(args[0]));
  return None;
});
def(listType, "extend", (self, args) => {
  listExtendFrom(self as PyList, args[0]);
  return None;
});
def(listType, "pop", (self, args) => {
  const l = self as PyList;
  if (l.items.length === 0) indexError("pop from empty list");
  let i = args.length > 0 ? idx(args[0]) : l.items.length - 1;
  if (i < 0) i += l.items.length;
  if (i < 0 || i >= l.items.length) indexError("pop index out of range");
  return listPop(l, i);
});
def(listType, "insert", (self, args) => {
  const l = self as PyList;
  let i = idx(args[0]);
  const n = l.items.length;
  if (i < 0) i = Math.max(0, i + n);
  if (i > n) i = n;
  listInsert(l, i, own(args[1]));
  return None;
});
def(listType, "remove", (self, args) => {
  const l = self as PyList;
  for (let i = 0; i < l.items.length; i++) {
    if (l.items[i] === args[0] || eq(l.items[i], args[0])) {
      decref(listPop(l, i));
      return None;
    }
  }
  valueError("list.remove(x): x not in list");
});
def(listType, "clear", (self) => {
  listClear(self as PyList);
  return None;
});
def(listType, "copy", (self) => {
  const items = (self as PyList).items.slice();
  for (const x of items) x.refcnt++;
  return newList(items);
});
def(listType, "index", (self, args) => {
  const l = self as PyList;
  for (let i = 0; i < l.items.length; i++) if (l.items[i] === args[0] || eq(l.items[i], args[0])) return newInt(i);
  valueError(`${repr(args[0])} is not in list`);
});
def(listType, "count", (self, args) => {
  let n = 0;
  for (const x of (self as PyList).items) if (x === args[0] || eq(x, args[0])) n++;
  return newInt(n);
});
def(listType, "reverse", (self) => {
  (self as PyList).items.reverse();
  return None;
});
def(listType, "sort", (self, args, kwnames) => {
  const l = self as PyList;
  const key = kwValue(args, kwnames, "key");
  const rev = kwValue(args, kwnames, "reverse");
  sortList(l.items, key && key !== None ? key : null, rev !== undefined && isTrue(rev));
  return None;
});
def(listType, "__sizeof__", (self) => newInt(40 + 8 * (self as PyList).allocated));

export function sortList(items: PyObject[], key: PyObject | null, reverse: boolean): void {
  const keys = key ? items.map((x) => call(key, [x], null)) : items;
  const idxs = items.map((_, i) => i);
  const lt = (a: PyObject, b: PyObject): boolean => {
    const r = richCompare(a, b, CmpOp.LT);
    const v = isTrue(r);
    decref(r);
    return v;
  };
  try {
    idxs.sort((i, j) => {
      if (reverse) return lt(keys[j], keys[i]) ? -1 : lt(keys[i], keys[j]) ? 1 : i - j;
      return lt(keys[i], keys[j]) ? -1 : lt(keys[j], keys[i]) ? 1 : i - j;
    });
  } finally {
    if (key) for (const k of keys) decref(k);
  }
  const sorted = idxs.map((i) => items[i]);
  for (let i = 0; i < items.length; i++) items[i] = sorted[i];
}

// ---------------------------------------------------------------------------------------------
// tuple

def(tupleType, "index", (self, args) => {
  const t = self as PyTuple;
  for (let i = 0; i < t.items.length; i++) if (t.items[i] === args[0] || eq(t.items[i], args[0])) return newInt(i);
  valueError("tuple.index(x): x not in tuple");
});
def(tupleType, "count", (self, args) => {
  let n = 0;
  for (const x of (self as PyTuple).items) if (x === args[0] || eq(x, args[0])) n++;
  return newInt(n);
});

// ---------------------------------------------------------------------------------------------
// dict

def(dictType, "get", (self, args) => {
  argCount("get", args, 1, 2);
  keyOf(args[0]);
  const e = dictLookup(self as PyDict, args[0]);
  const v = e !== undefined ? e.value : args.length > 1 ? args[1] : None;
  return own(v);
});
def(dictType, "keys", (self) => newCompositeIter(dictKeysType, [own(self)], null));
def(dictType, "values", (self) => newCompositeIter(dictValuesType, [own(self)], null));
def(dictType, "items", (self) => newCompositeIter(dictItemsType, [own(self)], null));
def(dictType, "pop", (self, args) => {
  keyOf(args[0]);
  const e = dictPopEntry(self as PyDict, dictKey(self as PyDict, args[0]));
  if (e === undefined) {
    if (args.length > 1) return own(args[1]);
    keyError(args[0]);
  }
  decref(e.key);
  return e.value;
});
def(dictType, "popitem", (self) => {
  const d = self as PyDict;
  let lastKey: unknown = undefined;
  for (const k of d.map.keys()) lastKey = k;
  if (lastKey === undefined) keyError(newStr("popitem(): dictionary is empty"));
  const e = dictPopEntry(d, lastKey as string)!;
  return newTuple([e.key, e.value]);
});
def(dictType, "setdefault", (self, args) => {
  const d = self as PyDict;
  keyOf(args[0]);
  const e = dictLookup(d, args[0]);
  if (e !== undefined) return own(e.value);
  const v = args.length > 1 ? args[1] : None;
  dictSetItem(d, args[0], v);
  return own(v);
});
def(dictType, "update", (self, args, kwnames) => {
  const d = self as PyDict;
  const npos = args.length - (kwnames?.length ?? 0);
  if (npos > 0) dictUpdateFrom(d, args[0]);
  if (kwnames) kwnames.forEach((k, i) => {
    const key = internString(k);
    dictSetItem(d, key, args[npos + i]);
    decref(key);
  });
  return None;
});
def(dictType, "clear", (self) => {
  dictClear(self as PyDict);
  return None;
});
def(dictType, "copy", (self) => dictCopy(self as PyDict));
def(dictType, "__sizeof__", (self) => newInt((self as PyDict).sizeof - 16));
dictType.dict.set("fromkeys", new PyMethodDescr("fromkeys", (self, args) => {
  // A class method: dict.fromkeys(keys[, value]) arrives unbound (keys as self), d.fromkeys(keys[, value]) bound.
  const bound = self instanceof PyDict && (args.length === 2 || (args.length === 1 && !(self.map.size === 0 && args[0] === None) && isIterableArg(args[0])));
  const keysArg = bound ? args[0] : self;
  const value = (bound ? args[1] : args[0]) ?? None;
  const d = newDict();
  const keys = collect(keysArg);
  for (const k of keys) {
    dictSetItem(d, k, value);
    decref(k);
  }
  return d;
}, dictType));
function isIterableArg(o: PyObject): boolean {
  return o instanceof PyList || o instanceof PyTuple || o instanceof PyStr || o instanceof PyDict || o instanceof PySet;
}

// ---------------------------------------------------------------------------------------------
// set

// Each method is setobject.c's of the same name (vm/set-ops.ts), which fixes the result's order.
const asSet = (o: PyObject): PySet => o as PySet;

def(setType, "add", (self, args) => {
  argCount("set.add", args, 1, 1);
  set_add_key(asSet(self), args[0]);
  return None;
});
def(setType, "discard", (self, args) => {
  argCount("set.discard", args, 1, 1);
  set_discard(asSet(self), args[0]);
  return None;
});
def(setType, "remove", (self, args) => {
  argCount("set.remove", args, 1, 1);
  set_remove(asSet(self), args[0]);
  return None;
});
def(setType, "pop", (self) => set_pop_or_raise(asSet(self)));
def(setType, "clear", (self) => {
  set_clear_internal(asSet(self));
  return None;
});
def(setType, "__init__", (self, args) => {
  set_init(asSet(self), args);
  return None;
});
def(setType, "update", (self, args) => {
  set_update(asSet(self), args);
  return None;
});
def(setType, "difference_update", (self, args) => {
  set_difference_update(asSet(self), args);
  return None;
});
def(setType, "intersection_update", (self, args) => {
  set_intersection_update_multi(asSet(self), args);
  return None;
});
def(setType, "symmetric_difference_update", (self, args) => {
  argCount("set.symmetric_difference_update", args, 1, 1);
  set_symmetric_difference_update(asSet(self), args[0]);
  return None;
});
def(setType, "copy", (self) => set_copy(asSet(self)));
def(frozensetType, "copy", (self) => frozenset_copy(asSet(self)));
for (const t of [setType, frozensetType]) {
  def(t, "union", (self, args) => set_union(asSet(self), args));
  def(t, "intersection", (self, args) => set_intersection_multi(asSet(self), args));
  def(t, "difference", (self, args) => set_difference_multi(asSet(self), args));
  def(t, "symmetric_difference", (self, args) => {
    argCount(`${t.name}.symmetric_difference`, args, 1, 1);
    return set_symmetric_difference(asSet(self), args[0]);
  });
  def(t, "issubset", (self, args) => {
    argCount(`${t.name}.issubset`, args, 1, 1);
    return pyBool(set_issubset(asSet(self), args[0]));
  });
  def(t, "issuperset", (self, args) => {
    argCount(`${t.name}.issuperset`, args, 1, 1);
    return pyBool(set_issuperset(asSet(self), args[0]));
  });
  def(t, "isdisjoint", (self, args) => {
    argCount(`${t.name}.isdisjoint`, args, 1, 1);
    return pyBool(set_isdisjoint(asSet(self), args[0]));
  });
}

// ---------------------------------------------------------------------------------------------
// str

function s(self: PyObject): string {
  return (self as PyStr).value;
}
function strArg(o: PyObject, what: string): string {
  if (!(o instanceof PyStr)) typeError(`${what} must be str, not ${o.type.name}`);
  return o.value;
}

def(strType, "join", (self, args) => {
  const items = collect(args[0]);
  try {
    const parts = items.map((x, i) => {
      if (!(x instanceof PyStr)) typeError(`sequence item ${i}: expected str instance, ${x.type.name} found`);
      return x.value;
    });
    if (items.length === 1 && items[0].type === strType) return own(items[0]);
    return newStr(parts.join(s(self)));
  } finally {
    for (const x of items) decref(x);
  }
});
def(strType, "split", (self, args, kwnames) => {
  const sep = args[0] ?? kwValue(args, kwnames, "sep");
  const maxArg = args[1] ?? kwValue(args, kwnames, "maxsplit");
  const max = maxArg ? idx(maxArg) : -1;
  let parts: string[];
  const text = s(self);
  if (!sep || sep === None) {
    parts = text.trim().split(/\s+/).filter((p) => p.length > 0);
    if (max >= 0 && parts.length > max + 1) {
      const re = /\S+/g;
      const out: string[] = [];
      let m: RegExpExecArray | null;
      let last = 0;
      while ((m = re.exec(text)) && out.length < max) {
        out.push(m[0]);
        last = re.lastIndex;
      }
      out.push(text.slice(last).trimStart());
      parts = out;
    }
  } else {
    const sp = strArg(sep, "sep");
    if (sp === "") valueError("empty separator");
    parts = text.split(sp);
    if (max >= 0 && parts.length > max + 1) parts = [...parts.slice(0, max), parts.slice(max).join(sp)];
  }
  return newList(parts.map((p) => newStr(p)));
});
def(strType, "rsplit", (self, args, kwnames) => {
  const sep = args[0] ?? kwValue(args, kwnames, "sep");
  const maxArg = args[1] ?? kwValue(args, kwnames, "maxsplit");
  const max = maxArg ? idx(maxArg) : -1;
  const text = s(self);
  let parts: string[];
  if (!sep || sep === None) {
    parts = text.trim().split(/\s+/).filter((p) => p.length > 0);
    if (max >= 0 && parts.length > max + 1) {
      // Split from the right: the first part keeps its inner whitespace.
      let rest = text.trimEnd();
      const out: string[] = [];
      while (out.length < max) {
        const m = /(\S+)$/.exec(rest)!;
        out.unshift(m[1]);
        rest = rest.slice(0, m.index).trimEnd();
      }
      parts = [rest.trimStart(), ...out];
    }
  } else {
    const sp = strArg(sep, "sep");
    if (sp === "") valueError("empty separator");
    parts = text.split(sp);
    if (max >= 0 && parts.length > max + 1) parts = [parts.slice(0, parts.length - max).join(sp), ...parts.slice(parts.length - max)];
  }
  return newList(parts.map((p) => newStr(p)));
});
def(strType, "istitle", (self) => {
  let cased = false;
  let prevCased = false;
  for (const ch of s(self)) {
    const upper = /\p{Lu}|\p{Lt}/u.test(ch);
    const lower = /\p{Ll}/u.test(ch);
    if (upper) {
      if (prevCased) return False;
      prevCased = cased = true;
    } else if (lower) {
      if (!prevCased) return False;
      prevCased = cased = true;
    } else prevCased = false;
  }
  return pyBool(cased);
});
def(strType, "splitlines", (self) => newList(s(self).split(/\r\n|\r|\n/).filter((p, i, arr) => i < arr.length - 1 || p !== "").map((p) => newStr(p))));
def(strType, "strip", (self, args) => newStr(stripChars(s(self), args[0], true, true)));
def(strType, "lstrip", (self, args) => newStr(stripChars(s(self), args[0], true, false)));
def(strType, "rstrip", (self, args) => newStr(stripChars(s(self), args[0], false, true)));
function stripChars(text: string, chars: PyObject | undefined, left: boolean, right: boolean): string {
  const set = chars && chars !== None ? strArg(chars, "strip arg") : null;
  const isStrip = (c: string) => (set === null ? /\s/.test(c) : set.includes(c));
  let a = 0;
  let b = text.length;
  if (left) while (a < b && isStrip(text[a])) a++;
  if (right) while (b > a && isStrip(text[b - 1])) b--;
  return text.slice(a, b);
}
def(strType, "upper", (self) => newStr(s(self).toUpperCase()));
def(strType, "lower", (self) => newStr(s(self).toLowerCase()));
def(strType, "title", (self) => newStr(s(self).replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase())));
def(strType, "capitalize", (self) => newStr(s(self).charAt(0).toUpperCase() + s(self).slice(1).toLowerCase()));
def(strType, "swapcase", (self) => newStr([...s(self)].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("")));
def(strType, "replace", (self, args) => {
  const old = strArg(args[0], "replace arg 1");
  const nw = strArg(args[1], "replace arg 2");
  const count = args[2] ? idx(args[2]) : -1;
  if (count < 0) return newStr(s(self).split(old).join(nw));
  let out = s(self);
  let n = 0;
  let pos = 0;
  while (n < count) {
    const i = out.indexOf(old, pos);
    if (i < 0) break;
    out = out.slice(0, i) + nw + out.slice(i + old.length);
    pos = i + nw.length;
    n++;
  }
  return newStr(out);
});
def(strType, "startswith", (self, args) => {
  const p = args[0];
  if (p instanceof PyTuple) return pyBool(p.items.some((x) => s(self).startsWith(strArg(x, "prefix"))));
  return pyBool(s(self).startsWith(strArg(p, "startswith first arg"), args[1] ? idx(args[1]) : 0));
});
def(strType, "endswith", (self, args) => {
  const p = args[0];
  if (p instanceof PyTuple) return pyBool(p.items.some((x) => s(self).endsWith(strArg(x, "suffix"))));
  return pyBool(s(self).endsWith(strArg(p, "endswith first arg")));
});
def(strType, "find", (self, args) => newInt(s(self).indexOf(strArg(args[0], "find arg"), args[1] ? idx(args[1]) : 0)));
def(strType, "rfind", (self, args) => newInt(s(self).lastIndexOf(strArg(args[0], "rfind arg"))));
def(strType, "index", (self, args) => {
  const i = s(self).indexOf(strArg(args[0], "index arg"));
  if (i < 0) valueError("substring not found");
  return newInt(i);
});
def(strType, "count", (self, args) => {
  const sub = strArg(args[0], "count arg");
  if (sub === "") return newInt((self as PyStr).length + 1);
  return newInt(s(self).split(sub).length - 1);
});
def(strType, "isdigit", (self) => pyBool(/^\d+$/.test(s(self))));
def(strType, "isdecimal", (self) => pyBool(/^\d+$/.test(s(self))));
def(strType, "isnumeric", (self) => pyBool(/^\d+$/.test(s(self))));
def(strType, "isalpha", (self) => pyBool(/^\p{L}+$/u.test(s(self))));
def(strType, "isalnum", (self) => pyBool(/^[\p{L}\d]+$/u.test(s(self))));
def(strType, "isspace", (self) => pyBool(/^\s+$/.test(s(self))));
def(strType, "isupper", (self) => pyBool(/\p{Lu}/u.test(s(self)) && s(self) === s(self).toUpperCase()));
def(strType, "islower", (self) => pyBool(/\p{Ll}/u.test(s(self)) && s(self) === s(self).toLowerCase()));
def(strType, "isidentifier", (self) => pyBool(/^[A-Za-z_]\w*$/.test(s(self))));
/**
 * The width of str.center/ljust/rjust/zfill, parsed as Py_ssize_t; when the string must be padded,
 * the padded result is reserved before it is built (pad() in unicodeobject.c allocates `width`).
 */
function padWidth(self: PyObject, arg: PyObject): number {
  const width = longAsSsize(intArg(arg));
  if (width > (self as PyStr).length) reserveStr(width);
  return width;
}
def(strType, "center", (self, args) => {
  const w = padWidth(self, args[0]);
  const fill = args[1] ? strArg(args[1], "fill") : " ";
  const t = s(self);
  const n = Math.max(0, w - (self as PyStr).length);
  const left = (n >> 1) + (n & w & 1);
  return newStr(fill.repeat(left) + t + fill.repeat(n - left));
});
def(strType, "ljust", (self, args) => newStr(s(self).padEnd(padWidth(self, args[0]), args[1] ? strArg(args[1], "fill") : " ")));
def(strType, "rjust", (self, args) => newStr(s(self).padStart(padWidth(self, args[0]), args[1] ? strArg(args[1], "fill") : " ")));
def(strType, "zfill", (self, args) => {
  const t = s(self);
  const w = padWidth(self, args[0]);
  if (t.length >= w) return own(self);
  const sign = t[0] === "-" || t[0] === "+" ? t[0] : "";
  return newStr(sign + "0".repeat(w - t.length) + t.slice(sign.length));
});
def(strType, "encode", (self) => newBytes(new TextEncoder().encode(s(self))));
def(strType, "format", (self, args, kwnames) => newStr(strFormat(s(self), args, kwnames)));
def(strType, "rpartition", (self, args) => {
  const sep = strArg(args[0], "sep");
  const t = s(self);
  const i = t.lastIndexOf(sep);
  if (i < 0) return newTuple([newStr(""), newStr(""), newStr(t)]);
  return newTuple([newStr(t.slice(0, i)), newStr(sep), newStr(t.slice(i + sep.length))]);
});
def(strType, "expandtabs", (self, args) => {
  // tabsize is a C int ("i"); the result's length is known before it is built, as in CPython's
  // two passes, so a huge one is refused before the JS string grows.
  const size = args[0] ? longAsInt(intArg(args[0])) : 8;
  const tabWidthAt = (col: number): number => (size > 0 ? size - (col % size) : 0);
  let length = 0;
  let col = 0;
  for (const ch of s(self)) {
    if (ch === "\t") {
      length += tabWidthAt(col);
      col += tabWidthAt(col);
    } else {
      length++;
      col = ch === "\n" || ch === "\r" ? 0 : col + 1;
    }
  }
  reserveStr(length);
  return newStr(expandTabs(s(self), size));
});
def(strType, "casefold", (self) => newStr(s(self).toLowerCase().replace(/ß/g, "ss")));
def(strType, "removeprefix", (self, args) => {
  const p = strArg(args[0], "prefix");
  const t = s(self);
  return newStr(p !== "" && t.startsWith(p) ? t.slice(p.length) : t);
});
def(strType, "removesuffix", (self, args) => {
  const p = strArg(args[0], "suffix");
  const t = s(self);
  return newStr(p !== "" && t.endsWith(p) ? t.slice(0, t.length - p.length) : t);
});
def(strType, "partition", (self, args) => {
  const sep = strArg(args[0], "sep");
  const t = s(self);
  const i = t.indexOf(sep);
  if (i < 0) return newTuple([newStr(t), newStr(""), newStr("")]);
  return newTuple([newStr(t.slice(0, i)), newStr(sep), newStr(t.slice(i + sep.length))]);
});
def(strType, "__sizeof__", (self) => newInt((self as PyStr).sizeof));

export function strFormat(fmt: string, args: PyObject[], kwnames: string[] | null): string {
  const npos = args.length - (kwnames?.length ?? 0);
  let auto = 0;
  const lookup = (field: string): [PyObject, PyObject | null] => {
    let name = field;
    const attrs: string[] = [];
    const am = /^([^.[]*)((?:\.\w+|\[[^\]]+\])*)$/.exec(name);
    if (am) {
      name = am[1];
      const rest = am[2];
      for (const p of rest.match(/\.\w+|\[[^\]]+\]/g) ?? []) attrs.push(p);
    }
    let v: PyObject;
    if (name === "") {
      if (auto >= npos) indexError(`Replacement index ${auto} out of range for positional args tuple`);
      v = args[auto++];
    } else if (/^\d+$/.test(name)) {
      const i = Number(name);
      if (i >= npos) indexError(`Replacement index ${i} out of range for positional args tuple`);
      v = args[i];
    } else {
      const i = kwnames ? kwnames.indexOf(name) : -1;
      if (i < 0) keyError(newStr(name));
      v = args[npos + i];
    }
    let owned: PyObject | null = null;
    for (const a of attrs) {
      const next: PyObject = a.startsWith(".") ? getAttrMod.getAttr(v, a.slice(1)) : getAttrMod.getItem(v, /^\[\d+\]$/.test(a) ? newInt(Number(a.slice(1, -1))) : newStr(a.slice(1, -1)));
      if (owned) decref(owned);
      owned = next;
      v = next;
    }
    return [v, owned];
  };
  const formatField = (field: string, conv: string | undefined, spec: string): string => {
    const [v, owned] = lookup(field);
    // A nested replacement field in the spec ("{:>{width}}") is resolved after the outer field.
    const resolvedSpec = spec.replace(/\{([^{}!:]*)\}/g, (_m, inner: string) => formatField(inner, undefined, ""));
    let converted: PyObject | null = null;
    try {
      if (conv === "r") converted = newStr(repr(v));
      else if (conv === "s") converted = newStr(strOf(v));
      return format(converted ?? v, resolvedSpec);
    } finally {
      if (converted) decref(converted);
      if (owned) decref(owned);
    }
  };
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:!([rsa]))?(?::((?:[^{}]|\{[^{}]*\})*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === "{{") return "{";
    if (m === "}}") return "}";
    return formatField(field ?? "", conv, spec ?? "");
  });
}
import * as getAttrMod from "../vm/abstract";

// ---------------------------------------------------------------------------------------------
// int / float / bytes

def(intType, "bit_length", (self) => {
  const v = (self as PyInt).value;
  const a = typeof v === "bigint" ? (v < 0n ? -v : v) : Math.abs(v);
  return newInt(a === 0 || a === 0n ? 0 : a.toString(2).length);
});
def(intType, "__sizeof__", (self) => newInt(sizeofInt((self as PyInt).value)));
def(intType, "to_bytes", (self, args) => {
  const n = idx(args[0]);
  const big = args[1] ? (args[1] as PyStr).value === "big" : true;
  let v = BigInt((self as PyInt).value);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    out[big ? n - 1 - i : i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return newBytes(out);
});
def(intType, "conjugate", (self) => own(self));
import { intSizeof } from "../profile";
function sizeofInt(v: number | bigint): number {
  return intSizeof(v);
}
def(floatType, "is_integer", (self) => pyBool(Number.isInteger((self as PyFloat).value)));
def(floatType, "__sizeof__", () => newInt(24));
def(floatType, "hex", (self) => newStr(floatHex((self as PyFloat).value)));
def(floatType, "as_integer_ratio", (self) => {
  const v = (self as PyFloat).value;
  if (Number.isNaN(v)) valueError("cannot convert NaN to integer ratio");
  if (!Number.isFinite(v)) overflowError("cannot convert Infinity to integer ratio");
  const [n, d] = floatRatio(v);
  return newTuple([newInt(normInt(n)), newInt(normInt(d))]);
});
def(bytesType, "decode", (self) => newStr(new TextDecoder().decode((self as PyBytes).data)));
def(bytesType, "hex", (self) => newStr(Array.from((self as PyBytes).data).map((b) => b.toString(16).padStart(2, "0")).join("")));
def(bytearrayType, "append", (self, args) => {
  const b = self as PyByteArray;
  byteArrayResize(b, b.data.length + 1);
  b.data.push(idx(args[0]));
  return None;
});
def(bytearrayType, "extend", (self, args) => {
  const b = self as PyByteArray;
  const items = collect(args[0]);
  byteArrayResize(b, b.data.length + items.length);
  for (const x of items) {
    b.data.push(idx(x));
    decref(x);
  }
  return None;
});
def(bytearrayType, "decode", (self) => newStr(new TextDecoder().decode(Uint8Array.from((self as PyByteArray).data))));

// ---------------------------------------------------------------------------------------------
// generators

def(generatorType, "send", (self, args) => genSend(self as PyGen, args[0], false)!);
def(generatorType, "close", (self) => {
  genClose(self as PyGen);
  return None;
});
def(generatorType, "throw", (self, args) => {
  let e = args[0];
  if (e instanceof PyType) e = call(e, args.length > 1 ? [args[1]] : [], null);
  else e.refcnt++;
  return genThrow(self as PyGen, e as PyBaseException);
});

// ---------------------------------------------------------------------------------------------
// BaseException, object, type

def(baseExceptionType, "with_traceback", (self, args) => {
  setExceptionTraceback(self as PyBaseException, args[0]);
  return own(self);
});
/** BaseException.add_note: appends to __notes__ (made on first use); the printed traceback shows them. */
def(baseExceptionType, "add_note", (self, args) => {
  const note = args[0];
  if (!(note instanceof PyStr)) typeError(`note must be a str, not '${note.type.name}'`);
  let notes = getAttrOrNull(self, "__notes__");
  if (notes === null) {
    notes = newList([]);
    try {
      setAttr(self, "__notes__", notes);
    } catch (e) {
      decref(notes);
      throw e;
    }
  }
  try {
    if (!(notes instanceof PyList)) typeError("Cannot add note: __notes__ is not a list");
    listAppend(notes, note);
  } finally {
    decref(notes);
  }
  return None;
});

def(objectType, "__sizeof__", (self) => newInt(self instanceof PyInstance ? self.type.basicsize : self.type.basicsize));
def(objectType, "__repr__", (self) => newStr(repr(self)));
def(objectType, "__str__", (self) => newStr(strOf(self)));
def(objectType, "__eq__", (self, args) => (self === args[0] ? True : notImpl()));
def(objectType, "__ne__", (self, args) => pyBool(self !== args[0]));
def(objectType, "__hash__", (self) => newInt(pointerHash(self.addr)));
def(objectType, "__format__", (self, args) => newStr(format(self, (args[0] as PyStr).value)));
def(objectType, "__init__", () => None);
def(objectType, "__setattr__", (self, args) => {
  const inst = self as PyInstance;
  const { setAttrPlain } = instanceOps;
  setAttrPlain(inst, (args[0] as PyStr).value, args[1]);
  return None;
});
def(objectType, "__getattribute__", (self, args) => getAttrMod.getAttr(self, (args[0] as PyStr).value));
def(objectType, "__delattr__", (self, args) => {
  getAttrMod.delAttr(self, (args[0] as PyStr).value);
  return None;
});
// object.__init_subclass__: the end of every __init_subclass__ chain; it takes no keywords.
def(objectType, "__init_subclass__", (self, args, kwnames) => {
  if (args.length > 0 || (kwnames !== null && kwnames.length > 0)) typeError(`${(self as PyType).name}.__init_subclass__() takes no keyword arguments`);
  return None;
});
def(typeType, "mro", (self) => newList((self as PyType).mro.map((t) => own(t))));
def(typeType, "__subclasses__", (self) => subclassesList(self as PyType));
import { subclassesList } from "../vm/subclasses";

import { None as NoneObj, NotImplemented } from "../objects/singletons";
function notImpl(): PyObject {
  return NotImplemented;
}

const instanceOps = {
  setAttrPlain(inst: PyInstance, name: string, value: PyObject): void {
    const si = inst.type.slotIndex.get(name);
    if (si !== undefined) {
      const old = inst.slots[si];
      value.refcnt++;
      inst.slots[si] = value;
      if (old) decref(old);
      return;
    }
    const key = internString(name);
    instMod.instanceSetAttr(inst, key, value);
    decref(key);
  },
};
import * as instMod from "../objects/instance";

void [NoneObj, materializeDict, hashOf, lenOf, floatTypeRef, False, emptyStr, codePoints, newFloat, newException, getIter, iterNext, listResize, dictGetItem, newSet, bytesType, PyBytes, newDict];
export const typeMethodsInstalled = true;

// ---------------------------------------------------------------------------------------------
// property: setter/getter/deleter copy the property with one accessor replaced.

def(propertyTypeRef, "getter", (self, args) => { const p = self as PyPropertyRef; return newPropertyRef(args[0], p.fset, p.fdel); });
def(propertyTypeRef, "setter", (self, args) => { const p = self as PyPropertyRef; return newPropertyRef(p.fget, args[0], p.fdel); });
def(propertyTypeRef, "deleter", (self, args) => { const p = self as PyPropertyRef; return newPropertyRef(p.fget, p.fset, args[0]); });
import { propertyType as propertyTypeRef, PyProperty as PyPropertyRef, newProperty as newPropertyRef } from "../objects/function";

// mappingproxy's methods call the same-named method of the mapping it wraps (mappingproxy_methods).
for (const name of ["keys", "values", "items", "get", "copy"]) {
  def(mappingproxyType, name, (self, args, kwnames) => {
    const method = getAttr((self as PyMappingProxy).mapping, name);
    try {
      return call(method, args, kwnames);
    } finally {
      decref(method);
    }
  });
}
import { mappingproxyType, PyMappingProxy } from "../objects/mappingproxy";
import { getAttr } from "../vm/abstract";

// ---------------------------------------------------------------------------------------------
// frame.clear() and FrameLocalsProxy's mapping methods (Objects/frameobject.c).

/**
 * frame_clear: a finished frame's locals are released now (frame_tp_clear); a running frame, or a
 * suspended generator's, cannot be cleared. A generator that never started is closed first.
 */
def(frameTypeRef, "clear", (self) => {
  const fo = self as PyFrameObjectRef;
  const live = fo.frame;
  if (live !== null) {
    const gen = live.gen;
    if (!(gen instanceof PyGen)) runtimeErrorRef("cannot clear an executing frame");
    if (gen.state === GenStateRef.Running) runtimeErrorRef("cannot clear an executing frame");
    if (gen.state === GenStateRef.Suspended) runtimeErrorRef("cannot clear a suspended frame");
    genClose(gen);
  }
  fo.clearLocals();
  return None;
});

function proxyArg(self: PyObject): PyFrameLocalsProxyRef {
  return self as PyFrameLocalsProxyRef;
}
def(frameLocalsProxyTypeRef, "keys", (self) => flp.framelocalsproxy_keys(proxyArg(self)));
def(frameLocalsProxyTypeRef, "values", (self) => flp.framelocalsproxy_values(proxyArg(self)));
def(frameLocalsProxyTypeRef, "items", (self) => flp.framelocalsproxy_items(proxyArg(self)));
/** framelocalsproxy_get: the value, or the default (None) when the name is not a bound local. */
def(frameLocalsProxyTypeRef, "get", (self, args) => {
  if (args.length < 1 || args.length > 2) typeError("get expected 1 or 2 arguments");
  const proxy = proxyArg(self);
  if (flp.framelocalsproxy_contains(proxy, args[0])) return flp.framelocalsproxy_getitem(proxy, args[0], repr);
  return own(args.length > 1 ? args[1] : None);
});
/** framelocalsproxy_copy: a plain dict of the current locals. */
def(frameLocalsProxyTypeRef, "copy", (self) => flp.framelocalsproxy_todict(proxyArg(self)));
def(frameLocalsProxyTypeRef, "__reversed__", (self) => flp.framelocalsproxy_reversed(proxyArg(self)));
/** framelocalsproxy_setdefault: the bound value, or `default` stored through the proxy and returned. */
def(frameLocalsProxyTypeRef, "setdefault", (self, args) => {
  if (args.length < 1 || args.length > 2) typeError("setdefault expected 1 or 2 arguments");
  const proxy = proxyArg(self);
  if (flp.framelocalsproxy_contains(proxy, args[0])) return flp.framelocalsproxy_getitem(proxy, args[0], repr);
  const value = args.length > 1 ? args[1] : None;
  flp.framelocalsproxy_setitem(proxy, args[0], value);
  return own(value);
});
def(frameLocalsProxyTypeRef, "update", (self, args, kwnames) => {
  if (kwnames !== null && kwnames !== undefined && kwnames.length > 0) typeError("FrameLocalsProxy.update() takes no keyword arguments");
  if (args.length !== 1) typeError(`FrameLocalsProxy.update() takes exactly one argument (${args.length} given)`);
  if (!flp.framelocalsproxy_merge(proxyArg(self), args[0])) typeError("update() argument must be dict or another FrameLocalsProxy");
  return None;
});
import { frameType as frameTypeRef, PyFrameObject as PyFrameObjectRef } from "../objects/frameobject";
import { GenState as GenStateRef } from "../vm/generator";
import { runtimeError as runtimeErrorRef } from "../vm/errors";
import * as flp from "../objects/framelocalsproxy";
import { frameLocalsProxyType as frameLocalsProxyTypeRef, PyFrameLocalsProxy as PyFrameLocalsProxyRef } from "../objects/framelocalsproxy";
