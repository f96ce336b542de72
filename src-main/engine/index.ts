// The engine's facade: run a program to its end, or step through it with heap snapshots.
import type { HeapSnapshot, RunOptions, RunResult, SnapshotRequest } from "./facade-types";
import { Program } from "./vm/runtime";
import { buildSnapshot } from "./snapshot";
import type { GCEventListener } from "./gc/events";

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

  /** Runs until the next line starts (or the end). */
  stepLine(): HeapSnapshot {
    this.skipLine();
    return this.snapshot();
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
    return this.snapshot();
  }

  runToEnd(): HeapSnapshot {
    this.started = true;
    this.program.run();
    return this.snapshot();
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
