// Exact decimal digits of doubles, rounded half-to-even on the exact binary value, as CPython's
// dtoa-based formatting does ('f', 'e', 'g', '%', round()). JS's toFixed/toExponential round
// exact ties away from zero (2.5.toFixed(0) is "3", Python says "2") and toFixed switches to
// exponent form at 1e21, so neither can be used.

/** v = mant * 2**exp for a finite v >= 0. */
function decompose(v: number): { mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, v);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  if (biased === 0) return { mant: frac, exp: -1074 };
  return { mant: frac | (1n << 52n), exp: biased - 1075 };
}

const pow10Cache: bigint[] = [];
function pow10(k: number): bigint {
  if (k < 64) return (pow10Cache[k] ??= 10n ** BigInt(k));
  return 10n ** BigInt(k);
}

/** round_half_even(|v| * 10**k) exactly, for finite v. */
export function roundScaled(v: number, k: number): bigint {
  const { mant, exp } = decompose(Math.abs(v));
  let num = mant;
  let den = 1n;
  if (exp >= 0) num <<= BigInt(exp);
  else den <<= BigInt(-exp);
  if (k >= 0) num *= pow10(k);
  else den *= pow10(-k);
  let q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) q += 1n;
  return q;
}

/** |v| with exactly `precision` digits after the point ('f'). */
export function fixedDigits(v: number, precision: number): string {
  const s = roundScaled(v, precision).toString();
  if (precision === 0) return s;
  const padded = s.padStart(precision + 1, "0");
  return `${padded.slice(0, -precision)}.${padded.slice(-precision)}`;
}

/** The `precision + 1` significant digits of |v| and its decimal exponent after rounding. */
export function scientificDigits(v: number, precision: number): { digits: string; exp: number } {
  const a = Math.abs(v);
  if (a === 0) return { digits: "0".repeat(precision + 1), exp: 0 };
  let e = Math.floor(Math.log10(a));
  for (;;) {
    const n = roundScaled(a, precision - e);
    const s = n.toString();
    if (s.length > precision + 1) e++;
    else if (s.length < precision + 1) e--;
    else return { digits: s, exp: e };
  }
}

function exponentSuffix(exp: number): string {
  return `e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** 'e' format of |v|. */
export function exponentForm(v: number, precision: number, alt: boolean): string {
  const { digits, exp } = scientificDigits(v, precision);
  const mant = precision > 0 ? `${digits[0]}.${digits.slice(1)}` : alt ? `${digits}.` : digits;
  return mant + exponentSuffix(exp);
}

/**
 * 'g' format of |v| (precision >= 1). `reprStyle` is the no-type format with a precision: fixed
 * notation keeps a ".0" and scientific notation starts one exponent earlier (CPython's ADD_DOT_0).
 */
export function generalForm(v: number, precision: number, alt: boolean, reprStyle = false): string {
  const a = Math.abs(v);
  const { exp } = scientificDigits(a, precision - 1);
  const sci = exp < -4 || exp >= (reprStyle ? precision - 1 : precision);
  let s = sci ? exponentForm(a, precision - 1, alt) : fixedDigits(a, precision - 1 - exp);
  if (!alt) {
    const e = sci ? s.indexOf("e") : s.length;
    let mant = s.slice(0, e);
    if (mant.includes(".")) mant = mant.replace(/\.?0+$/, "");
    s = mant + s.slice(e);
  } else if (!sci && !s.includes(".")) s += ".";
  if (reprStyle && !sci && !s.includes(".")) s += ".0";
  if (reprStyle && alt && s.endsWith(".")) s += "0";
  return s;
}

/** round(v, ndigits) for a finite float: the double nearest the half-even decimal rounding. */
export function roundFloat(v: number, ndigits: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  if (ndigits > 330) return v;
  if (ndigits < -330) return 0 * v;
  const n = roundScaled(v, ndigits);
  const r = Number(`${n}e${-ndigits}`);
  return v < 0 ? -r : r;
}

/** float.as_integer_ratio for a finite v: the exact fraction in lowest terms. */
export function floatRatio(v: number): [bigint, bigint] {
  const { mant, exp } = decompose(Math.abs(v));
  let n = mant;
  let d = 1n;
  if (exp >= 0) n <<= BigInt(exp);
  else {
    d <<= BigInt(-exp);
    while (n !== 0n && (n & 1n) === 0n && d > 1n) {
      n >>= 1n;
      d >>= 1n;
    }
    if (n === 0n) d = 1n;
  }
  return [v < 0 ? -n : n, d];
}

/** float.hex: sign, 0x1.<13 hex digits>p<exp> (0x0.<...>p-1022 for subnormals). */
export function floatHex(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v < 0 ? "-inf" : "inf";
  const sign = v < 0 || Object.is(v, -0) ? "-" : "";
  if (v === 0) return `${sign}0x0.0p+0`;
  const { mant, exp } = decompose(Math.abs(v));
  const subnormal = mant < 1n << 52n;
  const frac = (mant & ((1n << 52n) - 1n)).toString(16).padStart(13, "0");
  const e = subnormal ? -1022 : exp + 52;
  return `${sign}0x${subnormal ? 0 : 1}.${frac}p${e < 0 ? "-" : "+"}${Math.abs(e)}`;
}
