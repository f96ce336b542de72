// Messages between the main process and the engine worker. Plain data (structured-clone safe).

import type { RunOptions } from "../engine/facade-types";
import type { TimelineFrame } from "../api/timeline";
import type { Attempt, AttemptResult, Level, LocatedError, PackFiles } from "../levels/index";

export type WorkerRequest =
  | { op: "start"; source: string; options: RunOptions }
  | { op: "step"; sessionId: string }
  | { op: "stepBack"; sessionId: string }
  | { op: "seek"; sessionId: string; index: number }
  | { op: "advance"; sessionId: string; budgetMs: number; untilLine?: number }
  | { op: "close"; sessionId: string }
  /** Judges an attempt (the levels code runs the program on the engine, so it runs here too). */
  | { op: "evaluate"; level: Level; attempt: Attempt }
  /** Checks a pack before it is installed: loads it and replays every reference solution. */
  | { op: "checkPack"; files: PackFiles };

export type WorkerReply =
  | { op: "start"; sessionId: string; frame: TimelineFrame }
  | { op: "frame"; frame: TimelineFrame }
  | { op: "close"; closed: boolean }
  | { op: "evaluate"; result: AttemptResult }
  /** Empty when the pack passed. */
  | { op: "checkPack"; problems: LocatedError[] };

/** A request as posted: `seq` pairs it with its reply. */
export interface WorkerEnvelope {
  seq: number;
  request: WorkerRequest;
}

export type WorkerResult =
  | { seq: number; ok: true; reply: WorkerReply }
  | { seq: number; ok: false; error: { kind: "no-session" | "engine"; message: string } };
