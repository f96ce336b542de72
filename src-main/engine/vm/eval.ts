// The eval loop: one function switching over numeric opcodes, with the current frame's code,
// stack and locals in JS locals. Python-to-Python calls and generators resumed by FOR_ITER push
// frames inside the same loop (no JS recursion), so a run can pause at any line or instruction.
// Native code calling back into Python runs a nested execute() that never pauses.
import { Op, INTRINSIC_LIST_TO_TUPLE, INTRINSIC_STOPITERATION_ERROR, INTRINSIC_UNARY_POSITIVE, BinOp as NB } from "../compile/opcodes";
import { decref, releaseSlots, PyObject, PyType, typeType, objectType } from "../objects/object";
import { PyInt, newInt, True, False, pyBool, smallInt, intType } from "../objects/int";
import { PyStr, newStr, emptyStr } from "../objects/str";
import { newTuple, PyTuple, emptyTuple } from "../objects/tuple";
import { newList, PyList, listAppend } from "../objects/list";
import { newDict, newDictPresized, dictSetItem, PyDict, dictGetStr } from "../objects/dict";
import { newSet, setAdd, PySet } from "../objects/set";
import { set_update_internal } from "./set-ops";
import { None } from "../objects/singletons";
import { PyFunction, PyMethod, PyCell, newFunction, PyMethodDescr, PyBuiltinFunction } from "../objects/function";
import { CO_GENERATOR, CO_VARARGS, CO_VARKEYWORDS, PyCode } from "../objects/code";
import { PyBaseException, PyErr, newException, StopIteration, RuntimeError, NameError, UnboundLocalError, AssertionError, TypeError as TypeErrorT, RecursionError, baseExceptionType, GeneratorExit } from "../objects/exceptions";
import { PyRangeIter, newSlice } from "../objects/iterators";
import { PyInstance, newInstance } from "../objects/instance";
import { Frame, BlockKind, takeFrame, releaseFrame, getFrameObject } from "./frame";
import { newTraceback } from "../objects/traceback";
import { interp, Interp, topmostException } from "./interp";
import { makeFrame, call, callFunctionOwned, frameDepthExceeded } from "./call";
import { PyGen, GenState, newGenerator } from "./generator";
import { getIter, iterNext } from "./iteration";
import {
  binaryOp, richCompare, isTrue, getAttr, setAttr, delAttr, getItem, setItem, delItem, getSlice, setSlice, contains,
  unaryNegative, unaryInvert, unaryPositive, format, str, repr, keyOf, isInstance, listExtendFrom, intOp,
} from "./abstract";
import { typeError, toPyErr, nameError } from "./errors";
import { raiseNameError } from "./suggestions";
import { LimitExceeded } from "../heap/heap";
import { lookupMethodForCall } from "./classes";
import { importName, importFrom } from "./imports";
import { genSendInline, convertStopIteration, leaveGeneratorExcState, exitGeneratorExcState } from "./genops";
import { dictUpdateFrom } from "./dict-ops";

/** Returned by execute() when the run paused (top level only). */
export const PAUSED: PyObject = Object.create(null);

let reraising = false;
let pendingInitial: PyBaseException | null = null;

function unbound(co: PyCode, i: number): never {
  const name = co.localsplusNames[i];
  throw new PyErr(newException(UnboundLocalError, [newStr(`cannot access local variable '${name}' where it is not associated with a value`)]));
}

/**
 * PyTraceBack_Here: a new traceback link for frame `f` (its frame object made first if needed),
 * holding the exception's previous traceback as tb_next; the exception takes the new link.
 */
export function addTraceback(exc: PyBaseException, f: Frame): void {
  const co = f.code;
  const pos = co.positions[f.lasti];
  const frameObject = getFrameObject(f);
  frameObject.refcnt++;
  exc.traceback = newTraceback(exc.traceback, frameObject, f.lasti, {
    filename: co.filename,
    name: co.name,
    lineno: pos ? pos.lineno : co.firstlineno,
    endLineno: pos ? pos.endLineno : co.firstlineno,
    colStart: pos ? pos.col : -1,
    colEnd: pos ? pos.endCol : -1,
  });
}

/**
 * Runs from the innermost frame `start` until `stop` returns or yields (returns its value, a new
 * reference), or until a pause is requested at the top level (returns PAUSED).
 */
export function execute(stop: Frame, start: Frame = stop): PyObject {
  const it: Interp = interp;
  let f = start;
  it.frame = f;
  let co = f.code;
  let code = co.code;
  let stack = f.stack;
  let lp = f.localsplus;
  let sp = f.sp;
  let pc = f.pc;
  let skipPauseCheck = true;
  const topLevel = it.nativeDepth === 0;
  if (f.pendingThrow !== null) {
    const exc = f.pendingThrow;
    f.pendingThrow = null;
    pendingInitial = exc;
  }

  // Switching frames is written out at each site (LOAD_FRAME below) rather than as a closure: a
  // closure would capture f, sp, pc, stack... and V8 would keep them in a heap context instead of
  // registers, slowing every instruction.

  for (;;) {
    try {
      if (pendingInitial !== null) {
        const exc = pendingInitial;
        pendingInitial = null;
        throw new PyErr(exc);
      }
      for (;;) {
        // ---- eval breaker: limits, pauses, scheduled GC ----
        if (++it.steps >= it.nextCheck) {
          f.pc = pc;
          f.sp = sp;
          f.lasti = pc;
          if (checkStep(it, topLevel && !skipPauseCheck)) {
            it.steps--;
            return PAUSED;
          }
          // Line stepping keeps nextCheck one step ahead (Interp.recomputeNextCheck), so this
          // test costs nothing per instruction when no one is stepping.
          if (it.pauseOnLine && co.lineStarts[pc] === 1 && topLevel && !skipPauseCheck) {
            it.steps--;
            return PAUSED;
          }
        }
        skipPauseCheck = false;
        const op = code[2 * pc];
        const arg = code[2 * pc + 1];
        f.lasti = pc;
        pc++;
        switch (op as Op) {
          case Op.NOP:
          case Op.MAKE_CELL:
          case Op.COPY_FREE_VARS:
          case Op.TO_BOOL:
          case Op.RETURN_GENERATOR:
            break;
          case Op.RESUME:
            if (it.heap.gc.scheduled) runScheduledGC(it, f, pc, sp);
            break;
          case Op.POP_TOP: {
            const v = stack[--sp];
            stack[sp] = null;
            if (v !== null) decref(v);
            break;
          }
          case Op.PUSH_NULL:
            stack[sp++] = null;
            break;
          case Op.END_FOR: {
            const v = stack[--sp]!;
            stack[sp] = null;
            decref(v);
            break;
          }
          case Op.COPY: {
            const v = stack[sp - arg]!;
            v.refcnt++;
            stack[sp++] = v;
            break;
          }
          case Op.SWAP: {
            const t = stack[sp - 1];
            stack[sp - 1] = stack[sp - arg];
            stack[sp - arg] = t;
            break;
          }
          case Op.LOAD_CONST: {
            const v = co.consts[arg];
            v.refcnt++;
            stack[sp++] = v;
            break;
          }
          case Op.LOAD_FAST:
          case Op.LOAD_FAST_CHECK: {
            const v = lp[arg];
            if (v === null) unbound(co, arg);
            v.refcnt++;
            stack[sp++] = v;
            break;
          }
          case Op.LOAD_CLOSURE: {
            const v = lp[arg]!;
            v.refcnt++;
            stack[sp++] = v;
            break;
          }
          case Op.LOAD_FAST_AND_CLEAR: {
            const v = lp[arg];
            lp[arg] = null;
            stack[sp++] = v;
            break;
          }
          case Op.STORE_FAST: {
            const old = lp[arg];
            lp[arg] = stack[--sp];
            stack[sp] = null;
            if (old !== null) decref(old);
            break;
          }
          case Op.DELETE_FAST: {
            const old = lp[arg];
            if (old === null) unbound(co, arg);
            lp[arg] = null;
            decref(old);
            break;
          }
          case Op.LOAD_DEREF: {
            const cell = lp[arg] as PyCell;
            const v = cell.contents;
            if (v === null) {
              const name = co.localsplusNames[arg];
              if (arg < co.nlocals + co.ncells) unbound(co, arg);
              nameError(`cannot access free variable '${name}' where it is not associated with a value in enclosing scope`);
            }
            v.refcnt++;
            stack[sp++] = v;
            break;
          }
          case Op.STORE_DEREF: {
            const cell = lp[arg] as PyCell;
            const old = cell.contents;
            cell.contents = stack[--sp];
            stack[sp] = null;
            if (old !== null) decref(old);
            break;
          }
          case Op.DELETE_DEREF: {
            const cell = lp[arg] as PyCell;
            const old = cell.contents;
            if (old === null) unbound(co, arg);
            cell.contents = null;
            decref(old);
            break;
          }
          case Op.LOAD_GLOBAL: {
            const name = co.names[arg >> 1];
            let e = f.globals.map.get(name);
            if (e === undefined) e = f.builtins.map.get(name);
            if (e === undefined) raiseNameError(name, f);
            const v = e.value;
            v.refcnt++;
            stack[sp++] = v;
            if (arg & 1) stack[sp++] = null;
            break;
          }
          case Op.STORE_GLOBAL: {
            const v = stack[--sp]!;
            stack[sp] = null;
            dictSetItem(f.globals, co.nameObjs[arg], v);
            decref(v);
            break;
          }
          case Op.DELETE_GLOBAL: {
            if (!f.globals.map.has(co.names[arg])) raiseNameError(co.names[arg], f);
            const { dictDelHashed } = dictOps;
            dictDelHashed(f.globals, co.names[arg]);
            break;
          }
          case Op.LOAD_NAME: {
            const name = co.names[arg];
            let e = f.locals !== null ? f.locals.map.get(name) : undefined;
            if (e === undefined) e = f.globals.map.get(name);
            if (e === undefined) e = f.builtins.map.get(name);
            if (e === undefined) raiseNameError(name, f);
            const v = e.value;
            v.refcnt++;
            stack[sp++] = v;
            break;
          }
          case Op.STORE_NAME: {
            const v = stack[--sp]!;
            stack[sp] = null;
            dictSetItem(f.locals ?? f.globals, co.nameObjs[arg], v);
            decref(v);
            break;
          }
          case Op.DELETE_NAME: {
            const ns = f.locals ?? f.globals;
            if (!dictOps.dictDelHashed(ns, co.names[arg])) raiseNameError(co.names[arg], f);
            break;
          }
          case Op.LOAD_ATTR: {
            const owner = stack[sp - 1]!;
            const name = co.names[arg >> 1];
            if (arg & 1) {
              const m = lookupMethodForCall(owner, name);
              if (m !== null) {
                // [method, self]: the owner reference moves into the self slot.
                stack[sp - 1] = m;
                stack[sp++] = owner;
                break;
              }
              const v = getAttr(owner, name);
              stack[sp - 1] = v;
              stack[sp++] = null;
              decref(owner);
              break;
            }
            const v = getAttr(owner, name);
            stack[sp - 1] = v;
            decref(owner);
            break;
          }
          case Op.STORE_ATTR: {
            const owner = stack[--sp]!;
            const v = stack[--sp]!;
            stack[sp] = stack[sp + 1] = null;
            try {
              setAttr(owner, co.names[arg], v, co.nameObjs[arg]);
            } finally {
              decref(owner);
              decref(v);
            }
            break;
          }
          case Op.DELETE_ATTR: {
            const owner = stack[--sp]!;
            stack[sp] = null;
            try {
              delAttr(owner, co.names[arg]);
            } finally {
              decref(owner);
            }
            break;
          }
          case Op.BINARY_OP: {
            const b = stack[sp - 1]!;
            const a = stack[sp - 2]!;
            let r: PyObject;
            if (a instanceof PyInt && b instanceof PyInt && typeof a.value === "number" && typeof b.value === "number") {
              const x = a.value;
              const y = b.value;
              let v = NaN;
              if (arg === NB.ADD || arg === NB.INPLACE_ADD) v = x + y;
              else if (arg === NB.SUBTRACT || arg === NB.INPLACE_SUBTRACT) v = x - y;
              if (v >= -5 && v <= 256) r = smallInt(v);
              else if (v > -1073741824 && v < 1073741824 && x > -1073741824 && x < 1073741824 && y > -1073741824 && y < 1073741824) r = newInt(v);
              else if (a.type === intType && b.type === intType) {
                // Exact ints (int defines no __i*__ methods): what binaryOp computes, without its
                // dunder lookups. bool and int subclasses take the general path.
                const q = intOp(arg < NB.INPLACE_ADD ? arg : arg - NB.INPLACE_ADD, x, y);
                r = q !== null ? q : binaryOp(a, b, arg);
              } else r = binaryOp(a, b, arg);
            } else r = binaryOp(a, b, arg);
            stack[--sp] = null;
            stack[sp - 1] = r;
            decref(a);
            decref(b);
            break;
          }
          case Op.COMPARE_OP: {
            const b = stack[sp - 1]!;
            const a = stack[sp - 2]!;
            let r: PyObject;
            if (a instanceof PyInt && b instanceof PyInt && typeof a.value === "number" && typeof b.value === "number") {
              const x = a.value;
              const y = b.value;
              switch (arg) {
                case 0: r = pyBool(x < y); break;
                case 1: r = pyBool(x <= y); break;
                case 2: r = pyBool(x === y); break;
                case 3: r = pyBool(x !== y); break;
                case 4: r = pyBool(x > y); break;
                default: r = pyBool(x >= y); break;
              }
            } else r = richCompare(a, b, arg);
            stack[--sp] = null;
            stack[sp - 1] = r;
            decref(a);
            decref(b);
            break;
          }
          case Op.IS_OP: {
            const b = stack[--sp]!;
            const a = stack[sp - 1]!;
            stack[sp] = null;
            stack[sp - 1] = pyBool((a === b) !== (arg === 1));
            decref(a);
            decref(b);
            break;
          }
          case Op.CONTAINS_OP: {
            const b = stack[--sp]!;
            const a = stack[sp - 1]!;
            stack[sp] = null;
            const r = contains(b, a) !== (arg === 1);
            stack[sp - 1] = pyBool(r);
            decref(a);
            decref(b);
            break;
          }
          case Op.UNARY_NOT: {
            const v = stack[sp - 1]!;
            stack[sp - 1] = pyBool(!isTrue(v));
            decref(v);
            break;
          }
          case Op.UNARY_NEGATIVE: {
            const v = stack[sp - 1]!;
            stack[sp - 1] = unaryNegative(v);
            decref(v);
            break;
          }
          case Op.UNARY_INVERT: {
            const v = stack[sp - 1]!;
            stack[sp - 1] = unaryInvert(v);
            decref(v);
            break;
          }
          case Op.UNARY_POSITIVE: {
            const v = stack[sp - 1]!;
            stack[sp - 1] = unaryPositive(v);
            decref(v);
            break;
          }
          case Op.CALL_INTRINSIC_1: {
            const v = stack[sp - 1]!;
            if (arg === INTRINSIC_UNARY_POSITIVE) {
              stack[sp - 1] = unaryPositive(v);
              decref(v);
            } else if (arg === INTRINSIC_LIST_TO_TUPLE) {
              const l = v as PyList;
              const items = l.items.slice();
              for (const x of items) x.refcnt++;
              stack[sp - 1] = newTuple(items);
              decref(v);
            } else if (arg === INTRINSIC_STOPITERATION_ERROR) {
              /* handled by generator frames' unwinding */
            }
            break;
          }
          case Op.BINARY_SUBSCR: {
            const key = stack[--sp]!;
            const container = stack[sp - 1]!;
            stack[sp] = null;
            let r: PyObject;
            if (container instanceof PyList && key instanceof PyInt && typeof key.value === "number") {
              let i = key.value;
              const items = container.items;
              if (i < 0) i += items.length;
              if (i >= 0 && i < items.length) {
                r = items[i];
                r.refcnt++;
              } else r = getItem(container, key);
            } else r = getItem(container, key);
            stack[sp - 1] = r;
            decref(container);
            decref(key);
            break;
          }
          case Op.STORE_SUBSCR: {
            const key = stack[--sp]!;
            const container = stack[--sp]!;
            const v = stack[--sp]!;
            stack[sp] = stack[sp + 1] = stack[sp + 2] = null;
            try {
              setItem(container, key, v);
            } finally {
              decref(v);
              decref(container);
              decref(key);
            }
            break;
          }
          case Op.DELETE_SUBSCR: {
            const key = stack[--sp]!;
            const container = stack[--sp]!;
            stack[sp] = stack[sp + 1] = null;
            try {
              delItem(container, key);
            } finally {
              decref(container);
              decref(key);
            }
            break;
          }
          case Op.BINARY_SLICE: {
            const stopV = stack[--sp]!;
            const startV = stack[--sp]!;
            const container = stack[sp - 1]!;
            stack[sp] = stack[sp + 1] = null;
            const r = getSlice(container, startV, stopV);
            stack[sp - 1] = r;
            decref(container);
            decref(startV);
            decref(stopV);
            break;
          }
          case Op.STORE_SLICE: {
            const stopV = stack[--sp]!;
            const startV = stack[--sp]!;
            const container = stack[--sp]!;
            const v = stack[--sp]!;
            stack[sp] = stack[sp + 1] = stack[sp + 2] = stack[sp + 3] = null;
            try {
              setSlice(container, startV, stopV, v);
            } finally {
              decref(v);
              decref(container);
              decref(startV);
              decref(stopV);
            }
            break;
          }
          case Op.BUILD_SLICE: {
            const step = arg === 3 ? stack[--sp]! : (None.refcnt++, None);
            const stopV = stack[--sp]!;
            const startV = stack[--sp]!;
            stack[sp] = stack[sp + 1] = stack[sp + 2] = null;
            stack[sp++] = newSlice(startV, stopV, step);
            break;
          }
          case Op.BUILD_TUPLE: {
            const items = stack.slice(sp - arg, sp) as PyObject[];
            for (let i = sp - arg; i < sp; i++) stack[i] = null;
            sp -= arg;
            stack[sp++] = newTuple(items);
            break;
          }
          case Op.BUILD_LIST: {
            const items = stack.slice(sp - arg, sp) as PyObject[];
            for (let i = sp - arg; i < sp; i++) stack[i] = null;
            sp -= arg;
            stack[sp++] = newList(items);
            break;
          }
          case Op.BUILD_SET: {
            const s = newSet();
            try {
              for (let i = sp - arg; i < sp; i++) {
                setAdd(s, stack[i]!);
              }
            } catch (e) {
              decref(s); // an unhashable item: the half-built set is released, as BUILD_SET does
              throw e;
            } finally {
              for (let i = sp - arg; i < sp; i++) {
                decref(stack[i]!);
                stack[i] = null;
              }
              sp -= arg;
            }
            stack[sp++] = s;
            break;
          }
          case Op.BUILD_MAP: {
            const d = newDictPresized(arg);
            const base = sp - 2 * arg;
            try {
              for (let i = 0; i < arg; i++) {
                const k = stack[base + 2 * i]!;
                keyOf(k);
                dictSetItem(d, k, stack[base + 2 * i + 1]!);
              }
            } finally {
              for (let i = base; i < sp; i++) {
                decref(stack[i]!);
                stack[i] = null;
              }
              sp = base;
            }
            stack[sp++] = d;
            break;
          }
          case Op.BUILD_STRING: {
            let s = "";
            for (let i = sp - arg; i < sp; i++) s += (stack[i] as PyStr).value;
            for (let i = sp - arg; i < sp; i++) {
              decref(stack[i]!);
              stack[i] = null;
            }
            sp -= arg;
            stack[sp++] = newStr(s);
            break;
          }
          case Op.LIST_APPEND: {
            const v = stack[--sp]!;
            stack[sp] = null;
            listAppend(stack[sp - arg] as PyList, v);
            break;
          }
          case Op.SET_ADD: {
            const v = stack[--sp]!;
            stack[sp] = null;
            try {
              setAdd(stack[sp - arg] as PySet, v);
            } finally {
              decref(v);
            }
            break;
          }
          case Op.MAP_ADD: {
            const v = stack[--sp]!;
            const k = stack[--sp]!;
            stack[sp] = stack[sp + 1] = null;
            try {
              keyOf(k);
              dictSetItem(stack[sp - arg] as PyDict, k, v);
            } finally {
              decref(k);
              decref(v);
            }
            break;
          }
          case Op.LIST_EXTEND: {
            const v = stack[--sp]!;
            stack[sp] = null;
            try {
              listExtendFrom(stack[sp - arg] as PyList, v);
            } finally {
              decref(v);
            }
            break;
          }
          case Op.SET_UPDATE: {
            const v = stack[--sp]!;
            stack[sp] = null;
            try {
              set_update_internal(stack[sp - arg] as PySet, v);
            } finally {
              decref(v);
            }
            break;
          }
          case Op.DICT_UPDATE:
          case Op.DICT_MERGE: {
            const v = stack[--sp]!;
            stack[sp] = null;
            try {
              dictUpdateFrom(stack[sp - arg] as PyDict, v);
            } finally {
              decref(v);
            }
            break;
          }
          case Op.LIST_TO_TUPLE: {
            const v = stack[sp - 1] as PyList;
            const items = v.items.slice();
            for (const x of items) x.refcnt++;
            stack[sp - 1] = newTuple(items);
            decref(v);
            break;
          }
          case Op.FORMAT_SIMPLE: {
            const v = stack[sp - 1]!;
            if (!(v instanceof PyStr)) {
              stack[sp - 1] = newStr(format(v, ""));
              decref(v);
            }
            break;
          }
          case Op.FORMAT_WITH_SPEC: {
            const spec = stack[--sp] as PyStr;
            const v = stack[sp - 1]!;
            stack[sp] = null;
            stack[sp - 1] = newStr(format(v, spec.value));
            decref(v);
            decref(spec);
            break;
          }
          case Op.CONVERT_VALUE: {
            const v = stack[sp - 1]!;
            stack[sp - 1] = newStr(arg === 1 ? str(v) : repr(v));
            decref(v);
            break;
          }
          case Op.POP_JUMP_IF_FALSE: {
            const v = stack[--sp]!;
            stack[sp] = null;
            if (v === False) pc = arg;
            else if (v !== True) {
              const t = isTrue(v);
              decref(v);
              if (!t) pc = arg;
            }
            break;
          }
          case Op.POP_JUMP_IF_TRUE: {
            const v = stack[--sp]!;
            stack[sp] = null;
            if (v === True) pc = arg;
            else if (v !== False) {
              const t = isTrue(v);
              decref(v);
              if (t) pc = arg;
            }
            break;
          }
          case Op.POP_JUMP_IF_NONE: {
            const v = stack[--sp]!;
            stack[sp] = null;
            if (v === None) pc = arg;
            else decref(v);
            break;
          }
          case Op.POP_JUMP_IF_NOT_NONE: {
            const v = stack[--sp]!;
            stack[sp] = null;
            if (v !== None) {
              pc = arg;
              decref(v);
            }
            break;
          }
          case Op.JUMP_IF_FALSE_OR_POP: {
            const v = stack[sp - 1]!;
            if (!isTrue(v)) pc = arg;
            else {
              stack[--sp] = null;
              decref(v);
            }
            break;
          }
          case Op.JUMP_IF_TRUE_OR_POP: {
            const v = stack[sp - 1]!;
            if (isTrue(v)) pc = arg;
            else {
              stack[--sp] = null;
              decref(v);
            }
            break;
          }
          case Op.JUMP_FORWARD:
            pc = arg;
            break;
          case Op.JUMP_BACKWARD:
            pc = arg;
            if (it.heap.gc.scheduled) runScheduledGC(it, f, pc, sp);
            break;
          case Op.GET_ITER: {
            const v = stack[sp - 1]!;
            stack[sp - 1] = getIter(v);
            decref(v);
            break;
          }
          case Op.FOR_ITER: {
            const iter = stack[sp - 1]!;
            if (iter instanceof PyRangeIter) {
              if (iter.remaining > 0) {
                iter.remaining--;
                const v = iter.next;
                iter.next += iter.step;
                stack[sp++] = newInt(v);
              } else {
                stack[--sp] = null;
                decref(iter);
                pc = arg;
              }
              break;
            }
            if (iter instanceof PyGen && iter.frame !== null && iter.state !== GenState.Running && iter.state !== GenState.Closed) {
              // Resume the generator's frame inside this loop (FOR_ITER_GEN).
              const gf = genSendInline(iter, f);
              f.pc = pc;
              f.sp = sp;
              f = gf;
              it.frame = f;
              co = f.code;
              code = co.code;
              stack = f.stack;
              lp = f.localsplus;
              sp = f.sp;
              pc = f.pc; // LOAD_FRAME
              break;
            }
            const v = iterNext(iter);
            if (v === null) {
              stack[--sp] = null;
              decref(iter);
              pc = arg;
            } else stack[sp++] = v;
            break;
          }
          case Op.CALL:
          case Op.CALL_KW: {
            let kwnames: string[] | null = null;
            let nargs = arg;
            if (op === Op.CALL_KW) {
              const names = stack[--sp] as PyTuple;
              stack[sp] = null;
              kwnames = names.items.map((s) => (s as PyStr).value);
              decref(names);
            }
            const base = sp - nargs - 2;
            let callable = stack[base]!;
            let argStart = base + 2;
            if (stack[base + 1] !== null) {
              argStart = base + 1;
              nargs++;
            } else if (callable instanceof PyMethod) {
              const self = callable.self;
              const func = callable.func;
              self.refcnt++;
              func.refcnt++;
              stack[base + 1] = self;
              stack[base] = func;
              decref(callable);
              callable = func;
              argStart = base + 1;
              nargs++;
            }
            const npos = nargs - (kwnames !== null ? kwnames.length : 0);
            if (kwnames === null && callable instanceof PyFunction) {
              const fco = callable.code;
              if (
                nargs === fco.argcount &&
                (fco.flags & (CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR)) === 0 &&
                fco.kwonlyargcount === 0 &&
                fco.ncells === 0 &&
                fco.cellvarsSet === undefined &&
                callable.closure === null
              ) {
                // CALL_PY_EXACT_ARGS: the arguments and the stack's reference to the function
                // move straight into a pooled frame (no argument array, no new frame).
                const nf = takeFrame(fco, callable);
                nf.ownsFunc = true;
                const nlp = nf.localsplus;
                for (let i = 0; i < nargs; i++) nlp[i] = stack[argStart + i];
                for (let i = base; i < sp; i++) stack[i] = null;
                sp = base;
                f.pc = pc;
                f.sp = sp;
                nf.back = f;
                nf.depth = f.depth + 1;
                if (nf.depth > it.frameDepthLimit) {
                  nf.clear();
                  frameDepthExceeded(nf.depth);
                }
                f = nf;
                it.frame = f;
                co = f.code;
                code = co.code;
                stack = f.stack;
                lp = f.localsplus;
                sp = f.sp;
                pc = f.pc; // LOAD_FRAME
                break;
              }
            }
            if (kwnames === null && callable instanceof PyType && argStart === base + 2 && f.depth < it.frameDepthLimit) {
              const init = inlineInit(callable, nargs);
              if (init !== null) {
                // A class whose __init__ is a plain Python function: allocate the instance and
                // push the __init__ frame into this loop (CALL_ALLOC_AND_ENTER_INIT) instead of a
                // nested run. The class and arguments stay on this stack until __init__ returns,
                // and the frame gets its own references, as type_call's generic path has it.
                const obj = newInstance(callable);
                const nf = takeFrame(init.code, init);
                init.refcnt++;
                nf.ownsFunc = true;
                const nlp = nf.localsplus;
                obj.refcnt++;
                nlp[0] = obj;
                for (let i = 0; i < nargs; i++) {
                  const a = stack[argStart + i]!;
                  a.refcnt++;
                  nlp[i + 1] = a;
                }
                nf.initSelf = obj;
                nf.initPop = sp - base;
                f.pc = pc;
                f.sp = sp;
                nf.back = f;
                nf.depth = f.depth + 1;
                f = nf;
                it.frame = f;
                co = f.code;
                code = co.code;
                stack = f.stack;
                lp = f.localsplus;
                sp = f.sp;
                pc = f.pc; // LOAD_FRAME
                break;
              }
            }
            if (callable instanceof PyFunction) {
              const args = stack.slice(argStart, argStart + nargs) as PyObject[];
              for (let i = base; i < sp; i++) stack[i] = null;
              sp = base;
              f.pc = pc;
              f.sp = sp;
              const nf: Frame = makeFrame(callable, args, npos, kwnames);
              if (callable.code.flags & CO_GENERATOR) {
                stack[sp++] = newGenerator(nf, callable.name, callable.qualname);
                decref(callable);
                break;
              }
              decref(callable);
              nf.back = f;
              nf.depth = f.depth + 1;
              if (nf.depth > it.frameDepthLimit) {
                nf.clear();
                frameDepthExceeded(nf.depth);
              }
              f = nf;
              it.frame = f;
              co = f.code;
              code = co.code;
              stack = f.stack;
              lp = f.localsplus;
              sp = f.sp;
              pc = f.pc; // LOAD_FRAME
              break;
            }
            const args = stack.slice(argStart, argStart + nargs) as PyObject[];
            f.pc = pc;
            f.sp = sp;
            let r: PyObject;
            it.nativeDepth++;
            try {
              r = call(callable, args, kwnames);
            } finally {
              it.nativeDepth--;
              it.frame = f;
              for (let i = base; i < sp; i++) {
                const o = stack[i];
                stack[i] = null;
                if (o !== null) decref(o);
              }
              sp = base;
            }
            stack[sp++] = r;
            if (it.heap.gc.scheduled) runScheduledGC(it, f, pc, sp);
            break;
          }
          case Op.CALL_FUNCTION_EX: {
            const kw = arg & 1 ? (stack[--sp] as PyDict) : null;
            const argsTuple = stack[--sp] as PyTuple;
            const selfOrNull = stack[--sp];
            const callable = stack[--sp]!;
            stack[sp] = stack[sp + 1] = stack[sp + 2] = stack[sp + 3] = null;
            const args: PyObject[] = selfOrNull !== null ? [selfOrNull, ...argsTuple.items] : argsTuple.items.slice();
            let kwnames: string[] | null = null;
            if (kw !== null && kw.map.size > 0) {
              kwnames = [];
              for (const e of kw.map.values()) {
                if (!(e.key instanceof PyStr)) typeError("keywords must be strings");
                kwnames.push(e.key.value);
                args.push(e.value);
              }
            }
            f.pc = pc;
            f.sp = sp;
            let r: PyObject;
            it.nativeDepth++;
            try {
              r = call(callable, args, kwnames);
            } finally {
              it.nativeDepth--;
              it.frame = f;
              decref(callable);
              if (selfOrNull !== null) decref(selfOrNull);
              decref(argsTuple);
              if (kw !== null) decref(kw);
            }
            stack[sp++] = r;
            break;
          }
          case Op.MAKE_FUNCTION: {
            const c = stack[sp - 1] as PyCode;
            const modName = dictGetStr(f.globals, "__name__") ?? null;
            stack[sp - 1] = newFunction(c, f.globals, f.builtins, c.qualnameObj, modName);
            decref(c);
            break;
          }
          case Op.SET_FUNCTION_ATTRIBUTE: {
            const fn = stack[--sp] as PyFunction;
            const v = stack[sp - 1]!;
            stack[sp] = null;
            if (arg === 1) fn.defaults = v as PyTuple;
            else if (arg === 2) fn.kwdefaults = v as PyDict;
            else if (arg === 8) fn.closure = v as PyTuple;
            stack[sp - 1] = fn;
            break;
          }
          case Op.LOAD_BUILD_CLASS: {
            const e = f.builtins.map.get("__build_class__")!;
            e.value.refcnt++;
            stack[sp++] = e.value;
            break;
          }
          case Op.RETURN_VALUE:
          case Op.RETURN_CONST: {
            let retval: PyObject;
            if (op === Op.RETURN_CONST) {
              retval = co.consts[arg];
              retval.refcnt++;
            } else {
              retval = stack[--sp]!;
              stack[sp] = null;
            }
            f.sp = sp;
            const gen = f.gen as PyGen | null;
            const caller = f.back;
            const initSelf = f.initSelf;
            const initPop = f.initPop;
            if (gen !== null) {
              gen.state = GenState.Closed;
              gen.frame = null;
              exitGeneratorExcState();
            }
            f.clear(); // before unlinking: a kept frame object links to its caller's (f_back)
            f.back = null;
            if (f.pooled) releaseFrame(f);
            if (f === stop) {
              it.frame = caller;
              return retval;
            }
            if (gen !== null && f.inlineResume) {
              // The generator is exhausted: the caller's FOR_ITER pops it and jumps.
              decref(retval);
              f = caller!;
              it.frame = f;
              co = f.code;
              code = co.code;
              stack = f.stack;
              lp = f.localsplus;
              sp = f.sp;
              pc = f.pc; // LOAD_FRAME
              const target = code[2 * (pc - 1) + 1];
              const iter = stack[--sp]!;
              stack[sp] = null;
              decref(iter);
              pc = target;
              break;
            }
            f = caller!;
            it.frame = f;
            co = f.code;
            code = co.code;
            stack = f.stack;
            lp = f.localsplus;
            sp = f.sp;
            pc = f.pc; // LOAD_FRAME
            if (initSelf !== null) {
              // The class call is over: release its stack slots in order, as CALL does.
              const callBase = sp - initPop;
              if (retval !== None) {
                const n = retval.type.name;
                decref(retval);
                decref(initSelf);
                sp = releaseSlots(stack, callBase, sp);
                typeError(`__init__() should return None, not '${n}'`);
              }
              decref(retval);
              retval = initSelf;
              sp = releaseSlots(stack, callBase, sp);
              stack[sp++] = retval;
              if (it.heap.gc.scheduled) runScheduledGC(it, f, pc, sp);
              break;
            }
            stack[sp++] = retval;
            break;
          }
          case Op.YIELD_VALUE: {
            const v = stack[--sp]!;
            stack[sp] = null;
            f.pc = pc;
            f.sp = sp;
            const gen = f.gen as PyGen;
            gen.state = GenState.Suspended;
            leaveGeneratorExcState(gen);
            const caller = f.back;
            f.back = null;
            if (f === stop) {
              it.frame = caller;
              return v;
            }
            f = caller!;
            it.frame = f;
            co = f.code;
            code = co.code;
            stack = f.stack;
            lp = f.localsplus;
            sp = f.sp;
            pc = f.pc; // LOAD_FRAME
            stack[sp++] = v;
            break;
          }
          case Op.SEND: {
            const v = stack[sp - 1]!;
            const sub = stack[sp - 2]!;
            let r: PyObject | null;
            f.pc = pc;
            f.sp = sp;
            it.nativeDepth++;
            try {
              r = sendTo(sub, v);
            } finally {
              it.nativeDepth--;
              it.frame = f;
            }
            decref(v);
            if (r === null) {
              // Subiterator finished: its return value replaces the sent value; jump to END_SEND.
              stack[sp - 1] = lastReturnValue ?? (None.refcnt++, None);
              lastReturnValue = null;
              pc = arg;
            } else stack[sp - 1] = r;
            break;
          }
          case Op.END_SEND: {
            const v = stack[--sp]!;
            const sub = stack[sp - 1]!;
            stack[sp] = null;
            stack[sp - 1] = v;
            decref(sub);
            break;
          }
          case Op.GET_YIELD_FROM_ITER: {
            const v = stack[sp - 1]!;
            if (!(v instanceof PyGen)) {
              stack[sp - 1] = getIter(v);
              decref(v);
            }
            break;
          }
          case Op.RAISE_VARARGS: {
            let cause: PyObject | null = null;
            if (arg === 2) {
              cause = stack[--sp];
              stack[sp] = null;
            }
            if (arg === 0) {
              const cur = topmostException();
              if (cur === null) throw new PyErr(newException(RuntimeError, [newStr("No active exception to reraise")]));
              cur.refcnt++;
              reraising = true;
              throw new PyErr(cur);
            }
            const v = stack[--sp]!;
            stack[sp] = null;
            const exc = makeException(v);
            if (cause !== null) {
              if (cause === None) {
                decref(cause);
                exc.suppressContext = true;
              } else {
                const ce = makeException(cause);
                if (exc.cause) decref(exc.cause);
                exc.cause = ce;
                exc.suppressContext = true;
              }
            }
            throw new PyErr(exc);
          }
          case Op.RERAISE: {
            const exc = stack[--sp] as PyBaseException;
            stack[sp] = null;
            reraising = true;
            throw new PyErr(exc);
          }
          case Op.PUSH_EXC_INFO: {
            const exc = stack[sp - 1]!;
            const prev = it.excInfo ?? None;
            prev.refcnt++;
            stack[sp - 1] = prev;
            exc.refcnt++;
            if (it.excInfo !== null) decref(it.excInfo);
            it.excInfo = exc as PyBaseException;
            stack[sp++] = exc;
            break;
          }
          case Op.POP_EXCEPT: {
            const prev = stack[--sp]!;
            stack[sp] = null;
            const old = it.excInfo;
            it.excInfo = prev === None ? null : (prev as PyBaseException);
            if (prev === None) decref(prev);
            if (old !== null) decref(old);
            break;
          }
          case Op.CHECK_EXC_MATCH: {
            const t = stack[sp - 1]!;
            const exc = stack[sp - 2]!;
            const r = isInstance(exc, t);
            stack[sp - 1] = pyBool(r);
            decref(t);
            break;
          }
          case Op.SETUP_FINALLY:
            f.blocks.push(arg, sp, BlockKind.Finally);
            break;
          case Op.SETUP_CLEANUP:
            f.blocks.push(arg, sp, BlockKind.Cleanup);
            break;
          case Op.SETUP_WITH:
            f.blocks.push(arg, sp - 1, BlockKind.Cleanup);
            break;
          case Op.POP_BLOCK:
            f.blocks.length -= 3;
            break;
          case Op.BEFORE_WITH: {
            const mgr = stack[sp - 1]!;
            const exit = getAttr(mgr, "__exit__");
            let res: PyObject;
            try {
              const enter = getAttr(mgr, "__enter__");
              f.pc = pc;
              f.sp = sp;
              it.nativeDepth++;
              try {
                res = call(enter, [], null);
              } finally {
                it.nativeDepth--;
                it.frame = f;
                decref(enter);
              }
            } catch (e) {
              decref(exit);
              throw e;
            }
            stack[sp - 1] = exit;
            decref(mgr);
            stack[sp++] = res;
            break;
          }
          case Op.WITH_EXCEPT_START: {
            // [exit, lasti, prev_exc, exc]
            const exc = stack[sp - 1] as PyBaseException;
            const exit = stack[sp - 4]!;
            f.pc = pc;
            f.sp = sp;
            it.nativeDepth++;
            let r: PyObject;
            try {
              r = call(exit, [exc.type, exc, None], null);
            } finally {
              it.nativeDepth--;
              it.frame = f;
            }
            stack[sp++] = r;
            break;
          }
          case Op.UNPACK_SEQUENCE: {
            const seq = stack[--sp]!;
            stack[sp] = null;
            let items: PyObject[];
            if ((seq instanceof PyTuple || seq instanceof PyList) ) {
              items = seq.items;
              if (items.length !== arg) {
                decref(seq);
                if (items.length > arg) typeError_(`too many values to unpack (expected ${arg})`);
                typeError_(`not enough values to unpack (expected ${arg}, got ${items.length})`);
              }
              for (let i = arg - 1; i >= 0; i--) {
                items[i].refcnt++;
                stack[sp++] = items[i];
              }
              decref(seq);
              break;
            }
            items = [];
            const iter = unpackIter(seq);
            try {
              for (let x = iterNext(iter); x !== null; x = iterNext(iter)) {
                items.push(x);
                if (items.length > arg) {
                  for (const o of items) decref(o);
                  typeError_(`too many values to unpack (expected ${arg})`);
                }
              }
            } finally {
              decref(iter);
              decref(seq);
            }
            if (items.length < arg) {
              for (const o of items) decref(o);
              typeError_(`not enough values to unpack (expected ${arg}, got ${items.length})`);
            }
            for (let i = arg - 1; i >= 0; i--) stack[sp++] = items[i];
            break;
          }
          case Op.UNPACK_EX: {
            const before = arg & 0xff;
            const after = arg >> 8;
            const seq = stack[--sp]!;
            stack[sp] = null;
            const items: PyObject[] = [];
            const iter = getIter(seq);
            try {
              for (let x = iterNext(iter); x !== null; x = iterNext(iter)) items.push(x);
            } finally {
              decref(iter);
              decref(seq);
            }
            if (items.length < before + after) {
              for (const o of items) decref(o);
              typeError_(`not enough values to unpack (expected at least ${before + after}, got ${items.length})`);
            }
            const mid = newList(items.slice(before, items.length - after));
            const out = [...items.slice(0, before), mid, ...items.slice(items.length - after)];
            for (let i = out.length - 1; i >= 0; i--) stack[sp++] = out[i];
            break;
          }
          case Op.IMPORT_NAME: {
            const fromlist = stack[--sp]!;
            const level = stack[--sp]!;
            stack[sp] = stack[sp + 1] = null;
            const m = importName(co.names[arg], fromlist);
            decref(fromlist);
            decref(level);
            stack[sp++] = m;
            break;
          }
          case Op.IMPORT_FROM: {
            const m = stack[sp - 1]!;
            stack[sp++] = importFrom(m, co.names[arg]);
            break;
          }
          case Op.LOAD_ASSERTION_ERROR:
            stack[sp++] = AssertionError;
            break;
          case Op.LOAD_LOCALS: {
            const l = f.locals!;
            l.refcnt++;
            stack[sp++] = l;
            break;
          }
          case Op.CLEANUP_THROW:
          default:
            throw new Error(`opcode ${op} not implemented`);
        }
      }
    } catch (e) {
      // ---- exception unwinding ----
      if (e instanceof LimitExceeded) {
        f.pc = pc;
        f.sp = sp;
        throw e;
      }
      const err = toPyErr(e);
      const wasReraise = reraising;
      reraising = false;
      let exc = err.exc;
      if (!wasReraise) {
        const cur = topmostException();
        if (cur !== null && exc.context === null && cur !== exc) {
          cur.refcnt++;
          exc.context = cur;
        }
        addTraceback(exc, f);
      }
      for (;;) {
        const blocks = f.blocks;
        if (blocks.length > 0) {
          const kind = blocks.pop()!;
          const level = blocks.pop()!;
          const handler = blocks.pop()!;
          while (sp > level) {
            const o = stack[--sp];
            stack[sp] = null;
            if (o !== null) decref(o);
          }
          if (kind === BlockKind.Cleanup) stack[sp++] = newInt(f.lasti);
          stack[sp++] = exc;
          pc = handler;
          f.pc = pc;
          break;
        }
        // No handler here: the frame is done.
        f.sp = sp;
        const gen = f.gen as PyGen | null;
        if (gen !== null) {
          gen.state = GenState.Closed;
          gen.frame = null;
          exitGeneratorExcState();
          exc = convertStopIteration(exc);
        }
        const caller = f.back;
        const inline = f.inlineResume;
        const initSelf = f.initSelf;
        const initPop = f.initPop;
        f.clear(); // before unlinking: the traceback keeps this frame's object, linked to its caller's
        f.back = null;
        if (initSelf !== null) decref(initSelf);
        if (f === stop) {
          it.frame = caller;
          throw new PyErr(exc);
        }
        f = caller!;
        it.frame = f;
        co = f.code;
        code = co.code;
        stack = f.stack;
        lp = f.localsplus;
        sp = f.sp;
        pc = f.pc; // LOAD_FRAME
        if (initSelf !== null) sp = releaseSlots(stack, sp - initPop, sp);
        void inline;
        addTraceback(exc, f);
      }
    }
  }
}

/** iter() for unpacking: a non-iterable gets unpack_iterable's own message. */
function unpackIter(seq: PyObject): PyObject {
  try {
    return getIter(seq);
  } catch (e) {
    if (e instanceof PyErr && e.exc.type === TypeErrorT) {
      decref(e.exc);
      throw new PyErr(newException(TypeErrorT, [newStr(`cannot unpack non-iterable ${seq.type.name} object`)]));
    }
    throw e;
  }
}

/**
 * The __init__ a call of class `t` with `nargs` positional arguments can enter inline: t uses
 * object's __new__ and layout (no metaclass), and __init__ is a Python function taking exactly
 * self + nargs positional parameters, with no cells (what typeCall would do, minus the nesting).
 */
function inlineInit(t: PyType, nargs: number): PyFunction | null {
  if (!t.heapType || t.type !== typeType || t.solidBase !== objectType) return null;
  const newAttr = t.lookup("__new__");
  if (newAttr !== null && !(newAttr instanceof PyBuiltinFunction)) return null;
  const init = t.lookup("__init__");
  if (!(init instanceof PyFunction)) return null;
  const c = init.code;
  if (
    c.argcount !== nargs + 1 ||
    (c.flags & (CO_VARARGS | CO_VARKEYWORDS | CO_GENERATOR)) !== 0 ||
    c.kwonlyargcount !== 0 ||
    c.ncells !== 0 ||
    c.cellvarsSet !== undefined ||
    init.closure !== null
  ) {
    return null;
  }
  return init;
}

function typeError_(message: string): never {
  throw new PyErr(newException(valueErrorType(), [newStr(message)]));
}
import { ValueError } from "../objects/exceptions";
function valueErrorType(): PyType {
  return ValueError;
}

/** Turns a raised value into an exception instance (calling the class if needed); steals `v`. */
function makeException(v: PyObject): PyBaseException {
  if (v instanceof PyType) {
    if (!v.isSubtype(baseExceptionType)) {
      decref(v);
      typeError("exceptions must derive from BaseException");
    }
    const inst = call(v, [], null);
    decref(v);
    return inst as PyBaseException;
  }
  if (!(v instanceof PyBaseException)) {
    decref(v);
    typeError("exceptions must derive from BaseException");
  }
  return v;
}

/** The return value of the last subiterator that finished in SEND. */
let lastReturnValue: PyObject | null = null;

function sendTo(sub: PyObject, v: PyObject): PyObject | null {
  if (sub instanceof PyGen) {
    const { genSendRaw } = genopsMod;
    const r = genSendRaw(sub, v);
    if (sub.state === GenState.Closed) {
      lastReturnValue = r;
      return null;
    }
    return r;
  }
  if (v === None) {
    const r = iterNext(sub);
    if (r === null) lastReturnValue = null;
    return r;
  }
  const m = getAttr(sub, "send");
  try {
    return call(m, [v], null);
  } catch (e) {
    if (e instanceof PyErr && e.exc.type.isSubtype(StopIteration)) {
      lastReturnValue = e.exc.value ?? null;
      if (lastReturnValue) lastReturnValue.refcnt++;
      decref(e.exc);
      return null;
    }
    throw e;
  } finally {
    decref(m);
  }
}

import * as genopsMod from "./genops";
import * as dictOps from "../objects/dict";

/** Called when steps reach it.nextCheck: enforces limits; returns true to pause. */
function checkStep(it: Interp, mayPause: boolean): boolean {
  if (it.steps >= it.maxSteps) {
    throw new LimitExceeded("steps", `the program ran for more than ${it.maxSteps} steps (step limit)`);
  }
  if (it.cancelled) throw new LimitExceeded("cancelled", "the run was cancelled");
  if (it.deadline !== Infinity && Date.now() > it.deadline) {
    throw new LimitExceeded("time", "the program ran longer than its time limit (time limit)");
  }
  if (it.steps >= it.pauseAtStep) {
    if (mayPause) {
      it.pauseAtStep = Infinity;
      it.recomputeNextCheck();
      return true;
    }
    it.nextCheck = it.steps + 1;
    return false;
  }
  it.recomputeNextCheck();
  return false;
}

/** A collection scheduled by count[0] runs at the eval breaker. */
function runScheduledGC(it: Interp, f: Frame, pc: number, sp: number): void {
  const gc = it.heap.gc;
  gc.scheduled = false;
  if (gc.collector === null || !gc.enabled || gc.collecting) return;
  f.pc = pc;
  f.sp = sp;
  it.nativeDepth++;
  try {
    gc.collector.collect(-1, "automatic");
  } finally {
    it.nativeDepth--;
    it.frame = f;
  }
}

void [PyInstance, PyMethodDescr, PyBuiltinFunction, emptyStr, emptyTuple, newDict, True, callFunctionOwned, TypeErrorT, GeneratorExit, NameError, newList, PyStr];
