// Refusing a result too large to build, before building it.
//
// CPython computes the length of a repeat, a padded string or bytes(n) first, applies its overflow
// check against PY_SSIZE_T_MAX (each caller raises its own error: "repeated string is too long",
// MemoryError, ...), then asks malloc, whose refusal is MemoryError. The engine must do the same
// in the same order and refuse *before* it builds the JS string or array: V8 aborts the whole
// process on an array or typed array it cannot size, throws an untyped RangeError on a string
// past its maximum length, and long before that a big JS array exhausts the worker's Node heap.
import { heap } from "../heap/heap";
import { PyInt } from "../objects/int";
import { MemoryError, raise } from "../objects/exceptions";
import { overflowError } from "./errors";

export const PY_SSIZE_T_MAX = 2n ** 63n - 1n;
const PY_SSIZE_T_MIN = -(2n ** 63n);
export const INT_MAX = 2 ** 31 - 1;

/** Simulated bytes per item and headers, for the malloc step of a result not built yet (lower bounds). */
export const REFERENCE_BYTES = 8; // sizeof(PyObject *)
export const STR_HEADER_BYTES = 41; // PyASCIIObject and the trailing NUL: PyUnicode_New's struct_size + 1
export const BYTES_HEADER_BYTES = 33; // PyBytesObject_SIZE
export const BYTEARRAY_HEADER_BYTES = 1; // the buffer's trailing NUL (the object itself is separate)

/**
 * The most items (characters, bytes or references) the engine builds into one object. Past it a
 * JS string nears V8's maximum length and a JS array takes gigabytes of the Node heap, so the
 * engine says what CPython says when malloc refuses: MemoryError. The session's memory limit
 * (256 MiB) is reached well before it; this matters when no memory limit is set.
 */
export const MAX_BUILDABLE_ITEMS = 2 ** 27;

/**
 * The malloc step for a result of `count` items of `itemBytes` simulated bytes each after a
 * `headerBytes` header, called once the caller's own overflow checks have passed and before
 * anything is built. A size past PY_SSIZE_T_MAX is MemoryError whatever the machine (CPython's
 * PyMem_New, PyUnicode_New and tuple_alloc refuse it so). A result that does not fit under the
 * memory limit ends the run as the allocation itself would (the memory limit names itself); one
 * larger than the engine can build is MemoryError.
 */
export function reserveItems(count: number, itemBytes: number, headerBytes = 0, maxItems = MAX_BUILDABLE_ITEMS): void {
  const bytes = count * itemBytes + headerBytes;
  if (bytes >= 2 ** 53 && BigInt(count) * BigInt(itemBytes) + BigInt(headerBytes) > PY_SSIZE_T_MAX) raise(MemoryError);
  heap.ensureAvailable(bytes);
  if (count > maxItems) raise(MemoryError);
}

/**
 * A bytearray keeps its bytes in a JS number array (8 bytes of Node heap per byte), so it is capped
 * lower: 2**24 bytes cost 128 MiB of the worker's 1 GiB heap, and filling it takes well under a second.
 */
export const MAX_BYTEARRAY_ITEMS = 2 ** 24;

/** `count * unit > PY_SSIZE_T_MAX`, exactly (CPython's `count > PY_SSIZE_T_MAX / unit`). */
export function productExceedsSsize(count: number | bigint, unit: number): boolean {
  if (unit <= 0 || count <= 0) return false;
  if (typeof count === "number" && count * unit < 2 ** 53) return false; // exact in a double, far below
  return BigInt(count) * BigInt(unit) > PY_SSIZE_T_MAX;
}

function fitsSsize(v: number | bigint): boolean {
  if (typeof v === "number") return Math.abs(v) < 2 ** 63; // an int held as a double is small; no BigInt on the common path
  const big = BigInt(v);
  return big >= PY_SSIZE_T_MIN && big <= PY_SSIZE_T_MAX;
}

/** PyNumber_AsSsize_t(o, PyExc_OverflowError): the conversion of a repeat count or bytes(n). */
export function indexAsSsize(n: PyInt): number {
  if (!fitsSsize(n.value)) overflowError("cannot fit 'int' into an index-sized integer");
  return Number(n.value);
}

/** PyLong_AsSsize_t: an argument parsed with the "n" format (str.ljust's width ...). */
export function longAsSsize(n: PyInt): number {
  if (!fitsSsize(n.value)) overflowError("Python int too large to convert to C ssize_t");
  return Number(n.value);
}

/** PyLong_AsInt: an argument parsed with the "i" format (str.expandtabs's tabsize). */
export function longAsInt(n: PyInt): number {
  const v = Number(n.value);
  if (v > INT_MAX || v < -INT_MAX - 1) overflowError("Python int too large to convert to C int");
  return v;
}

/**
 * A str result of `length` code points: PyUnicode_New's checks and the allocation, before the JS
 * string is built (one byte a character, the least any str takes).
 */
export function reserveStr(length: number): void {
  reserveItems(length, 1, STR_HEADER_BYTES);
}
