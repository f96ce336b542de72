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

export class Diagnoser {
  private readonly tokens: Token[];

  constructor(
    private readonly src: SourceText,
    private readonly tokenized: TokenizeResult,
    private readonly report: SyntaxErrorReporter,
  ) {
    this.tokens = tokenized.tokens;
  }

  /** The tokenizer's own error, if any; CPython lets it win over parser errors anywhere in the file. */
  tokenizerError(): PySyntaxError | null {
    const e = this.tokenized.error;
    if (!e) return null;
    if (e.type === "TabError") {
      const lineno = this.src.lineOf(e.from);
      return this.makeColumns(e.msg, lineno, 1, lineno, 0, "TabError");
    }
    return this.report.make(e.msg, e.from, e.to, e.type);
  }

  /** Errors CPython finds from the INDENT/DEDENT structure that lezer's grammar tolerates. */
  indentationError(): PySyntaxError | null {
    const t = this.tokens;
    for (let i = 0; i < t.length; i++) {
      const tok = t[i];
      if (tok.type === "INDENT") {
        const opensBlock = t[i - 1]?.type === "NEWLINE" && t[i - 2]?.text === ":" && t[i - 2]?.type === "OP";
        if (!opensBlock) {
          const lineno = this.src.lineOf(tok.to);
          return this.makeColumns("unexpected indent", lineno, 1, lineno, 1, "IndentationError");
        }
      } else if (tok.type === "NEWLINE" && t[i - 1]?.type === "OP" && t[i - 1].text === ":" && t[i + 1]?.type !== "INDENT") {
        const header = this.logicalLineStart(i - 1);
        const what = this.blockOpener(header);
        if (!what) continue;
        const msg = `expected an indented block after ${what} on line ${this.src.lineOf(t[header].from)}`;
        const next = t[i + 1];
        if (next.type === "ENDMARKER" || next.type === "DEDENT") {
          // CPython points at the next line (or the last one) without a caret.
          const lineno = next.type === "ENDMARKER" ? this.lastContentLine() : this.src.lineOf(next.from);
          return this.makeColumns(msg, lineno, 0, lineno, 0, "IndentationError");
        }
        return this.report.make(msg, next.from, next.to, "IndentationError");
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
    return this.report.make(msg, tok.from, tok.from === tok.to ? tok.from + 1 : tok.to);
  }

  /** The error for the place lezer's parse failed. */
  treeError(node: SyntaxNode): PySyntaxError {
    const tokIndex = this.tokenIndexAt(node.from);
    const tok = this.tokens[tokIndex];
    const unclosed = this.tokenized.unclosed;
    if (unclosed && tok.from >= unclosed.from) {
      // CPython raises "never closed" as soon as its parser fetches the end of input inside
      // brackets, or later if the error lies on a later line than the bracket.
      const line = this.src.lineOf(tok.from);
      const restOnSameLine = this.tokens.slice(tokIndex + 1).every((t) => t.type === "ENDMARKER" || this.src.lineOf(t.from) === line);
      if (tok.type === "ENDMARKER" || restOnSameLine || line > this.src.lineOf(unclosed.from)) {
        return this.neverClosed();
      }
    }
    return this.missingColon(tokIndex)
      ?? this.forgotComma(node, tokIndex)
      ?? this.assignmentInTest(tokIndex)
      ?? this.importWithoutNames(tokIndex)
      ?? this.incompleteConditional(node, tokIndex)
      ?? this.invalidSyntaxAt(tok);
  }

  /** CPython replaces a later error with "'(' was never closed" (its full-source tokenizer check). */
  neverClosedOverrides(err: PySyntaxError): PySyntaxError {
    const unclosed = this.tokenized.unclosed;
    if (!unclosed) return err;
    if (err.lineno > this.src.lineOf(unclosed.from)) return this.neverClosed();
    return err;
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
    if (tok.type === "NEWLINE" || tok.type === "ENDMARKER" || tok.from === tok.to) {
      return this.report.make("invalid syntax", tok.from, tok.from + 1);
    }
    return this.report.make("invalid syntax", tok.from, tok.to);
  }

  /** `if x` + newline: a compound statement header that ends without its colon. */
  private missingColon(i: number): PySyntaxError | null {
    const tok = this.tokens[i];
    if (tok.type !== "NEWLINE") return null;
    const start = this.logicalLineStart(i);
    const first = this.tokens[start].text === "async" ? this.tokens[start + 1] : this.tokens[start];
    if (!COMPOUND_KEYWORDS.has(first.text)) return null;
    let depth = 0;
    for (let j = start; j < i; j++) {
      const t = this.tokens[j];
      if (t.type !== "OP") continue;
      if (t.text === "(" || t.text === "[" || t.text === "{") depth++;
      else if (t.text === ")" || t.text === "]" || t.text === "}") depth--;
      else if (t.text === ":" && depth === 0) return null;
    }
    return this.report.make("expected ':'", tok.from, tok.from + 1);
  }

  /** `f(a b)`: two expressions side by side inside brackets. */
  private forgotComma(node: SyntaxNode, i: number): PySyntaxError | null {
    const tok = this.tokens[i];
    const prev = this.tokens[i - 1];
    if (!prev || !this.insideBrackets(i)) return null;
    const endsExpr = (t: Token) => t.type === "NUMBER" || t.type === "STRING" || t.type === "FSTRING" || (t.type === "NAME" && (!KEYWORDS.has(t.text) || ["None", "True", "False"].includes(t.text))) || [")", "]", "}"].includes(t.text);
    const startsExpr = (t: Token) => t.type === "NUMBER" || t.type === "STRING" || t.type === "FSTRING" || (t.type === "NAME" && (!KEYWORDS.has(t.text) || ["None", "True", "False", "not", "lambda"].includes(t.text))) || ["(", "[", "{", "-", "+", "~"].includes(t.text);
    if (!endsExpr(prev) || !startsExpr(tok)) return null;
    if (prev.type === "NAME" && (tok.type === "STRING" || tok.type === "FSTRING")) return null;
    const from = this.elementStart(i);
    const to = this.expressionEnd(i, node);
    const after = this.tokens.find((t) => t.from >= to);
    if (this.tokenized.unclosed && after?.type === "ENDMARKER") return this.neverClosed();
    return this.report.make("invalid syntax. Perhaps you forgot a comma?", from, to);
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
  private assignmentInTest(i: number): PySyntaxError | null {
    const tok = this.tokens[i];
    const name = this.tokens[i - 1];
    if (tok.type !== "OP" || tok.text !== "=" || name?.type !== "NAME" || KEYWORDS.has(name.text)) return null;
    const next = this.tokens[i + 1];
    if (!next || next.text === "=" || next.text === ":=") return null;
    const end = this.bitwiseOrEnd(i + 1);
    if (end === null) return null;
    return this.report.make("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", name.from, end);
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

  private importWithoutNames(i: number): PySyntaxError | null {
    const tok = this.tokens[i];
    const prev = this.tokens[i - 1];
    if (prev?.type === "NAME" && prev.text === "import" && tok.type === "NEWLINE") {
      return this.report.make("Expected one or more names after 'import'", tok.from, tok.from + 1);
    }
    return null;
  }

  /** `x = 3 if y` + newline: a conditional expression without its else. */
  private incompleteConditional(_node: SyntaxNode, i: number): PySyntaxError | null {
    const tok = this.tokens[i];
    if (tok.type !== "NEWLINE") return null;
    const start = this.logicalLineStart(i);
    let ifIndex = -1;
    for (let j = i - 1; j > start; j--) {
      if (this.tokens[j].type === "NAME" && this.tokens[j].text === "if") {
        ifIndex = j;
        break;
      }
    }
    if (ifIndex <= start || COMPOUND_KEYWORDS.has(this.tokens[start].text)) return null;
    if (this.tokens.slice(ifIndex, i).some((t) => t.text === "else")) return null;
    const from = this.elementStart(ifIndex);
    return this.report.make("expected 'else' after 'if' expression", from, this.tokens[i - 1].to);
  }
}
