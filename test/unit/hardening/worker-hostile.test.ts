// The hostile programs through the real engine worker, driven by the app's EngineClient (what main
// uses). Each must end with a Python-style error or a named limit; afterwards the same client must
// still run a program. A worker that dies anyway (its Node heap limit) is replaced, and the
// request that killed it fails with a clear EngineError instead of hanging main.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HeapSnapshot } from "../../../src-main/engine/facade-types";
import { EngineClient, EngineError } from "../../../src-main/worker/engine-client";
import { buildEngineWorker } from "./worker-bundle";
import { HOSTILE_PROGRAMS, HOSTILE_SIZES } from "./hostile-programs";

let workerPath = "";
const clients: EngineClient[] = [];
function client(options: Partial<ConstructorParameters<typeof EngineClient>[0]> = {}): EngineClient {
  const made = new EngineClient({ workerPath, replyTimeoutMs: 90_000, ...options });
  clients.push(made);
  return made;
}

beforeAll(async () => {
  workerPath = await buildEngineWorker();
}, 120_000);
afterAll(async () => {
  for (const c of clients.splice(0)) await c.dispose();
});

/** The snapshot inside whatever runToEnd answers (a snapshot, or a timeline frame holding one). */
function snapshotIn(reply: unknown): HeapSnapshot {
  if (typeof reply === "object" && reply !== null && "snapshot" in reply) return (reply as { snapshot: HeapSnapshot }).snapshot;
  return reply as HeapSnapshot;
}

/** Starts a program and runs it to its end (runToEnd may stop at a time budget; ask again, 4 times at most). */
async function runThroughWorker(c: EngineClient, source: string): Promise<HeapSnapshot> {
  const { sessionId } = await c.start(source);
  let snapshot = snapshotIn(await c.runToEnd(sessionId));
  for (let i = 0; i < 3 && !snapshot.finished; i++) snapshot = snapshotIn(await c.runToEnd(sessionId));
  await c.close(sessionId);
  return snapshot;
}

// The programs the worker handles today; the others are in test/fuzz/pending/worker-hostile.test.ts.
const WORKER_OK = new Set([
  "while True: pass",
  "a list that appends itself forever",
  "deep recursion",
  "print in a tight loop",
  "a never-ending generator consumed by list()",
  // Ran the worker out of Node heap until the session's stack depth bound (P4).
  "sys.setrecursionlimit(10**9) then recursion",
]);

describe("hostile programs through the engine worker", () => {
  for (const program of HOSTILE_PROGRAMS.filter((p) => WORKER_OK.has(p.name))) {
    test(program.name, async () => {
      const c = client();
      const end = await runThroughWorker(c, program.source);
      expect(end.finished).toBe(true);
      expect(program.endings).toContain(end.error?.type);
      expect(end.stderr.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^${end.error?.type}: `));
      // The same client (and worker) still runs programs.
      expect((await runThroughWorker(c, "print('alive')\n")).stdout).toBe("alive\n");
    }, 180_000);
  }
});

describe("big or negative sizes through the engine worker", () => {
  // One client for all: each must end as a Python error or the memory limit, never kill the worker.
  let c: EngineClient;
  beforeAll(() => {
    c = client();
  });
  for (const program of HOSTILE_SIZES) {
    test(program.name, async () => {
      const end = await runThroughWorker(c, program.source);
      expect(end.finished).toBe(true);
      expect(program.endings).toContain(end.error?.type);
      if (program.lastLine !== undefined) expect(end.stderr.trimEnd().split("\n").at(-1)).toBe(program.lastLine);
    }, 60_000);
  }
  test("the worker that refused them all still runs programs", async () => {
    expect((await runThroughWorker(c, "print('alive')\n")).stdout).toBe("alive\n");
  }, 60_000);
});

describe("a million nested lists through the engine worker", () => {
  // The program needs 6 000 016 steps, more than a session's 5 000 000, so it cannot print
  // "freed" here (that stronger test stays in test/fuzz/pending/). What is checked: the timeline's
  // snapshots no longer take the worker past its Node heap (P4), so the run ends with a named
  // limit in the same worker instead of "The engine stopped".
  test("ends with a named limit, and the same worker runs the next program", async () => {
    const c = client();
    const program = HOSTILE_PROGRAMS.find((p) => p.name === "a million nested lists freed at once")!;
    const end = await runThroughWorker(c, program.source);
    expect(end.finished).toBe(true);
    expect(["StepLimitExceeded", "TimeLimitExceeded"]).toContain(end.error?.type);
    expect(end.stderr.trimEnd().split("\n").at(-1)).toMatch(/^(Step|Time)LimitExceeded: .*\((step|time) limit\)$/);
    expect((await runThroughWorker(c, "print('alive')\n")).stdout).toBe("alive\n");
  }, 240_000);
});

/**
 * Kills a worker given a 48 MB Node heap before any engine limit: each list(range(10**6)) is one
 * step and ~40 MB of simulated heap but ~100 MB of JS objects. (The program used before,
 * `[[i, str(i)] for i in range(3_000_000)]`, died of the timeline's snapshots, which are bounded
 * now: it ends with a step limit inside 48 MB.)
 */
const NODE_HEAP_KILLER = "x = [list(range(1_000_000)) for _ in range(20)]\n";

describe("a worker that dies anyway", () => {
  test("is replaced, the request fails with a clear message, and the next program runs", async () => {
    // A tiny Node heap: building a big structure kills the worker before any engine limit.
    const c = client({ resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 } });
    const error = await runThroughWorker(c, NODE_HEAP_KILLER).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).kind).toBe("crashed");
    expect((error as EngineError).message).toMatch(/engine (stopped|exited)/i);
    expect((await runThroughWorker(c, "print(6 * 7)\n")).stdout).toBe("42\n");
  }, 180_000);

  test("a session that died with its worker is reported as gone, not silently restarted", async () => {
    const c = client({ resourceLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 } });
    const { sessionId } = await c.start("x = 1\n");
    await runThroughWorker(c, NODE_HEAP_KILLER).catch(() => undefined);
    await expect(c.step(sessionId)).rejects.toMatchObject({ kind: "no-session" });
  }, 180_000);
});
