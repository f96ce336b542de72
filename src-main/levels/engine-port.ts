/**
 * The one place the levels code reaches the engine: running a program and parsing one.
 * Every run is held to limits, so a level (or a player's attempt) can never hang the app.
 */
import type { RunOptions, RunResult } from "../engine/facade-types";
import type { Module } from "../engine/parse/ast";
import { parseModule, PySyntaxError } from "../engine/parse/index";

/** The file name programs run under (`__file__`, tracebacks, tracemalloc statistics). */
export const PROGRAM_FILENAME = "main.py";

export const LEVEL_RUN_LIMITS = {
  maxSteps: 5_000_000,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxOutputBytes: 256 * 1024,
  recursionLimit: 1000,
} as const satisfies RunOptions;

export interface PythonSyntaxProblem {
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export function runProgram(source: string): RunResult {
  const engine = requireEngine();
  return engine.runSource(source, { ...LEVEL_RUN_LIMITS, filename: PROGRAM_FILENAME });
}

/** The module's AST, or its syntax error; null when no parser is available yet. */
export function parseProgram(source: string): { ok: true; module: Module } | { ok: false; problem: PythonSyntaxProblem } | null {
  if (parser === null) return null;
  try {
    return { ok: true, module: parser.parseModule(source, PROGRAM_FILENAME) };
  } catch (error) {
    if (error instanceof PySyntaxError) {
      return { ok: false, problem: { line: error.lineno, column: Math.max(1, error.offset), message: `${error.pythonType}: ${error.msg}` } };
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Wiring. The engine facade and parser are built in parallel with this code; until they land,
// runs report that the engine is missing (every level then fails honestly rather than passing).

interface EngineFacade {
  runSource(source: string, options?: RunOptions): RunResult;
}
interface ParserFacade {
  parseModule(source: string, filename: string): Module;
}

let engine: EngineFacade | null = null;
let parser: ParserFacade | null = { parseModule };

/** Tests and the app may install an engine explicitly (e.g. a fake one for a broken-pack test). */
export function useEngine(facade: EngineFacade | null, parse?: ParserFacade | null): void {
  engine = facade;
  if (parse !== undefined) parser = parse;
}

export function engineAvailable(): boolean {
  return engine !== null;
}

function requireEngine(): EngineFacade {
  if (engine === null) throw new Error("the Python engine (src-main/engine/index.ts) is not available yet");
  return engine;
}
