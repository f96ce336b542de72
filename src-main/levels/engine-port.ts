/**
 * The one place the levels code reaches the engine: running a program and parsing one.
 * Every run is held to limits, so a level (or a player's attempt) can never hang the app.
 */
import type { RunOptions, RunResult } from "../engine/facade-types";
import type { Module } from "../engine/parse/ast";
import { runSource } from "../engine/index";
import { parseModule, PySyntaxError } from "../engine/parse/index";

/** The file name programs run under (`__file__`, tracebacks, tracemalloc statistics). */
export const PROGRAM_FILENAME = "main.py";

export const LEVEL_RUN_LIMITS = {
  maxSteps: 5_000_000,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxOutputBytes: 256 * 1024,
  recursionLimit: 1000,
  // The same bound as a session's (worker/engine-client.ts SESSION_LIMITS): a solution may raise
  // the recursion limit, and the check runs in the same worker.
  maxStackDepth: 100_000,
  // No wall-clock limit: the step limit ends a runaway program, and keeps verdicts deterministic.
} as const satisfies RunOptions;

export interface PythonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

/** Name of the error a run reports when the engine itself failed (a Heapwise bug, not the player's). */
export const ENGINE_FAILURE = "EngineFailure";

export function runProgram(source: string): RunResult {
  try {
    return engine.runSource(source, { ...LEVEL_RUN_LIMITS, filename: PROGRAM_FILENAME });
  } catch (error) {
    // A crash inside the engine must not take the game down; it is reported as what it is.
    const message = `Heapwise's engine failed on this program (a bug in Heapwise, not in your code): ${(error as Error).message.split("\n")[0]}`;
    return { stdout: "", stderr: `${message}\n`, exitCode: 1, steps: 0, error: { type: ENGINE_FAILURE, message } };
  }
}

/** The module's AST (CPython's shapes), or its syntax error worded as CPython 3.13 would. */
export function parseProgram(source: string): { ok: true; module: Module } | { ok: false; problem: PythonSyntaxProblem } {
  try {
    return { ok: true, module: parseModule(source, PROGRAM_FILENAME) };
  } catch (error) {
    if (error instanceof PySyntaxError) {
      return { ok: false, problem: { line: error.lineno, column: Math.max(1, error.offset), message: `${error.pythonType}: ${error.msg}` } };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring: the Heapwise engine by default; another engine (CPython, a stand-in) on request.

interface EngineFacade {
  runSource(source: string, options?: RunOptions): RunResult;
}

const defaultEngine: EngineFacade = { runSource };
let engine: EngineFacade = defaultEngine;

/**
 * Runs levels on another engine (CPython for the checker's --oracle mode, a stand-in in tests);
 * null goes back to the Heapwise engine.
 */
export function useEngine(facade: EngineFacade | null): void {
  engine = facade ?? defaultEngine;
}

/** The engine levels run on now (identity only: lets caches keep one answer per engine). */
export function currentEngine(): object {
  return engine;
}

/** Whether levels currently run on the Heapwise engine (not on the oracle or a stand-in). */
export function usingHeapwiseEngine(): boolean {
  return engine === defaultEngine;
}
