// Live blocks: address -> requested size, an open-addressing hash table in typed arrays.
//
// Why not a Map: addresses are above 2**31, so V8 boxes them as heap numbers and a Map keyed by
// them costs around a microsecond per insert or delete, and much more once it holds millions of
// blocks. Here an insert or delete is a few probes in a Float64Array (linear probing, deletion by
// backward shift, so no tombstones), and 1,000,000 blocks take 32 MB.

const EMPTY = 0; // no block lives at address 0

export class BlockTable {
  private keys: Float64Array;
  private sizes: Float64Array;
  private mask: number;
  count = 0;

  constructor(initialCapacity = 4096) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.keys = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.mask = capacity - 1;
  }

  /** The size recorded for `address`, or -1 when it is not a live block. */
  get(address: number): number {
    const keys = this.keys;
    const mask = this.mask;
    let i = hash(address) & mask;
    for (;;) {
      const key = keys[i];
      if (key === address) return this.sizes[i];
      if (key === EMPTY) return -1;
      i = (i + 1) & mask;
    }
  }

  /** Records (or updates) the size of the block at `address`. */
  set(address: number, size: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    const mask = this.mask;
    let i = hash(address) & mask;
    for (;;) {
      const key = keys[i];
      if (key === address) break;
      if (key === EMPTY) {
        keys[i] = address;
        this.count++;
        break;
      }
      i = (i + 1) & mask;
    }
    this.sizes[i] = size;
  }

  /** Forgets `address`; returns its size, or -1 when it was not a live block. */
  delete(address: number): number {
    const keys = this.keys;
    const mask = this.mask;
    let i = hash(address) & mask;
    for (;;) {
      const key = keys[i];
      if (key === address) break;
      if (key === EMPTY) return -1;
      i = (i + 1) & mask;
    }
    const size = this.sizes[i];
    const sizes = this.sizes;
    keys[i] = EMPTY;
    this.count--;
    // Backward shift: move later entries of the probe run into the hole when their home allows.
    let hole = i;
    let j = (i + 1) & mask;
    while (keys[j] !== EMPTY) {
      const home = hash(keys[j]) & mask;
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        keys[hole] = keys[j];
        sizes[hole] = sizes[j];
        keys[j] = EMPTY;
        hole = j;
      }
      j = (j + 1) & mask;
    }
    return size;
  }

  private grow(): void {
    const { keys, sizes } = this;
    const capacity = keys.length * 2;
    this.keys = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) this.set(keys[i], sizes[i]);
  }
}

/** Mixes an address (an integer below 2**53, usually a multiple of 16) into 32 bits. */
function hash(address: number): number {
  const low = (address / 16) >>> 0;
  const high = (address / 68719476736) >>> 0; // address / 2**36
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  return h;
}
