// Python's hash values, computed exactly as 64-bit CPython 3.13 does (Python/pyhash.c,
// Objects/longobject.c long_hash, Objects/tupleobject.c tuplehash, _Py_HashPointer). Set
// iteration order follows hash values, so they must be the real ones, not lookalikes.
//
// A Py_hash_t is a signed 64-bit integer. It is held as a JS number while it is a safe integer
// (the common case: small ints, pointers) and as a bigint otherwise; `normHash` keeps that one
// canonical form, so two equal hashes are always `===`.
import type { IntValue } from "./int";

export type PyHash = number | bigint;

const MASK64 = (1n << 64n) - 1n;
/** _PyHASH_MODULUS: 2**61 - 1, the prime numeric hashes are reduced by. */
const HASH_BITS = 61;
const HASH_MODULUS = (1n << 61n) - 1n;
/** _PyHASH_INF: hash(float('inf')). */
const HASH_INF = 314159;
/** Py_HashNone's constant since 3.12 (hash(None) no longer depends on None's address). */
export const NONE_HASH = 0xfca86420;

/** The canonical form of a signed 64-bit hash (number when safe). */
export function normHash(h: bigint): PyHash {
  return h >= -9007199254740991n && h <= 9007199254740991n ? Number(h) : h;
}

/** A Py_uhash_t (0..2**64-1) reinterpreted as Py_hash_t, with -1 (the error code) made -2. */
function fromUnsigned(u: bigint): PyHash {
  const h = BigInt.asIntN(64, u);
  return h === -1n ? -2 : normHash(h);
}

/** long_hash: the value modulo 2**61-1 keeping its sign; -1 becomes -2. */
export function longHash(v: IntValue): PyHash {
  if (typeof v === "number") return v === -1 ? -2 : v; // |v| < 2**53 < modulus: already reduced
  const r = (v < 0n ? -v : v) % HASH_MODULUS;
  const h = v < 0n ? -r : r;
  return h === -1n ? -2 : normHash(h);
}

/**
 * The hash a Python __hash__ result becomes (slot_tp_hash): the int itself when it fits a
 * Py_ssize_t, else int's own hash of it; -1 is reserved and becomes -2.
 */
export function hashFromHashResult(v: IntValue): PyHash {
  if (typeof v === "number") return v === -1 ? -2 : v;
  if (BigInt.asIntN(64, v) === v) return v === -1n ? -2 : normHash(v);
  return longHash(v);
}

/** _Py_HashPointerRaw: the address rotated right by 4 bits (its low bits are alignment zeros). */
export function pointerHash(addr: number): PyHash {
  if (addr % 16 === 0) {
    const h = addr / 16;
    return h === -1 ? -2 : h;
  }
  const p = BigInt(addr);
  return fromUnsigned(((p >> 4n) | (p << 60n)) & MASK64);
}

const F64 = new Float64Array(1);
const F64_WORDS = new Uint32Array(F64.buffer);

/**
 * _Py_HashDouble: the hash of the rational number the float is exactly, modulo 2**61-1, so that
 * equal ints and floats hash alike. v = mantissa * 2**exp; 2**61 = 1 (mod P) reduces the exponent.
 * A NaN hashes by identity (3.10+), which the caller supplies as `addr`.
 */
export function doubleHash(v: number, addr: number): PyHash {
  if (!Number.isFinite(v)) {
    if (Number.isNaN(v)) return pointerHash(addr);
    return v > 0 ? HASH_INF : -HASH_INF;
  }
  if (Number.isSafeInteger(v)) return longHash(v);
  F64[0] = v;
  const hi = F64_WORDS[1];
  const lo = F64_WORDS[0];
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) exp = -1074; // subnormal
  else {
    mantissa |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  const e = ((exp % HASH_BITS) + HASH_BITS) % HASH_BITS;
  let x = ((mantissa % HASH_MODULUS) << BigInt(e)) % HASH_MODULUS;
  if (v < 0) x = -x;
  return x === -1n ? -2 : normHash(x);
}

// --- SipHash-1-3 (pyhash.c siphash13), keyed with PYTHONHASHSEED=0's all-zero secret. --------
// 64-bit lanes are kept as (hi, lo) pairs of uint32 so no bigint work happens per round.

const v = new Uint32Array(8); // v0.hi v0.lo v1.hi v1.lo v2.hi v2.lo v3.hi v3.lo

function add(a: number, b: number): void {
  const lo = v[a + 1] + v[b + 1];
  v[a] = v[a] + v[b] + (lo > 0xffffffff ? 1 : 0);
  v[a + 1] = lo;
}

function rotl(a: number, s: number): void {
  let hi = v[a];
  let lo = v[a + 1];
  if (s >= 32) {
    const t = hi;
    hi = lo;
    lo = t;
    s -= 32;
  }
  if (s > 0) {
    const nhi = (hi << s) | (lo >>> (32 - s));
    lo = (lo << s) | (hi >>> (32 - s));
    hi = nhi;
  }
  v[a] = hi;
  v[a + 1] = lo;
}

function xorInto(a: number, b: number): void {
  v[a] ^= v[b];
  v[a + 1] ^= v[b + 1];
}

const V0 = 0, V1 = 2, V2 = 4, V3 = 6;

function halfRound(a: number, b: number, c: number, d: number, s: number, t: number): void {
  add(a, b);
  add(c, d);
  rotl(b, s);
  xorInto(b, a);
  rotl(d, t);
  xorInto(d, c);
  rotl(a, 32);
}

function singleRound(): void {
  halfRound(V0, V1, V2, V3, 13, 16);
  halfRound(V2, V1, V0, V3, 17, 21);
}

/** Little-endian word of `data` at byte `at`, `n` bytes (the tail block zero-fills the rest). */
function word(data: Uint8Array, at: number, n: number): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < n; k++) {
    const b = data[at + k];
    if (k < 4) lo |= b << (8 * k);
    else hi |= b << (8 * (k - 4));
  }
  return [hi >>> 0, lo >>> 0];
}

function siphash13(data: Uint8Array): bigint {
  // k0 = k1 = 0: the constants are the initial state.
  v.set([0x736f6d65, 0x70736575, 0x646f7261, 0x6e646f6d, 0x6c796765, 0x6e657261, 0x74656462, 0x79746573]);
  const n = data.length;
  let at = 0;
  while (n - at >= 8) {
    const [mhi, mlo] = word(data, at, 8);
    at += 8;
    v[V3] ^= mhi;
    v[V3 + 1] ^= mlo;
    singleRound();
    v[V0] ^= mhi;
    v[V0 + 1] ^= mlo;
  }
  const [thi, tlo] = word(data, at, n - at);
  const bhi = (thi | ((n & 0xff) << 24)) >>> 0;
  const blo = tlo;
  v[V3] ^= bhi;
  v[V3 + 1] ^= blo;
  singleRound();
  v[V0] ^= bhi;
  v[V0 + 1] ^= blo;
  v[V2 + 1] ^= 0xff;
  singleRound();
  singleRound();
  singleRound();
  const hi = (v[V0] ^ v[V1] ^ v[V2] ^ v[V3]) >>> 0;
  const lo = (v[V0 + 1] ^ v[V1 + 1] ^ v[V2 + 1] ^ v[V3 + 1]) >>> 0;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** _Py_HashBytes: 0 for empty input, else SipHash-1-3 of the bytes. */
export function bytesHash(data: Uint8Array): PyHash {
  if (data.length === 0) return 0;
  return fromUnsigned(siphash13(data));
}

/**
 * unicode_hash: _Py_HashBytes over the string's compact representation, one, two or four
 * little-endian bytes per code point depending on its widest character.
 */
export function unicodeHash(value: string, maxChar: number): PyHash {
  const kind = maxChar < 0x100 ? 1 : maxChar < 0x10000 ? 2 : 4;
  const cps: number[] = [];
  for (const ch of value) cps.push(ch.codePointAt(0)!);
  const data = new Uint8Array(cps.length * kind);
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    for (let k = 0; k < kind; k++) data[i * kind + k] = (c >>> (8 * k)) & 0xff;
  }
  return bytesHash(data);
}

// --- tuplehash: xxHash's mixing over the items' hashes (3.8+). ------------------------------

const XXPRIME_1 = 11400714785074694791n;
const XXPRIME_2 = 14029467366897019727n;
const XXPRIME_5 = 2870177450012600261n;

/** tuplehash given the hashes of the items, in order. */
export function tupleHash(itemHashes: PyHash[]): PyHash {
  let acc = XXPRIME_5;
  for (const h of itemHashes) {
    const lane = BigInt.asUintN(64, BigInt(h));
    acc = (acc + lane * XXPRIME_2) & MASK64;
    acc = ((acc << 31n) | (acc >> 33n)) & MASK64; // rotate left 31
    acc = (acc * XXPRIME_1) & MASK64;
  }
  // The length, mangled to keep hash(()) at its historical value.
  acc = (acc + (BigInt(itemHashes.length) ^ (XXPRIME_5 ^ 3527539n))) & MASK64;
  if (acc === MASK64) return 1546275796;
  return normHash(BigInt.asIntN(64, acc));
}

/** The low 32 bits of a hash as an unsigned number (table indexing only needs low bits). */
export function hashLow32(h: PyHash): number {
  return typeof h === "number" ? h >>> 0 : Number(BigInt.asUintN(32, h));
}

/** The high 32 bits of the hash seen as a size_t (for the probe sequence's perturb). */
export function hashHigh32(h: PyHash): number {
  if (typeof h === "number") return Math.floor(h / 4294967296) >>> 0;
  return Number(BigInt.asUintN(32, h >> 32n));
}
