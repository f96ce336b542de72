// PyFrameObject (Objects/frameobject.c): the Python-visible face of an interpreter frame. 3.13 makes
// one only when something asks for it; in this engine that is a traceback (PyTraceBack_Here). The
// interpreter frame owns one reference to it (frame->frame_obj). When the frame finishes while
// someone else still holds the object (a traceback kept in `e.__traceback__`, or an exception that
// is still being handled), take_ownership (vm/frame.ts) moves the frame's locals into the object:
// that is why a caught exception keeps the raising function's locals alive.
import { allocObject, builtinType, decref, freeObject, PyObject, releaseSlots, type Visit } from "./object";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import { heap } from "../heap/heap";
import type { PyCode } from "./code";
import type { PyFunction } from "./function";
import type { PyDict } from "./dict";
import type { Frame } from "../vm/frame";

export const frameType = builtinType({ name: "frame", basicsize: SIZEOF.frameHeader, itemsize: 8, gc: true });

const NO_LOCALS: (PyObject | null)[] = [];

export class PyFrameObject extends PyObject {
  /** The interpreter frame while it runs (borrowed: it owns us). Null once it has finished. */
  frame: Frame | null;
  readonly code: PyCode;
  /** After take_ownership: the finished frame's fast locals, cells and free variables, now owned here. */
  localsplus: (PyObject | null)[] = NO_LOCALS;
  /** After take_ownership: f_funcobj, owned here when the frame owned it. */
  func: PyFunction | null = null;
  /** After take_ownership: the frame object holds its own reference to the code. */
  ownsCode = false;
  /** f_back: set by take_ownership to the caller's frame object (a strong reference). */
  back: PyFrameObject | null = null;
  /** The line the frame was on when it finished. */
  finishedLineno = 0;
  /** After take_ownership: a module or class body's locals dict (f_locals), owned here. */
  locals: PyDict | null = null;
  /**
   * f_extra_locals: names written through f_locals (FrameLocalsProxy) that are not fast locals of
   * the code; created on the first such write and shown after the fast locals.
   */
  extraLocals: PyDict | null = null;

  constructor(frame: Frame) {
    super(frameType);
    this.frame = frame;
    this.code = frame.code;
  }

  get lineno(): number {
    return this.frame !== null ? this.frame.lineno : this.finishedLineno;
  }

  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    this.clear();
    if (this.ownsCode) {
      this.ownsCode = false;
      decref(this.code);
    }
    freeObject(this, true);
  }

  /** frame_traverse: f_back, f_extra_locals, then (once it owns its frame) _PyFrame_Traverse's order. */
  override traverse(visit: Visit): void {
    if (this.back !== null) visit(this.back, "f_back");
    if (this.extraLocals !== null) visit(this.extraLocals, "f_extra_locals");
    if (this.locals !== null) visit(this.locals, "f_locals");
    if (this.func !== null) visit(this.func, "f_funcobj");
    if (this.ownsCode) visit(this.code, "f_code");
    const names = this.code.localsplusNames;
    const lp = this.localsplus;
    for (let i = 0; i < lp.length; i++) {
      const o = lp[i];
      if (o !== null) visit(o, names[i] ?? i);
    }
  }

  /**
   * frame_tp_clear, which frame.clear() also calls: the extra locals, the owned locals and stack in
   * slot order, then the locals dict. f_back and the function stay (frame.clear() keeps f_back).
   */
  clearLocals(): void {
    const extra = this.extraLocals;
    this.extraLocals = null;
    if (extra !== null) decref(extra);
    const lp = this.localsplus;
    releaseSlots(lp);
    // Only the fast locals part stays (empty): a FrameLocalsProxy may still write a local here.
    if (lp.length > this.code.nlocalsplus) lp.length = this.code.nlocalsplus;
    const locals = this.locals;
    this.locals = null;
    if (locals !== null) decref(locals);
  }

  /** The collector's tp_clear and dealloc: the locals (clearLocals), then f_back and the function. */
  override clear(): void {
    const back = this.back;
    this.back = null;
    this.clearLocals();
    const func = this.func;
    this.func = null;
    if (func !== null) decref(func);
    if (back !== null) decref(back);
  }
}

/** _PyFrame_New_NoTrack: a GC object, but untracked until its frame finishes (take_ownership). */
export function newFrameObject(frame: Frame): PyFrameObject {
  const fo = new PyFrameObject(frame);
  const slots = frame.code.nlocalsplus + frame.code.stacksize;
  allocObject(fo, GC_HEAD_SIZE + SIZEOF.frameHeader + 8 * slots, true);
  return fo;
}

/** frame.__sizeof__ plus the GC header, as sys.getsizeof reports it. */
export function frameObjectSizeof(fo: PyFrameObject): number {
  return GC_HEAD_SIZE + SIZEOF.frameHeader + 8 * (fo.code.nlocalsplus + fo.code.stacksize);
}
