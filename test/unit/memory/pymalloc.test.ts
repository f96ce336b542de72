// Behaviour of the pymalloc model (heap/pymalloc.ts), following Objects/obmalloc.c.
import { describe, expect, it } from "vitest";
import {
  ARENA_SIZE,
  INDEX2SIZE,
  MAX_POOLS_IN_ARENA,
  NUMBLOCKS,
  POOL_ADDR,
  POOL_OVERHEAD,
  POOL_SIZE,
  Pymalloc,
  sizeClassOf,
} from "../../../src-main/engine/heap/pymalloc";
import { heapOccupancy, locateBlock, poolBlockMap } from "../../../src-main/engine/heap/pymalloc-stats";
import { MmapModel, RawMallocModel } from "../../../src-main/engine/heap/pymalloc-system";
import { NOT_A_BLOCK } from "../../../src-main/engine/heap/allocator";

/** Allocate until `count` blocks of `size` bytes are handed out. */
function allocMany(heap: Pymalloc, size: number, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(heap.malloc(size));
  return out;
}

describe("size classes", () => {
  it("rounds requests up to 16-byte classes, 32 classes up to 512 bytes", () => {
    expect(sizeClassOf(1)).toBe(0);
    expect(sizeClassOf(16)).toBe(0);
    expect(sizeClassOf(17)).toBe(1);
    expect(sizeClassOf(56)).toBe(3);
    expect(sizeClassOf(512)).toBe(31);
    expect(INDEX2SIZE(31)).toBe(512);
    expect(NUMBLOCKS(0)).toBe(1021); // (16384 - 48) / 16, as sys._debugmallocstats shows
    expect(NUMBLOCKS(31)).toBe(31);
  });

  it("carves consecutive blocks of one class from the same pool, after the 48-byte header", () => {
    const heap = new Pymalloc();
    for (const size of [1, 24, 56, 200, 512]) {
      const [a, b, c] = allocMany(heap, size, 3) as [number, number, number];
      const blockSize = INDEX2SIZE(sizeClassOf(size));
      expect(a % 16).toBe(0);
      expect(a - POOL_ADDR(a)).toBe(POOL_OVERHEAD);
      expect(b - a).toBe(blockSize);
      expect(c - b).toBe(blockSize);
    }
  });

  it("gives each size class its own pool", () => {
    const heap = new Pymalloc();
    const pools = new Set([8, 24, 40, 56, 72].map((n) => POOL_ADDR(heap.malloc(n))));
    expect(pools.size).toBe(5);
  });

  it("sends 0-byte and >512-byte requests to the raw allocator, outside the arenas", () => {
    const heap = new Pymalloc();
    const small = heap.malloc(512);
    const big = heap.malloc(513);
    const zero = heap.malloc(0);
    expect(heap.address_in_range(small)).toBe(true);
    expect(heap.address_in_range(big)).toBe(false);
    expect(heap.address_in_range(zero)).toBe(false);
    expect(big % 16).toBe(0);
    expect(heap.raw_allocated_blocks).toBe(2);
    expect(heap.getAllocatedBlocks()).toBe(3);
    heap.free(big);
    heap.free(zero);
    expect(heap.raw_allocated_blocks).toBe(0);
  });
});

describe("block reuse", () => {
  it("hands the freed block back to the next request of the same size class", () => {
    const heap = new Pymalloc();
    const [a, b] = allocMany(heap, 56, 2) as [number, number];
    heap.free(a);
    expect(heap.malloc(64)).toBe(a); // 64 is in 56's class
    heap.free(b);
    expect(heap.malloc(32)).not.toBe(b); // another class never gets it
    expect(heap.malloc(49)).toBe(b);
  });

  it("reuses freed blocks last-in first-out", () => {
    const heap = new Pymalloc();
    const blocks = allocMany(heap, 40, 5);
    heap.free(blocks[1]!);
    heap.free(blocks[3]!);
    heap.free(blocks[2]!);
    expect(allocMany(heap, 40, 3)).toEqual([blocks[2], blocks[3], blocks[1]]);
  });

  it("prefers the pool that was full and just got a free block", () => {
    const heap = new Pymalloc();
    const size = 512;
    const first = allocMany(heap, size, NUMBLOCKS(31)); // fills one pool exactly
    const second = heap.malloc(size); // opens a second pool
    expect(POOL_ADDR(second)).not.toBe(POOL_ADDR(first[0]!));
    heap.free(first[7]!); // the full pool goes to the front of usedpools
    expect(heap.malloc(size)).toBe(first[7]);
  });

  it("refuses to free a block twice, or an address inside a block", () => {
    const heap = new Pymalloc();
    const [a, b] = allocMany(heap, 32, 2) as [number, number];
    expect(heap.free(b + 16)).toBe(NOT_A_BLOCK); // 16-byte aligned, but not where a block starts
    expect(heap.free(a)).toBe(32);
    expect(heap.free(a)).toBe(NOT_A_BLOCK);
    expect(heap.malloc(32)).toBe(a);
    expect(heap.malloc(32)).not.toBe(a); // a was on the free list once
    expect(heap.free(b)).toBe(32);
  });

  it("remembers each block's requested size, through realloc, for pool and raw blocks", () => {
    const heap = new Pymalloc();
    const small = heap.malloc(20);
    const big = heap.malloc(2000);
    const zero = heap.malloc(0);
    expect([heap.blockSize(small), heap.blockSize(big), heap.blockSize(zero)]).toEqual([20, 2000, 0]);
    expect(heap.realloc(small, 30)).toBe(small); // same 32-byte block
    expect(heap.blockSize(small)).toBe(30);
    const moved = heap.realloc(small, 100);
    expect(heap.blockSize(small)).toBe(NOT_A_BLOCK);
    expect(heap.blockSize(moved)).toBe(100);
    expect(heap.blockCount).toBe(3);
    expect([heap.free(moved), heap.free(big), heap.free(zero)]).toEqual([100, 2000, 0]);
    expect(heap.free(big)).toBe(NOT_A_BLOCK);
    expect(heap.blockCount).toBe(0);
  });
});

describe("pools", () => {
  it("returns an empty pool to its arena and reuses it for another size class", () => {
    const heap = new Pymalloc();
    const keep = heap.malloc(16); // keeps the arena alive
    const blocks = allocMany(heap, 100, 3);
    const pool = POOL_ADDR(blocks[0]!);
    for (const b of blocks) heap.free(b);
    const arena = heap.arenas[0]!;
    expect(arena.freepools?.address).toBe(pool);
    const other = heap.malloc(300);
    expect(POOL_ADDR(other)).toBe(pool); // same pool, new size class
    expect(other - pool).toBe(POOL_OVERHEAD);
    expect(heap.poolOf(other)!.szidx).toBe(sizeClassOf(300));
    heap.free(keep);
  });

  it("keeps the free list of a pool reused for the same size class", () => {
    const heap = new Pymalloc();
    heap.malloc(16);
    const [a, b] = allocMany(heap, 64, 2) as [number, number];
    heap.free(a);
    heap.free(b); // pool empty: freeblock list is b -> a -> virgin
    expect(heap.malloc(64)).toBe(b);
    expect(heap.malloc(64)).toBe(a);
  });

  it("reports occupancy per arena and pool", () => {
    const heap = new Pymalloc();
    const a = allocMany(heap, 32, 10);
    heap.free(a[3]!);
    const view = heapOccupancy(heap);
    expect(view.arenas).toHaveLength(1);
    const [pool] = view.arenas[0]!.pools;
    expect(pool).toMatchObject({ state: "used", szidx: 1, blockSize: 32, usedBlocks: 9 });
    expect(pool!.usedBlocks + pool!.freeBlocks + pool!.virginBlocks).toBe(NUMBLOCKS(1));
    expect(view.allocatedBlocks).toBe(heap.getAllocatedBlocks());
    const map = poolBlockMap(heap, a[0]!)!;
    expect(map[3]).toBe(2);
    expect(map[4]).toBe(1);
    expect(map[NUMBLOCKS(1) - 1]).toBe(0);
    expect(locateBlock(heap, a[4]!)).toMatchObject({ kind: "pool", blockIndex: 4, szidx: 1 });
    expect(locateBlock(heap, heap.malloc(1000))).toEqual({ kind: "raw" });
  });
});

describe("arenas", () => {
  it("maps 1 MiB arenas at page-aligned, 0x7f... addresses, losing a pool to alignment", () => {
    const heap = new Pymalloc();
    const p = heap.malloc(8);
    const arena = heap.arenas[0]!;
    expect(arena.address % 4096).toBe(0);
    expect(arena.address.toString(16)).toMatch(/^7f/);
    expect(p).toBeGreaterThanOrEqual(arena.address);
    expect(p).toBeLessThan(arena.address + ARENA_SIZE);
    expect(arena.ntotalpools).toBe(arena.address % POOL_SIZE === 0 ? MAX_POOLS_IN_ARENA : MAX_POOLS_IN_ARENA - 1);
  });

  it("opens a new arena only when every pool of the current ones is in use", () => {
    const heap = new Pymalloc();
    heap.malloc(512);
    const pools = heap.arenas[0]!.ntotalpools;
    allocMany(heap, 512, NUMBLOCKS(31) * pools - 1);
    expect(heap.narenas_currently_allocated).toBe(1);
    expect(heap.arenas[0]!.nfreepools).toBe(0);
    heap.malloc(512);
    expect(heap.narenas_currently_allocated).toBe(2);
  });

  it("frees an arena only when all its pools are empty, and never the last usable one", () => {
    const heap = new Pymalloc();
    const perArena = NUMBLOCKS(31) * 63;
    const first = allocMany(heap, 512, perArena);
    const second = allocMany(heap, 512, perArena);
    const third = allocMany(heap, 512, 10);
    expect(heap.narenas_currently_allocated).toBe(3);

    // One block left in the first arena keeps it mapped.
    for (const p of first.slice(1)) heap.free(p);
    expect(heap.narenas_currently_allocated).toBe(3);
    heap.free(first[0]!);
    expect(heap.narenas_currently_allocated).toBe(2);
    expect(heap.ntimes_arena_allocated).toBe(3);
    expect(heap.narenas_highwater).toBe(3);

    for (const p of second) heap.free(p);
    expect(heap.narenas_currently_allocated).toBe(1);
    // The last arena in usable_arenas is kept even when it becomes wholly free (bpo-37257).
    for (const p of third) heap.free(p);
    expect(heap.narenas_currently_allocated).toBe(1);
    expect(heap.getAllocatedBlocks()).toBe(0);
  });

  it("reuses the address range of a released arena", () => {
    const heap = new Pymalloc();
    const perArena = NUMBLOCKS(31) * 63;
    allocMany(heap, 512, perArena); // arena 0 full, kept
    const second = allocMany(heap, 512, perArena);
    heap.malloc(512); // arena 2
    const secondBase = heap.arenas[1]!.address;
    for (const p of second) heap.free(p);
    expect(heap.arenas[1]!.address).toBe(0);
    allocMany(heap, 512, perArena); // fills the rest of arena 2, then needs a new arena
    expect(heap.arenas.some((a) => a.address === secondBase)).toBe(true);
  });

  it("allocates from the fullest usable arena first (usable_arenas sorted by nfreepools)", () => {
    const heap = new Pymalloc();
    const perArena = NUMBLOCKS(31) * 63;
    const a0 = allocMany(heap, 512, perArena);
    const a1 = allocMany(heap, 512, perArena);
    heap.malloc(512);
    // Free 3 pools' worth in arena 0 and 1 pool's worth in arena 1: arena 1 is fuller.
    for (const p of a0.slice(0, NUMBLOCKS(31) * 3)) heap.free(p);
    for (const p of a1.slice(0, NUMBLOCKS(31))) heap.free(p);
    const order: number[] = [];
    for (let a = heap.usable_arenas; a !== null; a = a.nextarena) order.push(a.nfreepools);
    expect(order).toEqual([...order].sort((x, y) => x - y));
    const next = heap.malloc(200); // a fresh size class needs a pool
    const arenaIndex = heap.poolOf(next)!.arenaindex;
    expect(heap.arenas[arenaIndex]!.address).toBe(heap.arenas[1]!.address);
  });
});

describe("realloc", () => {
  it("stays in place while the size class fits and shrinks by less than a quarter", () => {
    const heap = new Pymalloc();
    const p = heap.malloc(100); // class 112
    expect(heap.realloc(p, 112)).toBe(p);
    expect(heap.realloc(p, 85)).toBe(p); // 4*85 > 3*112
  });

  it("moves to another class when growing past the block or shrinking by 25% or more", () => {
    const heap = new Pymalloc();
    heap.malloc(100); // keeps p's pool in use, so p's block stays at the head of its free list
    const p = heap.malloc(100);
    const grown = heap.realloc(p, 113);
    expect(grown).not.toBe(p);
    expect(heap.poolOf(grown)!.szidx).toBe(sizeClassOf(113));
    const shrunk = heap.realloc(grown, 32);
    expect(shrunk).not.toBe(grown);
    expect(heap.malloc(100)).toBe(p); // the old blocks were freed
  });

  it("moves small blocks to the raw allocator past 512 bytes, and raw blocks stay raw", () => {
    const heap = new Pymalloc();
    const p = heap.malloc(400);
    const big = heap.realloc(p, 2000);
    expect(heap.address_in_range(big)).toBe(false);
    const back = heap.realloc(big, 100);
    expect(heap.address_in_range(back)).toBe(false); // pymalloc does not take over C blocks
    expect(heap.address_in_range(heap.realloc(0, 24))).toBe(true); // realloc(NULL, n) is malloc(n)
  });
});

describe("raw allocator model", () => {
  it("reuses a freed chunk of the same size and grows the top chunk in place", () => {
    const raw = new RawMallocModel(new MmapModel());
    const a = raw.malloc(1000);
    const b = raw.malloc(1000);
    expect(b - a).toBe(1008); // request2size(1000) = 1008
    raw.free(a);
    expect(raw.malloc(1000)).toBe(a);
    expect(raw.realloc(b, 5000)).toBe(b); // b is next to the top chunk
  });

  it("maps large requests and raises the mmap threshold after freeing one (glibc)", () => {
    const os = new MmapModel();
    const raw = new RawMallocModel(os);
    const big = raw.malloc(200_000);
    expect(big.toString(16)).toMatch(/^7f/);
    expect(big % 4096).toBe(16);
    raw.free(big);
    const again = raw.malloc(200_000);
    expect(again.toString(16)).toMatch(/^55/); // threshold is now above 200000: from the heap
  });
});

describe("events", () => {
  it("reports arenas and pools as they are created, emptied and released", () => {
    const events: string[] = [];
    const heap = new Pymalloc({ onEvent: (e) => events.push(e.kind === "pool-init" ? `${e.kind}:${e.szidx}` : e.kind) });
    const a = heap.malloc(100);
    const b = heap.malloc(20);
    heap.free(a);
    heap.malloc(300); // reuses a's empty pool for another class
    heap.free(b);
    expect(events).toEqual(["arena-new", "pool-init:6", "pool-init:1", "pool-empty", "pool-init:18", "pool-empty"]);
  });
});
