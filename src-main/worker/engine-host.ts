// What the worker does with each request: keeps the live engine sessions (keyed by id) and judges
// attempts. Kept apart from the worker entry so it can be exercised without a thread.

import { checkPackFiles, evaluateAttempt, packCheckProblems } from "../levels/index";
import type { WorkerReply, WorkerRequest } from "./protocol";
import { Timeline } from "./timeline";

export class SessionNotFound extends Error {
  override readonly name = "SessionNotFound";
}

/** At most this many sessions live at once; the oldest is dropped first (a player has one or two). */
const MAX_SESSIONS = 16;

export class EngineHost {
  private readonly sessions = new Map<string, Timeline>();
  private nextId = 1;

  handle(request: WorkerRequest): WorkerReply {
    switch (request.op) {
      case "start": {
        const timeline = new Timeline(request.source, request.options);
        const sessionId = `s${this.nextId++}`;
        this.sessions.set(sessionId, timeline);
        this.dropOldest();
        return { op: "start", sessionId, frame: timeline.current() };
      }
      case "step":
        return { op: "frame", frame: this.get(request.sessionId).step() };
      case "stepBack":
        return { op: "frame", frame: this.get(request.sessionId).stepBack() };
      case "seek":
        return { op: "frame", frame: this.get(request.sessionId).seek(request.index) };
      case "advance":
        return { op: "frame", frame: this.get(request.sessionId).advance(request.budgetMs, request.untilLine) };
      case "close":
        return { op: "close", closed: this.sessions.delete(request.sessionId) };
      case "evaluate":
        // The levels code runs the attempt on the Heapwise engine, here in the worker thread.
        return { op: "evaluate", result: evaluateAttempt(null, request.level, request.attempt) };
      case "checkPack":
        return { op: "checkPack", problems: packCheckProblems(checkPackFiles(request.files)) };
      default: {
        const unknownRequest: never = request;
        throw new Error(`unknown worker request ${JSON.stringify(unknownRequest)}`);
      }
    }
  }

  private get(sessionId: string): Timeline {
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
