// The main process's handle on the engine worker: posts requests, pairs replies, and replaces the
// worker when it dies or stops answering (a runaway program must never freeze the window).

import { Worker } from "node:worker_threads";
import type { RunOptions } from "../engine/facade-types";
import type { TimelineFrame } from "../api/timeline";
import type { Attempt, AttemptResult, Level, LocatedError, PackFiles } from "../levels/index";
import type { WorkerReply, WorkerRequest, WorkerResult } from "./protocol";

export class EngineError extends Error {
  override readonly name = "EngineError";
  constructor(
    readonly kind: "no-session" | "engine" | "crashed" | "timeout",
    message: string,
  ) {
    super(message);
  }
}

export interface EngineClientOptions {
  /** The built worker script (out/main/engine-worker.js). */
  workerPath: string;
  /** A reply later than this ends the worker; every live session is lost with it. */
  replyTimeoutMs?: number;
  /** Heap limits for the worker thread, so a program that allocates without end cannot take main down. */
  resourceLimits?: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number; stackSizeMb: number };
}

/** The limits every session runs under; the engine ends a run that reaches one with a clear message. */
export const SESSION_LIMITS: RunOptions = {
  maxSteps: 5_000_000,
  maxMemoryBytes: 256 * 1024 * 1024,
  maxOutputBytes: 1_000_000,
  // Deep enough for any recursion a lesson shows (CPython's default limit is 1000); at ~400 bytes
  // of Node heap an engine frame, plus its view in the timeline's snapshots, far inside the
  // worker's 1 GiB even after sys.setrecursionlimit(10**9).
  maxStackDepth: 100_000,
  timeoutMs: 10_000,
  filename: "main.py",
};

/** Checking a whole pack: up to 50 levels per chapter, each replayed under the level run limits. */
const PACK_CHECK_TIMEOUT_MS = 120_000;

interface Pending {
  resolve: (reply: WorkerReply) => void;
  reject: (error: EngineError) => void;
  timer: NodeJS.Timeout;
}

export class EngineClient {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private closed = false;

  constructor(private readonly options: EngineClientOptions) {}

  /** Starts the worker ahead of the first request, so the first level opens without the wait. */
  warm(): void {
    if (!this.closed) this.ensureWorker();
  }

  async start(source: string): Promise<{ sessionId: string; frame: TimelineFrame }> {
    const reply = await this.request({ op: "start", source, options: SESSION_LIMITS });
    if (reply.op !== "start") throw new EngineError("engine", `unexpected reply ${reply.op}`);
    return { sessionId: reply.sessionId, frame: reply.frame };
  }

  async step(sessionId: string): Promise<TimelineFrame> {
    return frameOf(await this.request({ op: "step", sessionId }));
  }

  async stepBack(sessionId: string): Promise<TimelineFrame> {
    return frameOf(await this.request({ op: "stepBack", sessionId }));
  }

  async seek(sessionId: string, index: number): Promise<TimelineFrame> {
    return frameOf(await this.request({ op: "seek", sessionId, index }));
  }

  /** Runs on for about budgetMs; call again to go on. */
  async advance(sessionId: string, budgetMs: number, untilLine?: number): Promise<TimelineFrame> {
    return frameOf(await this.request(untilLine === undefined ? { op: "advance", sessionId, budgetMs } : { op: "advance", sessionId, budgetMs, untilLine }));
  }

  /** Runs to the end (or a limit) in one call. */
  async runToEnd(sessionId: string): Promise<TimelineFrame> {
    return this.advance(sessionId, 20_000);
  }

  async close(sessionId: string): Promise<boolean> {
    const reply = await this.request({ op: "close", sessionId });
    return reply.op === "close" && reply.closed;
  }

  async evaluate(level: Level, attempt: Attempt): Promise<AttemptResult> {
    const reply = await this.request({ op: "evaluate", level, attempt });
    if (reply.op !== "evaluate") throw new EngineError("engine", `unexpected reply ${reply.op}`);
    return reply.result;
  }

  /**
   * The pack checker's problems with a pack (empty when it is sound): every reference solution is
   * replayed, so a pack of many levels may take a while; it gets longer than a single request.
   */
  async checkPack(files: PackFiles): Promise<LocatedError[]> {
    const reply = await this.request({ op: "checkPack", files }, PACK_CHECK_TIMEOUT_MS);
    if (reply.op !== "checkPack") throw new EngineError("engine", `unexpected reply ${reply.op}`);
    return reply.problems;
  }

  async dispose(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll(new EngineError("crashed", "The engine was shut down."));
    if (worker) await worker.terminate();
  }

  private request(request: WorkerRequest, slowestReplyMs?: number): Promise<WorkerReply> {
    if (this.closed) return Promise.reject(new EngineError("crashed", "The engine was shut down."));
    const worker = this.ensureWorker();
    const seq = ++this.seq;
    const timeoutMs = this.options.replyTimeoutMs ?? slowestReplyMs ?? 30_000;
    return new Promise<WorkerReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.replaceWorker(
          new EngineError("timeout", `The engine did not answer within ${timeoutMs / 1000} s and was restarted.`),
        );
      }, timeoutMs);
      this.pending.set(seq, { resolve, reject, timer });
      worker.postMessage({ seq, request });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.workerPath, {
      resourceLimits: this.options.resourceLimits ?? {
        maxOldGenerationSizeMb: 1024,
        maxYoungGenerationSizeMb: 64,
        stackSizeMb: 8,
      },
    });
    worker.on("message", (result: WorkerResult) => this.settle(result));
    worker.on("error", (error) => {
      if (this.worker === worker) this.replaceWorker(new EngineError("crashed", `The engine stopped: ${error.message}`));
    });
    worker.on("exit", (code) => {
      if (this.worker === worker) this.replaceWorker(new EngineError("crashed", `The engine exited (code ${code}).`));
    });
    // An idle worker must not keep the process alive after the shell closes.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(result: WorkerResult): void {
    const entry = this.pending.get(result.seq);
    if (!entry) return;
    this.pending.delete(result.seq);
    clearTimeout(entry.timer);
    if (result.ok) entry.resolve(result.reply);
    else entry.reject(new EngineError(result.error.kind, result.error.message));
  }

  /** Ends the current worker (its sessions die with it) and fails everything waiting on it. */
  private replaceWorker(reason: EngineError): void {
    const worker = this.worker;
    this.worker = null;
    this.failAll(reason);
    if (worker) void worker.terminate();
  }

  private failAll(reason: EngineError): void {
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(reason);
    }
    this.pending.clear();
  }
}

function frameOf(reply: WorkerReply): TimelineFrame {
  if (reply.op === "frame") return reply.frame;
  throw new EngineError("engine", `unexpected reply ${reply.op}`);
}
