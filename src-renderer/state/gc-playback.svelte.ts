// Playing one collection phase by phase: the collector's events (docs/GC-EVENTS.md) of the last
// step, a cursor over them, play/pause/step and a speed. Reduced motion shows the last phase at once.

import type { GCEvent } from "../../src-main/api/index";

export type GCPhaseEvent = Extract<GCEvent, { kind: "gc-phase" }>;
export type GCStartEvent = Extract<GCEvent, { kind: "gc-start" }>;

/** What each phase does, in the words a learner reads beside CPython's function names. */
export const PHASE_TEXT: Record<GCPhaseEvent["phase"], string> = {
  merge: "The younger generations are merged into the one being collected.",
  update_refs: "gc_refs starts as each object's reference count.",
  subtract_refs: "References from inside the generation are subtracted: what is left counts references from outside.",
  move_unreachable: "Objects with gc_refs > 0, and all they reach, are reachable; the rest move to unreachable.",
  untrack_tuples: "Tuples that can never be part of a cycle stop being tracked.",
  untrack_dicts: "Dicts that can never be part of a cycle stop being tracked.",
  promote: "The survivors move on to the next generation.",
  move_legacy_finalizers: "Objects with a legacy tp_del finalizer are set aside (uncollectable).",
  move_legacy_finalizer_reachable: "…and everything they reach.",
  handle_weakrefs: "Weak references to the garbage are cleared and their callbacks run.",
  finalize_garbage: "__del__ runs once on each unreachable object that has one.",
  handle_resurrected_objects: "Objects a __del__ made reachable again are saved.",
  delete_garbage: "tp_clear breaks the cycles; reference counting frees the rest.",
  handle_legacy_finalizers: "Uncollectable objects go to gc.garbage.",
};

export interface CollectionView {
  start: GCStartEvent;
  phases: GCPhaseEvent[];
  collected: number | null;
}

/** Groups a step's events into its collections. */
export function collectionsOf(events: GCEvent[]): CollectionView[] {
  const collections: CollectionView[] = [];
  for (const event of events) {
    switch (event.kind) {
      case "gc-start":
        collections.push({ start: event, phases: [], collected: null });
        break;
      case "gc-phase":
        collections.at(-1)?.phases.push(event);
        break;
      case "gc-stop": {
        const last = collections.at(-1);
        if (last) last.collected = event.collected + event.uncollectable;
        break;
      }
    }
  }
  return collections;
}

export class GCPlayback {
  collections = $state<CollectionView[]>([]);
  /** Which collection and which phase (-1: before the first phase) is shown. */
  collectionIndex = $state(0);
  phaseIndex = $state(-1);
  playing = $state(false);
  /** Milliseconds per phase. */
  delay = $state(900);
  private timer: ReturnType<typeof setTimeout> | null = null;

  get collection(): CollectionView | null {
    return this.collections[this.collectionIndex] ?? null;
  }

  get phase(): GCPhaseEvent | null {
    return this.collection?.phases[this.phaseIndex] ?? null;
  }

  get atEnd(): boolean {
    const c = this.collection;
    return !c || this.phaseIndex >= c.phases.length - 1;
  }

  load(events: GCEvent[], reducedMotion: boolean): void {
    this.pause();
    this.collections = collectionsOf(events);
    this.collectionIndex = 0;
    this.phaseIndex = reducedMotion ? (this.collection?.phases.length ?? 0) - 1 : -1;
  }

  stepPhase(): void {
    const c = this.collection;
    if (!c) return;
    if (this.phaseIndex < c.phases.length - 1) this.phaseIndex++;
    else if (this.collectionIndex < this.collections.length - 1) {
      this.collectionIndex++;
      this.phaseIndex = -1;
    }
  }

  stepPhaseBack(): void {
    if (this.phaseIndex > -1) this.phaseIndex--;
  }

  play(): void {
    if (this.playing || !this.collection) return;
    if (this.atEnd) this.phaseIndex = -1;
    this.playing = true;
    const tick = () => {
      if (!this.playing) return;
      this.stepPhase();
      if (this.atEnd && this.collectionIndex >= this.collections.length - 1) {
        this.playing = false;
        return;
      }
      this.timer = setTimeout(tick, this.delay);
    };
    this.timer = setTimeout(tick, this.delay / 2);
  }

  pause(): void {
    this.playing = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
