/**
 * A tokenizer that follows CPython 3.13's (Parser/lexer/lexer.c) closely enough to find the
 * errors CPython's tokenizer raises, with its messages and positions: unterminated strings,
 * mismatched brackets, bad indentation, malformed numbers, invalid characters, f-string lexical
 * errors. Lezer builds the tree; this pass supplies what lezer's lenient lexer does not check,
 * and a token list that error diagnosis uses to point where CPython points.
 */

export type TokenType = "NAME" | "NUMBER" | "STRING" | "FSTRING" | "OP" | "NEWLINE" | "INDENT" | "DEDENT" | "ENDMARKER" | "ERRORTOKEN";

export interface Token {
  type: TokenType;
  /** String offsets into the source. */
  from: number;
  to: number;
  /** The token text (for OP and NAME). */
  text: string;
}

/** A tokenizer error: message, Python class, and CPython's reported position (string offsets). */
export interface TokenizerError {
  msg: string;
  type: "SyntaxError" | "IndentationError" | "TabError";
  from: number;
  to: number;
  /** Where the tokenizer stood when it failed (string offset). */
  at: number;
  /**
   * True for errors CPython's tokenizer raises as exceptions at once (strings, numbers, brackets,
   * characters). False for those it only flags in its state (line continuation, dedent, tabs),
   * which do not replace an earlier parser error.
   */
  raised: boolean;
  /**
   * Whether it replaces an earlier parser error (CPython tokenizes the rest of the file after one;
   * raised errors win, except inside an f-string, where the parser's error is kept).
   */
  overrides: boolean;
}

const FLAGGED_ONLY = new Set([
  "unexpected character after line continuation character",
  "unexpected EOF while parsing",
  "unindent does not match any outer indentation level",
  "inconsistent use of tabs and spaces in indentation",
]);

export interface UnclosedBracket {
  char: string;
  from: number;
}

export interface TokenizeResult {
  tokens: Token[];
  error: TokenizerError | null;
  /** Innermost bracket still open at end of input (CPython: "'(' was never closed"). */
  unclosed: UnclosedBracket | null;
  /** Offsets of numbers written with a trailing dot ("5.", "1.e3"), which lezer cannot read. */
  trailingDotNumbers: number[];
  /** Offsets at which CPython warns "invalid decimal literal" (e.g. "1if"). */
  numberWarnings: { offset: number; message: string }[];
  /** Errors inside f-string replacement fields that CPython's parser raises (positions as offsets). */
  fstringParserErrors: { msg: string; from: number; to: number }[];
}

class TokenizeStop extends Error {}

/** Unwinds f-string scanning when its closing quote appears inside a format spec. */
class FStringEndsInSpec extends Error {}

const OPERATORS = [
  "**=", "//=", ">>=", "<<=", "...", "->", ":=", "!=", "%=", "&=", "**", "*=", "+=", "-=", "//", "/=", "<<", "<=", "<>",
  "==", ">=", ">>", "@=", "^=", "|=", "~", "!", "%", "&", "*", "+", ",", "-", ".", "/", ":", ";", "<", "=", ">", "@",
  "^", "|",
];

const PYTHON_KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
  "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** Operators by first character, longest first, so one lookup finds the longest match. */
const OPERATORS_BY_FIRST = new Map<string, string[]>();
for (const op of [...OPERATORS].sort((a, b) => b.length - a.length)) {
  const list = OPERATORS_BY_FIRST.get(op[0]) ?? [];
  list.push(op);
  OPERATORS_BY_FIRST.set(op[0], list);
}

function matchOperator(text: string, pos: number): string | undefined {
  const candidates = OPERATORS_BY_FIRST.get(text[pos]);
  return candidates?.find((o) => o.length === 1 || text.startsWith(o, pos));
}

const STRING_PREFIXES = new Set(["", "r", "u", "b", "br", "rb", "f", "fr", "rf"]);
const CLOSING: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
/** Keywords that may directly follow a number (CPython warns instead of failing: `1if x else y`). */
const NUMBER_FOLLOWERS = ["and", "else", "for", "if", "in", "is", "not", "or"];

const isAsciiIdStart = (c: string): boolean => /[A-Za-z_]/.test(c);
const ID_START = /^\p{ID_Start}$/u;
const ID_CONTINUE = /^\p{ID_Continue}$/u;
const isIdStart = (c: string): boolean => isAsciiIdStart(c) || (c > "\x7f" && ID_START.test(c));
const isIdContinue = (c: string): boolean => /[A-Za-z0-9_]/.test(c) || (c > "\x7f" && ID_CONTINUE.test(c));
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

interface Bracket {
  char: string;
  from: number;
  /** Set for the "{" that opens an f-string replacement field. */
  fstring?: FStringState;
}

interface FStringState {
  quote: string;
  raw: boolean;
  from: number;
}

export function tokenize(text: string): TokenizeResult {
  return new Tokenizer(text).run();
}

class Tokenizer {
  private pos = 0;
  private readonly tokens: Token[] = [];
  private readonly brackets: Bracket[] = [];
  private readonly indents = [0];
  private readonly altIndents = [0];
  private error: TokenizerError | null = null;
  private readonly trailingDotNumbers: number[] = [];
  private readonly numberWarnings: { offset: number; message: string }[] = [];
  /** Lines joined by a backslash do not start a logical line. */
  private atLineStart = true;
  private commentStart = -1;
  private readonly fstringParserErrors: { msg: string; from: number; to: number }[] = [];

  constructor(private readonly text: string) {}

  run(): TokenizeResult {
    try {
      this.scan();
    } catch (e) {
      if (!(e instanceof TokenizeStop)) throw e;
      // Mark where tokenizing stopped, so positions at or after it map to this token.
      const at = this.error!.at;
      if (this.fstringStart >= 0 && this.fstringStart < at) {
        this.tokens.push({ type: "FSTRING", from: this.fstringStart, to: at, text: this.text.slice(this.fstringStart, at) });
      }
      this.tokens.push({ type: "ERRORTOKEN", from: at, to: at + 1, text: this.text.slice(at, at + 1) });
      this.tokens.push({ type: "ENDMARKER", from: this.text.length, to: this.text.length, text: "" });
    }
    const open = this.brackets[this.brackets.length - 1];
    return {
      tokens: this.tokens,
      error: this.error,
      // After an error CPython's tokenizer only flags, its check for open brackets still runs.
      unclosed: (!this.error || !this.error.raised) && open ? { char: open.char, from: open.from } : null,
      fstringParserErrors: this.fstringParserErrors,
      trailingDotNumbers: this.trailingDotNumbers,
      numberWarnings: this.numberWarnings,
    };
  }

  private fail(msg: string, from: number, to = from + 1, type: TokenizerError["type"] = "SyntaxError"): never {
    const inFString = this.brackets.some((b) => b.fstring) || this.inFStringBody;
    this.error = { msg, type, from, to, at: Math.min(from, this.pos), raised: !FLAGGED_ONLY.has(msg), overrides: !FLAGGED_ONLY.has(msg) && !inFString };
    throw new TokenizeStop();
  }

  /** An f-string error CPython's parser (not its tokenizer) raises, when it gets there. */
  private parserError(msg: string, from: number, to: number): void {
    this.fstringParserErrors.push({ msg, from, to });
  }

  private push(type: TokenType, from: number, to: number): void {
    if (this.inFStringBody) return;
    this.tokens.push({ type, from, to, text: this.text.slice(from, to) });
  }

  /** 1-based line number of an offset (only used for messages, so a scan is fine). */
  private lineOf(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) line++;
    return line;
  }

  /** The line CPython's tokenizer is on at end of input (it supplies a final newline if missing). */
  private lastLine(): number {
    const lines = this.lineOf(this.text.length);
    return this.text.endsWith("\n") ? lines - 1 : lines;
  }

  private lineEnd(offset: number): number {
    const nl = this.text.indexOf("\n", offset);
    return nl < 0 ? this.text.length : nl;
  }

  private scan(): void {
    const t = this.text;
    while (this.pos < t.length) {
      if (this.atLineStart && this.brackets.length === 0) {
        this.indentation();
        if (this.pos >= t.length) break;
      }
      this.atLineStart = false;
      const c = t[this.pos];
      if (c === " " || c === "\t" || c === "\f") {
        this.pos++;
      } else if (c === "\n") {
        if (this.brackets.length === 0) this.newline();
        this.pos++;
        this.atLineStart = true;
      } else if (c === "#") {
        this.commentStart = this.pos;
        this.pos = this.lineEnd(this.pos);
      } else if (c === "\\") {
        this.continuation();
      } else if (isDigit(c) || (c === "." && isDigit(t[this.pos + 1]))) {
        this.number();
      } else if (c === "'" || c === '"') {
        this.string(this.pos, "");
      } else if (isIdStart(c) || c >= "\ud800" && c <= "\udbff") {
        this.name();
      } else if (c === "(" || c === "[" || c === "{") {
        this.brackets.push({ char: c, from: this.pos });
        this.push("OP", this.pos, this.pos + 1);
        this.pos++;
      } else if (c === ")" || c === "]" || c === "}") {
        this.closeBracket(c);
      } else if (c > "\x7f") {
        this.invalidCharacter();
      } else {
        const op = matchOperator(t, this.pos);
        const end = this.pos + (op ? op.length : 1);
        this.push(op ? "OP" : "ERRORTOKEN", this.pos, end);
        this.pos = end;
      }
    }
    if (this.brackets.length === 0 && !this.lastTokenIsNewline()) this.push("NEWLINE", t.length, t.length);
    for (let i = 1; i < this.indents.length; i++) this.push("DEDENT", t.length, t.length);
    this.push("ENDMARKER", t.length, t.length);
  }

  private lastTokenIsNewline(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    return !last || last.type === "NEWLINE" || last.type === "DEDENT" || last.type === "INDENT";
  }

  /** CPython's NEWLINE token starts at a trailing comment, if the line has one. */
  private newline(): void {
    if (this.lastTokenIsNewline()) return;
    const last = this.tokens[this.tokens.length - 1];
    this.push("NEWLINE", this.commentStart > last.from ? this.commentStart : this.pos, this.pos + 1);
  }

  /** Measures a logical line's indentation and emits INDENT/DEDENT, as tok_get's indentation block. */
  private indentation(): void {
    const t = this.text;
    let col = 0;
    let altcol = 0;
    let i = this.pos;
    for (; i < t.length; i++) {
      const c = t[i];
      if (c === " ") {
        col++;
        altcol++;
      } else if (c === "\t") {
        col = (Math.floor(col / 8) + 1) * 8;
        altcol++;
      } else if (c === "\f") {
        col = altcol = 0;
      } else break;
    }
    this.pos = i;
    const c = t[i];
    // Blank lines and comment-only lines do not affect indentation.
    if (c === undefined || c === "\n" || c === "#" || (c === "\\" && t[i + 1] === "\n")) return;
    // CPython handles a backslash inside the indentation before any INDENT token.
    if (c === "\\") this.continuation();
    const top = this.indents.length - 1;
    const lineStart = t.lastIndexOf("\n", i - 1) + 1;
    const tabError = (): never => {
      this.pos = lineStart;
      return this.fail("inconsistent use of tabs and spaces in indentation", lineStart, lineStart, "TabError");
    };
    if (col === this.indents[top]) {
      if (altcol !== this.altIndents[top]) tabError();
    } else if (col > this.indents[top]) {
      if (altcol <= this.altIndents[top]) tabError();
      this.indents.push(col);
      this.altIndents.push(altcol);
      this.push("INDENT", lineStart, i);
    } else {
      while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.altIndents.pop();
        this.push("DEDENT", i, i);
      }
      if (col !== this.indents[this.indents.length - 1]) {
        const end = this.lineEnd(i);
        this.pos = lineStart;
        this.fail("unindent does not match any outer indentation level", end, end, "IndentationError");
      }
      if (altcol !== this.altIndents[this.altIndents.length - 1]) tabError();
    }
  }

  private continuation(): void {
    const t = this.text;
    const next = t[this.pos + 1];
    if (next === "\n") {
      this.pos += 2;
      if (this.pos >= t.length) this.fail("unexpected EOF while parsing", this.pos - 1, this.pos - 1);
      return;
    }
    if (next === undefined) this.fail("unexpected EOF while parsing", this.pos + 1, this.pos + 1);
    this.fail("unexpected character after line continuation character", this.pos + 1, this.pos + 2);
  }

  private invalidCharacter(): never {
    const cp = this.text.codePointAt(this.pos)!;
    const ch = String.fromCodePoint(cp);
    const hex = cp.toString(16).toUpperCase().padStart(4, "0");
    const printable = !/[\p{Z}\p{C}]/u.test(ch) || ch === " ";
    if (!printable) this.fail(`invalid non-printable character U+${hex}`, this.pos, this.pos + ch.length);
    this.fail(`invalid character '${ch}' (U+${hex})`, this.pos, this.pos + ch.length);
  }

  private name(): void {
    const t = this.text;
    const start = this.pos;
    let i = this.pos;
    // ASCII fast path; fall through to the Unicode rules for anything else.
    for (;;) {
      const code = t.charCodeAt(i);
      if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (i > start && code >= 48 && code <= 57)) i++;
      else break;
    }
    while (i < t.length) {
      const cp = t.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      if (i === start ? isIdStart(ch) : isIdContinue(ch)) i += ch.length;
      else if (cp > 0x7f && !/[\s]/u.test(ch) && i > start) {
        this.pos = i;
        this.invalidCharacter();
      } else break;
    }
    if (i === start) this.invalidCharacter();
    const word = t.slice(start, i);
    const q = t[i];
    if ((q === "'" || q === '"') && STRING_PREFIXES.has(word.toLowerCase())) {
      this.pos = i;
      this.string(start, word.toLowerCase());
      return;
    }
    this.pos = i;
    this.push("NAME", start, i);
  }

  // ------------------------------------------------------------------------------------------
  // Numbers (tok_get's number branch with tok_decimal_tail and verify_end_of_number)

  private number(): void {
    const t = this.text;
    const start = this.pos;
    let i = this.pos;
    const c = t[i];
    const digitsWithUnderscores = (valid: (ch: string) => boolean, kind: string): void => {
      // Digits separated by single underscores.
      for (;;) {
        while (i < t.length && valid(t[i])) i++;
        if (t[i] !== "_") break;
        i++;
        if (!valid(t[i] ?? "")) this.fail(`invalid ${kind} literal`, i - 1);
      }
    };
    if (c === "0" && /[xXoObB]/.test(t[i + 1] ?? "")) {
      const base = t[i + 1].toLowerCase();
      i += 2;
      const kind = base === "x" ? "hexadecimal" : base === "o" ? "octal" : "binary";
      const valid = base === "x" ? (ch: string) => /[0-9a-fA-F]/.test(ch) : base === "o" ? (ch: string) => /[0-7]/.test(ch) : (ch: string) => ch === "0" || ch === "1";
      if (t[i] === "_") i++;
      if (!valid(t[i] ?? "")) {
        if (isDigit(t[i]) && base !== "x") this.fail(`invalid digit '${t[i]}' in ${kind} literal`, i);
        this.fail(`invalid ${kind} literal`, i - 1);
      }
      digitsWithUnderscores(valid, kind);
      if (isDigit(t[i]) && base !== "x") this.fail(`invalid digit '${t[i]}' in ${kind} literal`, i);
      this.endOfNumber(start, i, kind);
      return;
    }
    let isFloat = false;
    if (c !== ".") digitsWithUnderscores(isDigit, "decimal");
    const intEnd = i;
    if (t[i] === ".") {
      isFloat = true;
      i++;
      if (isDigit(t[i])) digitsWithUnderscores(isDigit, "decimal");
      else if (i - 1 > start) this.trailingDotNumbers.push(i - 1);
    }
    if (t[i] === "e" || t[i] === "E") {
      let j = i + 1;
      if (t[j] === "+" || t[j] === "-") j++;
      if (!isDigit(t[j])) {
        // "1e" followed by a name: CPython backs up and complains about the whole literal.
        this.fail("invalid decimal literal", start);
      }
      isFloat = true;
      i = j;
      digitsWithUnderscores(isDigit, "decimal");
    }
    if (t[i] === "j" || t[i] === "J") {
      i++;
      isFloat = true;
    }
    if (!isFloat && c === "0" && intEnd - start > 1 && /[1-9]/.test(t.slice(start, intEnd).replace(/_/g, ""))) {
      this.fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers", start);
    }
    this.endOfNumber(start, i, "decimal");
  }

  /** A number may not run into a name, except a few keywords (which CPython only warns about). */
  private endOfNumber(start: number, end: number, kind: string): void {
    const t = this.text;
    const next = t[end];
    if (next !== undefined && isIdContinue(next)) {
      if (NUMBER_FOLLOWERS.some((k) => t.startsWith(k, end) && !isIdContinue(t[end + k.length] ?? " "))) {
        this.numberWarnings.push({ offset: start, message: `invalid ${kind} literal` });
      } else {
        this.fail(`invalid ${kind} literal`, end - 1);
      }
    }
    this.pos = end;
    this.push("NUMBER", start, end);
  }

  // ------------------------------------------------------------------------------------------
  // Strings

  private string(start: number, prefix: string): void {
    const t = this.text;
    const q = t[this.pos];
    const triple = t.startsWith(q.repeat(3), this.pos);
    const quote = triple ? q.repeat(3) : q;
    this.pos += quote.length;
    if (prefix.includes("f")) {
      this.fstringBody({ quote, raw: prefix.includes("r"), from: start }, false);
      return;
    }
    let escapedQuote = false;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined || (!triple && c === "\n")) {
        // Inside an f-string field, a string opened with the f-string's own quote means the
        // field's "}" is missing (CPython's lexer says so instead).
        if (this.currentFString && this.currentFString.quote === quote) this.fail("f-string: expecting '}'", start);
        const line = c === undefined ? this.lastLine() : this.lineOf(this.pos);
        const what = triple ? "unterminated triple-quoted string literal" : "unterminated string literal";
        const hint = !triple && escapedQuote ? "; perhaps you escaped the end quote?" : "";
        this.fail(`${what} (detected at line ${line})${hint}`, start);
      }
      if (c === "\\") {
        if (t[this.pos + 1] === q) escapedQuote = true;
        this.pos += 2;
        continue;
      }
      if (t.startsWith(quote, this.pos)) {
        this.pos += quote.length;
        break;
      }
      this.pos++;
    }
    this.push("STRING", start, this.pos);
  }

  /**
   * The literal part of an f-string (or of a format spec when `inSpec`), up to its closing quote
   * (or the "}" ending the spec). Replacement fields are tokenized as ordinary code.
   */
  private inFStringBody = false;
  /** The f-string whose replacement field is being scanned, if any. */
  private currentFString: FStringState | null = null;
  /** Start of the outermost f-string being scanned, or -1. */
  private fstringStart = -1;

  private fstringBody(fs: FStringState, inSpec: boolean): void {
    const outer = this.inFStringBody;
    if (!outer) this.fstringStart = fs.from;
    this.inFStringBody = true;
    try {
      this.fstringBodyInner(fs, inSpec);
    } catch (e) {
      if (!(e instanceof FStringEndsInSpec) || outer) throw e;
      for (const b of this.brackets) delete b.fstring;
    } finally {
      this.inFStringBody = outer;
    }
    // The whole f-string is one token in this pass; its inner tokens are not listed.
    if (!outer && !inSpec) {
      this.tokens.push({ type: "FSTRING", from: fs.from, to: this.pos, text: this.text.slice(fs.from, this.pos) });
      this.fstringStart = -1;
    }
  }

  private fstringBodyInner(fs: FStringState, inSpec: boolean): void {
    const t = this.text;
    const q = fs.quote[0];
    const triple = fs.quote.length === 3;
    for (;;) {
      const c = t[this.pos];
      if (c === undefined || (!triple && c === "\n")) {
        const line = c === undefined ? this.lastLine() : this.lineOf(this.pos);
        const what = triple ? "unterminated triple-quoted f-string literal" : "unterminated f-string literal";
        this.fail(`${what} (detected at line ${line})`, fs.from);
      }
      if (c === "\\" && !fs.raw) {
        this.pos += t[this.pos + 1] === "{" || t[this.pos + 1] === "}" ? 1 : 2;
        continue;
      }
      if (t.startsWith(fs.quote, this.pos)) {
        this.pos += fs.quote.length;
        // The quote ends the f-string even inside a format spec; the field's "{" stays open as
        // an ordinary bracket (CPython then reports the bracket that does not match it).
        if (inSpec) throw new FStringEndsInSpec();
        return;
      }
      if (c === "{") {
        if (t[this.pos + 1] === "{" && !inSpec) {
          this.pos += 2;
          continue;
        }
        this.replacementField(fs);
        // A field left open at end of input is reported as "'{' was never closed".
        if (this.pos >= t.length) return;
        continue;
      }
      if (c === "}") {
        if (inSpec) return;
        if (t[this.pos + 1] === "}") {
          this.pos += 2;
          continue;
        }
        this.fail("f-string: single '}' is not allowed", this.pos);
      }
      if (c === q && !triple) this.fail("f-string: expecting '}'", this.pos);
      this.pos++;
    }
  }

  /** From "{" to its "}": an expression, then optional "=", "!conversion" and ":spec". */
  private replacementField(fs: FStringState): void {
    const outer = this.currentFString;
    this.currentFString = fs;
    try {
      this.replacementFieldInner(fs);
    } finally {
      this.currentFString = outer;
    }
  }

  private replacementFieldInner(fs: FStringState): void {
    const t = this.text;
    const open = this.pos;
    const depth = this.brackets.length;
    this.brackets.push({ char: "{", from: open, fstring: fs });
    this.pos++;
    let k = this.pos;
    while (t[k] === " " || t[k] === "\t") k++;
    if (t[k] === "}" || t[k] === "!" || t[k] === ":" || (t[k] === "=" && t[k + 1] !== "=")) {
      this.parserError(`f-string: valid expression required before '${t[k]}'`, k, k + 1);
    } else {
      const word = /^[A-Za-z_]+/.exec(t.slice(k, k + 20))?.[0];
      if (word && PYTHON_KEYWORDS.has(word) && !["None", "True", "False", "not", "lambda", "await", "yield"].includes(word)) {
        this.parserError("f-string: expecting a valid expression after '{'", k, k + word.length);
      }
    }
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) return; // unclosed: reported as "'{' was never closed"
      if (this.brackets.length === depth + 1) {
        if (c === "}") {
          this.brackets.pop();
          this.pos++;
          return;
        }
        if (c === "!" && t[this.pos + 1] !== "=") {
          this.pos++;
          if (!isIdStart(t[this.pos] ?? "")) {
            this.parserError("f-string: missing conversion character", this.pos, this.pos + 1);
            continue;
          }
          const start = this.pos;
          while (isIdContinue(t[this.pos] ?? "")) this.pos++;
          const conv = t.slice(start, this.pos);
          if (conv !== "r" && conv !== "s" && conv !== "a") {
            this.parserError(`f-string: invalid conversion character '${conv}': expected 's', 'r', or 'a'`, start, this.pos);
          }
          continue;
        }
        if (c === ":") {
          this.pos++;
          this.fstringBody(fs, true);
          continue;
        }
      }
      this.scanOneInExpression();
      if (this.brackets.length <= depth) return;
    }
  }

  /** One step of ordinary tokenization inside an f-string replacement field. */
  private scanOneInExpression(): void {
    const t = this.text;
    const c = t[this.pos];
    if (c === " " || c === "\t" || c === "\f" || c === "\n") this.pos++;
    else if (c === "\\") this.continuation();
    else if (c === "#") this.fail("f-string expression part cannot include '#'", this.pos);
    else if (isDigit(c) || (c === "." && isDigit(t[this.pos + 1]))) this.number();
    else if (c === "'" || c === '"') this.string(this.pos, "");
    else if (isIdStart(c)) this.name();
    else if (c === "(" || c === "[" || c === "{") {
      this.brackets.push({ char: c, from: this.pos });
      this.push("OP", this.pos, this.pos + 1);
      this.pos++;
    } else if (c === ")" || c === "]" || c === "}") this.closeBracket(c);
    else if (c > "\x7f") this.invalidCharacter();
    else {
      const op = matchOperator(t, this.pos);
      const end = this.pos + (op ? op.length : 1);
      this.push(op ? "OP" : "ERRORTOKEN", this.pos, end);
      this.pos = end;
    }
  }

  private closeBracket(c: string): void {
    const open = this.brackets[this.brackets.length - 1];
    if (!open) this.fail(`unmatched '${c}'`, this.pos);
    if (open.char !== CLOSING[c]) {
      if (open.fstring) this.fail(`f-string: unmatched '${c}'`, this.pos);
      const openLine = this.lineOf(open.from);
      const where = openLine === this.lineOf(this.pos) ? "" : ` on line ${openLine}`;
      this.fail(`closing parenthesis '${c}' does not match opening parenthesis '${open.char}'${where}`, this.pos);
    }
    this.brackets.pop();
    this.push("OP", this.pos, this.pos + 1);
    this.pos++;
  }
}

