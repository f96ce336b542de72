/**
 * Lezer's grammar accepts only a name after `as` in a with statement, and no parenthesized item
 * list. Python allows any assignment target (`as self.f`, `as (a, b)`) and, since 3.10,
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
  /** Source ranges of targets shown to lezer as a name, keyed by their start offset. */
  targets: Map<number, number>;
}

const OPEN = new Set(["(", "[", "{"]);
const CLOSE = new Set([")", "]", "}"]);

export function withRewrites(text: string, tokens: Token[]): WithRewrites {
  const patches: TextPatch[] = [];
  const targets = new Map<number, number>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lineStart = i === 0 || ["NEWLINE", "INDENT", "DEDENT"].includes(tokens[i - 1].type);
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
  return { patches, targets };
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
