/**
 * The parser facade: Python source text to a CPython-shaped AST, or a PySyntaxError worded and
 * placed as CPython 3.13 would.
 *
 * Order of checks, as CPython's: a tokenizer error anywhere wins; then the first parse error
 * (from the token structure, lezer's error nodes, or the lowering's target/argument checks,
 * whichever comes first in the file), replaced by "'(' was never closed" when it lies after an
 * unclosed bracket; then the scope checks CPython's symtable and compiler make.
 */
import { parser } from "@lezer/python";
import type { Module } from "./ast";
import { Diagnoser, firstErrorNode, type Candidate } from "./diagnose";
import { PySyntaxError } from "./errors";
import { IncompleteTree, Lowerer } from "./lower";
import { SyntaxErrorReporter, type SyntaxWarningInfo } from "./reporter";
import { checkScopes } from "./scope-check";
import { SourceText } from "./source-text";
import { tokenize, type TokenizeResult } from "./tokenize";

export type * from "./ast";
export { PySyntaxError, PyIndentationError, formatSyntaxError } from "./errors";
export { formatSyntaxWarning, type SyntaxWarningInfo } from "./reporter";

export interface ParseOptions {
  /** Receives SyntaxWarnings (e.g. invalid escape sequences), in source order. */
  warnings?: SyntaxWarningInfo[];
  /**
   * Run the symbol-table and compiler checks ('return' outside function, nonlocal errors...).
   * Default true; false gives exactly what CPython's ast.parse accepts.
   */
  scopeChecks?: boolean;
}

export function parseModule(source: string, filename: string, options: ParseOptions = {}): Module {
  const text = source.replace(/\r\n?/g, "\n");
  const src = new SourceText(text);
  const report = new SyntaxErrorReporter(src, filename);
  const tokens = tokenize(text);
  const diagnose = new Diagnoser(src, tokens, report);
  for (const w of tokens.numberWarnings) report.warn(w.message, w.offset);
  const tree = parser.parse(lezerInput(text, tokens));

  const candidates: Candidate[] = diagnose.fstringErrors();
  const indentation = diagnose.indentationError();
  if (indentation) candidates.push(indentation);
  const keywordAttribute = diagnose.keywordAttributeError();
  if (keywordAttribute) candidates.push(keywordAttribute);
  const errorNode = firstErrorNode(tree);
  if (errorNode) {
    const treeError = diagnose.treeError(errorNode);
    // An f-string error found by the tokenizer pass explains lezer's failure in the same literal.
    if (!candidates.some((c) => diagnose.sameFString(c.at, treeError.at))) candidates.push(treeError);
  }
  let module: Module | null = null;
  try {
    module = new Lowerer(src, tree, report, diagnose, errorNode ? errorNode.from : null).module();
  } catch (e) {
    if (e instanceof PySyntaxError) candidates.push(diagnose.loweringCandidate(e));
    else if (!(e instanceof IncompleteTree) || !errorNode) throw e;
  }

  const tokenizerError = diagnose.tokenizerError();
  const parseError = earliest(candidates.filter((c) => !tokenizerError || c.at < tokenizerError.at));
  if (parseError) {
    if (parseError.final) throw parseError.error;
    // A tokenizer error inside what CPython's second pass reads is raised there and then.
    if (tokenizerError && parseError.reads !== undefined && tokenizerError.at < parseError.reads) throw tokenizerError.error;
    // CPython tokenizes the rest of the file after a parser error; errors its tokenizer raises
    // there replace the parser's.
    if (tokenizerError?.overrides) throw tokenizerError.error;
    throw diagnose.neverClosedOverrides(parseError);
  }
  if (tokenizerError) throw tokenizerError.error;
  if (!module) throw new Error("parser: lowering produced no module");
  try {
    if (options.scopeChecks !== false) checkScopes(module, report);
  } finally {
    // Warnings issued before a compile-time error are still shown by CPython.
    options.warnings?.push(...report.warnings);
  }
  return module;
}

/**
 * The text lezer parses: the source with two same-length substitutions that keep lezer's offsets
 * valid for the real source, from which the lowering reads every name and literal.
 * - Lezer's number token cannot end in a dot ("5.", "1.e3"); that dot is read as "_".
 * - Lezer parses Python 2 `print x` statements, and so misreads valid `print -1` or `print = 5`;
 *   the name print is shown to it as "Print". Diagnosis finds Python 2 prints from the tokens.
 */
function lezerInput(text: string, tokens: TokenizeResult): string {
  const patches: { at: number; char: string }[] = tokens.trailingDotNumbers.map((at) => ({ at, char: "_" }));
  for (const t of tokens.tokens) if (t.type === "NAME" && t.text === "print") patches.push({ at: t.from, char: "P" });
  if (!patches.length) return text;
  patches.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let cursor = 0;
  for (const p of patches) {
    parts.push(text.slice(cursor, p.at), p.char);
    cursor = p.at + 1;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}

function earliest(candidates: Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) if (!best || c.at < best.at) best = c;
  return best;
}
