// A hostile program the engine worker does not end as it should yet (see docs/SECURITY.md, P4): a
// million nested lists freed at once must print "freed". It needs 6 000 016 steps, more than a
// session's 5 000 000 (SESSION_LIMITS), and line-stepped through the timeline it is also near the
// 10 s time limit; it now ends with a named limit instead of exhausting the worker's Node heap
// (that much is in CI: test/unit/hardening/worker-hostile.test.ts). The deep recursion and size
// programs that were here pass now and moved there too.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HeapSnapshot } from "../../../src-main/engine/facade-types";
import { EngineClient } from "../../../src-main/worker/engine-client";
import { buildEngineWorker } from "../../unit/hardening/worker-bundle";
import { HOSTILE_PROGRAMS } from "../../unit/hardening/hostile-programs";

const WORKER_PENDING = HOSTILE_PROGRAMS.filter((p) => p.name === "a million nested lists freed at once");

let c: EngineClient;
beforeAll(async () => {
  c = new EngineClient({ workerPath: await buildEngineWorker(), replyTimeoutMs: 90_000 });
}, 120_000);
afterAll(() => c.dispose());

function snapshotIn(reply: unknown): HeapSnapshot {
  if (typeof reply === "object" && reply !== null && "snapshot" in reply) return (reply as { snapshot: HeapSnapshot }).snapshot;
  return reply as HeapSnapshot;
}

describe("pending: hostile programs through the engine worker", () => {
  for (const program of WORKER_PENDING) {
    test(program.name, async () => {
      const { sessionId } = await c.start(program.source);
      let end = snapshotIn(await c.runToEnd(sessionId));
      for (let i = 0; i < 3 && !end.finished; i++) end = snapshotIn(await c.runToEnd(sessionId));
      expect(end.finished).toBe(true);
      if (program.endings.length === 0) expect(end.stdout).toBe("freed\n");
      else expect(program.endings).toContain(end.error?.type);
    }, 180_000);
  }
});
