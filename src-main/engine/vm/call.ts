// Calling: binding arguments into a new frame (moving the caller's references, as 3.13's
// vectorcall does), running Python frames from native code, and dispatch over callables.
import { decref, PyObject, PyType } from "../objects/object";
import { PyFunction, PyMethod, PyBuiltinFunction, PyMethodDescr, PyWrapperDescr, PyCell, newCell, staticmethodType, classmethodType } from "../objects/function";
import { CO_GENERATOR, CO_VARARGS, CO_VARKEYWORDS } from "../objects/code";
import { newTuple, emptyTuple, PyTuple } from "../objects/tuple";
import { newDict, dictSetItem, PyDict } from "../objects/dict";
import { internString, PyStr } from "../objects/str";
import { Frame } from "./frame";
import { interp } from "./interp";
import { LimitExceeded } from "../heap/heap";
import { typeError } from "./errors";
import { closestName } from "./suggestions";
import { newGenerator } from "./generator";
import { execute } from "./eval";
import { typeCall } from "./classes";
import { userDunder, callDunder } from "./abstract";
import { RecursionError, raise } from "../objects/exceptions";
import { PyWeakref, weakrefCallObject } from "../modules/weakref_object";

/**
 * A frame for `func` with arguments bound. `args` are owned references that move into the frame
 * (positional first, then the values of `kwnames`); on error they are released.
 */
export function makeFrame(func: PyFunction, args: PyObject[], nargs: number, kwnames: string[] | null): Frame {
  const code = func.code;
  const f = new Frame(code, func.globals, func.builtins, null, func);
  func.refcnt++;
  f.ownsFunc = true;
  const lp = f.localsplus;
  const argcount = code.argcount;
  const kwonly = code.kwonlyargcount;
  const total = argcount + kwonly;
  const hasVarargs = (code.flags & CO_VARARGS) !== 0;
  const hasVarkw = (code.flags & CO_VARKEYWORDS) !== 0;
  const npos = nargs;
  try {
    let kwdict: PyDict | null = null;
    if (hasVarkw) {
      kwdict = newDict();
      lp[total + (hasVarargs ? 1 : 0)] = kwdict;
    }
    // Positional.
    const n = Math.min(npos, argcount);
    for (let i = 0; i < n; i++) lp[i] = args[i];
    if (hasVarargs) {
      const extra = args.slice(n, npos);
      lp[total] = extra.length > 0 ? newTuple(extra) : emptyTuple;
    } else if (npos > argcount) {
      for (let i = n; i < npos; i++) decref(args[i]);
    }
    // Keywords.
    if (kwnames !== null) {
      const names = code.localsplusNames;
      for (let k = 0; k < kwnames.length; k++) {
        const name = kwnames[k];
        const value = args[npos + k];
        let idx = -1;
        for (let j = code.posonlyargcount; j < total; j++) {
          if (names[j] === name) {
            idx = j;
            break;
          }
        }
        if (idx < 0) {
          if (kwdict !== null) {
            const key = internString(name);
            dictSetItem(kwdict, key, value);
            decref(key);
            decref(value);
            continue;
          }
          decref(value);
          for (let r = k + 1; r < kwnames.length; r++) decref(args[npos + r]);
          unexpectedKeyword(func.qualname.value, code.localsplusNames.slice(0, total), code.posonlyargcount, name);
        }
        if (lp[idx] !== null) {
          decref(value);
          for (let r = k + 1; r < kwnames.length; r++) decref(args[npos + r]);
          typeError(`${func.qualname.value}() got multiple values for argument '${name}'`);
        }
        lp[idx] = value;
      }
    }
    if (npos > argcount && !hasVarargs) tooManyPositional(func, npos, lp);
    // Defaults.
    if (npos < argcount || kwonly > 0) {
      const defaults = func.defaults ? func.defaults.items : [];
      const firstDefault = argcount - defaults.length;
      const missing: string[] = [];
      for (let i = 0; i < argcount; i++) {
        if (lp[i] !== null) continue;
        if (i >= firstDefault) {
          const d = defaults[i - firstDefault];
          d.refcnt++;
          lp[i] = d;
        } else missing.push(code.localsplusNames[i]);
      }
      if (missing.length > 0) typeError(`${func.qualname.value}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${listNames(missing)}`);
      const kwmissing: string[] = [];
      for (let i = argcount; i < total; i++) {
        if (lp[i] !== null) continue;
        const name = code.localsplusNames[i];
        const d = func.kwdefaults?.map.get(name);
        if (d !== undefined) {
          d.value.refcnt++;
          lp[i] = d.value;
        } else kwmissing.push(name);
      }
      if (kwmissing.length > 0) typeError(`${func.qualname.value}() missing ${kwmissing.length} required keyword-only argument${kwmissing.length === 1 ? "" : "s"}: ${listNames(kwmissing)}`);
    }
    // Cells (MAKE_CELL) and free variables (COPY_FREE_VARS).
    const ncells = code.ncells;
    const nlocals = code.nlocals;
    const cellNames = code.localsplusNames;
    for (let i = 0; i < nlocals; i++) {
      // A parameter that is also a cell: wrap its value.
      if (code.cellvarsSet !== undefined && code.cellvarsSet.has(cellNames[i])) lp[i] = newCell(lp[i]);
    }
    for (let i = nlocals; i < nlocals + ncells; i++) lp[i] = newCell(null);
    const closure = func.closure;
    if (closure !== null) {
      const base = nlocals + ncells;
      for (let i = 0; i < closure.items.length; i++) {
        const c = closure.items[i];
        c.refcnt++;
        lp[base + i] = c;
      }
    }
  } catch (e) {
    f.clear();
    throw e;
  }
  f.pc = code.startPc;
  return f;
}

function listNames(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return `${q.slice(0, -1).join(", ")}, and ${q[q.length - 1]}`;
}

/**
 * A new frame is deeper than interp.frameDepthLimit: RecursionError at the Python recursion limit,
 * as CPython; past the engine's stack depth (only when the program raised the recursion limit
 * above it), the run ends with the memory limit: the frames are memory the engine does not have.
 */
export function frameDepthExceeded(depth: number): never {
  const it = interp;
  if (depth > it.recursionLimit) raise(RecursionError, "maximum recursion depth exceeded");
  throw new LimitExceeded("memory", `the program nested more than ${it.maxStackDepth} calls, more frames than the engine keeps (memory limit)`);
}

/** Runs a new frame to completion from native code; returns its result (new reference). */
export function runFrame(f: Frame): PyObject {
  const it = interp;
  f.back = it.frame;
  f.depth = (it.frame?.depth ?? 0) + 1;
  if (f.depth > it.frameDepthLimit) {
    f.clear();
    frameDepthExceeded(f.depth);
  }
  it.nativeDepth++;
  try {
    return execute(f);
  } finally {
    it.nativeDepth--;
  }
}

/** Calls a Python function with owned argument references. */
export function callFunctionOwned(func: PyFunction, args: PyObject[], nargs: number, kwnames: string[] | null): PyObject {
  const f = makeFrame(func, args, nargs, kwnames);
  if (func.code.flags & CO_GENERATOR) return newGenerator(f, func.name, func.qualname);
  return runFrame(f);
}

/** call(callable, *args) with borrowed args (kwnames name the trailing args). */
export function call(callable: PyObject, args: PyObject[], kwnames: string[] | null): PyObject {
  if (callable instanceof PyFunction) {
    for (const a of args) a.refcnt++;
    return callFunctionOwned(callable, args.slice(), args.length - (kwnames?.length ?? 0), kwnames);
  }
  if (callable instanceof PyBuiltinFunction) return callable.fn(callable.self ?? callable, args, kwnames);
  if (callable instanceof PyMethod) return call(callable.func, [callable.self, ...args], kwnames);
  if (callable instanceof PyMethodDescr) {
    if (args.length === 0) typeError(`unbound method ${callable.owner.name}.${callable.name}() needs an argument`);
    return callable.fn(args[0], args.slice(1), kwnames);
  }
  if (callable instanceof PyType) return typeCall(callable, args, kwnames);
  if (callable instanceof PyWrapperDescr && callable.type === staticmethodType) return call(callable.callable!, args, kwnames);
  // [weakref hook] ref() returns the referent; a callable proxy calls through.
  if (callable instanceof PyWeakref) return weakrefCallObject(callable, args, kwnames, call);
  const m = userDunder(callable, "__call__");
  if (m !== null) {
    if (m instanceof PyFunction) return call(m, [callable, ...args], kwnames);
    return callDunder(m, callable, args);
  }
  void classmethodType;
  void PyCell;
  void PyStr;
  void PyTuple;
  typeError(`'${callable.type.name}' object is not callable`);
}

/** ceval.c too_many_positional: the count, the defaults range and keyword-only arguments given. */
function tooManyPositional(func: PyFunction, given: number, localsplus: readonly (PyObject | null)[]): never {
  const code = func.code;
  const argcount = code.argcount;
  let kwonlyGiven = 0;
  for (let i = argcount; i < argcount + code.kwonlyargcount; i++) if (localsplus[i] !== null) kwonlyGiven++;
  const defcount = func.defaults ? func.defaults.items.length : 0;
  const plural = defcount > 0 ? true : argcount !== 1;
  const sig = defcount > 0 ? `from ${argcount - defcount} to ${argcount}` : `${argcount}`;
  const kwonlySig = kwonlyGiven > 0 ? ` positional argument${given !== 1 ? "s" : ""} (and ${kwonlyGiven} keyword-only argument${kwonlyGiven !== 1 ? "s" : ""})` : "";
  typeError(`${func.qualname.value}() takes ${sig} positional argument${plural ? "s" : ""} but ${given}${kwonlySig} ${given === 1 && kwonlyGiven === 0 ? "was" : "were"} given`);
}

/** An unknown keyword: positional-only names passed by keyword, or a suggestion among the others. */
function unexpectedKeyword(qualname: string, paramNames: string[], posonly: number, name: string): never {
  if (paramNames.slice(0, posonly).includes(name)) {
    typeError(`${qualname}() got some positional-only arguments passed as keyword arguments: '${name}'`);
  }
  const suggestion = closestName(paramNames.slice(posonly), name);
  typeError(`${qualname}() got an unexpected keyword argument '${name}'${suggestion ? `. Did you mean '${suggestion}'?` : ""}`);
}
