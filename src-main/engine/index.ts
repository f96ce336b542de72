// The engine's facade: run a program to its end, or step through it with heap snapshots.
import type { HeapSnapshot, RunOptions, RunResult, SnapshotRequest } from "./facade-types";
import { Program } from "./vm/runtime";
import { buildSnapshot } from "./snapshot";
import type { GCEventListener } from "./gc/events";
import { diffEvents } from "./events";

export type * from "./facade-types";

export function runSource(source: string, options: RunOptions = {}): RunResult {
  const p = new Program(source, options);
  p.run();
  const it = p.interp;
  return {
    stdout: it.stdout.join(""),
    stderr: it.stderr.join(""),
    exitCode: p.exitCode,
    error: p.error,
    steps: it.steps,
    memory: { current: it.heap.current, peak: it.heap.peak },
  };
}

export class EngineSession {
  private readonly program: Program;
  /** Every snapshot includes the pymalloc occupancy view (RunOptions.privateHeap). */
  private readonly privateHeap: boolean;
  /** Whether a step has run: the first stepLine must run line 1, not just arrive at it. */
  private started = false;
  /** The heap as the program left it, taken just before interpreter shutdown cleared the globals. */
  private atShutdown: HeapSnapshot | null = null;
  /** With recordEvents: the last stepped snapshot, which the next step's events are relative to. */
  private eventBase: HeapSnapshot | null = null;
  private recordingEvents = false;

  constructor(source: string, options: RunOptions = {}) {
    this.program = new Program(source, options);
    this.privateHeap = options.privateHeap === true;
    // The gutter's bytes per line: trace from here on (the program has not run yet).
    if (options.traceLines !== false) this.program.interp.heap.enableLineTracing();
    // Shutdown clears __main__'s globals (finalizers run then). Until that moment CPython keeps them
    // alive, so the finished snapshot shows them: the VM's private finish() is wrapped on this one
    // Program to take that picture first.
    const program = this.program as unknown as { finish: () => void };
    const finish = program.finish.bind(this.program);
    program.finish = () => {
      if (!this.program.finished) this.atShutdown = buildSnapshot(this.program, { moduleGlobals: true });
      finish();
    };
  }

  /** Listens to the cyclic collector's phase events (docs/GC-EVENTS.md); null stops listening. */
  onGCEvent(listener: GCEventListener | null): void {
    this.program.interp.heap.gc.listener = listener;
  }

  get finished(): boolean {
    return this.program.finished;
  }

  /**
   * Attach snapshot.events (the EngineEvent log) to each step's snapshot from now on. Off by
   * default: then nothing is recorded and nothing costs.
   */
  recordEvents(on: boolean): void {
    this.recordingEvents = on;
    this.eventBase = on ? this.snapshot() : null;
  }

  /** A step's snapshot, with the events since the previous step when recording. */
  private stepped(): HeapSnapshot {
    const snapshot = this.snapshot();
    if (!this.recordingEvents) return snapshot;
    const events = diffEvents(this.eventBase, snapshot);
    this.eventBase = snapshot;
    return { ...snapshot, events };
  }

  /**
   * Runs until the next line starts (or the end).
   *
   * Where it can pause: any line of Python code the eval loop runs without a JS (native) caller
   * between it and the top level. That includes functions called from Python, generators resumed
   * by `for`, and `__init__` run by a class call (the VM enters it inline, like CPython's
   * CALL_ALLOC_AND_ENTER_INIT, vm/eval.ts inlineInit).
   *
   * Where it cannot, and why: Python code that a builtin calls back into (sorted/min/max `key=`,
   * `map`/`filter` functions, `__eq__`/`__hash__` from dict lookups, `__repr__` from print,
   * `__del__` run by a decref, weakref callbacks, `__init__` of classes with a metaclass or a
   * custom `__new__`). There the builtin is a JS function on the JS call stack, which calls
   * vm/call.ts runFrame -> execute() recursively (interp.nativeDepth > 0). A pause has to return
   * out of every JS frame to the session; the builtin's JS frame cannot be suspended and resumed
   * later (it is not a generator), so execute() only honours pauseOnLine at nativeDepth 0 and the
   * callback runs to completion within the step. Pausing there would need every such builtin
   * written as a resumable state machine (or the whole VM run in a worker with a synchronous
   * channel), which this engine does not do.
   */
  stepLine(): HeapSnapshot {
    this.skipLine();
    return this.stepped();
  }

  /** stepLine without building a snapshot: for replaying to a point of the timeline. */
  skipLine(): void {
    const it = this.program.interp;
    it.pauseOnLine = true;
    try {
      // A new session is paused at the start of line 1 already; the first step runs that line.
      if (!this.started && !this.program.finished) this.program.run();
      this.started = true;
      if (!this.program.finished) this.program.run();
    } finally {
      it.pauseOnLine = false;
    }
  }

  stepInstructions(n: number): HeapSnapshot {
    this.started = true;
    const it = this.program.interp;
    it.pauseAtStep = it.steps + Math.max(1, n);
    try {
      this.program.run();
    } finally {
      it.pauseAtStep = Infinity;
    }
    return this.stepped();
  }

  runToEnd(): HeapSnapshot {
    this.started = true;
    this.program.run();
    return this.stepped();
  }

  /** Stops the run at the next instruction boundary with a "cancelled" limit error. */
  cancel(): void {
    this.program.interp.cancelled = true;
    this.program.interp.recomputeNextCheck();
  }

  snapshot(request: SnapshotRequest = {}): HeapSnapshot {
    this.program.activate();
    const snapshot = buildSnapshot(this.program, { privateHeap: request.privateHeap ?? this.privateHeap });
    const kept = this.atShutdown;
    if (!snapshot.finished || snapshot.frames.length > 0 || kept === null) return snapshot;
    // Finished: the globals and what they reach as the last line left them; output, steps and
    // memory as they are now (shutdown's finalizers may have printed).
    return { ...snapshot, frames: kept.frames, objects: kept.objects, truncated: kept.truncated };
  }
}
