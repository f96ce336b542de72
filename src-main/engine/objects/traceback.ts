// PyTracebackObject (Python/traceback.c): one link per frame an exception passed through, the
// outermost first (`e.__traceback__`), each holding its frame object. Keeping a traceback keeps
// those frames, and so their locals, alive.
import { allocObject, builtinType, decref, freeObject, gcTrack, PyObject, type Visit } from "./object";
import { GC_HEAD_SIZE, SIZEOF } from "../profile";
import { heap } from "../heap/heap";
import type { PyFrameObject } from "./frameobject";

export const tracebackType = builtinType({ name: "traceback", basicsize: SIZEOF.traceback, gc: true });

/** Where in its frame the exception passed: the instruction's source span, for the printed traceback. */
export interface TracebackPosition {
  filename: string;
  name: string;
  lineno: number;
  endLineno: number;
  /** UTF-8 byte offsets of the failing expression, -1 when unknown (for carets). */
  colStart: number;
  colEnd: number;
}

export class PyTraceback extends PyObject {
  constructor(
    /** tb_next: the link one frame further in (toward where the exception was raised). */
    public next: PyTraceback | null,
    /** tb_frame (null only after the collector's tp_clear). */
    public frame: PyFrameObject | null,
    readonly lasti: number,
    readonly position: TracebackPosition,
  ) {
    super(tracebackType);
  }

  override dealloc(): void {
    if (this.gcIndex !== 0) heap.gc.untrack(this);
    const next = this.next;
    const frame = this.frame;
    this.next = null;
    this.frame = null;
    freeObject(this, true);
    if (next !== null) decref(next);
    if (frame !== null) decref(frame);
  }

  override traverse(visit: Visit): void {
    if (this.next !== null) visit(this.next, "tb_next");
    if (this.frame !== null) visit(this.frame, "tb_frame");
  }

  /** tb_clear */
  override clear(): void {
    const next = this.next;
    const frame = this.frame;
    this.next = null;
    this.frame = null;
    if (next !== null) decref(next);
    if (frame !== null) decref(frame);
  }
}

/** tb_create_raw: steals `next` and `frame`; tracked at once, as CPython does. */
export function newTraceback(next: PyTraceback | null, frame: PyFrameObject, lasti: number, position: TracebackPosition): PyTraceback {
  const tb = new PyTraceback(next, frame, lasti, position);
  allocObject(tb, GC_HEAD_SIZE + SIZEOF.traceback, true);
  gcTrack(tb);
  return tb;
}

/** The positions of a traceback chain, innermost (where it was raised) first. */
export function tracebackPositions(tb: PyTraceback | null): TracebackPosition[] {
  const out: TracebackPosition[] = [];
  for (let t = tb; t !== null; t = t.next) out.push(t.position);
  return out.reverse();
}
