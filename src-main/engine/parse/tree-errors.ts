/**
 * Turns lezer's error recovery nodes into a SyntaxError. Lezer marks where it gave up, not why,
 * so the message here is CPython's generic "invalid syntax" at the first error position unless a
 * sharper diagnosis applies.
 */
import type { SyntaxNode, Tree } from "@lezer/common";
import type { SyntaxErrorReporter } from "./reporter";
import type { SourceText } from "./source-text";

/** Lezer reports a bare `yield` as an error (its grammar wants a value); CPython allows it. */
function isBareYield(node: SyntaxNode): boolean {
  const parent = node.parent;
  if (!parent || (parent.name !== "YieldStatement" && parent.name !== "YieldExpression")) return false;
  return node.from === node.to && node.prevSibling?.name === "yield";
}

export function findErrorNodes(tree: Tree): SyntaxNode[] {
  const errors: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.type.isError && !isBareYield(ref.node)) errors.push(ref.node);
    },
  });
  return errors;
}

export function firstTreeError(tree: Tree, src: SourceText, report: SyntaxErrorReporter): void {
  const errors = findErrorNodes(tree);
  if (!errors.length) return;
  const first = errors[0];
  let from = first.from;
  // Point at the first token of the error, not the whitespace before it.
  while (from < src.text.length && /[ \t]/.test(src.text[from])) from++;
  let to = from;
  while (to < src.text.length && /[A-Za-z0-9_]/.test(src.text[to])) to++;
  if (to === from) to = from + 1;
  report.raiseRange("invalid syntax", from, to);
}
