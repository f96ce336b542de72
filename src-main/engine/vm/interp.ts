// The state of one interpreter run: its heap, builtins and modules, the frame stack, output,
// limits and the step counter. `interp` points at the one executing (see heap.ts for why).
import { Heap, LimitExceeded, setCurrentHeap } from "../heap/heap";
import type { PyDict } from "../objects/dict";
import type { PyModule } from "../objects/module";
import type { PyObject } from "../objects/object";
import type { PyBaseException } from "../objects/exceptions";
import type { Frame } from "./frame";
import { DEFAULT_RECURSION_LIMIT } from "../profile";
import { tracebackProviderFor } from "./tracemalloc-frames";

export class Interp {
  readonly heap: Heap;
  builtins!: PyDict;
  builtinsModule!: PyModule;
  readonly modules = new Map<string, PyModule>();
  /** Innermost executing frame. */
  frame: Frame | null = null;
  /** Python call depth. */
  depth = 0;
  /** sys.getrecursionlimit(): past it a new frame is RecursionError. */
  get recursionLimit(): number {
    return this.pythonRecursionLimit;
  }
  set recursionLimit(limit: number) {
    this.pythonRecursionLimit = limit;
    this.frameDepthLimit = Math.min(limit, this.maxStackDepth);
  }
  private pythonRecursionLimit = DEFAULT_RECURSION_LIMIT;
  /**
   * The engine's own bound on nested frames (RunLimits.maxStackDepth), whatever the program sets
   * with sys.setrecursionlimit. Each engine frame costs real JS memory (about 400 bytes, and its
   * view in every timeline snapshot) that the simulated heap does not see: 3.13's frames live on
   * the data stack, not in pymalloc or tracemalloc, so counting them into the simulated heap would
   * change the memory figures the game teaches with. Bounding the depth bounds that cost directly.
   */
  get maxStackDepth(): number {
    return this.engineStackDepth;
  }
  set maxStackDepth(depth: number) {
    this.engineStackDepth = depth;
    this.frameDepthLimit = Math.min(this.pythonRecursionLimit, depth);
  }
  private engineStackDepth = Infinity;
  /** The lower of the two: the one number the call paths compare a new frame's depth with. */
  frameDepthLimit = DEFAULT_RECURSION_LIMIT;
  /** Native code (a builtin calling back into Python) nesting: no pausing while > 0. */
  nativeDepth = 0;
  steps = 0;
  maxSteps = Infinity;
  /** The step count at which the eval loop next hands control to checkStep(). */
  nextCheck = Infinity;
  deadline = Infinity;
  cancelled = false;
  /** Pause at the next line start (stepLine) or when steps reach pauseAtStep. */
  pauseOnLine = false;
  pauseAtStep = Infinity;
  pauseRequested = false;
  stdout: string[] = [];
  stderr: string[] = [];
  outputBytes = 0;
  maxOutputBytes = Infinity;
  /** The exception being handled (sys.exc_info()), for bare raise and __context__. */
  excInfo: PyBaseException | null = null;
  /**
   * The exception states below the current one (tstate->exc_info's previous items): a resumed
   * generator pushes its caller's state here and runs with its own (gi_exc_state) in excInfo.
   */
  readonly excStack: (PyBaseException | null)[] = [];
  /** Objects kept alive for the whole run (the main script's constants: the AST arena). */
  readonly keepAlive: PyObject[] = [];
  filename = "main.py";
  /** Source lines per filename, for tracebacks. */
  readonly sources = new Map<string, string[]>();

  constructor(heap = new Heap()) {
    this.heap = heap;
    heap.tracebackProvider = tracebackProviderFor(this);
    heap.seedStartupFreeLists();
  }

  activate(): void {
    setCurrentHeap(this.heap);
    interp = this;
  }

  write(stream: "stdout" | "stderr", text: string): void {
    this.outputBytes += text.length;
    if (this.outputBytes > this.maxOutputBytes) {
      throw new LimitExceeded("output", `the program wrote more than ${this.maxOutputBytes} characters of output (output limit)`);
    }
    (stream === "stdout" ? this.stdout : this.stderr).push(text);
  }

  recomputeNextCheck(): void {
    let n = this.maxSteps;
    if (this.pauseAtStep < n) n = this.pauseAtStep;
    if (this.deadline !== Infinity || this.cancelled) n = Math.min(n, this.steps + 10000);
    // Stepping by lines: the eval loop looks for a line start at every instruction.
    if (this.pauseOnLine) n = Math.min(n, this.steps + 1);
    this.nextCheck = n;
  }
}

export let interp: Interp = new Interp();

/** _PyErr_GetTopmostException: the innermost exception being handled, looking through generators. */
export function topmostException(): PyBaseException | null {
  const it = interp;
  if (it.excInfo !== null) return it.excInfo;
  for (let i = it.excStack.length - 1; i >= 0; i--) {
    const e = it.excStack[i];
    if (e !== null) return e;
  }
  return null;
}
