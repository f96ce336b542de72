/**
 * The parser facade: Python source text to a CPython-shaped AST, or a PySyntaxError worded and
 * placed as CPython 3.13 would.
 *
 * Which error wins follows CPython's parser (Parser/pegen_errors.c): the first parse error in the
 * file (from the token structure, lezer's error nodes, f-string fields or the lowering's target and
 * argument checks), unless the tokenizer failed before it; a tokenizer error after it replaces it
 * when CPython's tokenizer raises it outright (strings, numbers, brackets, characters; not
 * indentation or line continuation, nor inside an f-string), except after "unexpected indent";
 * "'(' was never closed" replaces it when the parser read past the bracket's line. Then the
 * checks of CPython's symbol table and compiler run. Every rule here is checked against CPython
 * output in test/unit/parse (golden/*.json come from the CPython 3.13 oracle).
 *
 * API: parseModule (exec mode), parseExpression (eval mode), PySyntaxError / PyIndentationError,
 * formatSyntaxError (stderr text of an uncaught SyntaxError), formatSyntaxWarning.
 */
import { parser } from "@lezer/python";
import type { Expression, ExprStmt, Module } from "./ast";
import { Diagnoser, firstErrorNode, type Candidate } from "./diagnose";
import { PySyntaxError } from "./errors";
import { IncompleteTree, Lowerer } from "./lower";
import { SyntaxErrorReporter, type SyntaxWarningInfo } from "./reporter";
import { checkExpressionScopes, checkScopes } from "./scope-check";
import { SourceText } from "./source-text";
import { tokenize, type Token, type TokenizeResult } from "./tokenize";
import { withRewrites, type TextPatch } from "./with-items";

export type * from "./ast";
export { PySyntaxError, PyIndentationError, formatSyntaxError } from "./errors";
export { formatSyntaxWarning, type SyntaxWarningInfo } from "./reporter";

export interface ParseOptions {
  /** Receives SyntaxWarnings (e.g. invalid escape sequences), in source order. */
  warnings?: SyntaxWarningInfo[];
  /**
   * False for code from exec()/eval() strings: CPython's symbol-table and compiler errors then
   * carry no source line (it cannot read one back from a file). Default true.
   */
  compileErrorsHaveText?: boolean;
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
  report.compileErrorsHaveText = options.compileErrorsHaveText !== false;
  const tokens = tokenize(text);
  const diagnose = new Diagnoser(src, tokens, report);
  for (const w of tokens.numberWarnings) report.warn(w.message, w.offset);
  const withItems = withRewrites(text, tokens.tokens);
  const tree = parser.parse(lezerInput(text, tokens, withItems.patches));

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
    module = new Lowerer(src, tree, report, diagnose, errorNode ? errorNode.from : null, withItems.targets).module();
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
 * - With-statement targets other than a name, and parenthesized with-item lists (with-items.ts).
 */
function lezerInput(text: string, tokens: TokenizeResult, extra: TextPatch[]): string {
  const patches: TextPatch[] = tokens.trailingDotNumbers.map((at) => ({ from: at, to: at + 1, text: "_" }));
  for (const t of tokens.tokens) if (t.type === "NAME" && t.text === "print") patches.push({ from: t.from, to: t.from + 1, text: "P" });
  patches.push(...extra);
  if (!patches.length) return text;
  patches.sort((a, b) => a.from - b.from);
  const parts: string[] = [];
  let cursor = 0;
  for (const p of patches) {
    if (p.from < cursor) continue; // overlapping patches cannot occur for valid input; keep the first
    parts.push(text.slice(cursor, p.from), p.text);
    cursor = p.to;
  }
  parts.push(text.slice(cursor));
  return parts.join("");
}

/**
 * Parses in CPython's eval mode (`eval: expressions NEWLINE* ENDMARKER`): one expression, else
 * "invalid syntax" at the first token after it. Like the eval() builtin's caller, strip leading
 * spaces and tabs first.
 */
export function parseExpression(source: string, filename: string, options: ParseOptions = {}): Expression {
  const text = source.replace(/\r\n?/g, "\n");
  if (!/\S/.test(text)) {
    throw new PySyntaxError("invalid syntax", { filename, lineno: 0, offset: 0, end_lineno: 0, end_offset: 0, text: "" });
  }
  const src = new SourceText(text);
  const report = new SyntaxErrorReporter(src, filename);
  report.compileErrorsHaveText = options.compileErrorsHaveText !== false;
  const tokens = tokenize(text).tokens;
  let module: Module;
  try {
    module = parseModule(text, filename, { ...options, scopeChecks: false });
  } catch (e) {
    if (!(e instanceof PySyntaxError)) throw e;
    // Without exec mode's implicit final newline, an error at the end of input has no column.
    if (e.msg === "invalid syntax" && e.lineno === src.lineCount && e.offset > [...src.lineText(e.lineno)].length) {
      throw new PySyntaxError(e.msg, { filename, lineno: e.lineno, offset: 0, end_lineno: e.lineno, end_offset: 0, text: e.text });
    }
    // Assignment diagnostics belong to statements; in eval mode the expression simply ends at "=".
    if (!STATEMENT_ONLY_MESSAGES.some((m) => e.msg.includes(m))) throw e;
    const assign = tokens.find((t) => t.type === "OP" && /^(=|[-+*/%&|^@<>]+=|\*\*=|\/\/=|:)$/.test(t.text) && t.text !== "==" && t.text !== "<=" && t.text !== ">=");
    if (!assign) throw e;
    return report.raiseRange("invalid syntax", assign.from, assign.to);
  }
  const first = module.body[0];
  // The first token not part of the leading expression.
  const tokenAfter = (line: number, col: number): Token => {
    const offset = report.offsetOf(line, col);
    return tokens.find((t) => t.from >= offset && t.type !== "INDENT" && t.type !== "DEDENT") ?? tokens[tokens.length - 1];
  };
  let bad: Token | null = null;
  if (first.kind === "Expr") {
    const after = tokenAfter(first.end_lineno, first.end_col_offset);
    const rest = tokens.slice(tokens.indexOf(after)).filter((t) => t.type !== "NEWLINE" && t.type !== "ENDMARKER" && t.type !== "DEDENT");
    if (rest.length) bad = rest[0];
  } else if (first.kind === "Assign" || first.kind === "AugAssign" || first.kind === "AnnAssign") {
    const target = first.kind === "Assign" ? first.targets[0] : first.target;
    bad = tokenAfter(target.end_lineno, target.end_col_offset);
  } else {
    bad = tokenAfter(first.lineno, first.col_offset);
  }
  if (bad) report.raiseRange("invalid syntax", bad.from, bad.to > bad.from ? bad.to : bad.from + 1);
  const body = (first as ExprStmt).value;
  try {
    if (options.scopeChecks !== false) checkExpressionScopes(body, report);
  } finally {
    options.warnings?.push(...report.warnings);
  }
  return { kind: "Expression", body };
}

/** Messages of CPython's statement-level invalid_* rules, which eval mode never reaches. */
const STATEMENT_ONLY_MESSAGES = [
  "cannot assign to", "Maybe you meant '==' instead of '='", "Maybe you meant '==' or ':=' instead of '='",
  "illegal expression for augmented assignment", "assignment to yield expression not possible",
  "starred assignment target must be in a list or tuple", "only single target", "illegal target for annotation",
];

function earliest(candidates: Candidate[]): Candidate | null {
  let best: Candidate | null = null;
  for (const c of candidates) if (!best || c.at < best.at) best = c;
  return best;
}
