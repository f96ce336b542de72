// Resuming generators: inline from FOR_ITER (the frame joins the eval loop's stack), from native
// code (send/next/close/throw run a nested execute), and PEP 479's StopIteration conversion.
import { decref, PyObject } from "../objects/object";
import { None } from "../objects/singletons";
import { PyErr, newException, PyBaseException, StopIteration, RuntimeError, GeneratorExit } from "../objects/exceptions";
import { newStr } from "../objects/str";
import { Frame, BlockKind } from "./frame";
import { PyGen, GenState, setGenFinalizer } from "./generator";
import { interp } from "./interp";
import { execute } from "./eval";
import { stopIteration, valueError, runtimeError } from "./errors";
import { Op } from "../compile/opcodes";
import { getAttrOrNull } from "./abstract";
import { call } from "./call";

/** Resuming: the caller's exception state goes below, the generator's own becomes current. */
function enterGeneratorExcState(gen: PyGen): void {
  const it = interp;
  it.excStack.push(it.excInfo);
  it.excInfo = gen.excState;
  gen.excState = null;
}

/** Suspending (yield): the generator keeps its exception state; the caller's is current again. */
export function leaveGeneratorExcState(gen: PyGen): void {
  const it = interp;
  gen.excState = it.excInfo;
  it.excInfo = it.excStack.length > 0 ? it.excStack.pop()! : null;
}

/** Finishing (return or exception): the frame's state is dropped, the caller's is current again. */
export function exitGeneratorExcState(): void {
  const it = interp;
  const own = it.excInfo;
  it.excInfo = it.excStack.length > 0 ? it.excStack.pop()! : null;
  if (own !== null) decref(own);
}

/** Prepares gen's frame to resume under `caller` inside the eval loop; returns the frame. */
export function genSendInline(gen: PyGen, caller: Frame): Frame {
  const gf = gen.frame!;
  if (gen.state === GenState.Suspended) {
    None.refcnt++;
    gf.stack[gf.sp++] = None;
  }
  gen.state = GenState.Running;
  enterGeneratorExcState(gen);
  gf.back = caller;
  gf.inlineResume = true;
  gf.depth = caller.depth + 1;
  return gf;
}

/**
 * Runs the generator until it yields (returns the value) or returns (state becomes Closed and the
 * return value is returned). `throwExc` (owned) is raised at the resume point instead of sending.
 */
export function genSendRaw(gen: PyGen, value: PyObject, throwExc: PyBaseException | null = null): PyObject {
  if (gen.state === GenState.Running) valueError("generator already executing");
  const gf = gen.frame;
  if (gf === null || gen.state === GenState.Closed) {
    if (throwExc !== null) throw new PyErr(throwExc);
    None.refcnt++;
    return None;
  }
  if (gen.state === GenState.Created && value !== None && throwExc === null) {
    throw new PyErr(newException(typeErrorType(), [newStr("can't send non-None value to a just-started generator")]));
  }
  const it = interp;
  if (gen.state === GenState.Suspended && throwExc === null) {
    value.refcnt++;
    gf.stack[gf.sp++] = value;
  }
  gen.state = GenState.Running;
  enterGeneratorExcState(gen);
  gf.back = it.frame;
  gf.inlineResume = false;
  gf.depth = (it.frame?.depth ?? 0) + 1;
  if (throwExc !== null) {
    // Raise at the resume point: find a handler in the frame or finish it.
    gf.pendingThrow = throwExc;
  }
  it.nativeDepth++;
  try {
    return execute(gf);
  } finally {
    it.nativeDepth--;
  }
}

import { TypeError as TE } from "../objects/exceptions";
function typeErrorType() {
  return TE;
}

/** The generator's state, read afresh after a call that ran its frame (and so changed it). */
function stateOf(gen: PyGen): GenState {
  return gen.state;
}

/** next(gen) / gen.send(v): yielded value, or null (for iteration) / StopIteration when done. */
export function genSend(gen: PyGen, value: PyObject, forIteration: boolean): PyObject | null {
  if (gen.frame === null || gen.state === GenState.Closed) {
    if (forIteration) return null;
    stopIteration(null);
  }
  const r = genSendRaw(gen, value);
  if (stateOf(gen) === GenState.Closed) {
    if (forIteration) {
      decref(r);
      return null;
    }
    try {
      stopIteration(r === None ? null : r);
    } finally {
      decref(r);
    }
  }
  return r;
}

/** gen.close(). */
export function genClose(gen: PyGen): void {
  if (gen.state === GenState.Created) {
    // 3.13's gen_close only marks a never-started generator completed: its frame, and so the
    // arguments it was called with, stay until the generator itself is freed.
    gen.state = GenState.Closed;
    return;
  }
  if (gen.frame === null || gen.state === GenState.Closed) return;
  if (gen.state === GenState.Running) valueError("generator already executing");
  // A generator inside `yield from` first closes its sub-iterator; an error from that close is
  // raised in the generator instead of GeneratorExit.
  let closeError: PyBaseException | null = null;
  const yf = delegateOf(gen);
  if (yf !== null) closeError = closeSubIterator(gen, yf);
  // 3.13: a suspended generator with no active exception handler closes without running code.
  if (closeError === null && gen.frame.blocks.length === 0) {
    const f = gen.frame;
    gen.frame = null;
    gen.state = GenState.Closed;
    f.clear();
    return;
  }
  const exc = closeError ?? newException(GeneratorExit, []);
  try {
    const r = genSendRaw(gen, None, exc);
    if (stateOf(gen) !== GenState.Closed) {
      decref(r);
      runtimeError("generator ignored GeneratorExit");
    }
    decref(r);
  } catch (e) {
    if (e instanceof PyErr && (e.exc.type === GeneratorExit || e.exc.type.isSubtype(StopIteration))) {
      decref(e.exc);
      return;
    }
    throw e;
  }
}

/** _PyGen_yf: the sub-iterator of a generator suspended inside `yield from` (borrowed), or null. */
function delegateOf(gen: PyGen): PyObject | null {
  const f = gen.frame;
  if (gen.state !== GenState.Suspended || f === null) return null;
  const code = f.code.code;
  if (code[2 * f.pc] !== Op.RESUME || code[2 * f.pc + 1] !== 2) return null;
  return f.stack[f.sp - 1];
}

/** gen_close_iter while `gen` counts as running; returns the exception the close raised, if any. */
function closeSubIterator(gen: PyGen, yf: PyObject): PyBaseException | null {
  yf.refcnt++;
  gen.state = GenState.Running;
  try {
    if (yf instanceof PyGen) genClose(yf);
    else {
      const close = getAttrOrNull(yf, "close");
      if (close !== null) {
        try {
          decref(call(close, [], null));
        } finally {
          decref(close);
        }
      }
    }
    return null;
  } catch (e) {
    if (e instanceof PyErr) return e.exc;
    throw e;
  } finally {
    gen.state = GenState.Suspended;
    decref(yf);
  }
}

/**
 * The generator's `yield from` loop ended while it was suspended (its sub-iterator returned or
 * raised during a throw): continue after the loop, at END_SEND, with `value` as the result.
 */
function resumeAfterYieldFrom(gen: PyGen, value: PyObject): PyObject {
  const f = gen.frame!;
  const send = f.pc - 2; // SEND, YIELD_VALUE 1, RESUME 2
  f.pc = f.code.code[2 * send + 1];
  const r = genSendRaw(gen, value);
  decref(value);
  return finishThrow(gen, r);
}

function finishThrow(gen: PyGen, r: PyObject): PyObject {
  if (gen.state === GenState.Closed) {
    try {
      stopIteration(r === None ? null : r);
    } finally {
      decref(r);
    }
  }
  return r;
}

/** gen.throw(exc): forwarded to the sub-iterator of a `yield from` first (_gen_throw). */
export function genThrow(gen: PyGen, exc: PyBaseException): PyObject {
  if (gen.state === GenState.Running) valueError("generator already executing");
  const yf = delegateOf(gen);
  if (yf !== null) {
    if (exc.type.isSubtype(GeneratorExit)) {
      const closeError = closeSubIterator(gen, yf);
      if (closeError !== null) {
        decref(exc);
        exc = closeError;
      }
    } else {
      const forwarded = throwIntoSubIterator(gen, yf, exc);
      if (forwarded !== undefined) return forwarded;
    }
  }
  const r = genSendRaw(gen, None, exc);
  return finishThrow(gen, r);
}

/**
 * Throws `exc` (owned) into the sub-iterator. Returns what it yielded, or the outer generator's
 * next step once the sub-iterator finished; undefined when it has no throw() (throw here instead).
 */
function throwIntoSubIterator(gen: PyGen, yf: PyObject, exc: PyBaseException): PyObject | undefined {
  let method: PyObject | null = null;
  if (!(yf instanceof PyGen)) {
    method = getAttrOrNull(yf, "throw");
    if (method === null) return undefined;
  }
  yf.refcnt++;
  gen.state = GenState.Running;
  let raised: PyBaseException;
  try {
    const r = yf instanceof PyGen ? genThrow(yf, exc) : callThrow(method!, exc);
    gen.state = GenState.Suspended;
    return r;
  } catch (e) {
    gen.state = GenState.Suspended;
    if (!(e instanceof PyErr)) throw e;
    raised = e.exc;
  } finally {
    if (gen.state === GenState.Running) gen.state = GenState.Suspended;
    decref(yf);
    if (method !== null) decref(method);
  }
  if (raised.type.isSubtype(StopIteration)) {
    const value = raised.value ?? (raised.args.items.length > 0 ? raised.args.items[0] : None);
    value.refcnt++;
    decref(raised);
    return resumeAfterYieldFrom(gen, value);
  }
  return finishThrow(gen, genSendRaw(gen, None, raised));
}

function callThrow(method: PyObject, exc: PyBaseException): PyObject {
  try {
    return call(method, [exc], null);
  } finally {
    decref(exc);
  }
}

/** PEP 479: StopIteration leaving a generator becomes RuntimeError. */
export function convertStopIteration(exc: PyBaseException): PyBaseException {
  if (exc.type === StopIteration || exc.type.isSubtype(StopIteration)) {
    const r = newException(RuntimeError, [newStr("generator raised StopIteration")]);
    r.cause = exc;
    r.context = exc;
    exc.refcnt++;
    r.suppressContext = true;
    return r;
  }
  return exc;
}

setGenFinalizer((g) => genClose(g));

