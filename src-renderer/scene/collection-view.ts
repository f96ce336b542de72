// What the heap scene shows of one collection (docs/GC-EVENTS.md) after a given phase: a visual
// state per examined object, and where the objects go that the heap layout has no place for (the
// garbage: no name reaches it, so it is never in a snapshot). Pure data, no Pixi, unit-tested.

import type { GCEvent } from "../../src-main/api/index";
import { OBJECT_BOX, type HeapLayout } from "./layout";

type GCStartEvent = Extract<GCEvent, { kind: "gc-start" }>;
type GCPhaseEvent = Extract<GCEvent, { kind: "gc-phase" }>;

/** One collection and how far it has been played (-1: before its first phase). */
export interface CollectionFrame {
  start: GCStartEvent;
  phases: GCPhaseEvent[];
  phaseIndex: number;
}

/**
 * - examined: in the generation being collected, not yet sorted out;
 * - reachable: move_unreachable found it reachable from outside (or it was resurrected, or survived);
 * - unreachable: garbage candidate (after move_unreachable);
 * - uncollectable: in `finalizers` (reachable from a legacy tp_del);
 * - freed: gone (it was unreachable and refcounting freed it).
 */
export type GCObjectState = "examined" | "reachable" | "unreachable" | "uncollectable" | "freed";

export interface GCObjectVisual {
  id: number;
  type: string;
  state: GCObjectState;
  /** gc_refs as the phase left it; null outside update_refs, subtract_refs and move_unreachable. */
  gcRefs: number | null;
  /** The phase shown lowered gc_refs (subtract_refs taking internal references away). */
  gcRefsDropped: boolean;
  /** The phase shown changed the state (or ran __del__, or tp_clear): the scene animates it. */
  changed: boolean;
  /** Its __del__ has run (finalize_garbage). */
  finalized: boolean;
  /** tp_clear was called on it (delete_garbage). */
  cleared: boolean;
}

/** Folds the phases up to `frame.phaseIndex` into each examined object's visual state. */
export function collectionVisuals(frame: CollectionFrame): Map<number, GCObjectVisual> {
  const visuals = new Map<number, GCObjectVisual>();
  for (const object of frame.start.objects) {
    visuals.set(object.id, {
      id: object.id,
      type: object.type,
      state: "examined",
      gcRefs: null,
      gcRefsDropped: false,
      changed: false,
      finalized: false,
      cleared: false,
    });
  }
  const last = Math.min(frame.phaseIndex, frame.phases.length - 1);
  for (let index = 0; index <= last; index++) {
    const phase = frame.phases[index]!;
    const current = index === last;
    const before = new Map([...visuals].map(([id, v]) => [id, { state: v.state, gcRefs: v.gcRefs }] as const));
    for (const visual of visuals.values()) {
      visual.changed = false;
      visual.gcRefsDropped = false;
      // gc_refs only means something while the collector counts: later phases reuse the field.
      visual.gcRefs = phase.gcRefs?.[visual.id] ?? null;
    }
    applyPhase(phase, visuals);
    if (!current) continue;
    for (const visual of visuals.values()) {
      const was = before.get(visual.id)!;
      if (visual.state !== was.state) visual.changed = true;
      if (was.gcRefs !== null && visual.gcRefs !== null && visual.gcRefs < was.gcRefs) visual.gcRefsDropped = true;
    }
  }
  return visuals;
}

function applyPhase(phase: GCPhaseEvent, visuals: Map<number, GCObjectVisual>): void {
  const set = (id: number, state: GCObjectState) => {
    const visual = visuals.get(id);
    if (visual) visual.state = state;
  };
  if (phase.phase === "move_unreachable") {
    // What is left in young was reached from an object with gc_refs > 0: it lights up.
    for (const id of phase.sets.young) set(id, "reachable");
  }
  for (const move of phase.moves) {
    const was = visuals.get(move.id)?.state;
    switch (move.to) {
      case "unreachable":
        set(move.id, "unreachable");
        break;
      case "finalizers":
        set(move.id, "uncollectable");
        break;
      case "young":
      case "old":
        // Promoted survivors, resurrected objects, tp_clear survivors, uncollectables merged into old.
        if (was !== "uncollectable") set(move.id, "reachable");
        break;
      case "untracked":
        // Leaving the GC lists frees garbage; a reachable tuple or dict is only untracked.
        if (was === "unreachable" || was === "uncollectable") set(move.id, "freed");
        break;
    }
  }
  if (phase.phase === "finalize_garbage") {
    for (const id of phase.finalized) {
      const visual = visuals.get(id);
      if (visual) visual.finalized = visual.changed = true;
    }
  }
  if (phase.phase === "delete_garbage") {
    for (const id of phase.cleared) {
      const visual = visuals.get(id);
      if (visual) visual.cleared = visual.changed = true;
    }
  }
}

/**
 * The order examined objects are placed in: those the collection ever finds unreachable first (the
 * garbage is what a learner looks for, and a full collection examines many objects), then the rest,
 * each in gc-start's order. It is read from all the phases, so it does not change while they play.
 */
export function garbageFirstOrder(frame: Omit<CollectionFrame, "phaseIndex">): number[] {
  const garbage = new Set<number>();
  for (const phase of frame.phases) for (const id of [...phase.sets.unreachable, ...phase.sets.finalizers]) garbage.add(id);
  const ids = frame.start.objects.map((o) => o.id);
  return [...ids.filter((id) => garbage.has(id)), ...ids.filter((id) => !garbage.has(id))];
}

/** Objects the collector examined that the heap layout does not show, drawn in rows below it. */
export interface OutsidePlacement {
  placed: { visual: GCObjectVisual; x: number; y: number }[];
  /** Examined objects left out (more than MAX_OUTSIDE). */
  omitted: number;
  /** Where the rows' caption goes, and the layout's size with the rows. */
  captionY: number;
  width: number;
  height: number;
}

export const MAX_OUTSIDE = 12;
const OUTSIDE_COLUMNS = 4;
const OUTSIDE_GAP = 26;
const OUTSIDE_LEFT = 24;

/**
 * Places the examined objects that are not in `layout` in a grid under it, in `order` (the order
 * gc-start listed them). Positions depend only on the collection, never on the phase, so objects
 * stay put while it plays.
 */
export function placeOutsideObjects(layout: HeapLayout, visuals: ReadonlyMap<number, GCObjectVisual>, order: number[]): OutsidePlacement {
  const shown = new Set(layout.objects.map((o) => o.view.id));
  const outside = order.map((id) => visuals.get(id)).filter((v): v is GCObjectVisual => v !== undefined && !shown.has(v.id));
  const kept = outside.slice(0, MAX_OUTSIDE);
  // Rows start at the left margin (under the names): the grid is wide, and the canvas is not.
  const left = OUTSIDE_LEFT;
  const captionY = layout.height + 8;
  const top = captionY + 28;
  const placed = kept.map((visual, index) => ({
    visual,
    x: left + (index % OUTSIDE_COLUMNS) * (OBJECT_BOX.width + OUTSIDE_GAP),
    y: top + Math.floor(index / OUTSIDE_COLUMNS) * (OBJECT_BOX.height + OUTSIDE_GAP),
  }));
  const rows = Math.ceil(kept.length / OUTSIDE_COLUMNS);
  const columns = Math.min(OUTSIDE_COLUMNS, kept.length);
  return {
    placed,
    omitted: outside.length - kept.length,
    captionY,
    width: Math.max(layout.width, left + columns * (OBJECT_BOX.width + OUTSIDE_GAP)),
    height: kept.length === 0 ? layout.height : top + rows * (OBJECT_BOX.height + OUTSIDE_GAP),
  };
}
