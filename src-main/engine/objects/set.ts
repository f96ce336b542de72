// set and frozenset: CPython 3.13's open-addressing hash table (Objects/setobject.c), so that
// iteration order, pop() order, and every result of set algebra come out in CPython's order.
// Functions keep setobject.c's names (set_add_entry, set_lookkey, set_table_resize, ...) so the
// two can be read side by side. Operations that iterate arbitrary Python objects live in
// vm/set-ops.ts; this module only knows the table.
//
// The table is two parallel arrays: `table[i]` is null (unused), `dummy` (deleted) or a member,
// and `hashes[i]` its hash (0 when unused, -1 when dummy, as in C's setentry).
import { allocObject, builtinType, decref, freeObject, gcTrack, makeImmortal, PyObject, type Visit } from "./object";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, SET_MINSIZE, SIZEOF } from "../profile";
import { vm } from "./hooks";
import { hashHigh32, hashLow32, type PyHash } from "./pyhash";
import { PyStr, strType } from "./str";

export const setType = builtinType({ name: "set", basicsize: 200, gc: true, baseType: true });
export const frozensetType = builtinType({ name: "frozenset", basicsize: 200, gc: true, baseType: true });

/** Consecutive slots inspected before the perturbed jump (cache-friendly linear probing). */
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;
/** sizeof(setentry): a key pointer and a hash. */
const SETENTRY_SIZE = 16;

/** Fills a deleted slot so that probe sequences passing through it continue. */
class SetDummy extends PyObject {
  override dealloc(): void {}
}
// Immortal: every dummy slot of every set points at it without owning a reference.
const dummy: PyObject = makeImmortal(new SetDummy(setType));

export class PySet extends PyObject {
  table: (PyObject | null)[] = newTable(SET_MINSIZE);
  hashes: PyHash[] = newHashes(SET_MINSIZE);
  mask = SET_MINSIZE - 1;
  /** Active + dummy slots. */
  fill = 0;
  /** Active slots: len(set). */
  used = 0;
  /** Where set.pop() resumes its search. */
  finger = 0;
  /** frozenset's cached hash (-1: not computed). */
  hash: PyHash = -1;
  /** Address of the malloc'ed table; 0 while the inline smalltable is in use. */
  tableAddr = 0;
  get sizeof(): number {
    return GC_HEAD_SIZE + SIZEOF.set + (this.tableAddr !== 0 ? SETENTRY_SIZE * (this.mask + 1) : 0);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const table = this.table;
    let used = this.used;
    for (let i = 0; used > 0; i++) {
      const k = table[i];
      if (k !== null && k !== dummy) {
        used--;
        decref(k);
      }
    }
    if (this.tableAddr !== 0) heap.free(this.tableAddr);
    freeObject(this, true);
  }
  override traverse(visit: Visit): void {
    let i = 0;
    for (let pos = set_next(this, 0); pos >= 0; pos = set_next(this, pos + 1)) visit(this.table[pos]!, i++);
  }
  override clear(): void {
    set_clear_internal(this);
  }
}

function newTable(size: number): (PyObject | null)[] {
  return new Array<PyObject | null>(size).fill(null);
}
function newHashes(size: number): PyHash[] {
  return new Array<PyHash>(size).fill(0);
}

export function newSet(frozen = false): PySet {
  const s = new PySet(frozen ? frozensetType : setType);
  allocObject(s, GC_HEAD_SIZE + SIZEOF.set, true);
  gcTrack(s);
  return s;
}

export function isFrozenset(s: PySet): boolean {
  return s.type === frozensetType || s.type.isSubtype(frozensetType);
}

// ---------------------------------------------------------------------------------------------
// Probing. `perturb` is the hash as an unsigned 64-bit value, shifted right 5 bits per jump;
// it is kept as two uint32 halves.

/** Rich comparison of a stored key with the one searched, as set_lookkey does it. */
function keysEqual(startkey: PyObject, key: PyObject): boolean {
  if (startkey instanceof PyStr && key instanceof PyStr && startkey.type === strType && key.type === strType) {
    return startkey.value === key.value;
  }
  startkey.refcnt++; // the comparison may run code that drops the set's reference
  try {
    return vm.eq(startkey, key);
  } finally {
    decref(startkey);
  }
}

/** The slot holding `key`, or the unused slot where its search ended. */
export function set_lookkey(so: PySet, key: PyObject, hash: PyHash): number {
  let mask = so.mask;
  let i = hashLow32(hash) & mask;
  let perturbLo = hashLow32(hash);
  let perturbHi = hashHigh32(hash);
  for (;;) {
    let entry = i;
    let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
    do {
      const startkey = so.table[entry];
      const h = so.hashes[entry];
      if (h === 0 && startkey === null) return entry;
      if (h === hash) {
        if (startkey === key) return entry;
        const table = so.table;
        const cmp = keysEqual(startkey!, key);
        if (table !== so.table || so.table[entry] !== startkey) return set_lookkey(so, key, hash);
        if (cmp) return entry;
        mask = so.mask;
      }
      entry++;
    } while (probes-- > 0);
    perturbLo = ((perturbLo >>> PERTURB_SHIFT) | (perturbHi << (32 - PERTURB_SHIFT))) >>> 0;
    perturbHi >>>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturbLo) & mask;
  }
}

/** Adds `key` (borrowed; the set takes its own reference) unless an equal key is present. */
export function set_add_entry(so: PySet, key: PyObject, hash: PyHash): void {
  restart: for (;;) {
    let mask = so.mask;
    let i = hashLow32(hash) & mask;
    let freeslot = -1;
    let perturbLo = hashLow32(hash);
    let perturbHi = hashHigh32(hash);
    for (;;) {
      let entry = i;
      let probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0;
      do {
        const startkey = so.table[entry];
        const h = so.hashes[entry];
        if (h === 0 && startkey === null) {
          if (freeslot < 0) {
            // found_unused
            key.refcnt++;
            so.fill++;
            so.used++;
            so.table[entry] = key;
            so.hashes[entry] = hash;
            if (so.fill * 5 < mask * 3) return;
            set_table_resize(so, so.used > 50000 ? so.used * 2 : so.used * 4);
            return;
          }
          // found_unused_or_dummy: reuse the last dummy passed, unless a comparison changed it
          if (so.hashes[freeslot] !== -1) continue restart;
          key.refcnt++;
          so.used++;
          so.table[freeslot] = key;
          so.hashes[freeslot] = hash;
          return;
        }
        if (h === hash) {
          if (startkey === key) return;
          const table = so.table;
          if (keysEqual(startkey!, key)) return;
          if (table !== so.table || so.table[entry] !== startkey) continue restart;
          mask = so.mask;
        } else if (h === -1) {
          freeslot = entry;
        }
        entry++;
      } while (probes-- > 0);
      perturbLo = ((perturbLo >>> PERTURB_SHIFT) | (perturbHi << (32 - PERTURB_SHIFT))) >>> 0;
      perturbHi >>>= PERTURB_SHIFT;
      i = (i * 5 + 1 + perturbLo) & mask;
    }
  }
}

/** Places a key known to be absent into a table without dummies (no comparisons, no counts). */
function set_insert_clean(table: (PyObject | null)[], hashes: PyHash[], mask: number, key: PyObject, hash: PyHash): void {
  let i = hashLow32(hash) & mask;
  let perturbLo = hashLow32(hash);
  let perturbHi = hashHigh32(hash);
  for (;;) {
    if (table[i] === null) return place(i);
    if (i + LINEAR_PROBES <= mask) {
      for (let j = 1; j <= LINEAR_PROBES; j++) if (table[i + j] === null) return place(i + j);
    }
    perturbLo = ((perturbLo >>> PERTURB_SHIFT) | (perturbHi << (32 - PERTURB_SHIFT))) >>> 0;
    perturbHi >>>= PERTURB_SHIFT;
    i = (i * 5 + 1 + perturbLo) & mask;
  }
  function place(at: number): void {
    table[at] = key;
    hashes[at] = hash;
  }
}

/**
 * Rebuilds the table with the smallest power-of-two size above `minused`, dropping dummies.
 * The new table is malloc'ed before the old one is freed, as PyMem_NEW / PyMem_Free do.
 */
export function set_table_resize(so: PySet, minused: number): void {
  let newsize = SET_MINSIZE;
  while (newsize <= minused) newsize *= 2;
  const oldtable = so.table;
  const oldhashes = so.hashes;
  const oldAddr = so.tableAddr;
  if (newsize === SET_MINSIZE) {
    // Shrinking to (or staying at) the inline smalltable; with no dummies there is nothing to do.
    if (oldAddr === 0 && so.fill === so.used) return;
    so.tableAddr = 0;
  } else {
    so.tableAddr = heap.malloc(SETENTRY_SIZE * newsize);
  }
  const newtable = newTable(newsize);
  const newhashes = newHashes(newsize);
  so.mask = newsize - 1;
  so.table = newtable;
  so.hashes = newhashes;
  so.fill = so.used;
  for (let i = 0; i < oldtable.length; i++) {
    const k = oldtable[i];
    if (k !== null && k !== dummy) set_insert_clean(newtable, newhashes, so.mask, k, oldhashes[i]);
  }
  if (oldAddr !== 0) heap.free(oldAddr);
}

export function set_contains_entry(so: PySet, key: PyObject, hash: PyHash): boolean {
  return so.table[set_lookkey(so, key, hash)] !== null;
}

/** Replaces the entry of `key` with a dummy; false when absent. */
export function set_discard_entry(so: PySet, key: PyObject, hash: PyHash): boolean {
  const entry = set_lookkey(so, key, hash);
  const old = so.table[entry];
  if (old === null) return false;
  so.table[entry] = dummy;
  so.hashes[entry] = -1;
  so.used--;
  decref(old);
  return true;
}

export function set_add_key(so: PySet, key: PyObject): void {
  set_add_entry(so, key, vm.hash(key));
}
export function set_contains_key(so: PySet, key: PyObject): boolean {
  return set_contains_entry(so, key, vm.hash(key));
}
export function set_discard_key(so: PySet, key: PyObject): boolean {
  return set_discard_entry(so, key, vm.hash(key));
}

function set_empty_to_minsize(so: PySet): void {
  so.table = newTable(SET_MINSIZE);
  so.hashes = newHashes(SET_MINSIZE);
  so.fill = 0;
  so.used = 0;
  so.mask = SET_MINSIZE - 1;
  so.tableAddr = 0;
  so.hash = -1;
}

/** Empties the set first, then drops the references (their finalizers may touch the set). */
export function set_clear_internal(so: PySet): void {
  const table = so.table;
  const addr = so.tableAddr;
  let used = so.used;
  if (so.fill > 0 || addr !== 0) set_empty_to_minsize(so);
  for (let i = 0; used > 0; i++) {
    const k = table[i];
    if (k !== null && k !== dummy) {
      used--;
      decref(k);
    }
  }
  if (addr !== 0) heap.free(addr);
}

/** The index of the first active slot at or after `pos`, or -1 (set_next). */
export function set_next(so: PySet, pos: number): number {
  const table = so.table;
  const mask = so.mask;
  let i = pos;
  while (i <= mask && (table[i] === null || table[i] === dummy)) i++;
  return i > mask ? -1 : i;
}

/** The members in table order (borrowed). */
export function setMembers(so: PySet): PyObject[] {
  const out: PyObject[] = [];
  for (let pos = set_next(so, 0); pos >= 0; pos = set_next(so, pos + 1)) out.push(so.table[pos]!);
  return out;
}

/** set_merge: adds every member of `other`, copying the table outright when `so` is empty. */
export function set_merge(so: PySet, other: PySet): void {
  if (other === so || other.used === 0) return;
  // One big resize up front rather than incremental ones, expecting few overlapping keys.
  if ((so.fill + other.used) * 5 >= so.mask * 3) set_table_resize(so, (so.used + other.used) * 2);
  if (so.fill === 0 && so.mask === other.mask && other.fill === other.used) {
    // Same size, no dummies: the slots map one to one.
    for (let i = 0; i <= other.mask; i++) {
      const k = other.table[i];
      if (k !== null) {
        k.refcnt++;
        so.table[i] = k;
        so.hashes[i] = other.hashes[i];
      }
    }
    so.fill = other.fill;
    so.used = other.used;
    return;
  }
  if (so.fill === 0) {
    so.fill = other.used;
    so.used = other.used;
    for (let i = 0; i <= other.mask; i++) {
      const k = other.table[i];
      if (k !== null && k !== dummy) {
        k.refcnt++;
        set_insert_clean(so.table, so.hashes, so.mask, k, other.hashes[i]);
      }
    }
    return;
  }
  for (let i = 0; i <= other.mask; i++) {
    const k = other.table[i];
    if (k !== null && k !== dummy) set_add_entry(so, k, other.hashes[i]);
  }
}

/** set.pop(): the first active slot from the finger on (wrapping); null when empty. */
export function set_pop(so: PySet): PyObject | null {
  if (so.used === 0) return null;
  let entry = so.finger & so.mask;
  while (so.table[entry] === null || so.table[entry] === dummy) {
    entry++;
    if (entry > so.mask) entry = 0;
  }
  const key = so.table[entry]!;
  so.table[entry] = dummy;
  so.hashes[entry] = -1;
  so.used--;
  so.finger = entry + 1;
  return key; // the set's reference passes to the caller
}

/** set_swap_bodies: exchanges the contents of two sets (intersection_update's last step). */
export function set_swap_bodies(a: PySet, b: PySet): void {
  [a.table, b.table] = [b.table, a.table];
  [a.hashes, b.hashes] = [b.hashes, a.hashes];
  [a.mask, b.mask] = [b.mask, a.mask];
  [a.fill, b.fill] = [b.fill, a.fill];
  [a.used, b.used] = [b.used, a.used];
  [a.tableAddr, b.tableAddr] = [b.tableAddr, a.tableAddr];
  if (isFrozenset(a) && isFrozenset(b)) [a.hash, b.hash] = [b.hash, a.hash];
  else a.hash = b.hash = -1;
}

// ---------------------------------------------------------------------------------------------
// frozenset's hash: order-independent (xor of shuffled member hashes), then dispersed.

const MASK64 = (1n << 64n) - 1n;

function shuffleBits(h: PyHash): bigint {
  const u = BigInt.asUintN(64, BigInt(h));
  return (((u ^ 89869747n) ^ (u << 16n)) * 3644798167n) & MASK64;
}

export function frozenset_hash(so: PySet): PyHash {
  if (so.hash !== -1) return so.hash;
  let hash = 0n;
  for (let pos = set_next(so, 0); pos >= 0; pos = set_next(so, pos + 1)) hash ^= shuffleBits(so.hashes[pos]);
  hash ^= (BigInt(so.used + 1) * 1927868237n) & MASK64;
  hash ^= (hash >> 11n) ^ (hash >> 25n);
  hash = (hash * 69069n + 907133923n) & MASK64;
  if (hash === MASK64) hash = 590923713n;
  const signed = BigInt.asIntN(64, hash);
  so.hash = signed >= -9007199254740991n && signed <= 9007199254740991n ? Number(signed) : signed;
  return so.hash;
}

// ---------------------------------------------------------------------------------------------
// Short names the rest of the engine uses.

/** Adds a borrowed item (hashing it; raises TypeError when unhashable). */
export function setAdd(s: PySet, o: PyObject): void {
  set_add_key(s, o);
}
export function setContains(s: PySet, o: PyObject): boolean {
  return set_contains_key(s, o);
}
export function setDiscard(s: PySet, o: PyObject): boolean {
  return set_discard_key(s, o);
}
export function setClear(s: PySet): void {
  set_clear_internal(s);
}
