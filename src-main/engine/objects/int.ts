// int and bool. Values are JS numbers while they are safe integers and bigints beyond, so
// arithmetic stays fast; the small-int cache (-5..256) and True/False are immortal statics.
// The bytes an int asks the allocator for follow the C path that made it (FACTS §6).
import { allocObject, builtinType, freeObject, makeImmortal, PyObject, staticAddress } from "./object";
import { intDigits, intSizeof, SMALL_INT_MAX, SMALL_INT_MIN, SIZEOF } from "../profile";

export const intType = builtinType({ name: "int", basicsize: 24, itemsize: 4, baseType: true });
export const boolType = builtinType({ name: "bool", base: intType, basicsize: 24, itemsize: 4 });

export type IntValue = number | bigint;

export class PyInt extends PyObject {
  constructor(readonly value: IntValue, type = intType) {
    super(type);
  }
  override dealloc(): void {
    freeObject(this, false);
  }
}

const smallInts: PyInt[] = [];
for (let v = SMALL_INT_MIN; v <= SMALL_INT_MAX; v++) {
  const o = makeImmortal(new PyInt(v));
  o.addr = staticAddress(32);
  smallInts.push(o);
}

export const False = makeImmortal(new PyInt(0, boolType));
False.addr = staticAddress(32);
export const True = makeImmortal(new PyInt(1, boolType));
True.addr = staticAddress(32);

export function pyBool(b: boolean): PyInt {
  return b ? True : False;
}

/** Normalises a bigint back to a number when it is a safe integer. */
export function normInt(v: IntValue): IntValue {
  if (typeof v === "bigint" && v >= -9007199254740991n && v <= 9007199254740991n) return Number(v);
  return v;
}

/** How a new int was produced, which decides the size the C code requests. */
export const enum IntOrigin {
  /** PyLong_FromLong / medium-value fast paths: sizeof(PyLongObject) for 1 digit. */
  Medium,
  /** _PyLong_New(ndigits): exact digits. */
  Exact,
  /** Multi-digit x_add / x_mul: one spare digit. */
  Arith,
}

/** A new reference to an int with this value (cached for small values). */
export function newInt(v: IntValue, origin: IntOrigin = IntOrigin.Medium): PyInt {
  if (typeof v === "number") {
    if (v >= SMALL_INT_MIN && v <= SMALL_INT_MAX && Number.isInteger(v)) return smallInts[v - SMALL_INT_MIN];
  } else {
    v = normInt(v);
    if (typeof v === "number" && v >= SMALL_INT_MIN && v <= SMALL_INT_MAX) return smallInts[v - SMALL_INT_MIN];
  }
  const o = new PyInt(v);
  allocObject(o, intAllocSize(v, origin), false);
  return o;
}

export function intAllocSize(v: IntValue, origin: IntOrigin): number {
  const digits = intDigits(v);
  if (digits <= 1) return origin === IntOrigin.Exact ? intSizeof(v) : SIZEOF.pyLongObject;
  if (origin === IntOrigin.Arith) return SIZEOF.longHeader + 4 * (digits + 1);
  return SIZEOF.longHeader + 4 * digits;
}

export function smallInt(v: number): PyInt {
  return smallInts[v - SMALL_INT_MIN];
}
