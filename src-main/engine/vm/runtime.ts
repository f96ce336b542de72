// Creating an interpreter for a program and driving it: the __main__ module, running (whole or
// in steps), uncaught exceptions, limits, and shutdown (module globals released at exit).
import { decref, PyObject } from "../objects/object";
import { finalizeInterpreter } from "../gc/shutdown";
import { PyDict, dictSetItem, dictGetStr, newDict } from "../objects/dict";
import { newModule, PyModule } from "../objects/module";
import { newStr, internString, PyStr } from "../objects/str";
import { None } from "../objects/singletons";
import { PyErr, PyBaseException, SystemExit } from "../objects/exceptions";
import { Frame } from "./frame";
import { Interp } from "./interp";
import { execute, PAUSED } from "./eval";
import { compileSource } from "./run";
import { formatException } from "./traceback";
import { makeBuiltinsModule } from "../modules/builtins";
import { LimitExceeded, Heap } from "../heap/heap";
import { vm } from "../objects/hooks";
import { call } from "./call";
import { repr, str as strOf, hashOf, eq } from "./abstract";
import { toPyErr } from "./errors";
import "../modules/type-methods";
import { setCustomKey } from "../objects/hashkey";
import { keyOf } from "./abstract";
import type { LimitName, PythonErrorInfo, RunOptions } from "../facade-types";
import { tracebackPositions } from "../objects/traceback";

vm.call = call;
vm.repr = repr;
vm.str = strOf;
vm.hash = hashOf;
vm.eq = eq;
vm.writeUnraisable = (error, where) => {
  const it = currentInterp;
  if (!it) return;
  const err = error instanceof PyErr ? error : toPyErr(error);
  let whereText: string;
  try {
    whereText = repr(where);
  } catch {
    whereText = "<object>";
  }
  it.write("stderr", `Exception ignored in: ${whereText}\n${formatException(err.exc)}`);
  decref(err.exc);
};
void setCustomKey;
void keyOf;

let currentInterp: Interp | null = null;

export type RunState = "ready" | "running" | "paused" | "finished";

/** One program's interpreter and its main frame. */
export class Program {
  readonly interp: Interp;
  private mainFrame: Frame | null = null;
  mainModule: PyModule | null = null;
  finished = false;
  error: PythonErrorInfo | undefined;
  exitCode = 0;

  constructor(readonly source: string, readonly options: RunOptions = {}) {
    this.interp = new Interp(new Heap());
    const it = this.interp;
    it.filename = options.filename ?? "main.py";
    it.maxSteps = options.maxSteps ?? Infinity;
    it.heap.maxBytes = options.maxMemoryBytes ?? Infinity;
    it.maxOutputBytes = options.maxOutputBytes ?? Infinity;
    if (options.recursionLimit !== undefined) it.recursionLimit = options.recursionLimit;
    if (options.maxStackDepth !== undefined) it.maxStackDepth = options.maxStackDepth;
    it.sources.set(it.filename, source.split(/\r?\n/));
    this.activate();
    try {
      const b = makeBuiltinsModule();
      it.builtinsModule = b;
      it.builtins = b.dict;
      it.modules.set("builtins", b);
      const main = newModule("__main__");
      this.mainModule = main;
      it.modules.set("__main__", main);
      const set = (k: string, v: PyObject) => {
        const key = internString(k);
        dictSetItem(main.dict, key, v);
        decref(key);
      };
      // A script's globals, in CPython's order (sizes of globals() and when it grows depend on it).
      // __loader__ is a SourceFileLoader in CPython; the engine has no import system, so None.
      set("__doc__", None);
      set("__package__", None);
      set("__loader__", None);
      set("__spec__", None);
      const annotations = newDict();
      set("__annotations__", annotations);
      decref(annotations);
      set("__builtins__", b);
      const file = newStr(it.filename);
      set("__file__", file);
      decref(file);
      set("__cached__", None);
      const code = compileSource(source, it.filename, "exec", true);
      const f = new Frame(code, main.dict, it.builtins, main.dict, null);
      f.pc = code.startPc;
      f.depth = 1;
      this.mainFrame = f;
      it.frame = f;
    } catch (e) {
      this.fail(e);
    }
  }

  activate(): void {
    this.interp.activate();
    currentInterp = this.interp;
  }

  /**
   * Milliseconds spent inside run() so far. The time limit bounds their sum, so a run stepped line
   * by line (one call a line) meets it as a whole run does; a fresh deadline on every call let a
   * stepped run go on forever. The time between calls (the player reading a step) is not counted.
   */
  private runningMs = 0;

  /** Runs until the end, a pause (returns false) or an error. */
  run(): boolean {
    if (this.finished) return true;
    this.activate();
    const it = this.interp;
    const startedAt = Date.now();
    if (this.options.timeoutMs !== undefined) it.deadline = startedAt + this.options.timeoutMs - this.runningMs;
    it.recomputeNextCheck();
    try {
      const start = it.frame ?? this.mainFrame!;
      const r = execute(this.mainFrame!, start);
      if (r === PAUSED) return false;
      decref(r);
      this.finish();
    } catch (e) {
      this.fail(e);
    } finally {
      this.runningMs += Date.now() - startedAt;
    }
    return true;
  }

  private fail(e: unknown): void {
    const it = this.interp;
    if (e instanceof LimitExceeded) {
      it.frame = null;
      this.writeErr(`${limitHeadline(e.limit)}: ${e.message}\n`);
      this.error = { type: limitType(e.limit), message: e.message, limit: e.limit as LimitName };
      this.exitCode = 1;
      this.finished = true;
      return;
    }
    let err: PyErr;
    try {
      err = toPyErr(e);
    } catch (inner) {
      this.fail(inner);
      return;
    }
    const exc = err.exc;
    if (exc.type === SystemExit || exc.type.isSubtype(SystemExit)) {
      const code = exc.args.items[0];
      this.exitCode = code === undefined || code === None ? 0 : code instanceof PyStr ? (this.writeErr(code.value + "\n"), 1) : Number((code as { value?: number }).value ?? 1);
      decref(exc);
      this.finish();
      return;
    }
    let text: string;
    try {
      text = formatException(exc);
    } catch {
      text = `${exc.type.name}\n`;
    }
    this.writeErr(text);
    const last = tracebackPositions(exc.traceback)[0];
    let message = "";
    try {
      message = strOf(exc);
    } catch {
      /* keep empty */
    }
    this.error = { type: exc.type.name, message, line: last?.lineno };
    this.exitCode = 1;
    decref(exc);
    this.finish();
  }

  private writeErr(text: string): void {
    const it = this.interp;
    it.stderr.push(text);
  }

  /** Interpreter shutdown: the main module's globals are released (finalizers run). */
  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    const it = this.interp;
    it.frame = null;
    it.maxSteps = Infinity;
    it.pauseOnLine = false;
    it.pauseAtStep = Infinity;
    it.recomputeNextCheck();
    const main = this.mainModule;
    if (main === null) return;
    try {
      // [collector hook] Py_FinalizeEx's order: atexit (weakref.finalize), a full collection,
      // __main__ leaves sys.modules, shutdown collections; see gc/shutdown.ts.
      this.mainModule = null;
      finalizeInterpreter(it, main, clearModuleDict);
    } catch (e) {
      if (e instanceof LimitExceeded) this.writeErr(`${limitHeadline(e.limit)}: ${e.message}\n`);
    }
  }

  get mainFrameRef(): Frame | null {
    return this.mainFrame;
  }
}

/** _PyModule_ClearDict: names starting with one underscore first, then the rest (not __builtins__). */
function clearModuleDict(d: PyDict): void {
  const keys = [...d.map.values()].map((e) => e.key);
  const pass = (underscore: boolean) => {
    for (const k of keys) {
      if (!(k instanceof PyStr)) continue;
      const name = k.value;
      const isUnder = name.startsWith("_") && !name.startsWith("__");
      if (isUnder !== underscore || name === "__builtins__") continue;
      const e = d.map.get(name);
      if (e === undefined || e.value === None) continue;
      dictSetItem(d, e.key, None);
    }
  };
  pass(true);
  pass(false);
}

function limitHeadline(limit: string): string {
  switch (limit) {
    case "steps": return "StepLimitExceeded";
    case "memory": return "MemoryLimitExceeded";
    case "output": return "OutputLimitExceeded";
    case "time": return "TimeLimitExceeded";
    default: return "Cancelled";
  }
}
function limitType(limit: string): string {
  return limitHeadline(limit);
}

void [dictGetStr, PyBaseException];
