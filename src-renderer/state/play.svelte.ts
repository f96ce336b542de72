// One level being played: the program (the level's code, the player's edits or cuts), its engine
// session and timeline, the player's answer and the verdict. When the program finishes, main checks
// the attempt against the level (evaluateAttempt runs it on the engine).

import type { AttemptResult, CutChoice, HeapwiseApi, LevelDetail, RequestOf, TimelineFrame } from "../../src-main/api/index";
import { messageOf } from "./app.svelte";
import { errorLineOf, programWithCuts, resolveCutArrows, type ResolvedCut } from "./program";

export type Phase =
  /** predict levels: the player is writing their prediction; stepping waits for it. */
  | "predicting"
  /** Stepping through the program (and, on edit, cut, pick-line and sandbox levels, changing it). */
  | "running"
  /** The program finished; main is checking the attempt. */
  | "checking"
  | "won"
  | "missed";

/** How long one advance call runs in the worker before the page gets a progress report. */
const ADVANCE_BUDGET_MS = 120;

export class PlayState {
  level = $state<LevelDetail | null>(null);
  phase = $state<Phase>("predicting");
  predictions = $state<string[]>([]);
  /** edit and sandbox levels: the code in the editor. */
  code = $state("");
  /** cut levels: ids of the arrows cut, in order. */
  cuts = $state<string[]>([]);
  /** pick-line levels: the line the player pointed at. */
  chosenLine = $state<number | null>(null);
  frame = $state<TimelineFrame | null>(null);
  /** Counts the frames received, so a view (or a test) can tell a new one from an equal one. */
  snapshotCount = $state(0);
  result = $state<AttemptResult | null>(null);
  /** How many of the level's hints the player has opened. */
  hintsShown = $state(0);
  busy = $state(false);
  /** A long run in progress (Run to end): the page stays live and it can be cancelled. */
  running = $state(false);
  /** Auto-stepping (Run) in progress. */
  playing = $state(false);
  /** Milliseconds between auto-steps. */
  playDelay = $state(500);
  error = $state<string | null>(null);
  /** Large containers the player opened up in the heap picture (by object id). */
  expanded = $state<number[]>([]);
  /** Memory figures per timeline point seen in this session, for the meter's plot. */
  memory = $state<{ index: number; current: number; peak: number }[]>([]);
  private sessionId: string | null = null;
  /** The program the session runs: a changed program needs a new session. */
  private sessionSource = $state<string | null>(null);
  private submittedFor: string | null = null;
  private cancelRequested = false;
  private playTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly api: HeapwiseApi) {}

  get snapshot() {
    return this.frame?.snapshot ?? null;
  }

  /** The program as it stands: the level's code, the player's edits, or the code with the cuts in. */
  get program(): string {
    const level = this.level;
    if (!level) return "";
    switch (level.task.kind) {
      case "predict":
      case "pick-line":
        return level.source;
      case "edit":
      case "sandbox":
        return this.code;
      case "cut":
        return programWithCuts(level.source, level.task.insertAfterLine, this.cutStatements);
    }
  }

  get cutStatements(): string[] {
    const task = this.level?.task;
    if (task?.kind !== "cut") return [];
    return this.cuts.map((id) => task.cuts.find((c) => c.cutId === id)?.statement ?? "");
  }

  /** The arrows the player may still cut, found in the snapshot on screen. */
  get cuttable(): ResolvedCut[] {
    const task = this.level?.task;
    const snapshot = this.snapshot;
    if (task?.kind !== "cut" || !snapshot || this.phase !== "running") return [];
    const open: CutChoice[] = task.cuts.filter((c) => !this.cuts.includes(c.cutId));
    return resolveCutArrows(snapshot, open);
  }

  /** The line the program's error points at, for the editor to mark. */
  get errorLine(): number | null {
    const snapshot = this.snapshot;
    return snapshot?.error ? errorLineOf(snapshot.error, snapshot.stderr) : null;
  }

  get sessionStale(): boolean {
    return this.sessionSource !== null && this.sessionSource !== this.program;
  }

  get canStep(): boolean {
    if (this.busy || this.running || this.phase !== "running" || !this.frame) return false;
    return this.sessionStale || !this.frame.snapshot.finished;
  }

  get canStepBack(): boolean {
    return !this.busy && !this.running && this.phase !== "predicting" && this.phase !== "checking" && (this.frame?.index ?? 0) > 0 && !this.sessionStale;
  }

  get predictionComplete(): boolean {
    return this.predictions.length > 0 && this.predictions.every((p) => p.trim() !== "");
  }

  async open(packId: string, levelId: string): Promise<void> {
    await this.guard(async () => {
      const level = await this.api.getLevel({ packId, levelId });
      this.level = level;
      this.predictions = level.task.kind === "predict" ? level.task.prompts.map(() => "") : [];
      this.code = level.source;
      // The phase is set before the session starts: the player may lock a prediction meanwhile.
      this.phase = level.task.kind === "predict" ? "predicting" : "running";
      await this.startSession();
    });
  }

  toggleExpanded(id: number): void {
    this.expanded = this.expanded.includes(id) ? this.expanded.filter((e) => e !== id) : [...this.expanded, id];
  }

  showHint(): void {
    if (this.level && this.hintsShown < this.level.hints.length) this.hintsShown++;
  }

  lockPrediction(): void {
    if (this.phase === "predicting" && this.predictionComplete) this.phase = "running";
  }

  setCode(code: string): void {
    this.code = code;
  }

  chooseLine(line: number): void {
    if (this.level?.task.kind !== "pick-line" || this.phase === "checking") return;
    this.chosenLine = line;
    if (this.phase === "missed") this.phase = "running";
  }

  async step(): Promise<void> {
    if (!this.canStep) return;
    await this.guard(async () => {
      if (await this.freshSessionIfStale()) return;
      await this.accept(await this.api.step({ sessionId: this.sessionId! }));
    });
  }

  async stepBack(): Promise<void> {
    if (!this.canStepBack || !this.sessionId) return;
    const sessionId = this.sessionId;
    this.pause();
    await this.guard(async () => this.accept(await this.api.stepBack({ sessionId })));
  }

  /** Jumps to a point of the timeline (the slider). */
  async seek(index: number): Promise<void> {
    if (!this.sessionId || this.busy || this.running || this.sessionStale || this.phase === "predicting") return;
    const sessionId = this.sessionId;
    await this.guard(async () => this.accept(await this.api.seek({ sessionId, index })));
  }

  /** Runs to the end in slices, reporting progress between them; cancel() stops it. */
  async runToEnd(): Promise<void> {
    if (!this.canStep) return;
    this.pause();
    this.running = true;
    this.cancelRequested = false;
    try {
      await this.guard(async () => {
        await this.freshSessionIfStale();
        for (;;) {
          const frame = await this.api.advance({ sessionId: this.sessionId!, budgetMs: ADVANCE_BUDGET_MS });
          const done = frame.snapshot.finished || this.cancelRequested;
          await this.accept(frame, !done);
          if (done) break;
        }
      });
    } finally {
      this.running = false;
    }
  }

  cancel(): void {
    this.cancelRequested = true;
    this.pause();
  }

  /** Steps on its own every playDelay ms until the end or pause(). */
  play(): void {
    if (this.playing || !this.canStep) return;
    this.playing = true;
    const tick = async () => {
      if (!this.playing) return;
      await this.step();
      if (!this.playing || !this.frame || this.frame.snapshot.finished || this.error || this.phase !== "running") {
        this.playing = false;
        return;
      }
      this.playTimer = setTimeout(() => void tick(), this.playDelay);
    };
    void tick();
  }

  pause(): void {
    this.playing = false;
    if (this.playTimer !== null) clearTimeout(this.playTimer);
    this.playTimer = null;
  }

  /** Back to the first line; keeps the prediction (a missed one can be edited again), the cuts and the code. */
  async reset(): Promise<void> {
    this.pause();
    this.phase = this.level?.task.kind === "predict" && this.phase !== "running" ? "predicting" : "running";
    this.result = null;
    await this.guard(() => this.startSession());
  }

  async cut(cutId: string): Promise<void> {
    if (this.level?.task.kind !== "cut" || this.cuts.includes(cutId) || this.busy || this.running) return;
    this.pause();
    this.cuts = [...this.cuts, cutId];
    await this.guard(() => this.startSession());
  }

  async undoCut(): Promise<void> {
    if (this.cuts.length === 0 || this.busy || this.running) return;
    this.cuts = this.cuts.slice(0, -1);
    if (this.phase === "missed") this.phase = "running";
    await this.guard(() => this.startSession());
  }

  /** pick-line levels: asks main whether the chosen line is the answer. */
  async checkChosenLine(): Promise<void> {
    if (this.chosenLine === null || this.busy || !this.level) return;
    const line = this.chosenLine;
    await this.guard(() => this.submit({ kind: "pick-line", line }));
  }

  async close(): Promise<void> {
    this.pause();
    this.cancelRequested = true;
    const sessionId = this.sessionId;
    this.sessionId = null;
    if (sessionId) await this.api.closeSession({ sessionId }).catch(() => undefined);
  }

  /** Starts a session for the program as it now stands; returns whether it did. */
  private async freshSessionIfStale(): Promise<boolean> {
    if (!this.sessionStale && this.sessionId) return false;
    await this.startSession();
    return true;
  }

  private async startSession(): Promise<void> {
    const level = this.level;
    if (!level) return;
    await this.close();
    this.cancelRequested = false;
    const source = this.program;
    const started = await this.api.startSession({ source });
    this.sessionId = started.sessionId;
    this.sessionSource = source;
    this.submittedFor = null;
    this.memory = [];
    this.result = null;
    let frame = started.frame;
    // A cut level opens at its cut point (after the statements already cut), where the arrows are.
    if (level.task.kind === "cut" && !frame.snapshot.finished) {
      frame = await this.api.advance({ sessionId: started.sessionId, budgetMs: 2_000, untilLine: level.task.insertAfterLine + this.cuts.length });
    }
    await this.accept(frame);
  }

  private async accept(frame: TimelineFrame, more = false): Promise<void> {
    this.frame = frame;
    this.snapshotCount++;
    // The program's own tracemalloc figures when it traces (what a level's budget counts), else
    // what it has allocated since its first line.
    const memory = frame.snapshot.tracemalloc ?? frame.snapshot.memory;
    if (memory && !this.memory.some((m) => m.index === frame.index)) {
      this.memory = [...this.memory, { index: frame.index, ...memory }].sort((a, b) => a.index - b.index).slice(-400);
    }
    if (more || !frame.snapshot.finished || !this.level || !this.sessionId) return;
    if (this.submittedFor === this.sessionId || this.phase !== "running") return;
    this.submittedFor = this.sessionId;
    const task = this.level.task;
    switch (task.kind) {
      case "predict":
        await this.submit({ kind: "predict", lines: this.predictions.map((p) => p.trim()) });
        return;
      case "edit":
      case "sandbox":
        // An error in the player's own code is shown at its line; there is nothing to judge yet.
        if (frame.snapshot.error && frame.snapshot.error.limit === undefined) return;
        await this.submit({ kind: task.kind });
        return;
      case "cut":
        await this.submit({ kind: "cut", cuts: [...this.cuts] });
        return;
      case "pick-line":
        // Answered with "Check this line", not by running the program.
        return;
    }
  }

  private async submit(answer: RequestOf<"attempt:submit">["answer"]): Promise<void> {
    const level = this.level;
    if (!level) return;
    this.pause();
    this.phase = "checking";
    try {
      const result = await this.api.submitAttempt({
        packId: level.packId,
        levelId: level.levelId,
        code: this.program,
        hintsUsed: this.hintsShown,
        answer,
      });
      this.result = result;
      this.phase = result.won ? "won" : "missed";
      if (result.won) this.level = { ...level, solved: true };
    } catch (error) {
      this.phase = "running";
      throw error;
    }
  }

  /** After the verdict: back to playing (the result dialog's "Try again" / "Play again"). */
  async retry(): Promise<void> {
    await this.reset();
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
