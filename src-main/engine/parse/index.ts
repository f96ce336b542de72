/**
 * The parser facade: Python source text to a CPython-shaped AST, or a PySyntaxError worded and
 * placed as CPython 3.13 would.
 */
import { parser } from "@lezer/python";
import type { Module } from "./ast";
import { Lowerer } from "./lower";
import { SyntaxErrorReporter, type SyntaxWarningInfo } from "./reporter";
import { SourceText } from "./source-text";
import { firstTreeError } from "./tree-errors";

export type * from "./ast";
export { PySyntaxError, PyIndentationError, formatSyntaxError } from "./errors";
export type { SyntaxWarningInfo } from "./reporter";

export interface ParseOptions {
  /** Receives SyntaxWarnings (e.g. invalid escape sequences), in source order. */
  warnings?: SyntaxWarningInfo[];
}

export function parseModule(source: string, filename: string, options: ParseOptions = {}): Module {
  const text = source.replace(/\r\n?/g, "\n");
  const src = new SourceText(text);
  const report = new SyntaxErrorReporter(src, filename);
  const tree = parser.parse(text);
  firstTreeError(tree, src, report);
  const module = new Lowerer(src, tree, report).module();
  options.warnings?.push(...report.warnings);
  return module;
}
