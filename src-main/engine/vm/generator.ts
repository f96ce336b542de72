// Generator objects. A generator owns a suspended frame; its arguments and locals stay alive
// (one reference each) until it is exhausted, closed or freed. Freeing a suspended generator
// that is inside a try block closes it first (GeneratorExit), as _PyGen_Finalize does.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, type Visit } from "../objects/object";
import { heap } from "../heap/heap";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import type { Frame } from "./frame";
import type { PyStr } from "../objects/str";
import type { PyCode } from "../objects/code";
import type { PyBaseException } from "../objects/exceptions";
import { vm } from "../objects/hooks";

export const generatorType = builtinType({ name: "generator", basicsize: SIZEOF.genBase, itemsize: 8, gc: true });
// tp_finalize = _PyGen_Finalize (closes a suspended generator). The collector asks the type.
generatorType.hasFinalizer = true;

export const enum GenState {
  Created,
  Running,
  Suspended,
  Closed,
}

export class PyGen extends PyObject {
  state = GenState.Created;
  /** The frame, until the generator finishes. */
  frame: Frame | null;
  readonly sizeofValue: number;
  /** gi_exc_state: the exception its frame is handling while suspended (a reference). */
  excState: PyBaseException | null = null;
  /** gi_code: the frame's reference to its code, kept until the generator is freed. */
  readonly code: PyCode;
  constructor(frame: Frame, readonly name: PyStr, readonly qualname: PyStr) {
    super(generatorType);
    this.frame = frame;
    const code = frame.code;
    this.code = code;
    this.sizeofValue = GC_HEAD_SIZE + SIZEOF.genBase + 8 * (code.nlocalsplus + code.stacksize);
  }
  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    if (this.state === GenState.Suspended && this.frame !== null && this.frame.blocks.length > 0) {
      // Resurrect for the duration of close().
      this.refcnt = 1;
      try {
        genFinalizer(this);
      } catch (e) {
        vm.writeUnraisable(e, this);
      }
      if (--this.refcnt > 0) return;
    }
    const f = this.frame;
    this.frame = null;
    this.state = GenState.Closed;
    if (f !== null) f.clear();
    if (this.excState !== null) {
      const e = this.excState;
      this.excState = null;
      decref(e);
    }
    decref(this.code);
    decref(this.name);
    decref(this.qualname);
    freeObject(this, true);
  }
  /**
   * gen_traverse: the name and qualname; while the frame is not cleared, _PyFrame_Traverse's frame
   * object, f_funcobj, code, locals and value stack; then the exception being handled.
   */
  override traverse(visit: Visit): void {
    visit(this.name, "__name__");
    visit(this.qualname, "__qualname__");
    const f = this.frame;
    if (f !== null) {
      if (f.frameObject !== null) visit(f.frameObject, "gi_frame");
      if (f.ownsFunc && f.func !== null) visit(f.func, "gi_frame.f_funcobj");
      visit(this.code, "gi_code");
      const names = f.code.localsplusNames;
      f.localsplus.forEach((o, i) => {
        if (o !== null) visit(o, names[i]);
      });
      for (let i = 0; i < f.sp; i++) {
        const o = f.stack[i];
        if (o !== null) visit(o, `stack[${i}]`);
      }
    }
    if (this.excState !== null) visit(this.excState, "gi_exc_state");
  }
}

let genFinalizer: (g: PyGen) => void = () => {};
export function setGenFinalizer(fn: (g: PyGen) => void): void {
  genFinalizer = fn;
}

/**
 * [collector hook] _PyGen_Finalize as the collector calls it (tp_finalize): gen_close on a
 * suspended generator. Inside a try block it raises GeneratorExit there (finally runs); outside
 * one, 3.13 just completes the generator and clears its locals, which is what frees a generator
 * caught in a cycle through its own frame. Errors are reported, not raised.
 */
export function finalizeGenerator(g: PyGen): void {
  if (g.state !== GenState.Suspended || g.frame === null) return;
  if (g.frame.blocks.length === 0) {
    const f = g.frame;
    g.frame = null;
    g.state = GenState.Closed;
    f.clear();
    return;
  }
  try {
    genFinalizer(g);
  } catch (e) {
    vm.writeUnraisable(e, g);
  }
}

/** Wraps a prepared frame (arguments bound) in a generator. */
export function newGenerator(frame: Frame, name: PyStr, qualname: PyStr): PyGen {
  name.refcnt++;
  qualname.refcnt++;
  const g = new PyGen(frame, name, qualname);
  frame.gen = g;
  frame.ownsCode = false; // the generator holds the frame's reference to the code from now on
  allocObject(g, g.sizeofValue, true);
  gcTrack(g);
  return g;
}
