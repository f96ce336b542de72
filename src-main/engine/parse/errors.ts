/**
 * Syntax errors as CPython 3.13 raises them. These are host (TypeScript) errors carrying the
 * attributes of Python's SyntaxError; the engine turns them into Python objects when needed.
 * Offsets are 1-based code point columns, like SyntaxError.offset in Python.
 */

/** The Python exception class a syntax error belongs to. */
export type SyntaxErrorType = "SyntaxError" | "IndentationError" | "TabError";

export interface SyntaxErrorLocation {
  filename: string;
  lineno: number;
  offset: number;
  end_lineno: number;
  end_offset: number;
  /** The offending source line, with its newline as CPython keeps it (null when unknown). */
  text: string | null;
}

export class PySyntaxError extends Error {
  readonly msg: string;
  readonly filename: string;
  readonly lineno: number;
  readonly offset: number;
  readonly end_lineno: number;
  readonly end_offset: number;
  readonly text: string | null;
  /** The Python class name: SyntaxError, IndentationError or TabError. */
  readonly pythonType: SyntaxErrorType;

  constructor(msg: string, location: SyntaxErrorLocation, pythonType: SyntaxErrorType = "SyntaxError") {
    super(`${pythonType}: ${msg} (${location.filename}, line ${location.lineno})`);
    this.name = "PySyntaxError";
    this.msg = msg;
    this.filename = location.filename;
    this.lineno = location.lineno;
    this.offset = location.offset;
    this.end_lineno = location.end_lineno;
    this.end_offset = location.end_offset;
    this.text = location.text;
    this.pythonType = pythonType;
  }
}

/** IndentationError is a SyntaxError subclass in Python; here too. */
export class PyIndentationError extends PySyntaxError {
  constructor(msg: string, location: SyntaxErrorLocation, pythonType: "IndentationError" | "TabError" = "IndentationError") {
    super(msg, location, pythonType);
    this.name = "PyIndentationError";
  }
}

const isPythonSpace = (c: string): boolean => /\s/u.test(c);

/**
 * The text CPython 3.13 writes to stderr for an uncaught SyntaxError (traceback's
 * _format_syntax_error, without colour): the File line, the stripped source line, the carets and
 * the final "SyntaxError: msg" line.
 */
export function formatSyntaxError(err: PySyntaxError): string {
  const out: string[] = [];
  out.push(`  File "${err.filename || "<string>"}", line ${err.lineno}\n`);
  if (err.text !== null) {
    const rtext = err.text.replace(/\n+$/, "");
    const ltext = rtext.replace(/^[ \n\f]+/, "");
    const spaces = [...rtext].length - [...ltext].length;
    const textLength = [...err.text].length;
    const rLength = [...rtext].length;
    let offset = err.offset;
    let endOffset: number;
    if (err.lineno === err.end_lineno) endOffset = err.end_offset === 0 ? offset : err.end_offset;
    else endOffset = rLength + 1;
    if (err.text && offset > textLength) offset = rLength + 1;
    if (err.text && endOffset > textLength) endOffset = rLength + 1;
    if (offset >= endOffset || endOffset < 0) endOffset = offset + 1;
    const colno = offset - 1 - spaces;
    const endColno = endOffset - 1 - spaces;
    out.push(`    ${ltext}\n`);
    if (colno >= 0) {
      const caretSpace = [...ltext].slice(0, colno).map((c) => (isPythonSpace(c) ? c : " ")).join("");
      out.push(`    ${caretSpace}${"^".repeat(Math.max(0, endColno - colno))}\n`);
    }
  }
  out.push(`${err.pythonType}: ${err.msg || "<no detail available>"}\n`);
  return out.join("");
}
