// Compiling source and running it as a module body or an exec/eval string.
import { decref, PyObject } from "../objects/object";
import { PyDict } from "../objects/dict";
import { parseModule, PySyntaxError, formatSyntaxWarning, type SyntaxWarningInfo } from "../parse/index";
import type { CompilerWarning } from "../compile/warnings";
import { Compiler, CompileError } from "../compile/compiler";
import { Frame } from "./frame";
import { interp } from "./interp";
import { runFrame } from "./call";
import { PyCode } from "../objects/code";
import { PyErr, newException, SyntaxError as SyntaxErrorType, IndentationError, TabError } from "../objects/exceptions";
import { newStr } from "../objects/str";

/** Parses and compiles; SyntaxError becomes a Python exception. `keepConsts`: hold constants for the run. */
export function compileSource(source: string, filename: string, mode: "exec" | "eval", keepConsts: boolean): PyCode {
  let mod;
  const warnings: SyntaxWarningInfo[] = [];
  try {
    mod = parseModule(mode === "eval" ? source.trim() : source, filename, { warnings });
  } catch (e) {
    if (e instanceof PySyntaxError) {
      // The parser names the class (IndentationError, TabError): RunResult.error.type and
      // `except IndentationError` see it, not only the traceback text.
      const type = e.pythonType === "TabError" ? TabError : e.pythonType === "IndentationError" ? IndentationError : SyntaxErrorType;
      const err = newException(type, [newStr(e.msg ?? e.message)]);
      (err as unknown as { syntax: unknown }).syntax = e;
      throw new PyErr(err);
    }
    throw e;
  }
  const compiler = new Compiler({ filename, mode });
  try {
    const code = compiler.compileModule(mod);
    reportSyntaxWarnings(source, filename, warnings, compiler.warnings);
    if (keepConsts) interp.keepAlive.push(...compiler.consts.values());
    else compiler.consts.release();
    return code;
  } catch (e) {
    compiler.consts.release();
    if (e instanceof CompileError) throw new PyErr(newException(SyntaxErrorType, [newStr(e.message)]));
    throw e;
  }
}

export function compileAndRun(source: string, filename: string, mode: "exec" | "eval", globals: PyDict, locals: PyDict): PyObject {
  const code = compileSource(source, filename, mode, false);
  try {
    const f = new Frame(code, globals, interp.builtins, locals, null);
    f.pc = code.startPc;
    return runFrame(f);
  } finally {
    decref(code);
  }
}

/**
 * Writes the parser's and the compiler's SyntaxWarnings to stderr as the warnings module shows
 * them, each (message, line) once (the "default" action's registry).
 */
function reportSyntaxWarnings(source: string, filename: string, fromParser: SyntaxWarningInfo[], fromCompiler: CompilerWarning[]): void {
  if (fromParser.length === 0 && fromCompiler.length === 0) return;
  const lines = source.split(/\r\n|\r|\n/);
  // The tokenizer's warnings come first; the compiler's (the parser package's check_compare and
  // ours) follow in source order, as CPython's compiler walks the tree.
  const compilePhase = (w: SyntaxWarningInfo): boolean => /^"is( not)?" with '/.test(w.message);
  const compiled = [
    ...fromParser.filter(compilePhase),
    ...fromCompiler.map((w): SyntaxWarningInfo => ({ category: "SyntaxWarning", message: w.message, filename, lineno: w.lineno, line: lines[w.lineno - 1] ?? "" })),
  ].sort((a, b) => a.lineno - b.lineno);
  const all: SyntaxWarningInfo[] = [...fromParser.filter((w) => !compilePhase(w)), ...compiled];
  const seen = new Set<string>();
  for (const w of all) {
    const key = `${w.lineno}\0${w.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    interp.write("stderr", formatSyntaxWarning(w));
  }
}
