// The engine's facade: run a program to its end, or step through it with heap snapshots.
import type { HeapSnapshot, RunOptions, RunResult } from "./facade-types";
import { Program } from "./vm/runtime";
import { buildSnapshot } from "./snapshot";

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

  constructor(source: string, options: RunOptions = {}) {
    this.program = new Program(source, options);
  }

  get finished(): boolean {
    return this.program.finished;
  }

  /** Runs until the next line starts (or the end). */
  stepLine(): HeapSnapshot {
    const it = this.program.interp;
    it.pauseOnLine = true;
    try {
      this.program.run();
    } finally {
      it.pauseOnLine = false;
    }
    return this.snapshot();
  }

  stepInstructions(n: number): HeapSnapshot {
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
    this.program.run();
    return this.snapshot();
  }

  /** Stops the run at the next instruction boundary with a "cancelled" limit error. */
  cancel(): void {
    this.program.interp.cancelled = true;
    this.program.interp.recomputeNextCheck();
  }

  snapshot(): HeapSnapshot {
    this.program.activate();
    return buildSnapshot(this.program);
  }
}
