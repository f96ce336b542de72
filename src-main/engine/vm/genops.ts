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

/** Prepares gen's frame to resume under `caller` inside the eval loop; returns the frame. */
export function genSendInline(gen: PyGen, caller: Frame): Frame {
  const gf = gen.frame!;
  if (gen.state === GenState.Suspended) {
    None.refcnt++;
    gf.stack[gf.sp++] = None;
  }
  gen.state = GenState.Running;
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
  if (gf === null) {
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

/** next(gen) / gen.send(v): yielded value, or null (for iteration) / StopIteration when done. */
export function genSend(gen: PyGen, value: PyObject, forIteration: boolean): PyObject | null {
  if (gen.frame === null) {
    if (forIteration) return null;
    stopIteration(null);
  }
  const r = genSendRaw(gen, value);
  if (gen.state === GenState.Closed) {
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
    const f = gen.frame;
    gen.frame = null;
    gen.state = GenState.Closed;
    if (f !== null) f.clear();
    return;
  }
  if (gen.frame === null) return;
  // 3.13: a suspended generator with no active exception handler closes without running code.
  if (gen.frame.blocks.length === 0) {
    const f = gen.frame;
    gen.frame = null;
    gen.state = GenState.Closed;
    f.clear();
    return;
  }
  const exc = newException(GeneratorExit, []);
  try {
    const r = genSendRaw(gen, None, exc);
    if (gen.state !== GenState.Closed) {
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

/** gen.throw(exc). */
export function genThrow(gen: PyGen, exc: PyBaseException): PyObject {
  const r = genSendRaw(gen, None, exc);
  if (gen.state === GenState.Closed) {
    try {
      stopIteration(r === None ? null : r);
    } finally {
      decref(r);
    }
  }
  return r;
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

