// Time travel over one program. The engine is deterministic, so any point of a run can be reached
// again by replaying the program from its start; snapshots kept at checkpoints (every `stride`-th
// line step, plus a window of recent ones) make stepping back instant, and a replay (without
// building snapshots on the way) reaches any other point. Index 0 is the program before line 1.

import { EngineSession } from "../engine/index";
import type { HeapSnapshot, RunOptions } from "../engine/facade-types";
import type { GCEvent } from "../engine/gc/events";
import type { TimelineFrame } from "../api/timeline";

interface Entry {
  snapshot: HeapSnapshot;
  gc: GCEvent[];
}

/** At most this many checkpoints are kept; past it the stride doubles and every other one goes. */
const MAX_CHECKPOINTS = 1500;
/** Replaying back to a point also keeps this many snapshots before it, so stepping back stays instant. */
const BACK_WINDOW = 48;
/** Recently visited points kept beside the checkpoints. */
const MAX_RECENT = 400;
/** The events of one step are kept only up to this many (a collection of a big heap is long). */
const MAX_GC_EVENTS = 64;
/**
 * The kept snapshots together weigh at most this much (see weightOf). Counting snapshots was not
 * enough: each can hold 2000 object views, and a deep recursion's holds a view per frame, so 1900
 * of them took the worker past its 1 GiB Node heap (a million nested lists; setrecursionlimit
 * then recursion). A unit is a view of some 100-300 bytes, so this keeps them to roughly 150 MB.
 */
const MAX_KEPT_WEIGHT = 600_000;

/** What a kept snapshot costs, in views: its objects, its frames and their names, its text (64 characters a unit). */
function weightOf(entry: Entry): number {
  const { objects, frames, stdout, stderr } = entry.snapshot;
  let weight = 1 + objects.length + frames.length + entry.gc.length + (stdout.length + stderr.length) / 64;
  for (const frame of frames) weight += frame.locals.length;
  return weight;
}

export class Timeline {
  private live: EngineSession;
  /** How many line steps the live session has taken. */
  private liveIndex = 0;
  private cursor = 0;
  /** The last index, once the program is known to finish there. */
  private end: number | null = null;
  private explored = 0;
  private stride = 1;
  private readonly checkpoints = new Map<number, Entry>();
  private readonly recent = new Map<number, Entry>();
  /** The weight of every entry held by checkpoints or recent (an entry in both counts once). */
  private keptWeight = 0;
  private gcSink: GCEvent[] | null = null;

  constructor(
    private readonly source: string,
    private readonly options: RunOptions,
  ) {
    this.live = this.newSession();
    const first = { snapshot: this.live.snapshot(), gc: [] };
    this.keep(this.checkpoints, 0, first);
    if (first.snapshot.finished) this.end = 0;
  }

  current(): TimelineFrame {
    return this.frame(this.cursor, this.entryAt(this.cursor));
  }

  step(): TimelineFrame {
    return this.seek(this.cursor + 1);
  }

  stepBack(): TimelineFrame {
    return this.seek(this.cursor - 1);
  }

  seek(target: number): TimelineFrame {
    let index = Math.max(0, Math.floor(target));
    if (this.end !== null) index = Math.min(index, this.end);
    const known = this.cached(index);
    if (known) {
      this.cursor = index;
      return this.frame(index, known);
    }
    if (index < this.liveIndex) {
      // Behind the live session: replay from the start, keeping a window of snapshots before the target.
      this.live = this.newSession();
      this.liveIndex = 0;
      this.runLiveTo(index, index - BACK_WINDOW);
    } else {
      this.runLiveTo(index, this.liveIndex + 1);
    }
    this.cursor = this.liveIndex;
    return this.frame(this.cursor, this.entryAt(this.cursor));
  }

  /**
   * Runs on for about `budgetMs` (or to the end, or until the module's next line is past
   * `untilLine`), keeping only checkpoints on the way: the caller shows progress between calls and
   * cancels by not calling again.
   */
  advance(budgetMs: number, untilLine?: number): TimelineFrame {
    if (this.cursor < this.liveIndex) this.seek(this.liveIndex);
    const deadline = Date.now() + budgetMs;
    while (!this.live.finished && Date.now() < deadline) {
      const next = this.liveIndex + 1;
      if (next % this.stride === 0) this.stepLive(true);
      else this.stepLive(false);
      if (untilLine !== undefined) {
        const entry = this.cached(this.liveIndex) ?? this.takeSnapshot();
        const frames = entry.snapshot.frames;
        if (entry.snapshot.finished || (frames.length === 1 && (entry.snapshot.line ?? 0) > untilLine)) break;
      }
    }
    this.cursor = this.liveIndex;
    return this.frame(this.cursor, this.entryAt(this.cursor));
  }

  private newSession(): EngineSession {
    const session = new EngineSession(this.source, this.options);
    session.onGCEvent((event) => {
      if (this.gcSink && this.gcSink.length < MAX_GC_EVENTS) this.gcSink.push(event);
    });
    return session;
  }

  /** Steps the live session up to `target`, building snapshots from index `keepFrom` on. */
  private runLiveTo(target: number, keepFrom: number): void {
    while (this.liveIndex < target && !this.live.finished) {
      const next = this.liveIndex + 1;
      this.stepLive(next >= keepFrom || next % this.stride === 0);
    }
  }

  private stepLive(keep: boolean): void {
    const events: GCEvent[] = [];
    this.gcSink = events;
    try {
      this.live.skipLine();
    } finally {
      this.gcSink = null;
    }
    this.liveIndex++;
    this.explored = Math.max(this.explored, this.liveIndex);
    if (this.live.finished) this.end = this.liveIndex;
    if (keep || this.live.finished) this.store(this.liveIndex, { snapshot: this.live.snapshot(), gc: events });
  }

  private takeSnapshot(): Entry {
    const entry = { snapshot: this.live.snapshot(), gc: [] };
    this.store(this.liveIndex, entry);
    return entry;
  }

  private entryAt(index: number): Entry {
    const known = this.cached(index);
    if (known) return known;
    if (index === this.liveIndex) return this.takeSnapshot();
    throw new Error(`timeline point ${index} is neither kept nor live (live at ${this.liveIndex})`);
  }

  private cached(index: number): Entry | undefined {
    const recent = this.recent.get(index);
    if (recent) {
      // Most recently used last.
      this.recent.delete(index);
      this.recent.set(index, recent);
      return recent;
    }
    return this.checkpoints.get(index);
  }

  private store(index: number, entry: Entry): void {
    if (index % this.stride === 0 || this.live.finished) {
      this.keep(this.checkpoints, index, entry);
      if (this.checkpoints.size > MAX_CHECKPOINTS) this.thinCheckpoints();
    }
    this.drop(this.recent, index);
    this.keep(this.recent, index, entry);
    while (this.recent.size > MAX_RECENT) this.dropOldestRecent();
    // Over the weight budget: forget the least recently visited points, then thin the checkpoints
    // (the newest entry stays, so the point being shown is never lost).
    while (this.keptWeight > MAX_KEPT_WEIGHT && this.recent.size > 1) this.dropOldestRecent();
    while (this.keptWeight > MAX_KEPT_WEIGHT && this.checkpoints.size > 2) this.thinCheckpoints();
  }

  private dropOldestRecent(): void {
    const oldest = this.recent.keys().next().value;
    if (oldest !== undefined) this.drop(this.recent, oldest);
  }

  private thinCheckpoints(): void {
    this.stride *= 2;
    for (const index of [...this.checkpoints.keys()]) {
      if (index % this.stride !== 0 && index !== this.end) this.drop(this.checkpoints, index);
    }
  }

  /** Puts an entry in one of the two maps, counting its weight unless the other map holds it already. */
  private keep(map: Map<number, Entry>, index: number, entry: Entry): void {
    const other = map === this.checkpoints ? this.recent : this.checkpoints;
    const previous = map.get(index);
    if (previous !== undefined && other.get(index) !== previous) this.keptWeight -= weightOf(previous);
    map.set(index, entry);
    if (other.get(index) !== entry) this.keptWeight += weightOf(entry);
  }

  private drop(map: Map<number, Entry>, index: number): void {
    const entry = map.get(index);
    if (entry === undefined) return;
    map.delete(index);
    const other = map === this.checkpoints ? this.recent : this.checkpoints;
    if (other.get(index) !== entry) this.keptWeight -= weightOf(entry);
  }

  private frame(index: number, entry: Entry): TimelineFrame {
    return { index, explored: this.explored, end: this.end, snapshot: entry.snapshot, gc: entry.gc };
  }
}
