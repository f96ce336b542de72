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
// per-pool array: the same list, without simulated bytes. The model also keeps what C does not: the
// size each allocated block was requested with, in the pool beside the link, so freeing a block
// finds its pool once and learns there both that the block is live and how many bytes it held
// (the heap's accounting). Both arrays are indexed by 16-byte slot (offset in the pool >>
// ALIGNMENT_SHIFT): every block starts on a slot, and finding the slot needs no division by the
// block size.
import { NOT_A_BLOCK, type ObjectAllocator } from "./allocator";
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
/** ALIGNMENT-byte slots in a pool: the block at offset o from the pool's start is in slot o >> 4. */
export const POOL_SLOTS = POOL_SIZE >> ALIGNMENT_SHIFT; // 1024
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
 * A small-integer key for a pool, from its number (address / POOL_SIZE), so the pool table is a
 * fast Map (V8 hashes numbers above 2**30 slowly). Pools all lie in the mmap area, so their keys
 * never collide with each other; a foreign address that shares a key is told apart by comparing
 * the pool's full address.
 */
function poolKey(poolNumber: number): number {
  // ToUint32 then a mask: the same as `% 2**30` for these non-negative integers, without the
  // fmod call `%` costs on doubles (this runs on every free).
  return (poolNumber >>> 0) & 0x3fffffff;
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
  /**
   * For the free block in slot k: what C stores in its first word (the next free block), as that
   * block's offset from the pool's start; 0 for NULL (offset 0 is the header, never a block).
   */
  freeLink = NO_SLOTS;
  /**
   * For the block in slot k: the size it was requested with (1..512) while it is handed out, 0
   * while it is free. Tells a live block from a free one (so the model refuses a double free, which
   * C would not notice) and gives the heap a freed block's size.
   */
  nbytes = NO_SLOTS;

  constructor(
    /** The pool's address; for usedpools[] list heads, -1 - szidx. */
    readonly address: number,
    readonly arenaindex: number,
  ) {}

  /** Block number of p in this pool (for views: it divides by the block size). */
  blockIndex(p: number): number {
    return (p - this.address - POOL_OVERHEAD) / INDEX2SIZE(this.szidx);
  }

  /** The requested size of the allocated block that starts at p (an address in this pool), or 0. */
  allocatedSize(p: number): number {
    const offset = p - this.address;
    return (offset & (ALIGNMENT - 1)) === 0 ? this.nbytes[offset >> ALIGNMENT_SHIFT]! : 0;
  }

  /** Hand out the head of the (non-empty) free list for an nbytes request. */
  popFreeblock(nbytes: number): number {
    const bp = this.freeblock;
    const slot = (bp - this.address) >> ALIGNMENT_SHIFT;
    this.nbytes[slot] = nbytes;
    const next = this.freeLink[slot]!;
    this.freeblock = next === 0 ? 0 : this.address + next;
    return bp;
  }

  /** Link the allocated block p to the front of the free list. */
  pushFreeblock(p: number): void {
    const slot = (p - this.address) >> ALIGNMENT_SHIFT;
    const lastfree = this.freeblock;
    this.freeLink[slot] = lastfree === 0 ? 0 : lastfree - this.address;
    this.nbytes[slot] = 0;
    this.freeblock = p;
  }
}

/**
 * No slots: the arrays of pool headers that never hold blocks (usedpools heads, NULL_POOL) and of
 * arena_objects never given an arena.
 */
const NO_SLOTS = new Uint16Array(0);

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
  /**
   * The storage of its pools' slot arrays (each pool's freeLink and nbytes are views of a
   * POOL_SLOTS stretch), allocated once per arena_object: a typed array of its own for every pool
   * costs more than the rest of carving the pool. Kept when the arena is freed; every block in it
   * is free then, so every nbytes entry is 0.
   */
  poolFreeLinks = NO_SLOTS;
  poolNbytes = NO_SLOTS;

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

  free(address: number): number {
    return this._PyObject_Free(address);
  }

  blockSize(p: number): number {
    const pool = this.poolOf(p);
    if (pool === undefined) return this.raw.blockSize(p);
    const nbytes = pool.allocatedSize(p);
    return nbytes === 0 ? NOT_A_BLOCK : nbytes;
  }

  get blockCount(): number {
    return this.getAllocatedBlocks();
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

  /**
   * Returns the requested size of the block freed. Where C would corrupt its lists (p is not a live
   * block: NULL, freed already, not from this allocator), frees nothing and returns NOT_A_BLOCK.
   */
  _PyObject_Free(p: number): number {
    if (p === 0) return NOT_A_BLOCK;
    const pool = this.poolOf(p);
    if (pool !== undefined) return this.pymalloc_free(pool, p);
    const nbytes = this.raw.free(p);
    if (nbytes !== NOT_A_BLOCK) this.raw_allocated_blocks--;
    return nbytes;
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
    // Frees cluster in a few pools: the last pool found is tried first (forgotten when arenas go),
    // by p's offset from it, which needs no division.
    const last = this.lastPool;
    if (last !== null) {
      const offset = p - last.address;
      if (offset >= 0 && offset < POOL_SIZE) return last;
    }
    const number = Math.floor(p / POOL_SIZE); // exact: POOL_SIZE is a power of two
    const pool = this.pools.get(poolKey(number));
    if (pool !== undefined && pool.address === number * POOL_SIZE) {
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
    if (pool === this.usedpools[size]) return this.allocate_from_new_pool(size, nbytes);

    // There is a used pool for this size class: take the head of its free list.
    ++pool.ref_count;
    const bp = pool.popFreeblock(nbytes);
    if (pool.freeblock === 0) this.pymalloc_pool_extend(pool, size);
    return bp;
  }

  /** The free list is exhausted: extend it with a virgin block, or unlink the now-full pool. */
  private pymalloc_pool_extend(pool: PoolHeader, size: number): void {
    if (pool.nextoffset <= pool.maxnextoffset) {
      pool.freeblock = pool.address + pool.nextoffset;
      pool.freeLink[pool.nextoffset >> ALIGNMENT_SHIFT] = 0;
      pool.nextoffset += INDEX2SIZE(size);
      return;
    }
    // Pool is full: unlink it from usedpools.
    const next = pool.nextpool;
    const prev = pool.prevpool;
    next.prevpool = prev;
    prev.nextpool = next;
  }

  /** No used pool of this size class: take a pool from the fullest usable arena (or a new arena). */
  private allocate_from_new_pool(size: number, nbytes: number): number {
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
      const from = ((ao.pool_address - ao.firstPoolAddress) / POOL_SIZE) * POOL_SLOTS;
      pool.freeLink = ao.poolFreeLinks.subarray(from, from + POOL_SLOTS);
      pool.nbytes = ao.poolNbytes.subarray(from, from + POOL_SLOTS);
      this.pools.set(poolKey(pool.address / POOL_SIZE), pool);
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

    // This pool last held blocks of the same size class: its free list is still set up.
    if (pool.szidx === size) return pool.popFreeblock(nbytes);

    // Initialise the pool: hand out the first block, put the second on the free list. (The slot
    // arrays need no clearing: an empty pool has no allocated block, and a block's link is written
    // whenever it joins the free list.)
    pool.szidx = size;
    this.onEvent?.({ kind: "pool-init", address: pool.address, arenaIndex: pool.arenaindex, szidx: size });
    const blockSize = INDEX2SIZE(size);
    const bp = pool.address + POOL_OVERHEAD;
    pool.nbytes[POOL_OVERHEAD >> ALIGNMENT_SHIFT] = nbytes;
    pool.nextoffset = POOL_OVERHEAD + (blockSize << 1);
    pool.maxnextoffset = POOL_SIZE - blockSize;
    pool.freeblock = bp + blockSize;
    pool.freeLink[(POOL_OVERHEAD + blockSize) >> ALIGNMENT_SHIFT] = 0;
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
    if (arenaobj.poolNbytes === NO_SLOTS) {
      arenaobj.poolFreeLinks = new Uint16Array(MAX_POOLS_IN_ARENA * POOL_SLOTS);
      arenaobj.poolNbytes = new Uint16Array(MAX_POOLS_IN_ARENA * POOL_SLOTS);
    }
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

  /**
   * Give back the block p of `pool` (its pool, as poolOf found it: the C finds it with POOL_ADDR
   * and address_in_range). Returns its requested size, or NOT_A_BLOCK, freeing nothing, when no
   * allocated block starts at p.
   */
  pymalloc_free(pool: PoolHeader, p: number): number {
    const nbytes = pool.allocatedSize(p);
    if (nbytes === 0) return NOT_A_BLOCK;
    const wasFull = pool.freeblock === 0;
    pool.pushFreeblock(p);
    pool.ref_count--;

    if (wasFull) {
      // The pool was full, so it is in no list: put it at the front of usedpools, so the next
      // allocation of this size class reuses the block just freed.
      this.insert_to_usedpool(pool);
      return nbytes;
    }
    if (pool.ref_count !== 0) return nbytes; // still partially used
    this.insert_to_freepool(pool);
    return nbytes;
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
    for (let a = ao.firstPoolAddress; a < ao.pool_address; a += POOL_SIZE) this.pools.delete(poolKey(a / POOL_SIZE));
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
    if (pool.allocatedSize(p) === 0) throw new Error(`realloc of a block that is not allocated: 0x${p.toString(16)}`);
    const size = INDEX2SIZE(pool.szidx);
    if (nbytes <= size && 4 * nbytes > 3 * size) {
      pool.nbytes[(p - pool.address) >> ALIGNMENT_SHIFT] = nbytes; // the block stays; its request changes
      return p;
    }
    const bp = this._PyObject_Malloc(nbytes);
    this._PyObject_Free(p);
    return bp;
  }
}

/** The end of an arena's freepools list (C's NULL): a pool header no list ever reaches. */
const NULL_POOL = new PoolHeader(0, -1);
