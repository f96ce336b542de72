// Text forms of builtin values: float repr (Python's shortest round-trip with its exponent
// rule), str repr quoting, and format-spec handling for format()/f-strings.
import { valueError } from "./errors";
import { exponentForm, fixedDigits, generalForm } from "./float-digits";
import { INT_MAX, PY_SSIZE_T_MAX, reserveStr } from "./result-size";

export function floatRepr(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const exp = v.toExponential(); // shortest digits that round-trip
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp)!;
  const sign = m[1];
  const digits = m[2] + (m[3] ?? "");
  const e = parseInt(m[4], 10);
  if (e >= 16 || e < -4) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const es = Math.abs(e) < 10 ? `0${Math.abs(e)}` : `${Math.abs(e)}`;
    return `${sign}${mant}e${e < 0 ? "-" : "+"}${es}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${"0".repeat(e + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 0x20 || c === 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c >= 0x80 && c < 0xa0) out += "\\x" + c.toString(16).padStart(2, "0");
    else if (c === 0xad) out += "\\xad";
    else out += ch;
  }
  return out + quote;
}

export function bytesRepr(data: ArrayLike<number>): string {
  let hasSingle = false;
  let hasDouble = false;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 39) hasSingle = true;
    if (data[i] === 34) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = "b" + quote;
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    if (c === quote.charCodeAt(0) || c === 92) out += "\\" + String.fromCharCode(c);
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c < 0x20 || c >= 0x7f) out += "\\x" + c.toString(16).padStart(2, "0");
    else out += String.fromCharCode(c);
  }
  return out + quote;
}

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alt: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number;
  type: string;
}

/** A width or precision of a format spec: get_integer in formatter_unicode.c refuses one past Py_ssize_t. */
function specNumber(digits: string): number {
  if (digits.length >= 19 && BigInt(digits) > PY_SSIZE_T_MAX) valueError("Too many decimal digits in format string");
  return parseInt(digits, 10);
}

function parseSpec(spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/s.exec(spec);
  if (!m) valueError(`Invalid format specifier '${spec}'`);
  return {
    fill: m[1] ?? (m[5] && !m[2] ? "0" : " "),
    align: m[2] ?? (m[5] ? "=" : ""),
    sign: m[3] ?? "-",
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? specNumber(m[6]) : 0,
    grouping: m[7] ?? "",
    precision: m[8] !== undefined ? specNumber(m[8]) : -1,
    type: m[9] ?? "",
  };
}

/** Inserts `sep` every `every` digits from the right; with `minWidth`, pads with zeros first the way
 *  CPython's zero fill does (the padding is grouped too: format(1234, "010,") is "00,001,234"). */
function group(digits: string, sep: string, every = 3, minWidth = 0): string {
  if (!sep) return minWidth > digits.length ? digits.padStart(minWidth, "0") : digits;
  const grouped = (d: string): string => {
    let out = "";
    for (let i = d.length; i > 0; i -= every) out = d.slice(Math.max(0, i - every), i) + (out ? sep + out : "");
    return out;
  };
  let d = digits;
  let g = grouped(d);
  while (g.length < minWidth) {
    d = "0" + d;
    g = grouped(d);
  }
  return g;
}

function pad(body: string, sign: string, spec: Spec, defaultAlign: string): string {
  const total = sign.length + body.length;
  if (spec.width <= total) return sign + body;
  reserveStr(spec.width);
  const n = spec.width - total;
  const align = spec.align || defaultAlign;
  const fill = spec.fill;
  switch (align) {
    case "<": return sign + body + fill.repeat(n);
    case "^": return fill.repeat(n >> 1) + sign + body + fill.repeat(n - (n >> 1));
    case "=": return sign + fill.repeat(n) + body;
    default: return fill.repeat(n) + sign + body;
  }
}

function signOf(neg: boolean, spec: Spec): string {
  if (neg) return "-";
  return spec.sign === "+" ? "+" : spec.sign === " " ? " " : "";
}

/** Zero fill ("0" flag without an explicit fill) applied inside a grouped integer part. */
function zeroFillWidth(spec: Spec, sign: string, rest: string): number {
  if (!(spec.zero && spec.fill === "0" && spec.align === "=" && spec.grouping)) return 0;
  reserveStr(spec.width);
  return spec.width - sign.length - rest.length;
}

export function formatInt(v: number | bigint, specText: string): string {
  const spec = parseSpec(specText);
  if ("eEfFgG%".includes(spec.type) && spec.type !== "") return formatFloat(Number(v), specText);
  if (spec.precision >= 0) valueError("Precision not allowed in integer format specifier");
  const neg = v < 0;
  const abs = neg ? -v : v;
  const sign = signOf(neg, spec);
  let digits: string;
  let prefix = "";
  let every = 3;
  switch (spec.type) {
    case "b": digits = abs.toString(2); prefix = "0b"; every = 4; break;
    case "o": digits = abs.toString(8); prefix = "0o"; every = 4; break;
    case "x": digits = abs.toString(16); prefix = "0x"; every = 4; break;
    case "X": digits = abs.toString(16).toUpperCase(); prefix = "0X"; every = 4; break;
    case "c":
      if (spec.grouping) valueError(`Cannot specify ',' with 'c'.`);
      return pad(String.fromCodePoint(Number(abs)), sign, spec, ">");
    case "": case "d": case "n": digits = abs.toString(); break;
    default: valueError(`Unknown format code '${spec.type}' for object of type 'int'`);
  }
  if (every === 4 && spec.grouping === ",") valueError(`Cannot specify ',' with '${spec.type}'.`);
  if (!spec.alt) prefix = "";
  const body = prefix + group(digits, spec.grouping, every, zeroFillWidth(spec, sign, prefix));
  return pad(body, sign, spec, ">");
}

export function formatFloat(v: number, specText: string): string {
  const spec = parseSpec(specText);
  const neg = (v < 0 || Object.is(v, -0)) && !Number.isNaN(v);
  const abs = spec.type === "%" ? Math.abs(v) * 100 : Math.abs(v);
  const p = spec.precision;
  const upper = spec.type === "E" || spec.type === "F" || spec.type === "G";
  let body: string;
  let suffix = "";
  if (!Number.isFinite(abs)) {
    if (!"eEfFgGn%".includes(spec.type) && spec.type !== "") valueError(`Unknown format code '${spec.type}' for object of type 'float'`);
    body = Number.isNaN(abs) ? "nan" : "inf";
    if (upper) body = body.toUpperCase();
    if (spec.type === "%") body += "%";
    const sign = signOf(neg, spec);
    return pad(body, sign, { ...spec, fill: spec.zero && spec.fill === "0" ? " " : spec.fill }, ">");
  }
  // format_float_internal refuses a precision past a C int, then PyOS_double_to_string allocates
  // a buffer of about `precision` characters: reserve it before the digits are built.
  if (p > INT_MAX) valueError("precision too big");
  if (p > 0) reserveStr(p);
  switch (spec.type) {
    case "f": case "F": body = fixedDigits(abs, p < 0 ? 6 : p); if (spec.alt && !body.includes(".")) body += "."; break;
    case "e": case "E": body = exponentForm(abs, p < 0 ? 6 : p, spec.alt); break;
    case "%": body = fixedDigits(abs, p < 0 ? 6 : p); suffix = "%"; break;
    case "g": case "G": case "n": body = generalForm(abs, p < 0 ? 6 : p === 0 ? 1 : p, spec.alt); break;
    case "":
      body = p < 0 ? floatRepr(abs) : generalForm(abs, p === 0 ? 1 : p, spec.alt, true);
      break;
    default: valueError(`Unknown format code '${spec.type}' for object of type 'float'`);
  }
  if (upper) body = body.toUpperCase();
  const sign = signOf(neg, spec);
  if (spec.grouping) {
    const m = /^(\d+)(.*)$/.exec(body);
    if (m) body = group(m[1], spec.grouping, 3, zeroFillWidth(spec, sign, m[2] + suffix)) + m[2];
  }
  return pad(body + suffix, sign, spec, ">");
}

export function formatStr(s: string, specText: string): string {
  const spec = parseSpec(specText);
  if (spec.type !== "" && spec.type !== "s") valueError(`Unknown format code '${spec.type}' for object of type 'str'`);
  const body = spec.precision >= 0 ? Array.from(s).slice(0, spec.precision).join("") : s;
  return pad(body, "", spec, "<");
}
