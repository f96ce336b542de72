// One level being played: the engine session, the latest snapshot, the player's prediction and the
// verdict. For a "predict" level the player locks in a prediction first, then steps through the
// program; when it finishes, main checks the prediction against the level (evaluateAttempt).

import type { AttemptResult, HeapSnapshot, HeapwiseApi, LevelDetail } from "../../src-main/api/index";
import { messageOf } from "./app.svelte";

export type Phase =
  /** The player is writing their prediction; stepping waits for it. */
  | "predicting"
  /** Stepping through the program. */
  | "running"
  /** The program finished; main is checking the attempt. */
  | "checking"
  | "won"
  | "missed";

export class PlayState {
  level = $state<LevelDetail | null>(null);
  phase = $state<Phase>("predicting");
  predictions = $state<string[]>([]);
  snapshot = $state<HeapSnapshot | null>(null);
  /** Counts the snapshots received, so a view (or a test) can tell a new one from an equal one. */
  snapshotCount = $state(0);
  result = $state<AttemptResult | null>(null);
  /** How many of the level's hints the player has opened. */
  hintsShown = $state(0);
  busy = $state(false);
  error = $state<string | null>(null);
  private sessionId: string | null = null;

  constructor(private readonly api: HeapwiseApi) {}

  get canStep(): boolean {
    return !this.busy && this.phase === "running" && this.snapshot !== null && !this.snapshot.finished;
  }

  get predictionComplete(): boolean {
    return this.predictions.length > 0 && this.predictions.every((p) => p.trim() !== "");
  }

  async open(packId: string, levelId: string): Promise<void> {
    await this.guard(async () => {
      const level = await this.api.getLevel({ packId, levelId });
      this.level = level;
      this.predictions = level.task.kind === "predict" ? level.task.prompts.map(() => "") : [];
      // The phase is set before the session starts: the player may lock a prediction meanwhile.
      this.phase = level.task.kind === "predict" ? "predicting" : "running";
      await this.startSession();
    });
  }

  showHint(): void {
    if (this.level && this.hintsShown < this.level.hints.length) this.hintsShown++;
  }

  lockPrediction(): void {
    if (this.phase === "predicting" && this.predictionComplete) this.phase = "running";
  }

  async step(): Promise<void> {
    if (!this.canStep || !this.sessionId) return;
    const sessionId = this.sessionId;
    await this.guard(async () => this.accept(await this.api.step({ sessionId })));
  }

  async runToEnd(): Promise<void> {
    if (!this.canStep || !this.sessionId) return;
    const sessionId = this.sessionId;
    await this.guard(async () => this.accept(await this.api.runToEnd({ sessionId })));
  }

  /** Back to the first line; keeps the prediction (a missed one can be edited again). */
  async reset(): Promise<void> {
    this.phase = this.level?.task.kind === "predict" && this.phase !== "running" ? "predicting" : "running";
    await this.guard(() => this.startSession());
  }

  async close(): Promise<void> {
    const sessionId = this.sessionId;
    this.sessionId = null;
    if (sessionId) await this.api.closeSession({ sessionId }).catch(() => undefined);
  }

  private async startSession(): Promise<void> {
    if (!this.level) return;
    await this.close();
    const started = await this.api.startSession({ source: this.level.source });
    this.sessionId = started.sessionId;
    this.snapshot = started.snapshot;
    this.snapshotCount++;
    this.result = null;
  }

  private async accept(snapshot: HeapSnapshot): Promise<void> {
    this.snapshot = snapshot;
    this.snapshotCount++;
    if (!snapshot.finished || !this.level) return;
    if (this.level.task.kind !== "predict") return;
    this.phase = "checking";
    const result = await this.api.submitAttempt({
      packId: this.level.packId,
      levelId: this.level.levelId,
      code: this.level.source,
      hintsUsed: this.hintsShown,
      answer: { kind: "predict", lines: this.predictions.map((p) => p.trim()) },
    });
    this.result = result;
    this.phase = result.won ? "won" : "missed";
    if (result.won) this.level = { ...this.level, solved: true };
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await work();
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.busy = false;
    }
  }
}
