// bytes (immutable, 33 + n) and bytearray (a separately allocated buffer grown like bytearray_resize).
import { allocObject, builtinType, freeObject, gcTrack, makeImmortal, PyObject, staticAddress } from "./object";
import { heap } from "../heap/heap";
import { SIZEOF } from "../profile";

export const bytesType = builtinType({ name: "bytes", basicsize: 33, itemsize: 1, baseType: true });
export const bytearrayType = builtinType({ name: "bytearray", basicsize: 56, baseType: true });

export class PyBytes extends PyObject {
  constructor(readonly data: Uint8Array) {
    super(bytesType);
  }
  get sizeof(): number {
    return SIZEOF.bytesHeader + this.data.length;
  }
  override dealloc(): void {
    freeObject(this, false);
  }
}

export const emptyBytes = makeImmortal(new PyBytes(new Uint8Array(0)));
emptyBytes.addr = staticAddress(33);
const singleBytes: PyBytes[] = [];
for (let i = 0; i < 256; i++) {
  const b = makeImmortal(new PyBytes(Uint8Array.of(i)));
  b.addr = staticAddress(34);
  singleBytes.push(b);
}

export function newBytes(data: Uint8Array): PyBytes {
  if (data.length === 0) return emptyBytes;
  if (data.length === 1) return singleBytes[data[0]];
  const b = new PyBytes(data);
  allocObject(b, b.sizeof, false);
  return b;
}

export class PyByteArray extends PyObject {
  data: number[] = [];
  /** ob_alloc: buffer bytes including the trailing NUL. */
  alloc = 0;
  bufAddr = 0;
  constructor() {
    super(bytearrayType);
  }
  get sizeof(): number {
    return SIZEOF.bytearray + this.alloc;
  }
  override dealloc(): void {
    if (this.bufAddr !== 0) heap.free(this.bufAddr);
    freeObject(this, false);
  }
}

export function newByteArray(data: number[]): PyByteArray {
  const b = new PyByteArray();
  allocObject(b, SIZEOF.bytearray, false);
  if (data.length > 0) {
    b.alloc = data.length + 1;
    b.bufAddr = heap.malloc(b.alloc);
    b.data = data;
  }
  void gcTrack;
  return b;
}

/** bytearray_resize for a new logical size. */
export function byteArrayResize(b: PyByteArray, size: number): void {
  const alloc = b.alloc;
  if (size + 1 <= alloc) return;
  const newAlloc = size <= alloc * 1.125 ? size + (size >> 3) + (size < 9 ? 3 : 6) : size + 1;
  b.bufAddr = heap.realloc(b.bufAddr, newAlloc);
  b.alloc = newAlloc;
}
