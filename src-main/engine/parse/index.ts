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
import { Diagnoser, firstErrorNode } from "./diagnose";
import { PySyntaxError } from "./errors";
import { Lowerer } from "./lower";
import { SyntaxErrorReporter, type SyntaxWarningInfo } from "./reporter";
import { checkScopes } from "./scope-check";
import { SourceText } from "./source-text";
import { tokenize } from "./tokenize";

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
  const tokenizerError = diagnose.tokenizerError();
  if (tokenizerError) throw tokenizerError;

  const tree = parser.parse(lezerInput(text, tokens.trailingDotNumbers));
  const errorNode = firstErrorNode(tree);
  const candidates = [diagnose.indentationError(), errorNode ? diagnose.treeError(errorNode) : null];
  let parseError = earliest(candidates.filter((e): e is PySyntaxError => e !== null));

  let module: Module | null = null;
  try {
    module = new Lowerer(src, tree, report, diagnose).module();
  } catch (e) {
    if (!(e instanceof PySyntaxError)) {
      if (!parseError) throw e;
    } else if (!parseError || before(e, parseError)) {
      parseError = e;
    }
  }
  if (parseError) throw diagnose.neverClosedOverrides(parseError);
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
 * Lezer's number token cannot end in a dot ("5.", "1.e3"). The same text with that dot read as an
 * underscore has the same length, so lezer's offsets still index the real source, from which the
 * lowering reads every literal.
 */
function lezerInput(text: string, trailingDots: number[]): string {
  if (!trailingDots.length) return text;
  const chars = text.split("");
  for (const at of trailingDots) chars[at] = "_";
  return chars.join("");
}

function before(a: PySyntaxError, b: PySyntaxError): boolean {
  return a.lineno < b.lineno || (a.lineno === b.lineno && a.offset < b.offset);
}

function earliest(errors: PySyntaxError[]): PySyntaxError | null {
  let best: PySyntaxError | null = null;
  for (const e of errors) if (!best || before(e, best)) best = e;
  return best;
}
