// The trace table: address -> (size, traceback id), an open-addressing hash table in typed arrays.
//
// Why not a Map: addresses are above 2**31, so V8 stores them as heap numbers, and a Map keyed by
// them costs over a microsecond per insert or delete. This table costs a few tens of nanoseconds,
// and 2,000,000 traces take about 40 MB. Like CPython's _Py_hashtable, iteration follows the
// buckets, not insertion order.

const EMPTY = 0; // no block lives at address 0

export class AddressTable {
  keys: Float64Array;
  sizes: Float64Array;
  tracebacks: Int32Array;
  count = 0;
  private mask: number;

  constructor(initialCapacity = 1024) {
    let capacity = 16;
    while (capacity < initialCapacity) capacity <<= 1;
    this.keys = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.tracebacks = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The bucket holding `address`, or -1. */
  find(address: number): number {
    const keys = this.keys;
    let i = hash(address) & this.mask;
    for (;;) {
      const key = keys[i]!;
      if (key === address) return i;
      if (key === EMPTY) return -1;
      i = (i + 1) & this.mask;
    }
  }

  /** The bucket for `address`, claiming an empty one when it is new (see `lastWasNew`). */
  claim(address: number): number {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const keys = this.keys;
    let i = hash(address) & this.mask;
    for (;;) {
      const key = keys[i]!;
      if (key === address) {
        this.lastWasNew = false;
        return i;
      }
      if (key === EMPTY) {
        keys[i] = address;
        this.count++;
        this.lastWasNew = true;
        return i;
      }
      i = (i + 1) & this.mask;
    }
  }

  lastWasNew = false;

  /** Empty bucket i, shifting later entries of the probe run back (no tombstones). */
  removeAt(i: number): void {
    const keys = this.keys;
    const mask = this.mask;
    keys[i] = EMPTY;
    this.count--;
    let hole = i;
    let j = (i + 1) & mask;
    while (keys[j] !== EMPTY) {
      const home = hash(keys[j]!) & mask;
      // Move entry j into the hole if its home bucket is not in (hole, j].
      const between = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!between) {
        keys[hole] = keys[j]!;
        this.sizes[hole] = this.sizes[j]!;
        this.tracebacks[hole] = this.tracebacks[j]!;
        keys[j] = EMPTY;
        hole = j;
      }
      j = (j + 1) & mask;
    }
  }

  clear(): void {
    this.keys = new Float64Array(1024);
    this.sizes = new Float64Array(1024);
    this.tracebacks = new Int32Array(1024);
    this.mask = 1023;
    this.count = 0;
  }

  private grow(): void {
    const { keys, sizes, tracebacks } = this;
    const capacity = keys.length * 2;
    this.keys = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
    this.tracebacks = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === EMPTY) continue;
      const j = this.claim(key);
      this.sizes[j] = sizes[i]!;
      this.tracebacks[j] = tracebacks[i]!;
    }
  }
}

/** Mix an address (an integer below 2**53, usually a multiple of 16) into 32 bits. */
function hash(address: number): number {
  const low = (address / 16) >>> 0; // ToUint32: the low 32 bits of address / 16
  const high = (address / 68719476736) >>> 0; // address / 2**36
  let h = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}
