/**
 * Finds the first syntax error of a program the way CPython 3.13 reports it, from three sources:
 * the CPython-like token stream (indentation structure), lezer's error nodes (where its parse gave
 * up), and the bracket left open at end of input. Lezer knows where it failed but not why, so the
 * messages of CPython's `invalid_*` grammar rules that matter for learners are recognised here from
 * the tokens around the failure; anything else is CPython's generic "invalid syntax" at the token
 * where parsing stopped.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { PySyntaxError } from "./errors";
import type { SyntaxErrorReporter } from "./reporter";
import type { SourceText } from "./source-text";
import type { Token, TokenizeResult } from "./tokenize";

const BLOCK_OPENERS: Record<string, string> = {
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  while: "'while' statement",
  for: "'for' statement",
  with: "'with' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  def: "function definition",
  class: "class definition",
  match: "'match' statement",
  case: "'case' statement",
};

/** End of the caret range CPython draws under a token (a NEWLINE after a comment spans the comment). */
function caretEnd(tok: Token): number {
  if (tok.type === "NEWLINE" && tok.text.startsWith("#")) return tok.to - 1;
  return tok.to > tok.from ? tok.to : tok.from + 1;
}

interface Found {
  error: PySyntaxError;
  lookahead: number;
  reads?: number;
}

const COMPOUND_KEYWORDS = new Set(["if", "elif", "else", "while", "for", "with", "try", "except", "finally", "def", "class"]);
const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
  "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** Lezer reports a bare `yield` as an error (its grammar wants a value); CPython allows it. */
function isBareYield(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent || (parent.name !== "YieldStatement" && parent.name !== "YieldExpression")) return false;
  return node.from === node.to && node.prevSibling?.name === "yield";
}

export function firstErrorNode(tree: Tree): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  tree.iterate({
    enter(ref) {
      if (found) return false;
      if (ref.type.isError && !isBareYield(ref.node)) {
        found = ref.node;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/** A parse error with where CPython's parser would meet it, for choosing the first one. */
export interface Candidate {
  error: PySyntaxError;
  /** String offset at which the parser detects the error. */
  at: number;
  /** Index of the furthest token CPython's parser has read when it raises (for "never closed"). */
  lookahead: number;
  /** "unexpected indent" is final in CPython: no later tokenizer error replaces it. */
  final?: boolean;
  /** Offset up to which CPython's second pass reads tokens (a tokenizer error there is raised). */
  reads?: number;
}

export interface TokenizerCandidate {
  error: PySyntaxError;
  at: number;
  /** Whether it replaces an earlier parser error (see TokenizerError.overrides). */
  overrides: boolean;
}

export class Diagnoser {
  private readonly tokens: Token[];

  constructor(
    private readonly src: SourceText,
    private readonly tokenized: TokenizeResult,
    private readonly report: SyntaxErrorReporter,
  ) {
    this.tokens = tokenized.tokens;
  }

  /** The tokenizer's own error, if any. */
  tokenizerError(): TokenizerCandidate | null {
    const e = this.tokenized.error;
    if (!e) return null;
    if (e.type === "TabError") {
      const lineno = this.src.lineOf(e.from);
      return { error: this.makeColumns(e.msg, lineno, 1, lineno, 0, "TabError"), at: e.at, overrides: e.overrides };
    }
    return { error: this.report.make(e.msg, e.from, e.to, e.type), at: e.at, overrides: e.overrides };
  }

  /** Whether two offsets lie in the same f-string literal. */
  sameFString(a: number, b: number): boolean {
    return this.tokens.some((t) => t.type === "FSTRING" && t.from < a && a < t.to && t.from < b && b < t.to);
  }

  /** Errors in f-string replacement fields that CPython's parser raises where it meets them. */
  fstringErrors(): Candidate[] {
    return this.tokenized.fstringParserErrors.map((e) => ({
      error: this.report.make(e.msg, e.from, e.to),
      at: e.from,
      lookahead: this.tokenIndexAt(e.from),
    }));
  }

  /** Errors CPython finds from the INDENT/DEDENT structure that lezer's grammar tolerates. */
  indentationError(): Candidate | null {
    const t = this.tokens;
    for (let i = 0; i < t.length; i++) {
      const tok = t[i];
      if (tok.type === "INDENT") {
        const opensBlock = t[i - 1]?.type === "NEWLINE" && t[i - 2]?.text === ":" && t[i - 2]?.type === "OP";
        if (!opensBlock) {
          const lineno = this.src.lineOf(tok.to);
          const error = this.makeColumns("unexpected indent", lineno, 1, lineno, 1, "IndentationError");
          return { error, at: tok.from, lookahead: i, final: true };
        }
      } else if (tok.type === "NEWLINE" && t[i - 1]?.type === "OP" && t[i - 1].text === ":" && t[i + 1]?.type !== "INDENT") {
        const header = this.logicalLineStart(i - 1);
        const what = this.blockOpener(header);
        if (!what) continue;
        const msg = `expected an indented block after ${what} on line ${this.src.lineOf(t[header].from)}`;
        const next = t[i + 1];
        const atEnd = next.type === "ENDMARKER" || (next.type === "DEDENT" && next.from >= this.src.text.length);
        if (atEnd || next.type === "DEDENT") {
          // CPython points at the next line (or the last one) without a caret.
          const lineno = atEnd ? this.lastContentLine() : this.src.lineOf(next.from);
          return { error: this.makeColumns(msg, lineno, 0, lineno, 0, "IndentationError"), at: next.from, lookahead: i + 1 };
        }
        return { error: this.report.make(msg, next.from, next.to, "IndentationError"), at: next.from, lookahead: i + 1 };
      }
    }
    return null;
  }

  /** The token after the source offset `at` (CPython's "last token" for errors raised there). */
  tokenAfter(at: number): Token {
    return this.tokens.find((t) => t.from >= at && t.type !== "INDENT" && t.type !== "DEDENT") ?? this.tokens[this.tokens.length - 1];
  }

  /** An error CPython raises at its last token: that token, or the last line without a caret at the end of input. */
  atToken(msg: string, tok: Token): PySyntaxError {
    if (tok.type === "ENDMARKER") {
      const lineno = this.lastContentLine();
      return this.makeColumns(msg, lineno, 0, lineno, 0, "SyntaxError");
    }
    return this.report.make(msg, tok.from, caretEnd(tok));
  }

  /** The error for the place lezer's parse failed. */
  treeError(node: SyntaxNode): Candidate {
    let i = this.tokenIndexAt(node.from);
    const inFString = this.tokens.findIndex((t) => t.type === "FSTRING" && t.from <= node.from && node.from < t.to);
    if (inFString >= 0) i = inFString;
    const tok = this.tokens[i];
    if (tok.type === "FSTRING" && (this.endsExpression(this.tokens[i - 1]) || this.tokens[i - 1]?.text === ".")) {
      // The f-string itself cannot stand here: CPython fails at its start token (prefix and quote).
      const quote = /^[A-Za-z]*("""|'''|"|')/.exec(tok.text);
      const width = quote ? quote[0].length : 2;
      return { error: this.report.make("invalid syntax", tok.from, tok.from + width), at: tok.from, lookahead: i };
    }
    if (tok.type === "FSTRING" && node.from > tok.from) {
      // Inside an f-string CPython has finer tokens than this pass keeps: point at lezer's spot.
      let to = node.from + 1;
      while (to < tok.to && /[A-Za-z0-9_]/.test(this.src.text[to]) && /[A-Za-z0-9_]/.test(this.src.text[node.from])) to++;
      return { error: this.report.make("invalid syntax", node.from, to), at: node.from, lookahead: i };
    }
    const found = this.missingColon(i)
      ?? this.expectedParen(i)
      ?? this.legacyPrint(i)
      ?? this.inExpected(i)
      ?? this.forgotComma(node, i)
      ?? this.assignmentInTest(i)
      ?? this.importWithoutNames(i)
      ?? this.incompleteConditional(node, i);
    if (found) return { error: found.error, at: tok.from, lookahead: found.lookahead, reads: found.reads };
    // `f(x):` + newline outside a compound statement: a call cannot be annotated, so CPython
    // stops at the colon (after a plain name it would stop at the end of the line).
    const prev = this.tokens[i - 1];
    const start = this.logicalLineStart(i);
    const headerColon = (COMPOUND_KEYWORDS.has(this.tokens[start].text) || this.tokens[start].text === "async")
      && this.depthZeroColons(start, i - 1) === 0;
    if (tok.type === "NEWLINE" && prev?.type === "OP" && prev.text === ":" && this.tokens[i - 2]?.text === ")" && !headerColon) {
      return { error: this.invalidSyntaxAt(prev), at: prev.from, lookahead: i };
    }
    // Before settling for "invalid syntax" at "=", CPython's second pass reads `= expr` and one
    // token more (its invalid_named_expression rule), which matters for "never closed".
    let lookahead = i;
    if (tok.type === "OP" && tok.text === "=") {
      const end = this.bitwiseOrEnd(i + 1);
      if (end !== null) lookahead = this.tokens.findIndex((t) => t.from >= end);
      if (lookahead < 0) lookahead = this.tokens.length - 1;
    }
    // CPython's second pass tries `expr expr` as a missing comma, reading the second expression.
    const reads = this.endsExpression(prev) && this.startsExpression(tok) ? this.expressionEnd(i, node) : undefined;
    return { error: this.invalidSyntaxAt(tok), at: tok.from, lookahead, reads };
  }

  /** Colons at bracket depth 0 among tokens [from, to). */
  private depthZeroColons(from: number, to: number): number {
    let depth = 0;
    let count = 0;
    for (let j = from; j < to; j++) {
      const t = this.tokens[j];
      if (t.type !== "OP") continue;
      if (["(", "[", "{"].includes(t.text)) depth++;
      else if ([")", "]", "}"].includes(t.text)) depth--;
      else if (t.text === ":" && depth === 0) count++;
    }
    return count;
  }

  private endsExpression(t: Token | undefined): boolean {
    if (!t) return false;
    return t.type === "NUMBER" || t.type === "STRING" || t.type === "FSTRING"
      || (t.type === "NAME" && (!KEYWORDS.has(t.text) || ["None", "True", "False"].includes(t.text)))
      || [")", "]", "}"].includes(t.text);
  }

  /** `x.if`: Python keywords cannot follow a dot (lezer accepts any word there). */
  keywordAttributeError(): Candidate | null {
    const t = this.tokens;
    for (let i = 1; i + 1 < t.length; i++) {
      if (t[i].type !== "OP" || t[i].text !== "." || t[i + 1].type !== "NAME" || !KEYWORDS.has(t[i + 1].text)) continue;
      if (!this.endsExpression(t[i - 1]) || KEYWORDS.has(t[i - 1].text) && !["None", "True", "False"].includes(t[i - 1].text)) continue;
      return { error: this.invalidSyntaxAt(t[i + 1]), at: t[i + 1].from, lookahead: i + 1 };
    }
    return null;
  }

  /** A candidate for an error the lowering raised (an invalid_* rule met while parsing a statement). */
  loweringCandidate(error: PySyntaxError): Candidate {
    const at = this.report.offsetOfChar(error.lineno, error.offset);
    const end = this.report.offsetOfChar(error.end_lineno, error.end_offset);
    return { error, at, lookahead: this.tokenIndexAt(end) };
  }

  /**
   * CPython replaces a parser error by "'(' was never closed" when its parser read the end of
   * input inside brackets, or had read past the line of the innermost open bracket.
   */
  neverClosedOverrides(c: Candidate): PySyntaxError {
    const unclosed = this.tokenized.unclosed;
    if (!unclosed) return c.error;
    const furthest = this.tokens[Math.min(c.lookahead, this.tokens.length - 1)];
    if (furthest.type === "ENDMARKER" || this.src.lineOf(furthest.from) > this.src.lineOf(unclosed.from)) return this.neverClosed();
    return c.error;
  }

  private neverClosed(): PySyntaxError {
    const u = this.tokenized.unclosed!;
    return this.report.make(`'${u.char}' was never closed`, u.from, u.from + 1);
  }

  private makeColumns(msg: string, lineno: number, offset: number, endLineno: number, endOffset: number, type: "SyntaxError" | "IndentationError" | "TabError"): PySyntaxError {
    try {
      this.report.raiseAtColumns(msg, lineno, offset, endLineno, endOffset, type);
    } catch (e) {
      return e as PySyntaxError;
    }
  }

  private lastContentLine(): number {
    const text = this.src.text;
    return this.src.lineOf(text.endsWith("\n") ? Math.max(0, text.length - 1) : text.length);
  }

  /** Index of the first token of the logical line holding token i. */
  private logicalLineStart(i: number): number {
    let j = i;
    while (j > 0 && !["NEWLINE", "INDENT", "DEDENT"].includes(this.tokens[j - 1].type)) j--;
    return j;
  }

  private blockOpener(headerIndex: number): string | null {
    let tok = this.tokens[headerIndex];
    // Decorators sit on their own logical lines, so the header starts at def/class already.
    if (tok.text === "async") tok = this.tokens[headerIndex + 1];
    if (tok.text === "except" && this.tokens[headerIndex + 1]?.text === "*") return "'except*' statement";
    return BLOCK_OPENERS[tok.text] ?? null;
  }

  private tokenIndexAt(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid].to <= offset && !(this.tokens[mid].from === offset)) lo = mid + 1;
      else hi = mid;
    }
    // Skip layout tokens that lezer does not see.
    while (lo < this.tokens.length - 1 && (this.tokens[lo].type === "INDENT" || this.tokens[lo].type === "DEDENT")) lo++;
    return lo;
  }

  private invalidSyntaxAt(tok: Token): PySyntaxError {
    return this.report.make("invalid syntax", tok.from, caretEnd(tok));
  }

  /**
   * A compound statement header without its colon. CPython demands the colon outright after
   * `def f(...)`, `class C(...)`, `try`, `finally` and `else`; after `if`/`while`/`for`/`with`/
   * `except` it says so only when the header is complete and the line ends.
   */
  private missingColon(i: number): Found | null {
    const tok = this.tokens[i];
    const start = this.logicalLineStart(i);
    const firstIndex = this.tokens[start].text === "async" ? start + 1 : start;
    const first = this.tokens[firstIndex];
    if (!COMPOUND_KEYWORDS.has(first.text) || first.type !== "NAME") return null;
    const header = this.tokens.slice(firstIndex, i);
    let depth = 0;
    for (const t of header) {
      if (t.type !== "OP") continue;
      if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
      else if (t.text === ")" || t.text === "]" || t.text === "}") depth--;
      else if (t.text === ":" && depth === 0) return null;
    }
    if (depth !== 0) return null;
    const expected = (): Found => ({ error: this.report.make("expected ':'", tok.from, caretEnd(tok)), lookahead: i });
    if (["try", "finally", "else"].includes(first.text)) return header.length === 1 ? expected() : null;
    if (first.text === "def") {
      // def NAME ( ... ) [-> expr]: the colon is forced once the parameter list has closed.
      const close = this.matchingClose(firstIndex + 2);
      if (close < 0 || close >= i) return null;
      if (close === i - 1 || this.tokens[close + 1]?.text === "->") return expected();
      return null;
    }
    if (first.text === "class") {
      // Unlike def, CPython only says "expected ':'" when the class header ends the line.
      if (tok.type !== "NEWLINE") return null;
      if (header.length === 2) return expected();
      const close = this.tokens[firstIndex + 2]?.text === "(" ? this.matchingClose(firstIndex + 2) : -1;
      return close === i - 1 ? expected() : null;
    }
    if (tok.type !== "NEWLINE") return null;
    if (first.text === "for" && !header.some((t) => t.type === "NAME" && t.text === "in")) return null;
    const last = header[header.length - 1];
    if (header.length < 2 || (last.type === "NAME" && KEYWORDS.has(last.text) && !["None", "True", "False"].includes(last.text)) || (last.type === "OP" && ![")", "]", "}"].includes(last.text))) return null;
    return expected();
  }

  /** Index of the bracket closing the one at index `open`, or -1. */
  private matchingClose(open: number): number {
    if (this.tokens[open]?.text !== "(") return -1;
    let depth = 0;
    for (let j = open; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t.type !== "OP") continue;
      if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
      else if (t.text === ")" || t.text === "]" || t.text === "}") {
        depth--;
        if (depth === 0) return j;
      }
    }
    return -1;
  }

  /** `def f:` — CPython's grammar forces "(" after the function name. */
  private expectedParen(i: number): Found | null {
    const tok = this.tokens[i];
    const name = this.tokens[i - 1];
    const def = this.tokens[i - 2];
    if (def?.type !== "NAME" || def.text !== "def" || name?.type !== "NAME" || tok.text === "(" || tok.text === "[") return null;
    return { error: this.report.make("expected '('", tok.from, tok.to > tok.from ? tok.to : tok.from + 1), lookahead: i };
  }

  /** `print "x"`: CPython's invalid_legacy_expression for print and exec. */
  private legacyPrint(i: number): Found | null {
    const name = this.tokens[i - 1];
    if (name?.type !== "NAME" || (name.text !== "print" && name.text !== "exec")) return null;
    if (!this.startsExpression(this.tokens[i])) return null;
    let depth = 0;
    let end = this.tokens[i].to;
    let j = i;
    for (; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t.type === "NEWLINE" || t.type === "ENDMARKER") break;
      if (t.type === "OP") {
        if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
        else if (t.text === ")" || t.text === "]" || t.text === "}") {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (t.text === "=" || t.text === ";" || t.text === ":")) break;
      }
      end = t.to;
    }
    return { error: this.report.make(`Missing parentheses in call to '${name.text}'. Did you mean ${name.text}(...)?`, name.from, end), lookahead: j };
  }

  private startsExpression(t: Token | undefined): boolean {
    if (!t) return false;
    return t.type === "NUMBER" || t.type === "STRING" || t.type === "FSTRING"
      || (t.type === "NAME" && (!KEYWORDS.has(t.text) || ["None", "True", "False", "not", "lambda", "await"].includes(t.text)))
      || ["(", "[", "{", "-", "+", "~", "*", "..."].includes(t.text);
  }

  /** `f(a b)`: two expressions side by side inside brackets. */
  private forgotComma(node: SyntaxNode, i: number): Found | null {
    const tok = this.tokens[i];
    const prev = this.tokens[i - 1];
    if (!prev || !this.insideBrackets(i)) return null;
    const endsExpr = (t: Token) => t.type === "NUMBER" || t.type === "STRING" || t.type === "FSTRING" || (t.type === "NAME" && (!KEYWORDS.has(t.text) || ["None", "True", "False"].includes(t.text))) || [")", "]", "}"].includes(t.text);
    const startsExpr = (t: Token) => t.type === "NUMBER" || t.type === "STRING" || t.type === "FSTRING" || (t.type === "NAME" && (!KEYWORDS.has(t.text) || ["None", "True", "False", "not", "lambda"].includes(t.text))) || ["(", "[", "{", "-", "+", "~"].includes(t.text);
    if (!endsExpr(prev) || !startsExpr(tok)) return null;
    if (prev.type === "NAME" && (tok.type === "STRING" || tok.type === "FSTRING")) return null;
    const open = this.innermostOpen(i);
    // Not in a def's parameter list, nor in a comprehension's `in` clause (a disjunction there).
    if (open >= 2 && this.tokens[open - 2].text === "def") return null;
    if (this.comprehensionClauseBefore(open, i)) return null;
    const from = this.elementStart(i);
    const to = this.expressionEnd(i, node);
    const after = this.tokens.findIndex((t) => t.from >= to);
    return { error: this.report.make("invalid syntax. Perhaps you forgot a comma?", from, to), lookahead: after < 0 ? this.tokens.length - 1 : after, reads: to };
  }

  /** Index of the innermost open bracket before token i, or -1. */
  private innermostOpen(i: number): number {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = this.tokens[j];
      if (t.type === "NEWLINE") return -1;
      if (t.type !== "OP") continue;
      if (t.text === ")" || t.text === "]" || t.text === "}") depth++;
      else if (t.text === "(" || t.text === "[" || t.text === "{") {
        if (depth === 0) return j;
        depth--;
      }
    }
    return -1;
  }

  /** Whether a `for` clause at the bracket's own level lies between token `open` and token i. */
  private comprehensionClauseBefore(open: number, i: number): boolean {
    let depth = 0;
    for (let j = open + 1; j < i; j++) {
      const t = this.tokens[j];
      if (t.type === "OP" && ["(", "[", "{"].includes(t.text)) depth++;
      else if (t.type === "OP" && [")", "]", "}"].includes(t.text)) depth--;
      else if (depth === 0 && t.type === "NAME" && t.text === "for") return true;
    }
    return false;
  }

  /** Whether the innermost bracket around token i is a call's "(". */
  private insideCall(i: number): boolean {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = this.tokens[j];
      if (t.type === "NEWLINE") return false;
      if (t.type !== "OP") continue;
      if (t.text === ")" || t.text === "]" || t.text === "}") depth++;
      else if (t.text === "(" || t.text === "[" || t.text === "{") {
        if (depth > 0) {
          depth--;
          continue;
        }
        const before = this.tokens[j - 1];
        return t.text === "(" && before !== undefined && (before.type === "NAME" && !KEYWORDS.has(before.text) || [")", "]"].includes(before.text));
      }
    }
    return false;
  }

  /** `[x for x y]`: a comprehension's for clause without its `in`. */
  private inExpected(i: number): Found | null {
    if (!this.insideBrackets(i)) return null;
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = this.tokens[j];
      if (t.type === "OP") {
        if (t.text === ")" || t.text === "]" || t.text === "}") depth++;
        else if (t.text === "(" || t.text === "[" || t.text === "{") {
          if (depth === 0) return null;
          depth--;
        }
        continue;
      }
      if (depth > 0 || t.type !== "NAME") continue;
      if (t.text === "in") return null;
      if (t.text === "for") {
        const tok = this.tokens[i];
        return { error: this.report.make("'in' expected after for-loop variables", tok.from, caretEnd(tok)), lookahead: i };
      }
    }
    return null;
  }

  /** Whether token i is inside brackets (CPython's p->tokens[...]->level > 0). */
  private insideBrackets(i: number): boolean {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = this.tokens[j];
      if (t.type === "NEWLINE") break;
      if (t.type !== "OP") continue;
      if (t.text === ")" || t.text === "]" || t.text === "}") depth++;
      else if (t.text === "(" || t.text === "[" || t.text === "{") {
        if (depth === 0) return true;
        depth--;
      }
    }
    return false;
  }

  /** Start of the comma-separated element (within the innermost bracket) that ends before token i. */
  private elementStart(i: number): number {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      const t = this.tokens[j];
      if (t.type === "NEWLINE" || t.type === "INDENT" || t.type === "DEDENT") return this.tokens[j + 1].from;
      if (t.type === "OP") {
        if (t.text === ")" || t.text === "]" || t.text === "}") depth++;
        else if (t.text === "(" || t.text === "[" || t.text === "{") {
          if (depth === 0) return this.tokens[j + 1].from;
          depth--;
        } else if (depth === 0 && (t.text === "," || t.text === ":" || t.text === "=" || t.text === ":=")) {
          return this.tokens[j + 1].from;
        }
      } else if (depth === 0 && t.type === "NAME" && ["if", "else", "for", "in", "lambda", "yield"].includes(t.text)) {
        return this.tokens[j + 1].from;
      }
    }
    return this.tokens[0].from;
  }

  /** End of the expression starting at token i (up to a separator at its bracket depth). */
  private expressionEnd(i: number, _node: SyntaxNode): number {
    let depth = 0;
    let end = this.tokens[i].to;
    for (let j = i; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t.type === "NEWLINE" || t.type === "ENDMARKER") break;
      if (t.type === "OP") {
        if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
        else if (t.text === ")" || t.text === "]" || t.text === "}") {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && [",", ":", "=", ":="].includes(t.text)) break;
      } else if (depth === 0 && j > i && t.type === "NAME" && KEYWORDS.has(t.text) && !["None", "True", "False"].includes(t.text)) break;
      else if (depth === 0 && j > i && ["NAME", "NUMBER", "STRING", "FSTRING"].includes(t.type) && ["NAME", "NUMBER", "STRING", "FSTRING"].includes(this.tokens[j - 1].type) && !(t.type.includes("STRING") && this.tokens[j - 1].type.includes("STRING"))) break;
      end = t.to;
    }
    return end;
  }

  /** `if x = 1:` — CPython suggests '==' or ':='. */
  private assignmentInTest(i: number): Found | null {
    const tok = this.tokens[i];
    const name = this.tokens[i - 1];
    if (tok.type !== "OP" || tok.text !== "=") return null;
    const beforeName = this.tokens[i - 2];
    const wholeName = name?.type === "NAME" && !KEYWORDS.has(name.text) && !(beforeName?.type === "OP" && [".", ")", "]"].includes(beforeName.text));
    if (!wholeName) {
      // invalid_kwarg: `f(a.b=1)` inside a call's parentheses.
      const before = this.tokens[i - 1];
      const endsExpression = before !== undefined && (["NAME", "NUMBER", "STRING", "FSTRING"].includes(before.type) || [")", "]", "}"].includes(before.text));
      if (!this.insideCall(i) || !endsExpression) return null;
      const from = this.elementStart(i);
      return { error: this.report.make('expression cannot contain assignment, perhaps you meant "=="?', from, tok.to), lookahead: i };
    }
    const next = this.tokens[i + 1];
    if (!next || next.text === "=" || next.text === ":=") return null;
    const end = this.bitwiseOrEnd(i + 1);
    if (end === null) return null;
    const after = this.tokens.findIndex((t) => t.from >= end);
    return { error: this.report.make("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", name.from, end), lookahead: after < 0 ? this.tokens.length - 1 : after };
  }

  /** End of a bitwise_or-level expression starting at token i (stops at comparisons and keywords). */
  private bitwiseOrEnd(i: number): number | null {
    let depth = 0;
    let end: number | null = null;
    for (let j = i; j < this.tokens.length; j++) {
      const t = this.tokens[j];
      if (t.type === "NEWLINE" || t.type === "ENDMARKER") break;
      if (t.type === "OP") {
        if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
        else if (t.text === ")" || t.text === "]" || t.text === "}") {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && [",", ":", "=", ":=", "==", "!=", "<", ">", "<=", ">=", ";"].includes(t.text)) break;
      } else if (depth === 0 && t.type === "NAME" && KEYWORDS.has(t.text) && !["None", "True", "False"].includes(t.text)) break;
      end = t.to;
    }
    return end;
  }

  private importWithoutNames(i: number): Found | null {
    const tok = this.tokens[i];
    const prev = this.tokens[i - 1];
    if (prev?.type === "NAME" && prev.text === "import" && tok.type === "NEWLINE") {
      return { error: this.report.make("Expected one or more names after 'import'", tok.from, tok.from + 1), lookahead: i };
    }
    return null;
  }

  /** `x = 3 if y` + newline: a conditional expression without its else. */
  private incompleteConditional(_node: SyntaxNode, i: number): Found | null {
    const tok = this.tokens[i];
    if (tok.text === "else" || tok.text === ":") return null;
    const start = this.logicalLineStart(i);
    // The nearest `if` at this bracket depth, with nothing but an expression after it.
    let ifIndex = -1;
    let depth = 0;
    for (let j = i - 1; j > start; j--) {
      const t = this.tokens[j];
      if (t.type === "OP" && [")", "]", "}"].includes(t.text)) depth++;
      else if (t.type === "OP" && ["(", "[", "{"].includes(t.text)) {
        if (depth === 0) break;
        depth--;
      } else if (depth === 0 && t.type === "NAME" && KEYWORDS.has(t.text) && !["None", "True", "False", "not", "and", "or", "is", "in", "lambda", "await"].includes(t.text)) {
        if (t.text === "if") ifIndex = j;
        break;
      } else if (depth === 0 && t.type === "OP" && [",", "=", ":", ";"].includes(t.text)) break;
    }
    if (ifIndex <= start || ifIndex >= i - 1 || !this.endsExpression(this.tokens[ifIndex - 1])) return null;
    if (COMPOUND_KEYWORDS.has(this.tokens[start].text) && this.tokens[start].text !== "if" && this.depthZeroColons(start, ifIndex) === 0 && this.tokens[start].text !== "else") {
      // `while x if y` and the like: a statement header, not handled here.
      if (ifIndex === start) return null;
    }
    const open = this.innermostOpen(ifIndex);
    if (this.comprehensionClauseBefore(open >= 0 ? open : start - 1, ifIndex)) return null;
    const from = this.elementStart(ifIndex);
    return { error: this.report.make("expected 'else' after 'if' expression", from, this.tokens[i - 1].to), lookahead: i };
  }
}
