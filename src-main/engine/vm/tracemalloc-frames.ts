// The Python stack as tracemalloc sees it (traceback_get_frames in Python/tracemalloc.c): one
// (co_filename, f_lineno) pair per frame, most recent first. The tracer calls this once per
// allocation while tracing, so it hands back the same array while the innermost frame and its line
// are unchanged, and only re-walks the callers when the caller frame or its current instruction
// changes.
import type { TracebackProvider } from "../tracemalloc/tracer";
import type { RawFrame } from "../tracemalloc/traceback";
import type { Frame } from "./frame";
import type { Interp } from "./interp";

const NO_FRAMES: readonly RawFrame[] = [];

export function tracebackProviderFor(it: Interp): TracebackProvider {
  let lastFrame: Frame | null = null;
  let lastLine = -1;
  let lastBack: Frame | null = null;
  let lastBackPc = -1;
  let lastCallers: RawFrame[] = [];
  let last: readonly RawFrame[] = NO_FRAMES;
  return () => {
    const f = it.frame;
    if (f === null) return NO_FRAMES;
    const line = f.lineno;
    const back = f.back;
    const backPc = back === null ? -1 : back.lasti;
    if (f === lastFrame && line === lastLine && back === lastBack && backPc === lastBackPc) return last;
    if (back !== lastBack || backPc !== lastBackPc || last === NO_FRAMES) {
      // The caller is suspended at its call instruction, and so is everything below it: the
      // callers only change when the caller or its instruction does.
      const callers: RawFrame[] = [];
      for (let g = back; g !== null; g = g.back) callers.push([g.code.filename, g.lineno]);
      lastCallers = callers;
      lastBack = back;
      lastBackPc = backPc;
    }
    lastFrame = f;
    lastLine = line;
    last = [[f.code.filename, line], ...lastCallers];
    return last;
  };
}
