// A small bump allocator with per-size free lists: the stand-in ObjectAllocator until the pymalloc
// model is wired in. Addresses look like 64-bit heap addresses, are 16-byte aligned, and freed
// blocks of the same rounded size are reused most-recent-first, so id() reuse behaves plausibly.
import type { ObjectAllocator } from "./allocator";

const ALIGN = 16;
const BASE_ADDRESS = 0x7f3a_0000_0000;

export class SimpleAllocator implements ObjectAllocator {
  private next = BASE_ADDRESS;
  private readonly sizes = new Map<number, number>();
  private readonly freeBlocks = new Map<number, number[]>();
  /** Bytes currently handed out (requested sizes). */
  allocated = 0;

  malloc(size: number): number {
    const rounded = roundUp(size);
    const pool = this.freeBlocks.get(rounded);
    let address: number;
    if (pool !== undefined && pool.length > 0) address = pool.pop()!;
    else {
      address = this.next;
      this.next += rounded;
    }
    this.sizes.set(address, size);
    this.allocated += size;
    return address;
  }

  realloc(address: number, newSize: number): number {
    if (address === 0) return this.malloc(newSize);
    const old = this.sizes.get(address);
    if (old === undefined) throw new Error(`realloc of unknown block ${address}`);
    if (roundUp(old) === roundUp(newSize)) {
      this.sizes.set(address, newSize);
      this.allocated += newSize - old;
      return address;
    }
    const moved = this.malloc(newSize);
    this.free(address);
    return moved;
  }

  free(address: number): void {
    const size = this.sizes.get(address);
    if (size === undefined) throw new Error(`free of unknown block ${address}`);
    this.sizes.delete(address);
    this.allocated -= size;
    const rounded = roundUp(size);
    let pool = this.freeBlocks.get(rounded);
    if (pool === undefined) this.freeBlocks.set(rounded, (pool = []));
    pool.push(address);
  }
}

function roundUp(size: number): number {
  return size <= 0 ? ALIGN : Math.ceil(size / ALIGN) * ALIGN;
}
