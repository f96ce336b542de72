// Two read-only views of a Pymalloc heap:
// - pymalloc_print_stats(): the text sys._debugmallocstats() writes to stderr (the pymalloc part,
//   then the object free lists, which the object model supplies), formatted as CPython 3.13 does;
// - heapOccupancy(): arenas -> pools -> blocks as plain data, for the renderer.
import {
  ARENA_SIZE,
  DUMMY_SIZE_IDX,
  INDEX2SIZE,
  NB_SMALL_SIZE_CLASSES,
  NUMBLOCKS,
  POOL_ADDR,
  POOL_OVERHEAD,
  POOL_SIZE,
  SMALL_REQUEST_THRESHOLD,
  type ArenaObject,
  type PoolHeader,
  type Pymalloc,
} from "./pymalloc";

// Sizes of the radix-tree nodes (64-bit: 2**15 pointers, 2**15 pointers, 2**14 8-byte leaves).
const ARENA_MAP_ROOT_BYTES = 2 ** 15 * 8;
const ARENA_MAP_MID_BYTES = 2 ** 15 * 8;
const ARENA_MAP_BOT_BYTES = 2 ** 14 * 8;

/** printone(): the message padded to 35 columns, '=', the value with thousands commas in 21 columns. */
export function printone(msg: string, value: number): string {
  const digits = Math.trunc(value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return msg.padEnd(35, " ") + "=" + digits.padStart(21, " ") + "\n";
}

/** _PyDebugAllocatorStats(): one free-list line, e.g. "6 free PyListObjects * 40 bytes each". */
export function debugAllocatorStatsLine(blockName: string, numBlocks: number, sizeofBlock: number): string {
  const what = `${numBlocks} ${blockName}s * ${sizeofBlock} bytes each`;
  return printone(what.padStart(48, " ") + " ", numBlocks * sizeofBlock);
}

/** The object free lists CPython 3.13 reports after pymalloc's figures (_PyObject_DebugTypeStats). */
export interface TypeFreelistCounts {
  dicts: number;
  dictKeys: number;
  floats: number;
  lists: number;
  /** tuples[i]: free tuples of length i + 1, for lengths 1..20. */
  tuples: readonly number[];
}

export function typeFreelistStats(counts: TypeFreelistCounts): string {
  let out = "";
  out += debugAllocatorStatsLine("free PyDictObject", counts.dicts, 48);
  out += debugAllocatorStatsLine("free PyDictKeysObject", counts.dictKeys, 32);
  out += debugAllocatorStatsLine("free PyFloatObject", counts.floats, 24);
  out += debugAllocatorStatsLine("free PyListObject", counts.lists, 40);
  for (let i = 1; i <= 20; i++) {
    out += debugAllocatorStatsLine(`free ${i}-sized PyTupleObject`, counts.tuples[i - 1] ?? 0, 24 + 8 * i);
  }
  return out;
}

/** The whole of sys._debugmallocstats()'s output (it goes to stderr). */
export function debugmallocstats(heap: Pymalloc, freelists?: TypeFreelistCounts): string {
  return pymalloc_print_stats(heap) + "\n" + (freelists ? typeFreelistStats(freelists) : "");
}

/** pymalloc_print_stats(): the pymalloc part of sys._debugmallocstats(). */
export function pymalloc_print_stats(heap: Pymalloc): string {
  const numpools = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);
  const numblocks = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);
  const numfreeblocks = new Array<number>(NB_SMALL_SIZE_CLASSES).fill(0);
  let allocated_bytes = 0;
  let available_bytes = 0;
  let numfreepools = 0;
  let arena_alignment = 0;
  let pool_header_bytes = 0;
  let quantization = 0;
  let narenas = 0;

  let out = `Small block threshold = ${SMALL_REQUEST_THRESHOLD}, in ${NB_SMALL_SIZE_CLASSES} size classes.\n`;
  for (const arena of heap.arenas) {
    if (arena.address === 0) continue;
    narenas += 1;
    numfreepools += arena.nfreepools;
    if (arena.address % POOL_SIZE !== 0) arena_alignment += POOL_SIZE;
    for (const pool of carvedPools(heap, arena)) {
      if (pool.ref_count === 0) continue;
      const sz = pool.szidx;
      ++numpools[sz]!;
      numblocks[sz]! += pool.ref_count;
      numfreeblocks[sz]! += NUMBLOCKS(sz) - pool.ref_count;
    }
  }

  out += "\n";
  out += "class   size   num pools   blocks in use  avail blocks\n";
  out += "-----   ----   ---------   -------------  ------------\n";
  for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) {
    const p = numpools[i]!;
    const b = numblocks[i]!;
    const f = numfreeblocks[i]!;
    const size = INDEX2SIZE(i);
    if (p === 0) continue;
    out += `${pad(i, 5)} ${pad(size, 6)} ${pad(p, 11)} ${pad(b, 15)} ${pad(f, 13)}\n`;
    allocated_bytes += b * size;
    available_bytes += f * size;
    pool_header_bytes += p * POOL_OVERHEAD;
    quantization += p * ((POOL_SIZE - POOL_OVERHEAD) % size);
  }
  out += "\n";
  const counters = heap.counters;
  out += printone("# arenas allocated total", counters.allocatedTotal);
  out += printone("# arenas reclaimed", counters.allocatedTotal - narenas);
  out += printone("# arenas highwater mark", counters.highwater);
  out += printone("# arenas allocated current", narenas);
  out += printone(`${narenas} arenas * ${ARENA_SIZE} bytes/arena`, narenas * ARENA_SIZE);
  out += "\n";
  let total = allocated_bytes + available_bytes + numfreepools * POOL_SIZE;
  out += printone("# bytes in allocated blocks", allocated_bytes);
  out += printone("# bytes in available blocks", available_bytes);
  out += printone(`${numfreepools} unused pools * ${POOL_SIZE} bytes`, numfreepools * POOL_SIZE);
  out += printone("# bytes lost to pool headers", pool_header_bytes);
  out += printone("# bytes lost to quantization", quantization);
  out += printone("# bytes lost to arena alignment", arena_alignment);
  total += pool_header_bytes + quantization + arena_alignment;
  out += printone("Total", total);

  out += "\narena map counts\n";
  out += printone("# arena map mid nodes", counters.arenaMapMidNodes);
  out += printone("# arena map bot nodes", counters.arenaMapBotNodes);
  out += "\n";
  const mid = ARENA_MAP_MID_BYTES * counters.arenaMapMidNodes;
  const bot = ARENA_MAP_BOT_BYTES * counters.arenaMapBotNodes;
  out += printone("# bytes lost to arena map root", ARENA_MAP_ROOT_BYTES);
  out += printone("# bytes lost to arena map mid", mid);
  out += printone("# bytes lost to arena map bot", bot);
  out += printone("Total", ARENA_MAP_ROOT_BYTES + mid + bot);
  return out;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, " ");
}

function* carvedPools(heap: Pymalloc, arena: ArenaObject): Generator<PoolHeader> {
  for (let a = arena.firstPoolAddress; a < arena.pool_address; a += POOL_SIZE) {
    const pool = heap.poolOf(a);
    if (pool !== undefined) yield pool;
  }
}

// ---- occupancy, for the renderer -----------------------------------------------------------------

/** used: some blocks allocated; full: no free block; empty: on its arena's freepools list. */
export type PoolState = "used" | "full" | "empty";

export interface PoolView {
  address: number;
  state: PoolState;
  /** Size class index, null for a pool that is empty (it has no class until reused). */
  szidx: number | null;
  /** Bytes per block of the pool's (last) size class; 0 when it never held blocks. */
  blockSize: number;
  /** Blocks allocated now (ref.count). */
  usedBlocks: number;
  /** Blocks on the free list (freed at least once, or the one virgin block already linked). */
  freeBlocks: number;
  /** Blocks never handed out yet (beyond nextoffset). */
  virginBlocks: number;
}

export interface ArenaView {
  /** Position in the arena_object vector. */
  index: number;
  address: number;
  ntotalpools: number;
  nfreepools: number;
  /** Pools never carved from this arena yet. */
  untouchedPools: number;
  /** Position in usable_arenas (0 = the next arena allocations come from); null when not listed. */
  usableRank: number | null;
  pools: PoolView[];
}

export interface HeapOccupancy {
  arenas: ArenaView[];
  /** Blocks and their count from the raw allocator (requests of 0 or over 512 bytes). */
  rawBlocks: number;
  arenasAllocatedTotal: number;
  arenasHighwater: number;
  /** sys.getallocatedblocks() */
  allocatedBlocks: number;
}

export function heapOccupancy(heap: Pymalloc): HeapOccupancy {
  const rank = new Map<ArenaObject, number>();
  let position = 0;
  for (let a = heap.usable_arenas; a !== null; a = a.nextarena) rank.set(a, position++);
  const arenas: ArenaView[] = [];
  let allocatedBlocks = heap.raw_allocated_blocks;
  for (const arena of heap.arenas) {
    if (arena.address === 0) continue;
    const pools: PoolView[] = [];
    for (const pool of carvedPools(heap, arena)) {
      pools.push(poolView(pool));
      allocatedBlocks += pool.ref_count;
    }
    arenas.push({
      index: arena.index,
      address: arena.address,
      ntotalpools: arena.ntotalpools,
      nfreepools: arena.nfreepools,
      untouchedPools: arena.ntotalpools - pools.length,
      usableRank: rank.get(arena) ?? null,
      pools,
    });
  }
  return {
    arenas,
    rawBlocks: heap.raw_allocated_blocks,
    arenasAllocatedTotal: heap.ntimes_arena_allocated,
    arenasHighwater: heap.narenas_highwater,
    allocatedBlocks,
  };
}

function poolView(pool: PoolHeader): PoolView {
  const hasClass = pool.szidx !== DUMMY_SIZE_IDX;
  const blockSize = hasClass ? INDEX2SIZE(pool.szidx) : 0;
  const total = hasClass ? NUMBLOCKS(pool.szidx) : 0;
  const carved = hasClass ? Math.min(total, (pool.nextoffset - POOL_OVERHEAD) / blockSize) : 0;
  const state: PoolState = pool.ref_count === 0 ? "empty" : pool.freeblock === 0 ? "full" : "used";
  return {
    address: pool.address,
    state,
    szidx: state === "empty" ? null : pool.szidx,
    blockSize,
    usedBlocks: pool.ref_count,
    freeBlocks: carved - pool.ref_count,
    virginBlocks: total - carved,
  };
}

/** Per-block states of one pool: 0 never used, 1 allocated, 2 free. Null when p is not in a pool. */
export function poolBlockMap(heap: Pymalloc, address: number): Uint8Array | null {
  const pool = heap.poolOf(address);
  if (pool === undefined || pool.szidx === DUMMY_SIZE_IDX) return null;
  const total = NUMBLOCKS(pool.szidx);
  const blockSize = INDEX2SIZE(pool.szidx);
  const carved = Math.min(total, (pool.nextoffset - POOL_OVERHEAD) / blockSize);
  const map = new Uint8Array(total);
  for (let k = 0; k < carved; k++) {
    map[k] = pool.allocatedSize(pool.address + POOL_OVERHEAD + k * blockSize) !== 0 ? 1 : 2;
  }
  return map;
}

/** Where a block lives: its arena, pool and index, or "raw" for the C allocator's blocks. */
export type BlockLocation =
  | { kind: "pool"; arenaIndex: number; poolAddress: number; blockIndex: number; szidx: number; blockSize: number }
  | { kind: "raw" };

export function locateBlock(heap: Pymalloc, address: number): BlockLocation {
  const pool = heap.poolOf(address);
  if (pool === undefined) return { kind: "raw" };
  return {
    kind: "pool",
    arenaIndex: pool.arenaindex,
    poolAddress: POOL_ADDR(address),
    blockIndex: pool.blockIndex(address),
    szidx: pool.szidx,
    blockSize: INDEX2SIZE(pool.szidx),
  };
}
