// The Python stack as tracemalloc sees it (traceback_get_frames in Python/tracemalloc.c): one
// (co_filename, f_lineno) pair per frame, most recent first, cut to the tracer's max_nframe, with
// the whole stack's count as `total` (a frame's depth is its place in the chain). The tracer calls
// this once per allocation while tracing, so it hands back the same array while the innermost
// frame and its line are unchanged, and only re-walks the callers when the caller frame or its
// current instruction changes. Walking only `limit` frames keeps a deep recursion linear: the
// whole chain on every call was quadratic (100 000 frames deep took minutes).
import type { StackFrames, TracebackProvider } from "../tracemalloc/tracer";
import type { RawFrame } from "../tracemalloc/traceback";
import type { Frame } from "./frame";
import type { Interp } from "./interp";

const NO_FRAMES: StackFrames = [];

export function tracebackProviderFor(it: Interp): TracebackProvider {
  let lastFrame: Frame | null = null;
  let lastLine = -1;
  let lastBack: Frame | null = null;
  let lastBackPc = -1;
  let lastCallers: RawFrame[] = [];
  /** How many callers lastCallers was asked for (it holds fewer only when the stack is shorter). */
  let lastCallersLimit = 0;
  let last: StackFrames = NO_FRAMES;
  return (limit) => {
    const f = it.frame;
    if (f === null) return NO_FRAMES;
    const line = f.lineno;
    const back = f.back;
    const backPc = back === null ? -1 : back.lasti;
    const callersLimit = Math.max(0, limit - 1);
    const callersKnown = back === lastBack && backPc === lastBackPc && last !== NO_FRAMES && callersLimit <= lastCallersLimit;
    if (f === lastFrame && line === lastLine && callersKnown) return last;
    if (!callersKnown) {
      // The caller is suspended at its call instruction, and so is everything below it: the
      // callers only change when the caller or its instruction does.
      const callers: RawFrame[] = [];
      for (let g = back; g !== null && callers.length < callersLimit; g = g.back) callers.push([g.code.filename, g.lineno]);
      lastCallers = callers;
      lastCallersLimit = callersLimit;
      lastBack = back;
      lastBackPc = backPc;
    }
    lastFrame = f;
    lastLine = line;
    // A walk that reached the outermost frame counted the stack itself; past `limit`, the depth does.
    const total = lastCallers.length < callersLimit ? 1 + lastCallers.length : Math.max(f.depth, 1 + lastCallers.length);
    last = Object.assign([[f.code.filename, line] as RawFrame, ...lastCallers], { total });
    return last;
  };
}
