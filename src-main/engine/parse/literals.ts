/**
 * Numeric and string literal decoding, as CPython's tokenizer and string parser (Parser/string_parser.c)
 * do it. Lexical validity (digit groups, prefixes) is checked by the tokenizer pass beforehand; these
 * functions only turn accepted text into values.
 */
import type { ConstantValue } from "./ast";

/** The value of a numeric literal's text, e.g. "0x_ff", "1_000.5e3", "2j". */
export function numberValue(text: string): ConstantValue {
  const clean = text.replace(/_/g, "");
  const last = clean[clean.length - 1];
  if (last === "j" || last === "J") return { type: "complex", imag: Number(clean.slice(0, -1)) };
  if (/^0[xob]/i.test(clean)) return { type: "int", value: BigInt(clean.toLowerCase()) };
  if (/[.eE]/.test(clean)) return { type: "float", value: Number(clean) };
  return { type: "int", value: BigInt(clean) };
}

/** A string literal token split into its parts: prefix letters (lowercased), quote, and body. */
export interface StringToken {
  prefix: string;
  quote: string;
  body: string;
  /** Offset of the body within the token text. */
  bodyStart: number;
  isBytes: boolean;
  isRaw: boolean;
  isFormat: boolean;
}

export function splitStringToken(text: string): StringToken {
  let i = 0;
  while (i < text.length && text[i] !== "'" && text[i] !== '"') i++;
  const prefix = text.slice(0, i).toLowerCase();
  const q = text[i];
  const quote = text.startsWith(q.repeat(3), i) && text.length - i >= 6 ? q.repeat(3) : q;
  const bodyStart = i + quote.length;
  const endsWithQuote = text.length - bodyStart >= quote.length && text.endsWith(quote);
  const body = text.slice(bodyStart, endsWithQuote ? text.length - quote.length : text.length);
  return {
    prefix,
    quote,
    body,
    bodyStart,
    isBytes: prefix.includes("b"),
    isRaw: prefix.includes("r"),
    isFormat: prefix.includes("f"),
  };
}

/** Problems found while decoding; the caller turns them into SyntaxErrors or warnings. */
export interface DecodeIssue {
  kind: "invalid-escape" | "invalid-octal" | "bad-unicode-escape" | "named-unicode" | "non-ascii-bytes";
  /** Index in the literal's body where the problem starts. */
  index: number;
  /** Index of the last character of a malformed escape (CPython's "position start-end"). */
  end?: number;
  message: string;
}

const simpleEscapes: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

/**
 * Decodes the escapes of a str literal body (not raw). Unknown escapes keep their backslash and
 * are reported as "invalid-escape" (CPython 3.13 emits a SyntaxWarning for them).
 */
export function decodeStrEscapes(body: string, issues: DecodeIssue[]): string {
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const start = i;
    const e = body[++i];
    if (e === undefined) {
      out += "\\";
      break;
    }
    if (e === "\n") continue;
    if (e in simpleEscapes) {
      out += simpleEscapes[e];
    } else if (e >= "0" && e <= "7") {
      let digits = e;
      while (digits.length < 3 && body[i + 1] >= "0" && body[i + 1] <= "7") digits += body[++i];
      const code = parseInt(digits, 8);
      if (code > 0o377) {
        issues.push({ kind: "invalid-octal", index: start, message: `invalid octal escape sequence '\\${digits}'` });
      }
      out += String.fromCodePoint(code);
    } else if (e === "x" || e === "u" || e === "U") {
      const width = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + width);
      if (hex.length < width || !/^[0-9a-fA-F]+$/.test(hex)) {
        const what = e === "x" ? "truncated \\xXX escape" : e === "u" ? "truncated \\uXXXX escape" : "truncated \\UXXXXXXXX escape";
        const valid = /^[0-9a-fA-F]*/.exec(hex)![0].length;
        issues.push({ kind: "bad-unicode-escape", index: start, end: i + valid, message: what });
        return out;
      }
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) {
        issues.push({ kind: "bad-unicode-escape", index: start, end: i + width, message: "illegal Unicode character" });
        return out;
      }
      out += String.fromCodePoint(code);
      i += width;
    } else if (e === "N") {
      issues.push({ kind: "named-unicode", index: start, message: "\\N{...} escapes are not supported by this engine" });
      return out;
    } else {
      issues.push({ kind: "invalid-escape", index: start, message: `invalid escape sequence '\\${e}'` });
      out += "\\" + e;
    }
  }
  return out;
}

/** Decodes a bytes literal body (raw or not). Non-ASCII characters are an error in Python. */
export function decodeBytes(body: string, raw: boolean, issues: DecodeIssue[]): Uint8Array {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c > 127) {
      issues.push({ kind: "non-ascii-bytes", index: i, message: "bytes can only contain ASCII literal characters" });
      return new Uint8Array(bytes);
    }
    if (c !== 92 || raw) {
      bytes.push(c);
      continue;
    }
    const start = i;
    const e = body[++i];
    if (e === undefined) {
      bytes.push(92);
      break;
    }
    if (e === "\n") continue;
    if (e in simpleEscapes) {
      bytes.push(simpleEscapes[e].charCodeAt(0));
    } else if (e >= "0" && e <= "7") {
      let digits = e;
      while (digits.length < 3 && body[i + 1] >= "0" && body[i + 1] <= "7") digits += body[++i];
      const code = parseInt(digits, 8);
      if (code > 0o377) {
        issues.push({ kind: "invalid-octal", index: start, message: `invalid octal escape sequence '\\${digits}'` });
      }
      bytes.push(code & 0xff);
    } else if (e === "x") {
      const hex = body.slice(i + 1, i + 3);
      if (hex.length < 2 || !/^[0-9a-fA-F]+$/.test(hex)) {
        issues.push({ kind: "bad-unicode-escape", index: start, message: `invalid \\x escape at position ${start}` });
        return new Uint8Array(bytes);
      }
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      issues.push({ kind: "invalid-escape", index: start, message: `invalid escape sequence '\\${e}'` });
      bytes.push(92, e.charCodeAt(0));
    }
  }
  return new Uint8Array(bytes);
}

/** Decodes a literal piece of an f-string: `{{`/`}}` become single braces, then escapes apply. */
export function decodeFStringLiteral(text: string, raw: boolean, issues: DecodeIssue[]): string {
  const unbraced = text.replace(/\{\{/g, "{").replace(/\}\}/g, "}");
  return raw ? unbraced : decodeStrEscapes(unbraced, issues);
}
