// What pymalloc gets from below: the operating system's mmap (for 1 MiB arenas) and the C library's
// malloc (PyMem_RawMalloc, for requests over 512 bytes and for 0-byte requests).
//
// Neither is CPython, so neither is modelled exactly. They are modelled enough that addresses look
// like a 64-bit Linux process's (mmap regions near 0x7f..., the brk heap near 0x55...), are 16-byte
// aligned, are deterministic, and are reused after free the way glibc tends to reuse them.
//
// All addresses are plain numbers: they stay below 2**47, so they are exact in a double. Bitwise
// operators would truncate them to 32 bits, so alignment uses % and arithmetic instead.
import { NOT_A_BLOCK } from "./allocator";

export const PAGE_SIZE = 4096;

/** Where the first mmap region ends (exclusive). Page-aligned but deliberately not 16 KiB-aligned,
 *  so arenas lose one pool to alignment, as they usually do on Linux. */
export const MMAP_TOP = 0x7f3a_6c5f_d000;
/** Start of the brk heap of a position-independent executable. */
export const HEAP_BASE = 0x55e4_1c6b_3000;

export function roundUp(value: number, multiple: number): number {
  const rest = value % multiple;
  return rest === 0 ? value : value + multiple - rest;
}

export function alignDown(value: number, multiple: number): number {
  // For a power of two, dividing is exact and Math.floor is far cheaper than `%` (fmod on doubles);
  // POOL_ADDR runs this on every free.
  if (value >= 0 && (multiple & (multiple - 1)) === 0) return Math.floor(value / multiple) * multiple;
  return value - (value % multiple);
}

interface Region {
  start: number;
  length: number;
}

/**
 * Anonymous private mappings, placed top-down like Linux's default layout: each new mapping goes
 * into the highest gap below MMAP_TOP that fits, so an unmapped range is the first to be reused.
 */
export class MmapModel {
  /** Live regions sorted by start address, ascending. */
  private readonly regions: Region[] = [];

  constructor(private readonly top: number = MMAP_TOP) {}

  mmap(length: number): number {
    const size = roundUp(Math.max(length, 1), PAGE_SIZE);
    let gapEnd = this.top;
    for (let i = this.regions.length - 1; i >= 0; i--) {
      const region = this.regions[i]!;
      const regionEnd = region.start + region.length;
      if (gapEnd - regionEnd >= size) break;
      gapEnd = region.start;
    }
    const start = gapEnd - size;
    this.insert({ start, length: size });
    return start;
  }

  munmap(address: number, length: number): void {
    const size = roundUp(Math.max(length, 1), PAGE_SIZE);
    const i = this.indexOf(address);
    if (i < 0 || this.regions[i]!.length !== size) {
      throw new Error(`munmap of a range that was not mapped: 0x${address.toString(16)}`);
    }
    this.regions.splice(i, 1);
  }

  /** Total bytes mapped. */
  get mappedBytes(): number {
    return this.regions.reduce((sum, r) => sum + r.length, 0);
  }

  /**
   * The index of the region starting at `address`, or -1: a binary search, since a program that
   * frees a million objects gives back hundreds of arenas, one munmap each.
   */
  private indexOf(address: number): number {
    const regions = this.regions;
    let lo = 0;
    let hi = regions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = regions[mid]!.start;
      if (start === address) return mid;
      if (start < address) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private insert(region: Region): void {
    let i = this.regions.length;
    while (i > 0 && this.regions[i - 1]!.start > region.start) i--;
    this.regions.splice(i, 0, region);
  }
}

// glibc malloc's geometry on x86-64.
const SIZE_SZ = 8;
const MALLOC_ALIGNMENT = 16;
const MINSIZE = 32;
/** Header between a chunk's start and the pointer malloc returns (prev_size + size). */
const CHUNK_HEADER = 16;
const DEFAULT_MMAP_THRESHOLD = 128 * 1024;
const DEFAULT_MMAP_THRESHOLD_MAX = 32 * 1024 * 1024;
/** tcache: per-size LIFO caches for chunks up to this size, at most TCACHE_COUNT each. */
const TCACHE_MAX_CHUNK = 1040;
const TCACHE_COUNT = 7;

/** request2size: the chunk size glibc uses for an n-byte request. */
export function request2size(n: number): number {
  return Math.max(MINSIZE, roundUp(n + SIZE_SZ, MALLOC_ALIGNMENT));
}

/** Where a chunk lies: its start (the user pointer is start + CHUNK_HEADER) and chunk size. */
interface Span {
  start: number;
  size: number;
}

interface Chunk extends Span {
  mmapped: boolean;
  /** The size malloc or realloc was asked for (glibc does not keep it; the heap's accounting does). */
  requested: number;
}

/**
 * A small model of glibc malloc: a brk heap carved upward from `top`, per-size tcache bins,
 * a coalescing free list searched best-fit, and mmap for large requests with glibc's dynamic
 * mmap threshold (freeing a large mmapped chunk raises the threshold to its size).
 */
export class RawMallocModel {
  private readonly inUse = new Map<number, Chunk>();
  private readonly tcache = new Map<number, number[]>();
  private readonly freeByStart = new Map<number, number>();
  private readonly freeByEnd = new Map<number, number>();
  private readonly freeBySize = new Map<number, Set<number>>();
  private top: number;
  private mmapThreshold = DEFAULT_MMAP_THRESHOLD;
  /** Blocks currently handed out. */
  allocatedBlocks = 0;

  constructor(
    private readonly os: MmapModel,
    heapBase: number = HEAP_BASE,
  ) {
    this.top = heapBase;
  }

  malloc(n: number): number {
    const request = n === 0 ? 1 : n; // _PyMem_RawMalloc: malloc(0) means malloc(1)
    const size = request2size(request);
    let chunk: Chunk;
    if (size >= this.mmapThreshold) {
      const length = roundUp(size + SIZE_SZ, PAGE_SIZE);
      chunk = { start: this.os.mmap(length), size: length, mmapped: true, requested: n };
    } else {
      const span = this.takeHeapChunk(size);
      chunk = { start: span.start, size: span.size, mmapped: false, requested: n };
    }
    const pointer = chunk.start + CHUNK_HEADER;
    this.inUse.set(pointer, chunk);
    this.allocatedBlocks++;
    return pointer;
  }

  /**
   * Returns the size the block was requested with; for an address malloc did not return (or that
   * was freed already), frees nothing and returns NOT_A_BLOCK, where glibc would abort.
   */
  free(pointer: number): number {
    const chunk = this.inUse.get(pointer);
    if (chunk === undefined) return NOT_A_BLOCK;
    this.inUse.delete(pointer);
    this.allocatedBlocks--;
    if (chunk.mmapped) {
      this.os.munmap(chunk.start, chunk.size);
      if (chunk.size > this.mmapThreshold && chunk.size <= DEFAULT_MMAP_THRESHOLD_MAX) {
        this.mmapThreshold = chunk.size;
      }
    } else if (!this.tcachePut(chunk)) this.releaseHeapChunk(chunk.start, chunk.size);
    return chunk.requested;
  }

  /** The requested size of a live block, or NOT_A_BLOCK. */
  blockSize(pointer: number): number {
    return this.inUse.get(pointer)?.requested ?? NOT_A_BLOCK;
  }

  /** Keep a small freed chunk in its tcache bin when the bin has room; false when it has none. */
  private tcachePut(chunk: Chunk): boolean {
    if (chunk.size > TCACHE_MAX_CHUNK) return false;
    let bin = this.tcache.get(chunk.size);
    if (bin === undefined) this.tcache.set(chunk.size, (bin = []));
    if (bin.length >= TCACHE_COUNT) return false;
    bin.push(chunk.start);
    return true;
  }

  realloc(pointer: number, n: number): number {
    if (pointer === 0) return this.malloc(n);
    const chunk = this.inUse.get(pointer);
    if (chunk === undefined) throw new Error(`realloc of an address malloc did not return: 0x${pointer.toString(16)}`);
    const size = request2size(n === 0 ? 1 : n);
    chunk.requested = n; // kept when the block stays; a moved block is a new chunk
    if (chunk.mmapped) {
      if (size + SIZE_SZ <= chunk.size && size >= this.mmapThreshold) return pointer;
      return this.move(pointer, n);
    }
    if (size <= chunk.size) {
      const rest = chunk.size - size;
      if (rest >= MINSIZE) {
        chunk.size = size;
        this.releaseHeapChunk(chunk.start + size, rest);
      }
      return pointer;
    }
    const end = chunk.start + chunk.size;
    if (end === this.top && size < this.mmapThreshold) {
      this.top = chunk.start + size;
      chunk.size = size;
      return pointer;
    }
    const nextFree = this.freeByStart.get(end);
    if (nextFree !== undefined && chunk.size + nextFree >= size) {
      this.unlinkFree(end, nextFree);
      const total = chunk.size + nextFree;
      chunk.size = size;
      if (total - size >= MINSIZE) this.insertFree(chunk.start + size, total - size);
      else chunk.size = total;
      return pointer;
    }
    return this.move(pointer, n);
  }

  /** The brk heap's current end (the top chunk's start). */
  get heapTop(): number {
    return this.top;
  }

  private move(pointer: number, n: number): number {
    const moved = this.malloc(n);
    this.free(pointer);
    return moved;
  }

  private takeHeapChunk(size: number): Span {
    const cached = this.tcache.get(size);
    if (cached !== undefined && cached.length > 0) return { start: cached.pop()!, size };
    let bestSize = Infinity;
    for (const candidate of this.freeBySize.keys()) {
      if (candidate >= size && candidate < bestSize) bestSize = candidate;
    }
    if (bestSize !== Infinity) {
      const starts = this.freeBySize.get(bestSize)!;
      let start = Infinity;
      for (const s of starts) if (s < start) start = s;
      this.unlinkFree(start, bestSize);
      if (bestSize - size >= MINSIZE) {
        this.insertFree(start + size, bestSize - size);
        return { start, size };
      }
      // The remainder is too small to be a chunk: the whole free chunk is handed out, as glibc does.
      return { start, size: bestSize };
    }
    const start = this.top;
    this.top += size;
    return { start, size };
  }

  private releaseHeapChunk(start: number, size: number): void {
    const before = this.freeByEnd.get(start);
    if (before !== undefined) {
      const beforeSize = start - before;
      this.unlinkFree(before, beforeSize);
      start = before;
      size += beforeSize;
    }
    const afterSize = this.freeByStart.get(start + size);
    if (afterSize !== undefined) {
      this.unlinkFree(start + size, afterSize);
      size += afterSize;
    }
    if (start + size === this.top) {
      this.top = start; // merge into the top chunk
      return;
    }
    this.insertFree(start, size);
  }

  private insertFree(start: number, size: number): void {
    this.freeByStart.set(start, size);
    this.freeByEnd.set(start + size, start);
    let bySize = this.freeBySize.get(size);
    if (bySize === undefined) this.freeBySize.set(size, (bySize = new Set()));
    bySize.add(start);
  }

  private unlinkFree(start: number, size: number): void {
    this.freeByStart.delete(start);
    this.freeByEnd.delete(start + size);
    const bySize = this.freeBySize.get(size)!;
    bySize.delete(start);
    if (bySize.size === 0) this.freeBySize.delete(size);
  }
}
