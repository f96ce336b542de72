// Compiling source and running it as a module body or an exec/eval string.
import { decref, PyObject } from "../objects/object";
import { PyDict } from "../objects/dict";
import { parseModule, PySyntaxError } from "../parse/index";
import { Compiler, CompileError } from "../compile/compiler";
import { Frame } from "./frame";
import { interp } from "./interp";
import { runFrame } from "./call";
import { PyCode } from "../objects/code";
import { PyErr, newException, SyntaxError as SyntaxErrorType } from "../objects/exceptions";
import { newStr } from "../objects/str";

/** Parses and compiles; SyntaxError becomes a Python exception. `keepConsts`: hold constants for the run. */
export function compileSource(source: string, filename: string, mode: "exec" | "eval", keepConsts: boolean): PyCode {
  let mod;
  try {
    mod = parseModule(mode === "eval" ? source.trim() : source, filename);
  } catch (e) {
    if (e instanceof PySyntaxError) {
      const err = newException(SyntaxErrorType, [newStr(e.msg ?? e.message)]);
      (err as unknown as { syntax: unknown }).syntax = e;
      throw new PyErr(err);
    }
    throw e;
  }
  const compiler = new Compiler({ filename, mode });
  try {
    const code = compiler.compileModule(mod);
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
