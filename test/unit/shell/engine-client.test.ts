// The engine client's guard rails, with tiny stand-in worker scripts (the real worker needs the
// built engine; the e2e test covers it): a worker that never answers, one that dies, one that
// allocates without end. The window's thread must always get an answer.

import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { EngineClient, EngineError } from "../../../src-main/worker/engine-client";

const dir = mkdtempSync(path.join(os.tmpdir(), "heapwise-worker-"));
function workerScript(name: string, body: string): string {
  const file = path.join(dir, `${name}.mjs`);
  writeFileSync(file, `import { parentPort } from "node:worker_threads";\n${body}\n`);
  return file;
}

const echo = workerScript(
  "echo",
  `let n = 0;
   parentPort.on("message", ({ seq, request }) => {
     n++;
     if (request.op === "close") parentPort.postMessage({ seq, ok: true, reply: { op: "close", closed: n === 1 } });
     else parentPort.postMessage({ seq, ok: false, error: { kind: "no-session", message: "no session " + request.sessionId } });
   });`,
);
const silent = workerScript("silent", `parentPort.on("message", () => {});`);
const dying = workerScript("dying", `parentPort.on("message", () => process.exit(3));`);
const hog = workerScript("hog", `parentPort.on("message", () => { const keep = []; for (;;) keep.push(new Array(1e5).fill(keep.length)); });`);

const clients: EngineClient[] = [];
function client(workerPath: string, replyTimeoutMs = 10_000): EngineClient {
  const made = new EngineClient({
    workerPath,
    replyTimeoutMs,
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 },
  });
  clients.push(made);
  return made;
}
afterEach(async () => {
  for (const c of clients.splice(0)) await c.dispose();
});

describe("the engine client", () => {
  test("pairs replies with requests and passes worker errors on with their kind", async () => {
    const c = client(echo);
    expect(await c.close("s1")).toBe(true);
    expect(await c.close("s1")).toBe(false);
    const error = await c.step("s9").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ kind: "no-session", message: "no session s9" });
  });

  test("a worker that never answers is replaced after the timeout", async () => {
    const c = client(silent, 300);
    await expect(c.step("s1")).rejects.toMatchObject({ kind: "timeout" });
    // The next request goes to a fresh worker (and times out again, rather than hanging).
    await expect(c.step("s1")).rejects.toMatchObject({ kind: "timeout" });
  });

  test("a worker that exits fails its requests instead of leaving them waiting", async () => {
    const c = client(dying);
    await expect(c.runToEnd("s1")).rejects.toMatchObject({ kind: "crashed" });
  });

  test("a worker that allocates without end is stopped by its resource limits", async () => {
    const c = client(hog, 60_000);
    await expect(c.step("s1")).rejects.toMatchObject({ kind: "crashed" });
  }, 60_000);

  test("after dispose every call is refused", async () => {
    const c = client(echo);
    await c.dispose();
    await expect(c.close("s1")).rejects.toBeInstanceOf(EngineError);
  });
});
