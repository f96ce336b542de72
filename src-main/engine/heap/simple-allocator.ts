// A small allocator with per-size-class free lists: the stand-in ObjectAllocator until the pymalloc
// model is wired in. Addresses look like 64-bit heap addresses and are 16-byte aligned; freed
// blocks of the same rounded size are reused most-recent-first, so id() reuse behaves plausibly.
//
// Each 16-byte size class (up to SMALL_MAX) bump-allocates in its own 4 GiB region; larger blocks
// come from one more region. A BlockTable keeps every live block's requested size, which the
// ObjectAllocator contract asks for (and which gives a large block's rounded size).
import { NOT_A_BLOCK, type ObjectAllocator } from "./allocator";
import { BlockTable } from "./block-table";

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
  /** Live blocks: address -> requested size. */
  private readonly sizes = new BlockTable();
  private readonly largeFree = new Map<number, number[]>();

  constructor() {
    for (let c = 0; c <= NCLASSES; c++) {
      this.bump.push(BASE_ADDRESS + c * REGION);
      this.freeBlocks.push([]);
    }
  }

  malloc(size: number): number {
    const address = this.take(roundUp(size));
    this.sizes.set(address, size);
    return address;
  }

  private take(rounded: number): number {
    if (rounded <= SMALL_MAX) {
      const c = rounded / ALIGN;
      const free = this.freeBlocks[c];
      if (free.length > 0) return free.pop()!;
      const address = this.bump[c];
      this.bump[c] = address + rounded;
      return address;
    }
    const pool = this.largeFree.get(rounded);
    if (pool !== undefined && pool.length > 0) return pool.pop()!;
    const address = this.nextLarge;
    this.nextLarge += rounded;
    return address;
  }

  realloc(address: number, newSize: number): number {
    if (address === 0) return this.malloc(newSize);
    const size = this.sizes.get(address);
    if (size === NOT_A_BLOCK) throw new Error(`realloc of unknown block ${address}`);
    if (roundUp(size) === roundUp(newSize)) {
      this.sizes.set(address, newSize);
      return address;
    }
    const moved = this.malloc(newSize);
    this.free(address);
    return moved;
  }

  free(address: number): number {
    const size = this.sizes.delete(address);
    if (size === NOT_A_BLOCK) return NOT_A_BLOCK;
    const rounded = roundUp(size);
    if (rounded <= SMALL_MAX) {
      this.freeBlocks[rounded / ALIGN].push(address);
      return size;
    }
    let pool = this.largeFree.get(rounded);
    if (pool === undefined) this.largeFree.set(rounded, (pool = []));
    pool.push(address);
    return size;
  }

  blockSize(address: number): number {
    return this.sizes.get(address);
  }

  get blockCount(): number {
    return this.sizes.count;
  }
}

function roundUp(size: number): number {
  return size <= 0 ? ALIGN : Math.ceil(size / ALIGN) * ALIGN;
}
