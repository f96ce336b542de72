// Everything specific to CPython 3.13 on 64-bit Linux: object sizes, over-allocation rules,
// immortality, free-list sizes and GC thresholds. Another CPython version would get its own
// profile beside this one; nothing else in the engine hard-codes these numbers.

/** Refcount that sys.getrefcount reports for an immortal object (2**32 - 1). */
export const IMMORTAL_REFCNT_REPORTED = 4294967295;
/**
 * Internal refcount given to immortal objects: high enough that decref never reaches zero, and a
 * small integer (below 2**30) so that V8 keeps every object's `refcnt` field an unboxed small
 * integer. One larger value would turn the field into a boxed double on all objects, costing an
 * allocation per object and an indirection per incref/decref.
 */
export const IMMORTAL_REFCNT = 2 ** 29;
/** Any refcount at or above this is treated as immortal (no program holds 2**28 references). */
export const IMMORTAL_THRESHOLD = 2 ** 28;

export const SMALL_INT_MIN = -5;
export const SMALL_INT_MAX = 256;

/** PyGC_Head: the pre-header of every GC-tracked type. */
export const GC_HEAD_SIZE = 16;
/** Managed dict + managed weakref pointers before a plain heap-class instance (3.13). */
export const MANAGED_PREHEADER_SIZE = 16;
export const OBJECT_HEADER_SIZE = 16;

// Basic sizes (tp_basicsize), without any pre-header.
export const SIZEOF = {
  object: 16,
  list: 40,
  tupleHeader: 24,
  dict: 48,
  set: 200,
  float: 24,
  complex: 32,
  bytesHeader: 33,
  bytearray: 56,
  function: 144,
  builtinFunction: 56,
  method: 32,
  cell: 24,
  range: 48,
  rangeIterator: 40,
  listIterator: 32,
  tupleIterator: 32,
  dictIterator: 40,
  setIterator: 40,
  genBase: 144,
  module: 56,
  type: 920,
  exception: 72,
  slice: 40,
  property: 64,
  staticmethod: 32,
  super: 32,
  enumerate: 40,
  zip: 40,
  mapFilter: 40,
  reversed: 32,
  longHeader: 24,
  pyLongObject: 32,
  weakref: 64,
  /** PyFrameObject up to its embedded interpreter frame's localsplus; then one slot per local and stack entry. */
  frameHeader: 136,
  traceback: 40,
} as const;

/** The inline values block of a plain 3.13 instance (the values array CPython allocates with it). */
export const INSTANCE_INLINE_VALUES = 272;

/** sys.getsizeof of an int: 24 + 4 * max(1, ndigits), 30-bit digits. */
export function intDigits(v: number | bigint): number {
  if (typeof v === "number") {
    let a = Math.abs(v);
    if (a < 1073741824) return a === 0 ? 0 : 1;
    let n = 0;
    while (a >= 1) { a = Math.floor(a / 1073741824); n++; }
    return n;
  }
  let a = v < 0n ? -v : v;
  let n = 0;
  while (a > 0n) { a >>= 30n; n++; }
  return n;
}
export function intSizeof(v: number | bigint): number {
  return SIZEOF.longHeader + 4 * Math.max(1, intDigits(v));
}

/** str: compact ASCII 40 + n + 1; otherwise 56 + (n + 1) * width. */
export function strSizeof(length: number, maxChar: number): number {
  if (maxChar < 128) return 40 + length + 1;
  const width = maxChar < 256 ? 1 : maxChar < 65536 ? 2 : 4;
  return 56 + (length + 1) * width;
}

/** list_resize: the capacity CPython chooses when a list grows or shrinks to newsize. */
export function listResizeCapacity(allocated: number, newsize: number): number {
  if (allocated >= newsize && newsize >= (allocated >> 1)) return allocated;
  if (newsize === 0) return 0;
  let newAllocated = (newsize + (newsize >> 3) + 6) & ~3;
  if (newsize - allocated > newAllocated - newsize) newAllocated = (newsize + 3) & ~3;
  return newAllocated;
}

/** list(x) / extend on an empty list when x has a length: exactly n rounded up to even. */
export function listPreallocCapacity(n: number): number {
  return n + (n % 2); // not (n + 1) & ~1: bitwise operators wrap past 2**31
}

/** Dict keys object size: 32 header + S index bytes * ix + usable * entry size. */
export function dictKeysSize(log2Size: number, allStrKeys: boolean): number {
  const S = 1 << log2Size;
  const ix = S <= 128 ? 1 : S <= 32768 ? 2 : 4;
  const usable = dictUsable(log2Size);
  return 32 + S * ix + usable * (allStrKeys ? 16 : 24);
}
export function dictUsable(log2Size: number): number {
  return ((1 << log2Size) * 2 / 3) | 0;
}
export const DICT_MINSIZE_LOG2 = 3;
/** calculate_log2_keysize(minsize): smallest S >= minsize, S >= 8. */
export function dictLog2ForMinsize(minsize: number): number {
  let log2 = DICT_MINSIZE_LOG2;
  while ((1 << log2) < minsize) log2++;
  return log2;
}
/**
 * calculate_log2_keysize(minsize) bit for bit as 3.13 computes it on 64-bit Linux,
 * bit_length(((minsize | 8) - 1) | 7), for insertion_resize's GROWTH_RATE (used * 3). It is not
 * always the smallest S >= minsize: for 1..7 it gives 16. A split __dict__ that stops sharing its
 * class's keys with one entry gets 16 slots (size_instance_dict_split), with none 8. Where a full
 * table grows, used * 3 makes both formulas agree; the engine's other sizing still uses
 * dictLog2ForMinsize, which the size_dict cases hold to CPython's figures.
 */
export function calculateLog2Keysize(minsize: number): number {
  const m = ((minsize | (1 << DICT_MINSIZE_LOG2)) - 1) | ((1 << DICT_MINSIZE_LOG2) - 1);
  return 32 - Math.clz32(m);
}
/** estimate_log2_keysize(n): for presized dicts (literals, dict(gen) builds by insertion). */
export function dictLog2Estimate(n: number): number {
  return dictLog2ForMinsize(((n * 3) + 1) >> 1);
}

/** set: 8 inline slots; resize when fill*5 >= mask*3 to smallest power of 2 > used*4. */
export const SET_MINSIZE = 8;
export function setNeedsResize(fill: number, mask: number): boolean {
  return fill * 5 >= mask * 3;
}
export function setNewSlots(used: number): number {
  const minused = used > 50000 ? used * 2 : used * 4;
  let size = SET_MINSIZE;
  while (size <= minused) size <<= 1;
  return size;
}

/** bytearray growth (bytearray_resize): over-allocate by 1/8 plus a small constant. */
export function bytearrayAlloc(alloc: number, size: number): number {
  if (size <= alloc && size >= (alloc >> 1)) return alloc;
  if (size <= alloc) return size + 1;
  let a = size + (size >> 3) + (size < 9 ? 3 : 6);
  if (a < size) a = size;
  return a + 0; // logical alloc includes the trailing NUL below
}

export const FREELIST_MAX = { list: 80, dict: 80, tuple: 2000, tupleMaxLength: 20, float: 100 } as const;

export const GC_THRESHOLDS: [number, number, number] = [2000, 10, 10];
export const DEFAULT_RECURSION_LIMIT = 1000;

/** Strings the 3.13 runtime interns statically (immortal): identifiers of builtins and dunders. */
export const STATIC_INTERNED_EXTRA = [
  "__init__", "__del__", "__repr__", "__str__", "__eq__", "__hash__", "__name__", "__main__", "__doc__",
  "__class__", "__dict__", "__module__", "__qualname__", "__slots__", "__weakref__", "__file__",
  "__len__", "__iter__", "__next__", "__enter__", "__exit__", "__call__", "__getitem__", "__setitem__",
  "__contains__", "__lt__", "__le__", "__gt__", "__ge__", "__ne__", "__add__", "__sub__", "__mul__",
  "__bool__", "__new__", "__builtins__", "__spec__", "__loader__", "__package__", "__annotations__",
  "getrefcount", "getsizeof", "intern", "append", "pop", "insert", "remove", "clear", "extend", "keys",
  "values", "items", "get", "join", "split", "format", "copy", "update", "add", "discard", "send",
  "close", "throw", "collect", "self", "cls", "args", "kwargs", "name", "value", "key", "sys", "gc",
  "os", "path", "weakref", "tracemalloc", "inspect", "start", "stop", "sort", "reverse", "index",
  "count", "strip", "lower", "upper", "replace", "startswith", "endswith", "encode", "decode",
];
