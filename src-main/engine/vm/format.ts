// Text forms of builtin values: float repr (Python's shortest round-trip with its exponent
// rule), str repr quoting, and format-spec handling for format()/f-strings.
import { valueError } from "./errors";

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

function parseSpec(spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([a-zA-Z%])?$/s.exec(spec);
  if (!m) valueError(`Invalid format specifier '${spec}'`);
  return {
    fill: m[1] ?? (m[5] && !m[2] ? "0" : " "),
    align: m[2] ?? (m[5] ? "=" : ""),
    sign: m[3] ?? "-",
    alt: !!m[4],
    zero: !!m[5],
    width: m[6] ? parseInt(m[6], 10) : 0,
    grouping: m[7] ?? "",
    precision: m[8] !== undefined ? parseInt(m[8], 10) : -1,
    type: m[9] ?? "",
  };
}

function group(intPart: string, sep: string): string {
  if (!sep) return intPart;
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function pad(body: string, sign: string, spec: Spec, defaultAlign: string): string {
  const total = sign.length + body.length;
  if (spec.width <= total) return sign + body;
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

export function formatInt(v: number | bigint, specText: string): string {
  const spec = parseSpec(specText);
  if ("eEfFgG%".includes(spec.type) && spec.type !== "") return formatFloat(Number(v), specText);
  const neg = v < 0;
  const abs = neg ? -v : v;
  let body: string;
  switch (spec.type) {
    case "b": body = abs.toString(2); if (spec.alt) body = "0b" + body; break;
    case "o": body = abs.toString(8); if (spec.alt) body = "0o" + body; break;
    case "x": body = abs.toString(16); if (spec.alt) body = "0x" + body; break;
    case "X": body = abs.toString(16).toUpperCase(); if (spec.alt) body = "0X" + body; break;
    case "c": body = String.fromCodePoint(Number(abs)); break;
    case "": case "d": case "n": body = group(abs.toString(), spec.grouping); break;
    default: valueError(`Unknown format code '${spec.type}' for object of type 'int'`);
  }
  return pad(body, signOf(neg, spec), spec, ">");
}

export function formatFloat(v: number, specText: string): string {
  const spec = parseSpec(specText);
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  let body: string;
  const p = spec.precision;
  switch (spec.type) {
    case "f": case "F": body = fixed(abs, p < 0 ? 6 : p, spec.grouping); break;
    case "e": case "E": body = expo(abs, p < 0 ? 6 : p); if (spec.type === "E") body = body.toUpperCase(); break;
    case "%": body = fixed(abs * 100, p < 0 ? 6 : p, spec.grouping) + "%"; break;
    case "g": case "G": body = general(abs, p < 0 ? 6 : p === 0 ? 1 : p, spec.alt); break;
    case "":
      if (p < 0) {
        body = floatRepr(abs);
        if (spec.grouping) {
          const [i, f] = body.split(".");
          body = group(i, spec.grouping) + (f !== undefined ? "." + f : "");
        }
      } else body = general(abs, p === 0 ? 1 : p, true, true);
      break;
    default: valueError(`Unknown format code '${spec.type}' for object of type 'float'`);
  }
  if (!Number.isFinite(abs)) body = Number.isNaN(abs) ? "nan" : "inf";
  return pad(body, signOf(neg && !Number.isNaN(v), spec), spec, ">");
}

function fixed(v: number, digits: number, grouping: string): string {
  if (!Number.isFinite(v)) return String(v);
  const s = v.toFixed(Math.min(digits, 100));
  if (!grouping) return s;
  const [i, f] = s.split(".");
  return group(i, grouping) + (f !== undefined ? "." + f : "");
}

function expo(v: number, digits: number): string {
  const s = v.toExponential(Math.min(digits, 100));
  return s.replace(/e([+-])(\d)$/, "e$10$2");
}

function general(v: number, precision: number, alt: boolean, reprStyle = false): string {
  if (v === 0) return reprStyle ? "0.0" : "0";
  const exp = Math.floor(Math.log10(v));
  const e = Number(v.toExponential(precision - 1).split("e")[1]);
  void exp;
  let s: string;
  if (e < -4 || e >= precision) {
    s = v.toExponential(precision - 1);
    let [mant, ex] = s.split("e");
    if (!alt && mant.includes(".")) mant = mant.replace(/\.?0+$/, "");
    const en = parseInt(ex, 10);
    s = `${mant}e${en < 0 ? "-" : "+"}${String(Math.abs(en)).padStart(2, "0")}`;
  } else {
    s = v.toFixed(Math.max(0, precision - 1 - e));
    if (!alt && s.includes(".")) s = s.replace(/\.?0+$/, "");
    else if (reprStyle && !s.includes(".")) s += ".0";
  }
  return s;
}

export function formatStr(s: string, specText: string): string {
  const spec = parseSpec(specText);
  if (spec.type !== "" && spec.type !== "s") valueError(`Unknown format code '${spec.type}' for object of type 'str'`);
  const body = spec.precision >= 0 ? Array.from(s).slice(0, spec.precision).join("") : s;
  return pad(body, "", spec, "<");
}
