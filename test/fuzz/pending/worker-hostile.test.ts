// Hostile programs the engine worker does not end properly yet (see docs/SECURITY.md): with the
// per-line timeline, a growing list, a print loop, very deep recursion and a long loop either run
// past every budget unfinished or exhaust the worker's Node heap.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { HeapSnapshot } from "../../../src-main/engine/facade-types";
import { EngineClient } from "../../../src-main/worker/engine-client";
import { buildEngineWorker } from "../../unit/hardening/worker-bundle";
import { HOSTILE_PROGRAMS, HOSTILE_PENDING } from "../../unit/hardening/hostile-programs";

const WORKER_PENDING = [
  ...HOSTILE_PROGRAMS.filter((p) => !["while True: pass", "deep recursion", "a never-ending generator consumed by list()"].includes(p.name)),
  ...HOSTILE_PENDING,
];

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
