/**
 * Raises SyntaxErrors at source positions and collects compile-time warnings. Positions may be
 * given as string offsets (from lezer) or as AST nodes (byte columns); SyntaxError wants 1-based
 * code point columns, like CPython's exception attributes.
 */
import type { Located } from "./ast";
import { PyIndentationError, PySyntaxError, type SyntaxErrorType } from "./errors";
import type { SourceText } from "./source-text";

export interface SyntaxWarningInfo {
  category: "SyntaxWarning";
  message: string;
  filename: string;
  lineno: number;
  /** The source line the warning refers to (as warnings.formatwarning shows it). */
  line: string;
}

/** The stderr text CPython writes for a compile-time warning (warnings.formatwarning). */
export function formatSyntaxWarning(w: SyntaxWarningInfo): string {
  const line = w.line.trim();
  return `${w.filename}:${w.lineno}: ${w.category}: ${w.message}\n` + (line ? `  ${line}\n` : "");
}

export class SyntaxErrorReporter {

  /**
   * Whether errors found after parsing (symbol table, compiler) carry the source line. CPython
   * reads that line back from the file, so code from exec()/eval() strings gets none.
   */
  compileErrorsHaveText = true;

  constructor(
    private readonly src: SourceText,
    readonly filename: string,
  ) {}

  /** Like raiseAt, for errors CPython's symbol table or compiler raise. */
  raiseCompileError(msg: string, node: Located): never {
    const err = this.make(msg, this.offsetOf(node.lineno, node.col_offset), this.offsetOf(node.end_lineno, node.end_col_offset));
    if (this.compileErrorsHaveText) throw err;
    throw new PySyntaxError(msg, { filename: err.filename, lineno: err.lineno, offset: err.offset, end_lineno: err.end_lineno, end_offset: err.end_offset, text: null });
  }

  /** Builds (does not throw) an error spanning string offsets [from, to). */
  make(msg: string, from: number, to: number, type: SyntaxErrorType = "SyntaxError"): PySyntaxError {
    const lineno = this.src.lineOf(from);
    const endLineno = this.src.lineOf(to);
    const location = {
      filename: this.filename,
      lineno,
      offset: this.src.charColumn(from),
      end_lineno: endLineno,
      end_offset: this.src.charColumn(to),
      text: this.lineWithNewline(lineno),
    };
    return type === "SyntaxError" ? new PySyntaxError(msg, location) : new PyIndentationError(msg, location, type);
  }

  raise(msg: string, from: number, to: number, type: SyntaxErrorType = "SyntaxError"): never {
    throw this.make(msg, from, to, type);
  }

  raiseRange(msg: string, from: number, to: number): never {
    throw this.make(msg, from, to);
  }

  /** Raises at an AST node's span. */
  raiseAt(msg: string, node: Located): never {
    throw this.make(msg, this.offsetOf(node.lineno, node.col_offset), this.offsetOf(node.end_lineno, node.end_col_offset));
  }

  /** Raises with explicit CPython coordinates (1-based code point offsets). */
  raiseAtColumns(msg: string, lineno: number, offset: number, endLineno: number, endOffset: number, type: SyntaxErrorType = "SyntaxError"): never {
    const location = { filename: this.filename, lineno, offset, end_lineno: endLineno, end_offset: endOffset, text: this.lineWithNewline(lineno) };
    throw type === "SyntaxError" ? new PySyntaxError(msg, location) : new PyIndentationError(msg, location, type);
  }

  /** Parser-time warnings with the source offset they arise at (CPython issues them in that order). */
  private readonly parseWarnings: { offset: number; info: SyntaxWarningInfo }[] = [];
  /** Compiler-time warnings, issued after parsing, in compile order. */
  private readonly compileWarnings: SyntaxWarningInfo[] = [];

  /** All warnings in the order CPython prints them. */
  get warnings(): SyntaxWarningInfo[] {
    const parse = [...this.parseWarnings].sort((a, b) => a.offset - b.offset).map((w) => w.info);
    return [...parse, ...this.compileWarnings];
  }

  /** A parser SyntaxWarning for the line holding string offset `offset`. */
  warn(message: string, offset: number): void {
    const lineno = this.src.lineOf(offset);
    this.parseWarnings.push({ offset, info: { category: "SyntaxWarning", message, filename: this.filename, lineno, line: this.src.lineText(lineno) } });
  }

  /** A compiler SyntaxWarning for a line. */
  warnAtLine(message: string, lineno: number): void {
    this.compileWarnings.push({ category: "SyntaxWarning", message, filename: this.filename, lineno, line: this.src.lineText(lineno) });
  }

  lineWithNewline(lineno: number): string | null {
    if (lineno < 1 || lineno > this.src.lineCount) return null;
    return this.src.lineText(lineno) + "\n";
  }

  /** String offset of a (line, 1-based code point column) position. */
  offsetOfChar(lineno: number, charOffset: number): number {
    if (lineno < 1 || lineno > this.src.lineCount) return this.src.text.length;
    const start = this.src.lineStart(lineno);
    const line = this.src.lineText(lineno);
    let i = 0;
    for (let n = 1; n < charOffset && i < line.length; n++) i += line.codePointAt(i)! >= 0x10000 ? 2 : 1;
    return start + i;
  }

  /** String offset of a (line, UTF-8 byte column) position. */
  offsetOf(lineno: number, byteCol: number): number {
    const start = this.src.lineStart(lineno);
    const line = this.src.lineText(lineno);
    let bytes = 0;
    let i = 0;
    while (i < line.length && bytes < byteCol) {
      const c = line.codePointAt(i)!;
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      i += c >= 0x10000 ? 2 : 1;
    }
    return start + i;
  }
}
