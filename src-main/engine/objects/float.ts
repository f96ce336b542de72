// float, with CPython's float free list (freed floats keep their block for reuse).
import { allocObject, builtinType, PyObject } from "./object";
import { heap } from "../heap/heap";
import { FREELIST_MAX, SIZEOF } from "../profile";

export const floatType = builtinType({ name: "float", basicsize: 24, baseType: true });
export const complexType = builtinType({ name: "complex", basicsize: 32 });

export class PyFloat extends PyObject {
  constructor(readonly value: number) {
    super(floatType);
  }
  override dealloc(): void {
    const fl = heap.freeLists.float;
    if (fl.length < FREELIST_MAX.float) fl.push(this.addr);
    else heap.free(this.addr);
  }
}

export function newFloat(v: number): PyFloat {
  const o = new PyFloat(v);
  const fl = heap.freeLists.float;
  if (fl.length > 0) o.addr = heap.reuseBlock(fl.pop()!);
  else allocObject(o, SIZEOF.float, false);
  return o;
}

export class PyComplex extends PyObject {
  constructor(readonly real: number, readonly imag: number) {
    super(complexType);
  }
  override dealloc(): void {
    heap.free(this.addr);
  }
}

export function newComplex(real: number, imag: number): PyComplex {
  const o = new PyComplex(real, imag);
  allocObject(o, SIZEOF.complex, false);
  return o;
}
