// Entry of the engine's worker thread: the player's Python runs here, never on the thread that
// serves the window. Main posts WorkerEnvelopes; each gets exactly one WorkerResult back.

import { parentPort } from "node:worker_threads";
import type { WorkerEnvelope, WorkerResult } from "./protocol";
import { EngineHost, SessionNotFound } from "./engine-host";

const port = parentPort;
if (!port) throw new Error("engine-worker must run as a worker thread");

const host = new EngineHost();

port.on("message", (message: WorkerEnvelope) => {
  let result: WorkerResult;
  try {
    result = { seq: message.seq, ok: true, reply: host.handle(message.request) };
  } catch (error) {
    const kind = error instanceof SessionNotFound ? "no-session" : "engine";
    result = { seq: message.seq, ok: false, error: { kind, message: describe(error) } };
  }
  port.postMessage(result);
});

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
