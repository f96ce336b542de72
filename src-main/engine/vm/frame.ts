// Interpreter frames: a code object's fast locals (localsplus), its value stack and the block
// stack the SETUP_* instructions push. Frames are not heap objects in 3.13 (they live on the
// thread's data stack), so they cost no allocation; a generator owns its frame.
import type { PyObject } from "../objects/object";
import { decref, releaseSlots } from "../objects/object";
import type { PyCode } from "../objects/code";
import type { PyDict } from "../objects/dict";
import type { PyFunction } from "../objects/function";
import { newFrameObject, type PyFrameObject } from "../objects/frameobject";
import { gcTrack } from "../objects/object";

export const enum BlockKind {
  /** SETUP_FINALLY: push exc. */
  Finally,
  /** SETUP_CLEANUP / SETUP_WITH: push lasti and exc. */
  Cleanup,
}

export class Frame {
  readonly localsplus: (PyObject | null)[];
  readonly stack: (PyObject | null)[];
  sp = 0;
  /** Index of the next instruction. */
  pc = 0;
  /** Index of the instruction executing (for tracebacks and line reports). */
  lasti = 0;
  /** Block stack as (handler, level, kind) triples. */
  readonly blocks: number[] = [];
  back: Frame | null = null;
  /** The generator owning this frame, if any. */
  gen: PyObject | null = null;
  /** A generator frame resumed by FOR_ITER in its caller (not through native code). */
  inlineResume = false;
  /** __init__ frames pushed by a class call: discard the result, push `initSelf` instead. */
  initSelf: PyObject | null = null;
  /** With initSelf: how many slots (class, NULL, arguments) the class call left on the caller's stack. */
  initPop = 0;
  /** An exception to raise when this (generator) frame resumes: gen.throw / gen.close. */
  pendingThrow: import("../objects/exceptions").PyBaseException | null = null;
  /** The frame holds a reference to its function (f_funcobj). */
  ownsFunc = false;
  /**
   * The frame holds a reference to its code (f_executable), taken when it is made or reused and
   * given up by clear(). A generator's frame hands its reference to the generator instead, which
   * keeps the code after the frame is gone (gi_code), as _PyFrame_ClearExceptCode leaves it.
   */
  ownsCode = true;
  /** Depth in the Python call stack (for RecursionError). */
  depth = 0;

  /** Came from takeFrame(): goes back to its code's pool when it returns normally. */
  pooled = false;
  /** frame->frame_obj: the frame object made for a traceback, owned by this frame while it runs. */
  frameObject: PyFrameObject | null = null;

  constructor(
    readonly code: PyCode,
    public globals: PyDict,
    public builtins: PyDict,
    /** Module and class bodies: the namespace STORE_NAME writes to. */
    readonly locals: PyDict | null,
    public func: PyFunction | null,
  ) {
    this.localsplus = new Array(code.nlocalsplus).fill(null);
    this.stack = new Array(code.stacksize + 4).fill(null);
    code.refcnt++;
  }

  get lineno(): number {
    return this.code.lines[this.lasti] ?? this.code.firstlineno;
  }

  /**
   * _PyFrame_ClearExceptCode: releases locals then the value stack, in CPython's order. If a frame
   * object was made for this frame and someone else still holds it (a traceback), the locals move
   * into that object instead (take_ownership) and live on as long as it does. Call it while
   * `back` still names the caller: take_ownership links f_back to the caller's frame object.
   */
  clear(): void {
    const fo = this.frameObject;
    if (fo !== null) {
      this.frameObject = null;
      if (fo.refcnt > 1) {
        take_ownership(fo, this);
        decref(fo);
        this.releaseCode();
        return;
      }
      fo.frame = null;
      decref(fo);
    }
    releaseSlots(this.localsplus);
    releaseSlots(this.stack, 0, this.sp);
    this.sp = 0;
    this.blocks.length = 0;
    if (this.ownsFunc && this.func !== null) {
      this.ownsFunc = false;
      decref(this.func);
    }
    this.releaseCode();
  }

  /** What clear_thread_frame does after _PyFrame_ClearExceptCode: Py_DECREF(f_executable). */
  private releaseCode(): void {
    if (this.ownsCode) {
      this.ownsCode = false;
      decref(this.code);
    }
  }
}

/** _PyFrame_GetFrameObject: the frame's frame object, made (untracked) on first use. */
export function getFrameObject(f: Frame): PyFrameObject {
  let fo = f.frameObject;
  if (fo === null) {
    fo = newFrameObject(f);
    f.frameObject = fo;
  }
  return fo;
}

/**
 * take_ownership (Objects/frameobject.c): the finished frame's references (locals, cells, the
 * value stack, f_funcobj) move into the frame object without a count changing; f_back becomes a
 * strong reference to the caller's frame object (made now if needed); the object is tracked.
 */
function take_ownership(fo: PyFrameObject, f: Frame): void {
  fo.finishedLineno = f.lineno;
  const owned: (PyObject | null)[] = f.localsplus.slice();
  f.localsplus.fill(null);
  for (let i = 0; i < f.sp; i++) {
    owned.push(f.stack[i]);
    f.stack[i] = null;
  }
  f.sp = 0;
  f.blocks.length = 0;
  fo.localsplus = owned;
  // A module or class body's namespace: the interpreter frame borrows it here, but the frame
  // object keeps it (f_locals) for as long as it lives, as CPython's copied frame does.
  if (f.locals !== null) {
    f.locals.refcnt++;
    fo.locals = f.locals;
  }
  if (f.ownsFunc && f.func !== null) {
    f.ownsFunc = false;
    fo.func = f.func;
  }
  // The frame object keeps the code for as long as it lives (its own reference).
  f.code.refcnt++;
  fo.ownsCode = true;
  fo.frame = null;
  const prev = f.back;
  if (prev !== null) {
    const back = getFrameObject(prev);
    back.refcnt++;
    fo.back = back;
  }
  if (fo.gcIndex === 0) gcTrack(fo);
}

/** Frames kept per code object for reuse; enough for a few hundred levels of recursion. */
const FRAME_POOL_MAX = 1024;

/**
 * A cleared frame for a call of `func` (from the code's pool, or new), marked `pooled`. The
 * caller moves the function reference and the arguments in. A frame costs two arrays, and the
 * same few functions are called millions of times, so reusing them keeps calls allocation-free.
 */
export function takeFrame(code: PyCode, func: PyFunction): Frame {
  const pool = code.framePool as Frame[];
  let f = pool.pop();
  if (f === undefined) {
    f = new Frame(code, func.globals, func.builtins, null, func);
    f.pooled = true;
  } else {
    f.globals = func.globals;
    f.builtins = func.builtins;
    f.func = func;
    f.lasti = 0;
    code.refcnt++;
    f.ownsCode = true;
  }
  f.pc = code.startPc;
  return f;
}

/** Gives a finished, cleared pooled frame back to its code object. */
export function releaseFrame(f: Frame): void {
  const pool = f.code.framePool as Frame[];
  if (pool.length < FRAME_POOL_MAX) {
    f.back = null;
    f.depth = 0;
    f.initSelf = null;
    f.initPop = 0;
    pool.push(f);
  }
}
