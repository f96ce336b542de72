// A small allocator with per-size-class free lists: the stand-in ObjectAllocator until the pymalloc
// model is wired in. Addresses look like 64-bit heap addresses and are 16-byte aligned; freed
// blocks of the same rounded size are reused most-recent-first, so id() reuse behaves plausibly.
//
// It is on every object's allocation path, so it keeps no per-block bookkeeping for small blocks:
// each 16-byte size class (up to SMALL_MAX) bump-allocates in its own 4 GiB region, which makes
// the class of an address arithmetic (as a pymalloc pool's header tells the block size). Larger
// blocks come from one more region and remember their size in a Map (they are few).
import type { ObjectAllocator } from "./allocator";

const ALIGN = 16;
const BASE_ADDRESS = 0x7f3a_0000_0000;
const REGION = 2 ** 32;
/** Largest block served from a size-class region. */
const SMALL_MAX = 1024;
const NCLASSES = SMALL_MAX / ALIGN;
const LARGE_BASE = BASE_ADDRESS + (NCLASSES + 1) * REGION;

export class SimpleAllocator implements ObjectAllocator {
  /** Next never-used address of each class region (index = rounded size / 16). */
  private readonly bump: number[] = [];
  /** Freed blocks of each class, reused last-in first-out. */
  private readonly freeBlocks: number[][] = [];
  private nextLarge = LARGE_BASE;
  /** Large blocks: address -> rounded size. */
  private readonly largeSizes = new Map<number, number>();
  private readonly largeFree = new Map<number, number[]>();

  constructor() {
    for (let c = 0; c <= NCLASSES; c++) {
      this.bump.push(BASE_ADDRESS + c * REGION);
      this.freeBlocks.push([]);
    }
  }

  malloc(size: number): number {
    const rounded = roundUp(size);
    if (rounded <= SMALL_MAX) {
      const c = rounded / ALIGN;
      const free = this.freeBlocks[c];
      if (free.length > 0) return free.pop()!;
      const address = this.bump[c];
      this.bump[c] = address + rounded;
      return address;
    }
    const pool = this.largeFree.get(rounded);
    let address: number;
    if (pool !== undefined && pool.length > 0) address = pool.pop()!;
    else {
      address = this.nextLarge;
      this.nextLarge += rounded;
    }
    this.largeSizes.set(address, rounded);
    return address;
  }

  realloc(address: number, newSize: number): number {
    if (address === 0) return this.malloc(newSize);
    if (this.roundedSizeOf(address) === roundUp(newSize)) return address;
    const moved = this.malloc(newSize);
    this.free(address);
    return moved;
  }

  free(address: number): void {
    if (address < LARGE_BASE) {
      const c = Math.floor((address - BASE_ADDRESS) / REGION);
      if (c < 1 || c > NCLASSES) throw new Error(`free of unknown block ${address}`);
      this.freeBlocks[c].push(address);
      return;
    }
    const rounded = this.largeSizes.get(address);
    if (rounded === undefined) throw new Error(`free of unknown block ${address}`);
    this.largeSizes.delete(address);
    let pool = this.largeFree.get(rounded);
    if (pool === undefined) this.largeFree.set(rounded, (pool = []));
    pool.push(address);
  }

  private roundedSizeOf(address: number): number {
    if (address < LARGE_BASE) return Math.floor((address - BASE_ADDRESS) / REGION) * ALIGN;
    const rounded = this.largeSizes.get(address);
    if (rounded === undefined) throw new Error(`realloc of unknown block ${address}`);
    return rounded;
  }
}

function roundUp(size: number): number {
  return size <= 0 ? ALIGN : Math.ceil(size / ALIGN) * ALIGN;
}
