// What the worker does with each request: keeps the live engine sessions (keyed by id) and judges
// attempts. Kept apart from the worker entry so it can be exercised without a thread.

import { EngineSession } from "../engine/index";
import { evaluateAttempt } from "../levels/index";
import type { WorkerReply, WorkerRequest } from "./protocol";

export class SessionNotFound extends Error {
  override readonly name = "SessionNotFound";
}

/** At most this many sessions live at once; the oldest is dropped first (a player has one or two). */
const MAX_SESSIONS = 16;

export class EngineHost {
  private readonly sessions = new Map<string, EngineSession>();
  private nextId = 1;

  handle(request: WorkerRequest): WorkerReply {
    switch (request.op) {
      case "start": {
        const session = new EngineSession(request.source, request.options);
        const sessionId = `s${this.nextId++}`;
        this.sessions.set(sessionId, session);
        this.dropOldest();
        return { op: "start", sessionId, snapshot: session.snapshot() };
      }
      case "step":
        return { op: "step", snapshot: this.get(request.sessionId).stepLine() };
      case "runToEnd":
        return { op: "runToEnd", snapshot: this.get(request.sessionId).runToEnd() };
      case "close":
        return { op: "close", closed: this.sessions.delete(request.sessionId) };
      case "evaluate":
        // The levels code runs the attempt on the Heapwise engine, here in the worker thread.
        return { op: "evaluate", result: evaluateAttempt(null, request.level, request.attempt) };
      default: {
        const unknownRequest: never = request;
        throw new Error(`unknown worker request ${JSON.stringify(unknownRequest)}`);
      }
    }
  }

  private get(sessionId: string): EngineSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new SessionNotFound(`No session ${sessionId}: it ended or the engine restarted. Press Reset.`);
    return session;
  }

  private dropOldest(): void {
    while (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) return;
      this.sessions.delete(oldest);
    }
  }
}
