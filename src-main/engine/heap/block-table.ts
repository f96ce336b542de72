// Live blocks: address -> requested size, for an allocator that has nowhere better to keep it
// (SimpleAllocator; pymalloc keeps a block's size in its pool, and the raw allocator in its chunk).
//
// Why not a Map keyed by address: addresses are above 2**31, so V8 boxes them as heap numbers, and
// a Map keyed by them costs around a microsecond per insert or delete, and much more once it holds
// millions of blocks. A hash table in typed arrays avoids that but scatters neighbouring blocks
// over the whole table, so every lookup is a cache miss. This table is paged instead, like a
// page table: each 4 KiB page of the address space that holds blocks gets an Int32Array with one
// slot per 8 bytes, and a Map with small-integer keys finds the page. Blocks allocated together
// (one pymalloc pool) share a page, and the last page used is remembered, so an allocation
// followed by its free touches one small array.

const PAGE = 4096;
const SLOT = 8;
const SLOTS = PAGE / SLOT;
/** Page numbers are folded to 30 bits (small-integer Map keys); the full number is checked. */
const KEY_MASK = 0x3fffffff;
/** Sizes are stored + 1 (0 = no block) in an Int32Array. */
const MAX_PAGED_SIZE = 2 ** 31 - 2;

interface Page {
  /** Page number (address / PAGE). */
  readonly number: number;
  readonly sizes: Int32Array;
}

export class BlockTable {
  private readonly pages = new Map<number, Page>();
  /** Blocks the pages cannot hold: unaligned, huge, or on a page whose key collides. */
  private readonly others = new Map<number, number>();
  private last: Page | null = null;
  count = 0;

  /** `initialCapacity` is accepted for compatibility; the table grows by pages. */
  constructor(_initialCapacity = 0) {}

  private page(number: number, create: boolean): Page | null {
    const last = this.last;
    if (last !== null && last.number === number) return last;
    const key = (number >>> 0) & KEY_MASK; // ToUint32 is exact truncation, no fmod
    let p = this.pages.get(key);
    if (p === undefined) {
      if (!create) return null;
      p = { number, sizes: new Int32Array(SLOTS) };
      this.pages.set(key, p);
    } else if (p.number !== number) return null;
    this.last = p;
    return p;
  }

  /** The size recorded for `address`, or -1 when it is not a live block. */
  get(address: number): number {
    const number = Math.floor(address / PAGE);
    const offset = address - number * PAGE; // (doubles: `%` would be a slow fmod)
    if ((offset & (SLOT - 1)) === 0) {
      const p = this.page(number, false);
      if (p !== null) {
        const stored = p.sizes[offset >> 3];
        if (stored !== 0) return stored - 1;
      }
    }
    return this.others.size === 0 ? -1 : (this.others.get(address) ?? -1);
  }

  /** Records (or updates) the size of the block at `address`. */
  set(address: number, size: number): void {
    const number = Math.floor(address / PAGE);
    const offset = address - number * PAGE;
    if ((offset & (SLOT - 1)) === 0 && size <= MAX_PAGED_SIZE) {
      const p = this.page(number, true);
      if (p !== null) {
        const i = offset >> 3;
        if (p.sizes[i] === 0) {
          if (this.others.size !== 0 && this.others.has(address)) {
            this.others.delete(address);
            this.count--;
          }
          this.count++;
        }
        p.sizes[i] = size + 1;
        return;
      }
    }
    if (this.get(address) >= 0) this.delete(address);
    this.others.set(address, size);
    this.count++;
  }

  /** Forgets `address`; returns its size, or -1 when it was not a live block. */
  delete(address: number): number {
    const number = Math.floor(address / PAGE);
    const offset = address - number * PAGE;
    if ((offset & (SLOT - 1)) === 0) {
      const p = this.page(number, false);
      if (p !== null) {
        const i = offset >> 3;
        const stored = p.sizes[i];
        if (stored !== 0) {
          p.sizes[i] = 0;
          this.count--;
          return stored - 1;
        }
      }
    }
    if (this.others.size === 0) return -1;
    const size = this.others.get(address);
    if (size === undefined) return -1;
    this.others.delete(address);
    this.count--;
    return size;
  }
}
