/**
 * Lezer's grammar accepts only a name after `as` in a with statement, no parenthesized item
 * list, only dotted-name decorators, and no "/" among lambda parameters. Python allows any assignment target (`as self.f`, `as (a, b)`) and, since 3.10,
 * `with (open(a) as f, open(b) as g):`. This module finds those forms in the token stream and
 * describes same-length rewrites of the text lezer sees (targets become one long name, the item
 * list's parentheses become spaces); the lowering reads the real targets from the source.
 */
import type { Token } from "./tokenize";

/** A replacement of text[from, to) by a string of the same length. */
export interface TextPatch {
  from: number;
  to: number;
  text: string;
}

export interface WithRewrites {
  patches: TextPatch[];
  /** Source ranges (targets, decorators) shown to lezer as a name, keyed by their start offset. */
  targets: Map<number, number>;
}

const OPEN = new Set(["(", "[", "{"]);
const CLOSE = new Set([")", "]", "}"]);

export function withRewrites(text: string, tokens: Token[]): WithRewrites {
  const patches: TextPatch[] = [];
  const targets = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== "NAME" || (t.text !== "with" && t.text !== "async")) continue;
    const lineStart = i === 0 || isLayout(tokens[i - 1]);
    if (!lineStart) continue;
    let w = i;
    if (t.type === "NAME" && t.text === "async") w = i + 1;
    if (tokens[w]?.type !== "NAME" || tokens[w].text !== "with") continue;
    let first = w + 1;
    // `with (a as b, c as d):` — the parentheses enclose the whole item list.
    let base = 0;
    if (tokens[first]?.text === "(") {
      const close = matching(tokens, first);
      // CPython's grammar tries this form first: `with (a, b):` is two items, not a tuple.
      if (close > first + 1 && tokens[close + 1]?.text === ":") {
        patches.push(blank(text, tokens[first].from, tokens[first].to), blank(text, tokens[close].from, tokens[close].to));
        // Line breaks and comments between the items would end lezer's line once the
        // parentheses are gone: the gaps between tokens become spaces.
        for (let g = first; g < close; g++) {
          if (tokens[g + 1].from > tokens[g].to) patches.push(blank(text, tokens[g].to, tokens[g + 1].from));
        }
        base = 1;
        first += 1;
      }
    }
    let depth = base;
    for (let j = first; j < tokens.length; j++) {
      const tok = tokens[j];
      if (tok.type === "NEWLINE" || tok.type === "ENDMARKER") break;
      if (tok.type === "OP" && OPEN.has(tok.text)) depth++;
      else if (tok.type === "OP" && CLOSE.has(tok.text)) depth--;
      if (depth === base - 1 || (depth === 0 && tok.text === ":")) break;
      if (depth !== base || tok.type !== "NAME" || tok.text !== "as") continue;
      // The target runs to the next "," or ":" (or the closing parenthesis) at this depth.
      let k = j + 1;
      let d = 0;
      for (; k < tokens.length; k++) {
        const x = tokens[k];
        if (x.type === "NEWLINE" || x.type === "ENDMARKER") break;
        if (x.type === "OP" && OPEN.has(x.text)) d++;
        else if (x.type === "OP" && CLOSE.has(x.text)) {
          if (d === 0) break;
          d--;
        } else if (d === 0 && x.type === "OP" && (x.text === "," || x.text === ":")) break;
      }
      const targetTokens = tokens.slice(j + 1, k);
      if (targetTokens.length > 1 || (targetTokens.length === 1 && targetTokens[0].type !== "NAME")) {
        const from = targetTokens[0].from;
        const to = targetTokens[targetTokens.length - 1].to;
        patches.push({ from, to, text: "_".repeat(to - from) });
        targets.set(from, to);
      }
      j = k - 1;
    }
  }
  lambdaSlashes(tokens, patches);
  decoratorExpressions(tokens, patches, targets);
  return { patches, targets };
}

/** `lambda a, /, b: ...`: lezer's lambda parameters have no "/"; it sees a name "_" there. */
function lambdaSlashes(tokens: Token[], patches: TextPatch[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== "NAME" || tokens[i].text !== "lambda") continue;
    let depth = 0;
    for (let j = i + 1; j < tokens.length; j++) {
      const t = tokens[j];
      if (t.type === "NEWLINE" || t.type === "ENDMARKER") break;
      if (t.type === "OP" && OPEN.has(t.text)) depth++;
      else if (t.type === "OP" && CLOSE.has(t.text)) depth--;
      if (depth < 0 || (depth === 0 && t.text === ":")) break;
      if (depth === 0 && t.type === "OP" && t.text === "/" && tokens[j - 1].text === ",") {
        patches.push({ from: t.from, to: t.to, text: "_" });
      }
    }
  }
}

/**
 * Decorators: lezer accepts `@dotted.name` with one optional call; Python any expression
 * (`@a(b)(c)`, `@handlers[0]`). Other decorator expressions become one long name for lezer.
 */
function decoratorExpressions(tokens: Token[], patches: TextPatch[], targets: Map<number, number>): void {
  for (let i = 0; i < tokens.length; i++) {
    const at = tokens[i];
    if (at.type !== "OP" || at.text !== "@") continue;
    const lineStart = i === 0 || isLayout(tokens[i - 1]);
    if (!lineStart) continue;
    let end = i + 1;
    while (end < tokens.length && tokens[end].type !== "NEWLINE" && tokens[end].type !== "ENDMARKER") end++;
    const expr = tokens.slice(i + 1, end);
    if (!expr.length || lezerDecorator(expr) || !plausibleExpression(expr)) continue;
    const from = expr[0].from;
    const to = expr[expr.length - 1].to;
    patches.push({ from, to, text: "_".repeat(to - from) });
    targets.set(from, to);
  }
}

const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
  "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** Only rewrite what could be an expression; anything else is left for lezer to reject. */
function plausibleExpression(expr: Token[]): boolean {
  const first = expr[0];
  if (first.type === "NAME" && KEYWORDS.has(first.text) && !["None", "True", "False", "lambda", "not", "await"].includes(first.text)) return false;
  if (first.type === "OP" && !["(", "[", "{", "-", "+", "~"].includes(first.text)) return false;
  let depth = 0;
  for (const t of expr) {
    if (t.type === "ERRORTOKEN") return false;
    if (t.type !== "OP") continue;
    if (OPEN.has(t.text)) depth++;
    else if (CLOSE.has(t.text)) depth--;
    else if (depth === 0 && (t.text === "=" || t.text === ";")) return false;
  }
  return depth === 0;
}

/** Whether lezer's Decorator rule reads these tokens: NAME ("." NAME)* ["(" ... ")"]. */
function lezerDecorator(expr: Token[]): boolean {
  let k = 0;
  if (expr[k]?.type !== "NAME") return false;
  k++;
  while (expr[k]?.text === "." && expr[k + 1]?.type === "NAME") k += 2;
  if (k === expr.length) return true;
  if (expr[k].text !== "(") return false;
  let depth = 0;
  for (let j = k; j < expr.length; j++) {
    if (OPEN.has(expr[j].text) && expr[j].type === "OP") depth++;
    else if (CLOSE.has(expr[j].text) && expr[j].type === "OP") {
      depth--;
      if (depth === 0) return j === expr.length - 1;
    }
  }
  return false;
}

function isLayout(t: Token): boolean {
  return t.type === "NEWLINE" || t.type === "INDENT" || t.type === "DEDENT";
}

function blank(_text: string, from: number, to: number): TextPatch {
  return { from, to, text: " ".repeat(to - from) };
}

function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.type !== "OP") continue;
    if (OPEN.has(t.text)) depth++;
    else if (CLOSE.has(t.text)) {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}
