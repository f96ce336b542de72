// Phase events for the scene: what each step of a collection did, as plain JSON-ready data.
// Nothing here runs unless a listener is attached to the GCState (state.listener); the collector
// then builds a PhaseRecorder for that one collection. docs/GC-EVENTS.md describes the format.
import { gc_list_objects, type GCList } from "./gc_list";
import type { GCHost, GCObject } from "./types";

/** The working sets of a collection an object can be in, plus where it can go. */
export type GCSetName =
  /** The generation being collected (younger ones merged in); after promotion, its survivors. */
  | "young"
  /** The next older generation (survivors go there); in a full collection "young" is gen 2 itself. */
  | "old"
  | "unreachable"
  /** Unreachable objects with, or reachable from, a legacy finalizer (tp_del): uncollectable. */
  | "finalizers"
  /** Left every GC list: untracked by the collector, or freed. */
  | "untracked";

/** Phase names are the CPython functions' names ("promote" is gc_collect_main's own step). */
export type GCPhaseName =
  | "merge"
  | "update_refs"
  | "subtract_refs"
  | "move_unreachable"
  | "untrack_tuples"
  | "untrack_dicts"
  | "promote"
  | "move_legacy_finalizers"
  | "move_legacy_finalizer_reachable"
  | "handle_weakrefs"
  | "finalize_garbage"
  | "handle_resurrected_objects"
  | "delete_garbage"
  | "handle_legacy_finalizers";

export interface GCMove {
  id: number;
  from: GCSetName;
  to: GCSetName;
}

/** Object ids in each working set after the phase, in list (scan) order. */
export interface GCSets {
  young: number[];
  unreachable: number[];
  finalizers: number[];
}

/** Per-phase facts beyond set membership. Every list holds object ids in the order things happened. */
export type GCPhaseDetail =
  | { phase: "merge" }
  | { phase: "update_refs" }
  | { phase: "subtract_refs" }
  | { phase: "move_unreachable" }
  | { phase: "untrack_tuples"; untracked: number[] }
  | { phase: "untrack_dicts"; untracked: number[] }
  | { phase: "promote" }
  | { phase: "move_legacy_finalizers" }
  | { phase: "move_legacy_finalizer_reachable" }
  | {
      phase: "handle_weakrefs";
      /** Weakrefs cleared (their referent is unreachable, or they are unreachable themselves). */
      cleared: number[];
      /** Weakrefs whose callback ran, in call order. */
      callbacks: number[];
      /** Of those, the weakrefs freed when the collector dropped its reference (they count as collected). */
      freed: number[];
    }
  | { phase: "finalize_garbage"; finalized: number[] }
  | { phase: "handle_resurrected_objects"; resurrected: number[] }
  | {
      phase: "delete_garbage";
      /** tp_clear was called on these, in order. */
      cleared: number[];
      /** DEBUG_SAVEALL: appended to gc.garbage instead of being cleared. */
      saved: number[];
      /** Still alive after tp_clear (or saved): moved to the old generation. */
      survivors: number[];
    }
  | { phase: "handle_legacy_finalizers"; garbage: number[] };

export interface GCObjectInfo {
  id: number;
  type: string;
  refcnt: number;
}

export type GCEvent =
  | {
      kind: "gc-start";
      collection: number;
      generation: number;
      reason: "manual" | "automatic" | "exit" | "shutdown";
      /** gc.get_count() before the collection. */
      counts: [number, number, number];
      /** Ids per generation 0..generation before merging (younger lists are merged into the collected one). */
      generations: number[][];
      /** Every object the collection examines: type name and refcount at the start. */
      objects: GCObjectInfo[];
    }
  | ({
      kind: "gc-phase";
      collection: number;
      generation: number;
      sets: GCSets;
      /** gc_refs per object id; present for update_refs, subtract_refs, move_unreachable. */
      gcRefs?: Record<number, number>;
      /** Set changes the phase made (objects that entered or left the working sets). */
      moves: GCMove[];
    } & GCPhaseDetail)
  | {
      kind: "gc-stop";
      collection: number;
      generation: number;
      /** What gc.collect() returns for this collection: collected + uncollectable. */
      collected: number;
      uncollectable: number;
      counts: [number, number, number];
    };

export type GCEventListener = (event: GCEvent) => void;

type Membership = Map<GCObject, GCSetName>;

/** Builds the events of one collection; constructed only when a listener is attached. */
export class PhaseRecorder<O extends GCObject> {
  private membership: Membership = new Map();

  constructor(
    private readonly host: GCHost<O>,
    private readonly listener: GCEventListener,
    readonly collection: number,
    readonly generation: number,
  ) {}

  id(op: O): number {
    return this.host.address(op);
  }

  start(reason: "manual" | "automatic" | "exit" | "shutdown", counts: [number, number, number], generations: GCList[]): void {
    const objects: GCObjectInfo[] = [];
    const ids: number[][] = [];
    for (const gen of generations) {
      const list: number[] = [];
      for (const op of gc_list_objects<O>(gen)) {
        list.push(this.id(op));
        objects.push({ id: this.id(op), type: this.host.typeName(op), refcnt: op.refcnt });
        this.membership.set(op, "young");
      }
      ids.push(list);
    }
    this.listener({ kind: "gc-start", collection: this.collection, generation: this.generation, reason, counts, generations: ids, objects });
  }

  /**
   * Emits one phase event. `lists` are the current working lists; objects that left them are
   * "untracked" when no longer in any list, else "old".
   */
  phase(
    detail: GCPhaseDetail,
    lists: { young: GCList | null; unreachable: GCList | null; finalizers: GCList | null },
    withRefs = false,
  ): void {
    const next: Membership = new Map();
    const sets: GCSets = { young: [], unreachable: [], finalizers: [] };
    const gcRefs: Record<number, number> | undefined = withRefs ? {} : undefined;
    const walk = (list: GCList | null, name: "young" | "unreachable" | "finalizers") => {
      if (list === null) return;
      const refs = list.heads.refs;
      for (const op of gc_list_objects<O>(list)) {
        const id = this.id(op);
        sets[name].push(id);
        next.set(op, name);
        if (gcRefs !== undefined) gcRefs[id] = refs[op.gcIndex];
      }
    };
    walk(lists.young, "young");
    walk(lists.unreachable, "unreachable");
    walk(lists.finalizers, "finalizers");
    const moves: GCMove[] = [];
    for (const [op, from] of this.membership) {
      const to = next.get(op);
      if (to === undefined) {
        const gone: GCSetName = op.gcIndex === 0 ? "untracked" : "old";
        if (from !== gone) moves.push({ id: this.id(op as O), from, to: gone });
        if (gone === "old") next.set(op, "old");
      } else if (to !== from) {
        moves.push({ id: this.id(op as O), from, to });
      }
    }
    for (const [op, to] of next) {
      if (!this.membership.has(op)) moves.push({ id: this.id(op as O), from: "old", to });
    }
    // Objects that went to "old" or "untracked" are no longer followed.
    for (const [op, where] of next) if (where === "old") next.delete(op);
    this.membership = next;
    const event = { kind: "gc-phase" as const, collection: this.collection, generation: this.generation, sets, moves, ...detail };
    this.listener(gcRefs !== undefined ? { ...event, gcRefs } : event);
  }

  stop(collected: number, uncollectable: number, counts: [number, number, number]): void {
    this.listener({ kind: "gc-stop", collection: this.collection, generation: this.generation, collected, uncollectable, counts });
  }
}
