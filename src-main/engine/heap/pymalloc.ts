// CPython 3.13's small-object allocator (Objects/obmalloc.c, "pymalloc"), modelled structure for
// structure so it can be read beside the C source. The names are CPython's.
//
//   arena  1 MiB from mmap, carved into 16 KiB pools (63 when the arena is not 16 KiB-aligned)
//   pool   one size class; a 48-byte pool_header, then blocks of INDEX2SIZE(szidx) bytes
//   block  what PyObject_Malloc returns for 1..512 bytes; 32 size classes, 16 bytes apart
//
// Requests of 0 bytes or over SMALL_REQUEST_THRESHOLD go to PyMem_RawMalloc (the C library's
// malloc, modelled in pymalloc-system.ts).
//
// What the model keeps from the C:
// - usedpools[szidx]: circular lists of partially used pools, newest first, so the next malloc of a
//   size class takes the most recently freed block of the most recently touched pool;
// - pool->freeblock: a LIFO list threaded through the free blocks themselves, and the
//   nextoffset/maxnextoffset "virgin block" bump that only touches memory when it is needed;
// - arenas with free pools in usable_arenas, sorted by nfreepools ascending (fullest first), with the
//   nfp2lasta "search fingers"; unused_arena_objects for arena_objects without an arena;
// - an arena is given back to the OS only when every one of its pools is empty, and never when it is
//   the last arena in usable_arenas (bpo-37257). That is why a process keeps memory after `del`.
//
// Where C stores a pointer inside a free block (the freeblock list), the model keeps the link in a
// per-pool array indexed by block number: the same list, without simulated bytes.
import type { ObjectAllocator } from "./allocator";
import { alignDown, MmapModel, RawMallocModel } from "./pymalloc-system";

export const ALIGNMENT = 16;
export const ALIGNMENT_SHIFT = 4;
export const SMALL_REQUEST_THRESHOLD = 512;
export const NB_SMALL_SIZE_CLASSES = SMALL_REQUEST_THRESHOLD / ALIGNMENT; // 32
export const ARENA_BITS = 20;
export const ARENA_SIZE = 1 << ARENA_BITS; // 1 MiB (USE_LARGE_ARENAS)
export const POOL_BITS = 14;
export const POOL_SIZE = 1 << POOL_BITS; // 16 KiB (USE_LARGE_POOLS)
export const MAX_POOLS_IN_ARENA = ARENA_SIZE / POOL_SIZE; // 64
/** sizeof(struct pool_header) on 64-bit, rounded up to ALIGNMENT. */
export const POOL_OVERHEAD = 48;
/** szidx of a pool that has never held blocks. */
export const DUMMY_SIZE_IDX = 0xffff;
export const INITIAL_ARENA_OBJECTS = 16;

/** Bytes in size class i. */
export function INDEX2SIZE(i: number): number {
  return (i + 1) << ALIGNMENT_SHIFT;
}

/** Size class of an n-byte request (1 <= n <= 512). */
export function sizeClassOf(nbytes: number): number {
  return (nbytes - 1) >> ALIGNMENT_SHIFT;
}

/** Blocks in a pool of size class i. */
export function NUMBLOCKS(i: number): number {
  return Math.floor((POOL_SIZE - POOL_OVERHEAD) / INDEX2SIZE(i));
}

/**
 * A small-integer key for a pool address, so the pool table is a fast Map (V8 hashes numbers above
 * 2**30 slowly). Pools all lie in the mmap area, so their keys never collide with each other; a
 * foreign address that shares a key is told apart by comparing the pool's full address.
 */
function poolKey(poolAddress: number): number {
  // ToUint32 then a mask: the same as `% 2**30` for these non-negative integers, without the
  // fmod call `%` costs on doubles (this runs on every free).
  return ((poolAddress / POOL_SIZE) >>> 0) & 0x3fffffff;
}

/** Round an address down to its pool. */
export function POOL_ADDR(p: number): number {
  return alignDown(p, POOL_SIZE);
}

/** A pool_header, plus the model's stand-in for the links C writes inside free blocks. */
export class PoolHeader {
  /** ref.count: blocks currently allocated. */
  ref_count = 0;
  /** Address of the first block on the pool's free list, 0 for NULL. */
  freeblock = 0;
  nextpool: PoolHeader = this;
  prevpool: PoolHeader = this;
  szidx = DUMMY_SIZE_IDX;
  /** Offset of the next never-used ("virgin") block from the pool's start. */
  nextoffset = 0;
  /** The largest valid nextoffset. */
  maxnextoffset = 0;
  /** For free block k: the address stored in its first word (the next free block), 0 for NULL. */
  freeLink: Float64Array = new Float64Array(0);
  /** 1 while block k is handed out: lets the model refuse a double free, which C would not notice. */
  inUse: Uint8Array = new Uint8Array(0);

  constructor(
    /** The pool's address; for usedpools[] list heads, -1 - szidx. */
    readonly address: number,
    readonly arenaindex: number,
  ) {}

  blockIndex(p: number): number {
    return (p - this.address - POOL_OVERHEAD) / INDEX2SIZE(this.szidx);
  }
}

export class ArenaObject {
  /** The arena's base address as mmap returned it; 0 when no arena is associated. */
  address = 0;
  /** The next pool to carve off (pool-aligned). */
  pool_address = 0;
  /** Free pools plus never-carved pools. */
  nfreepools = 0;
  ntotalpools = 0;
  /** Singly linked (through nextpool) list of empty pools. */
  freepools: PoolHeader | null = null;
  nextarena: ArenaObject | null = null;
  prevarena: ArenaObject | null = null;

  constructor(readonly index: number) {}

  /** The first pool-aligned address in the arena. */
  get firstPoolAddress(): number {
    const excess = this.address % POOL_SIZE;
    return excess === 0 ? this.address : this.address + POOL_SIZE - excess;
  }
}

// The arena map (radix tree) only matters to the model for the node counts _debugmallocstats prints.
// 64-bit pointers, IGNORE_BITS 0, 1 MiB arenas: 15 top bits, 15 mid bits, 14 bottom bits.
const MAP_BOT_SHIFT = ARENA_BITS;
const MAP_BOT_BITS = 14;
const MAP_MID_BITS = 15;
const MAP_MID_SHIFT = MAP_BOT_BITS + MAP_BOT_SHIFT;
const MAP_TOP_SHIFT = MAP_MID_BITS + MAP_MID_SHIFT;

/** Counters that sys._debugmallocstats() reports. */
export interface ArenaCounters {
  /** ntimes_arena_allocated */
  allocatedTotal: number;
  /** narenas_currently_allocated */
  allocatedCurrent: number;
  /** narenas_highwater */
  highwater: number;
  arenaMapMidNodes: number;
  arenaMapBotNodes: number;
}

/** Structural changes, for animation: blocks come and go too often to report, pools and arenas do not. */
export type PymallocEvent =
  | { kind: "arena-new"; index: number; address: number }
  | { kind: "arena-free"; index: number; address: number }
  /** A pool starts serving a size class: freshly carved, or an empty pool reused for another class. */
  | { kind: "pool-init"; address: number; arenaIndex: number; szidx: number }
  /** A pool's last block was freed: it goes back to its arena's freepools. */
  | { kind: "pool-empty"; address: number; arenaIndex: number };

export interface PymallocOptions {
  /** The OS model arenas and large raw blocks are mapped from (shared so they interleave as on Linux). */
  os?: MmapModel;
  raw?: RawMallocModel;
  onEvent?: (event: PymallocEvent) => void;
}

/**
 * One interpreter's object allocator (OMState). Implements ObjectAllocator: malloc, realloc and free
 * are PyObject_Malloc, PyObject_Realloc and PyObject_Free.
 */
export class Pymalloc implements ObjectAllocator {
  readonly os: MmapModel;
  readonly raw: RawMallocModel;

  /** usedpools[szidx]: head of the circular list of partially used pools of that size class. */
  readonly usedpools: PoolHeader[] = [];
  /** allarenas / maxarenas */
  arenas: ArenaObject[] = [];
  unused_arena_objects: ArenaObject | null = null;
  usable_arenas: ArenaObject | null = null;
  /** nfp2lasta[nfp]: the last arena in usable_arenas with nfp free pools. */
  readonly nfp2lasta: (ArenaObject | null)[] = new Array<ArenaObject | null>(MAX_POOLS_IN_ARENA + 1).fill(null);

  narenas_currently_allocated = 0;
  ntimes_arena_allocated = 0;
  narenas_highwater = 0;
  /** Blocks handed out by PyMem_RawMalloc on pymalloc's behalf. */
  raw_allocated_blocks = 0;

  /** Carved pools of live arenas, by poolKey(address). */
  private readonly pools = new Map<number, PoolHeader>();
  private readonly arenaMapMid = new Set<number>();
  private readonly arenaMapBot = new Set<string>();

  /** Receives PymallocEvents; may be set at any time. */
  onEvent: ((event: PymallocEvent) => void) | undefined;

  constructor(options: PymallocOptions = {}) {
    this.os = options.os ?? new MmapModel();
    this.raw = options.raw ?? new RawMallocModel(this.os);
    this.onEvent = options.onEvent;
    for (let i = 0; i < NB_SMALL_SIZE_CLASSES; i++) this.usedpools.push(new PoolHeader(-1 - i, -1));
  }

  // ---- the ObjectAllocator contract ------------------------------------------------------------

  malloc(size: number): number {
    return this._PyObject_Malloc(size);
  }

  realloc(address: number, newSize: number): number {
    return this._PyObject_Realloc(address, newSize);
  }

  free(address: number): void {
    this._PyObject_Free(address);
  }

  // ---- entry points ----------------------------------------------------------------------------

  _PyObject_Malloc(nbytes: number): number {
    if (!(nbytes >= 0)) throw new RangeError(`PyObject_Malloc of a negative size: ${nbytes}`);
    const ptr = this.pymalloc_alloc(nbytes);
    if (ptr !== 0) return ptr;
    const rawPtr = this.raw.malloc(nbytes);
    this.raw_allocated_blocks++;
    return rawPtr;
  }

  _PyObject_Free(p: number): void {
    if (p === 0) return;
    if (!this.pymalloc_free(p)) {
      this.raw.free(p);
      this.raw_allocated_blocks--;
    }
  }

  _PyObject_Realloc(ptr: number, nbytes: number): number {
    if (ptr === 0) return this._PyObject_Malloc(nbytes);
    const moved = this.pymalloc_realloc(ptr, nbytes);
    if (moved !== null) return moved;
    return this.raw.realloc(ptr, nbytes);
  }

  /** _Py_GetAllocatedBlocks(): what sys.getallocatedblocks() reports. */
  getAllocatedBlocks(): number {
    let n = this.raw_allocated_blocks;
    for (const pool of this.pools.values()) n += pool.ref_count;
    return n;
  }

  /** True when p is inside a live arena (the radix-tree test of the C). */
  address_in_range(p: number): boolean {
    return this.poolOf(p) !== undefined;
  }

  /** The pool holding p, when p is inside a carved pool of a live arena. */
  poolOf(p: number): PoolHeader | undefined {
    const address = POOL_ADDR(p);
    // Frees cluster in a few pools: remember the last one found (forgotten when arenas go).
    const last = this.lastPool;
    if (last !== null && last.address === address) return last;
    const pool = this.pools.get(poolKey(address));
    if (pool !== undefined && pool.address === address) {
      this.lastPool = pool;
      return pool;
    }
    return undefined;
  }

  private lastPool: PoolHeader | null = null;

  get counters(): ArenaCounters {
    return {
      allocatedTotal: this.ntimes_arena_allocated,
      allocatedCurrent: this.narenas_currently_allocated,
      highwater: this.narenas_highwater,
      arenaMapMidNodes: this.arenaMapMid.size,
      arenaMapBotNodes: this.arenaMapBot.size,
    };
  }

  // ---- pymalloc proper -------------------------------------------------------------------------

  /** A block for 1..512 bytes, or 0 when the request belongs to the raw allocator. */
  pymalloc_alloc(nbytes: number): number {
    if (nbytes === 0 || nbytes > SMALL_REQUEST_THRESHOLD) return 0;
    const size = sizeClassOf(nbytes);
    const pool = this.usedpools[size]!.nextpool;
    if (pool === this.usedpools[size]) return this.allocate_from_new_pool(size);

    // There is a used pool for this size class: take the head of its free list.
    ++pool.ref_count;
    const bp = pool.freeblock;
    const index = pool.blockIndex(bp);
    pool.inUse[index] = 1;
    pool.freeblock = pool.freeLink[index]!;
    if (pool.freeblock === 0) this.pymalloc_pool_extend(pool, size);
    return bp;
  }

  /** The free list is exhausted: extend it with a virgin block, or unlink the now-full pool. */
  private pymalloc_pool_extend(pool: PoolHeader, size: number): void {
    if (pool.nextoffset <= pool.maxnextoffset) {
      pool.freeblock = pool.address + pool.nextoffset;
      pool.nextoffset += INDEX2SIZE(size);
      pool.freeLink[pool.blockIndex(pool.freeblock)] = 0;
      return;
    }
    // Pool is full: unlink it from usedpools.
    const next = pool.nextpool;
    const prev = pool.prevpool;
    next.prevpool = prev;
    prev.nextpool = next;
  }

  /** No used pool of this size class: take a pool from the fullest usable arena (or a new arena). */
  private allocate_from_new_pool(size: number): number {
    if (this.usable_arenas === null) {
      const arena = this.new_arena();
      this.usable_arenas = arena;
      arena.nextarena = arena.prevarena = null;
      this.nfp2lasta[arena.nfreepools] = arena;
    }
    const ao = this.usable_arenas;

    // This arena already had the smallest nfreepools value, so decreasing it keeps the list sorted;
    // only the search fingers move.
    if (this.nfp2lasta[ao.nfreepools] === ao) this.nfp2lasta[ao.nfreepools] = null;
    if (ao.nfreepools > 1) this.nfp2lasta[ao.nfreepools - 1] = ao;

    let pool: PoolHeader;
    if (ao.freepools !== null) {
      // Reuse a cached empty pool.
      pool = ao.freepools;
      ao.freepools = pool.nextpool === NULL_POOL ? null : pool.nextpool;
      ao.nfreepools--;
      if (ao.nfreepools === 0) this.unlinkWhollyAllocatedHead();
    } else {
      // Carve off a new pool.
      pool = new PoolHeader(ao.pool_address, ao.index);
      this.pools.set(poolKey(pool.address), pool);
      ao.pool_address += POOL_SIZE;
      --ao.nfreepools;
      if (ao.nfreepools === 0) this.unlinkWhollyAllocatedHead();
    }

    // Frontlink to used pools.
    const head = this.usedpools[size]!;
    pool.nextpool = head.nextpool;
    pool.prevpool = head;
    head.nextpool.prevpool = pool;
    head.nextpool = pool;
    pool.ref_count = 1;

    if (pool.szidx === size) {
      // This pool last held blocks of the same size class: its free list is still set up.
      const bp = pool.freeblock;
      const index = pool.blockIndex(bp);
      pool.inUse[index] = 1;
      pool.freeblock = pool.freeLink[index]!;
      return bp;
    }

    // Initialise the pool: hand out the first block, put the second on the free list.
    pool.szidx = size;
    this.onEvent?.({ kind: "pool-init", address: pool.address, arenaIndex: pool.arenaindex, szidx: size });
    const blockSize = INDEX2SIZE(size);
    const blocks = NUMBLOCKS(size);
    pool.freeLink = new Float64Array(blocks);
    pool.inUse = new Uint8Array(blocks);
    const bp = pool.address + POOL_OVERHEAD;
    pool.nextoffset = POOL_OVERHEAD + (blockSize << 1);
    pool.maxnextoffset = POOL_SIZE - blockSize;
    pool.freeblock = bp + blockSize;
    pool.freeLink[1] = 0;
    pool.inUse[0] = 1;
    return bp;
  }

  /** usable_arenas' head has no free pool left: drop it from the list. */
  private unlinkWhollyAllocatedHead(): void {
    const ao = this.usable_arenas!;
    this.usable_arenas = ao.nextarena;
    if (this.usable_arenas !== null) this.usable_arenas.prevarena = null;
    ao.nextarena = ao.prevarena = null;
  }

  /** Map a new 1 MiB arena and associate an arena_object with it. */
  private new_arena(): ArenaObject {
    if (this.unused_arena_objects === null) {
      // Double the arena_object vector; the new ones go on unused_arena_objects.
      const maxarenas = this.arenas.length;
      const numarenas = maxarenas ? maxarenas << 1 : INITIAL_ARENA_OBJECTS;
      for (let i = maxarenas; i < numarenas; i++) this.arenas.push(new ArenaObject(i));
      for (let i = maxarenas; i < numarenas; i++) {
        this.arenas[i]!.nextarena = i < numarenas - 1 ? this.arenas[i + 1]! : null;
      }
      this.unused_arena_objects = this.arenas[maxarenas]!;
    }
    const arenaobj = this.unused_arena_objects;
    this.unused_arena_objects = arenaobj.nextarena;
    arenaobj.address = this.os.mmap(ARENA_SIZE);
    this.arena_map_mark_used(arenaobj.address);

    ++this.narenas_currently_allocated;
    ++this.ntimes_arena_allocated;
    if (this.narenas_currently_allocated > this.narenas_highwater) {
      this.narenas_highwater = this.narenas_currently_allocated;
    }
    arenaobj.freepools = null;
    arenaobj.pool_address = arenaobj.firstPoolAddress;
    arenaobj.nfreepools = MAX_POOLS_IN_ARENA - (arenaobj.address % POOL_SIZE === 0 ? 0 : 1);
    arenaobj.ntotalpools = arenaobj.nfreepools;
    this.onEvent?.({ kind: "arena-new", index: arenaobj.index, address: arenaobj.address });
    return arenaobj;
  }

  /** Record the radix-tree nodes an arena needs (they are never freed, as in the C). */
  private arena_map_mark_used(arenaBase: number): void {
    const touch = (p: number): void => {
      const top = Math.floor(p / 2 ** MAP_TOP_SHIFT);
      const mid = Math.floor(p / 2 ** MAP_MID_SHIFT) % 2 ** MAP_MID_BITS;
      this.arenaMapMid.add(top);
      this.arenaMapBot.add(`${top}:${mid}`);
    };
    touch(arenaBase);
    if (arenaBase % ARENA_SIZE !== 0) touch(arenaBase + ARENA_SIZE);
  }

  /** Give back a block; false when pymalloc did not allocate p (it belongs to the raw allocator). */
  pymalloc_free(p: number): boolean {
    const pool = this.poolOf(p);
    if (pool === undefined) return false;
    const index = pool.blockIndex(p);
    if (pool.ref_count === 0 || !Number.isInteger(index) || pool.inUse[index] !== 1) {
      throw new Error(`pymalloc_free of a block that is not allocated: 0x${p.toString(16)}`);
    }
    // Link p to the front of the pool's free list.
    const lastfree = pool.freeblock;
    pool.freeLink[index] = lastfree;
    pool.inUse[index] = 0;
    pool.freeblock = p;
    pool.ref_count--;

    if (lastfree === 0) {
      // The pool was full, so it is in no list: put it at the front of usedpools, so the next
      // allocation of this size class reuses the block just freed.
      this.insert_to_usedpool(pool);
      return true;
    }
    if (pool.ref_count !== 0) return true; // still partially used
    this.insert_to_freepool(pool);
    return true;
  }

  private insert_to_usedpool(pool: PoolHeader): void {
    const next = this.usedpools[pool.szidx]!.nextpool;
    const prev = next.prevpool;
    pool.nextpool = next;
    pool.prevpool = prev;
    next.prevpool = pool;
    prev.nextpool = pool;
  }

  /** The pool became empty: move it to its arena's freepools and keep the arena list sorted. */
  private insert_to_freepool(pool: PoolHeader): void {
    const next = pool.nextpool;
    const prev = pool.prevpool;
    next.prevpool = prev;
    prev.nextpool = next;

    const ao = this.arenas[pool.arenaindex]!;
    this.onEvent?.({ kind: "pool-empty", address: pool.address, arenaIndex: ao.index });
    pool.nextpool = ao.freepools ?? NULL_POOL; // singly linked through nextpool
    ao.freepools = pool;
    let nf = ao.nfreepools;
    const lastnf = this.nfp2lasta[nf] ?? null;
    if (lastnf === ao) {
      const p = ao.prevarena;
      this.nfp2lasta[nf] = p !== null && p.nfreepools === nf ? p : null;
    }
    ao.nfreepools = ++nf;

    // Case 1: every pool is free, and this is not the last usable arena: give the arena back.
    if (nf === ao.ntotalpools && ao.nextarena !== null) {
      if (ao.prevarena === null) this.usable_arenas = ao.nextarena;
      else ao.prevarena.nextarena = ao.nextarena;
      ao.nextarena.prevarena = ao.prevarena;
      ao.nextarena = this.unused_arena_objects;
      ao.prevarena = null;
      this.unused_arena_objects = ao;
      this.free_arena(ao);
      return;
    }

    // Case 2: the arena was wholly allocated: it rejoins usable_arenas at the head.
    if (nf === 1) {
      ao.nextarena = this.usable_arenas;
      ao.prevarena = null;
      if (this.usable_arenas !== null) this.usable_arenas.prevarena = ao;
      this.usable_arenas = ao;
      if (this.nfp2lasta[1] === null) this.nfp2lasta[1] = ao;
      return;
    }

    if (this.nfp2lasta[nf] === null) this.nfp2lasta[nf] = ao;
    // Case 4: it was the rightmost arena with the old count, so the list is still sorted.
    if (ao === lastnf) return;

    // Case 3: slide the arena right, to just after lastnf.
    if (ao.prevarena !== null) ao.prevarena.nextarena = ao.nextarena;
    else this.usable_arenas = ao.nextarena;
    ao.nextarena!.prevarena = ao.prevarena;
    ao.prevarena = lastnf;
    ao.nextarena = lastnf!.nextarena;
    if (ao.nextarena !== null) ao.nextarena.prevarena = ao;
    lastnf!.nextarena = ao;
  }

  private free_arena(ao: ArenaObject): void {
    this.lastPool = null;
    for (let a = ao.firstPoolAddress; a < ao.pool_address; a += POOL_SIZE) this.pools.delete(poolKey(a));
    this.os.munmap(ao.address, ARENA_SIZE);
    this.onEvent?.({ kind: "arena-free", index: ao.index, address: ao.address });
    ao.address = 0;
    ao.freepools = null;
    ao.pool_address = 0;
    ao.nfreepools = ao.ntotalpools = 0;
    --this.narenas_currently_allocated;
  }

  /**
   * Resize a pymalloc block: in place when the new size still fits its size class and does not
   * shrink it by 25% or more; otherwise malloc + copy + free. Null when pymalloc does not own p.
   */
  pymalloc_realloc(p: number, nbytes: number): number | null {
    const pool = this.poolOf(p);
    if (pool === undefined) return null;
    const size = INDEX2SIZE(pool.szidx);
    if (nbytes <= size && 4 * nbytes > 3 * size) return p;
    const bp = this._PyObject_Malloc(nbytes);
    this._PyObject_Free(p);
    return bp;
  }
}

/** The end of an arena's freepools list (C's NULL): a pool header no list ever reaches. */
const NULL_POOL = new PoolHeader(0, -1);
