// The attributes Python code reads from tracebacks and frame objects (tb_frame, tb_next, f_back,
// f_locals ...), and exception.__traceback__ / with_traceback: the ways a program can hold on to
// the frames an exception passed through.
import { decref, PyObject } from "../objects/object";
import { PyBaseException } from "../objects/exceptions";
import { PyFrameObject } from "../objects/frameobject";
import { PyTraceback } from "../objects/traceback";
import { newInt } from "../objects/int";
import { None } from "../objects/singletons";
import { typeError } from "./errors";
import { getFrameObject } from "./frame";
import { newFrameLocalsProxy } from "../objects/framelocalsproxy";
import { CO_OPTIMIZED } from "../objects/code";
import { newDict } from "../objects/dict";

function own(o: PyObject | null): PyObject {
  const r = o ?? None;
  r.refcnt++;
  return r;
}

export function tracebackAttr(tb: PyTraceback, name: string): PyObject | null {
  switch (name) {
    case "tb_next": return own(tb.next);
    case "tb_frame": return own(tb.frame);
    case "tb_lineno": return newInt(tb.position.lineno);
    // tb_lasti is left out: it is an offset into CPython's own bytecode (with its inline caches),
    // which the engine's instructions do not reproduce, so any number given would be wrong.
  }
  return null;
}

export function frameAttr(fo: PyFrameObject, name: string): PyObject | null {
  switch (name) {
    case "f_code": return own(fo.code);
    case "f_lineno": return newInt(fo.lineno);
    case "f_back": {
      // While the frame runs, f_back is its caller's frame object (made on demand); once it has
      // finished, the one take_ownership stored.
      if (fo.frame === null) return own(fo.back);
      const caller = fo.frame.back;
      return own(caller === null ? null : getFrameObject(caller));
    }
    case "f_locals": return frameGetLocals(fo);
    case "f_globals": {
      const globals = fo.frame?.globals ?? fo.func?.globals ?? null;
      return own(globals);
    }
  }
  return null;
}

/**
 * frame_getlocals (PEP 667): a module or class body's locals dict itself; for a function frame a
 * new FrameLocalsProxy, a live view of its fast locals, each time it is asked for.
 */
function frameGetLocals(fo: PyFrameObject): PyObject {
  if (fo.code.flags & CO_OPTIMIZED) return newFrameLocalsProxy(fo);
  const live = fo.frame?.locals ?? null;
  if (live !== null) return own(live);
  // A finished body frame keeps its namespace (take_ownership); one cleared by frame.clear()
  // gets a fresh empty dict, as CPython makes one when f_locals is NULL.
  if (fo.locals === null) fo.locals = newDict();
  return own(fo.locals);
}

/** Setting exception.__traceback__ (and with_traceback): a traceback or None, nothing else. */
export function setExceptionTraceback(exc: PyBaseException, value: PyObject): void {
  if (value !== None && !(value instanceof PyTraceback)) typeError("__traceback__ must be a traceback or None");
  const old = exc.traceback;
  if (value instanceof PyTraceback) {
    value.refcnt++;
    exc.traceback = value;
  } else exc.traceback = null;
  if (old !== null) decref(old);
}
