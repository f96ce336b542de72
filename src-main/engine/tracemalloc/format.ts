// The bits of Python formatting tracemalloc.py relies on, reproduced exactly:
// '%.Nf' (correctly rounded, ties to even), '%+.Nf', repr() of a str, str.strip(), and
// code-point ordering of str. Pure functions over plain values.

/** A Python-level error the tracemalloc layer raises; the VM turns it into that exception type. */
export class TracemallocError extends Error {
  constructor(
    readonly pyType: "ValueError" | "RuntimeError" | "TypeError",
    message: string,
  ) {
    super(message);
    this.name = pyType;
  }
}

/**
 * Python's '%.{digits}f' % x (and '%+.{digits}f' with `sign`): the exact binary value rounded to
 * `digits` decimals, ties to even. JS toFixed rounds ties away from zero, so it is only used to read
 * the exact decimal expansion.
 */
export function formatFixed(x: number, digits: number, sign = false): string {
  if (Number.isNaN(x)) return sign ? "+nan" : "nan";
  if (!Number.isFinite(x)) return (x < 0 ? "-" : sign ? "+" : "") + "inf";
  const negative = x < 0 || Object.is(x, -0);
  const exact = Math.abs(x).toFixed(100); // every double >= 2**-47 is exact in 100 decimals
  const point = exact.indexOf(".");
  const intPart = exact.slice(0, point);
  const frac = exact.slice(point + 1);
  let kept = intPart + frac.slice(0, digits);
  const rest = frac.slice(digits);
  const firstDropped = rest.charCodeAt(0) - 48;
  const beyondHalf = /[1-9]/.test(rest.slice(1));
  const lastKept = kept.charCodeAt(kept.length - 1) - 48;
  const roundUp = firstDropped > 5 || (firstDropped === 5 && (beyondHalf || lastKept % 2 === 1));
  if (roundUp) kept = incrementDecimalString(kept);
  const whole = kept.slice(0, kept.length - digits) || "0";
  const body = digits > 0 ? `${whole}.${kept.slice(kept.length - digits)}` : whole;
  return (negative ? "-" : sign ? "+" : "") + body;
}

function incrementDecimalString(digits: string): string {
  const chars = digits.split("");
  let i = chars.length - 1;
  while (i >= 0) {
    if (chars[i] === "9") {
      chars[i] = "0";
      i--;
    } else {
      chars[i] = String.fromCharCode(chars[i]!.charCodeAt(0) + 1);
      return chars.join("");
    }
  }
  return "1" + chars.join("");
}

/** tracemalloc._format_size(size, sign): "10.0 KiB", "99 B", "+19.5 KiB", "-5 B". */
export function _format_size(size: number, sign: boolean): string {
  for (const unit of ["B", "KiB", "MiB", "GiB", "TiB"]) {
    if (Math.abs(size) < 100 && unit !== "B") return `${formatFixed(size, 1, sign)} ${unit}`;
    if (Math.abs(size) < 10 * 1024 || unit === "TiB") return `${formatFixed(size, 0, sign)} ${unit}`;
    size /= 1024;
  }
  throw new Error("unreachable: the TiB branch always returns");
}

/** Python's '%i' / '%+i' of an int. */
export function formatInt(value: number, sign = false): string {
  return (sign && value >= 0 ? "+" : "") + String(Math.trunc(value));
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** repr() of a Python str. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (cp < 0x20 || cp === 0x7f) out += "\\x" + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (ch !== " " && NON_PRINTABLE.test(ch)) {
      out += cp <= 0xff ? "\\x" + hex(cp, 2) : cp <= 0xffff ? "\\u" + hex(cp, 4) : "\\U" + hex(cp, 8);
    } else out += ch;
  }
  return out + quote;
}

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, "0");
}

/** Python's str.isspace() characters, for str.strip(). */
const PY_WHITESPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/** Python's str.strip() with no argument. */
export function pyStrip(s: string): string {
  return s.replace(PY_WHITESPACE, "");
}

/** Compare two str values as Python does: by code point. */
export function compareStr(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // A surrogate (a code point above U+FFFF) sorts after every BMP character.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}
