// One collection, read top to bottom as CPython 3.13's gc_collect_main tells it, and the ways in:
// gc.collect() (manual), the eval breaker after count[0] passed its threshold (automatic).
import { PhaseRecorder } from "./events";
import { GCList, gc_list_init, gc_list_merge, gc_list_objects, gc_list_size } from "./gc_list";
import {
  deduce_unreachable,
  delete_garbage,
  finalize_garbage,
  handle_legacy_finalizers,
  handle_resurrected_objects,
  handle_weakrefs,
  move_legacy_finalizer_reachable,
  move_legacy_finalizers,
  move_unreachable,
  subtract_refs,
  untrack_dicts,
  untrack_tuples,
  update_refs,
  type DeleteTrace,
  type WeakrefTrace,
} from "./phases";
import { DEBUG_COLLECTABLE, DEBUG_STATS, DEBUG_UNCOLLECTABLE, NUM_GENERATIONS, type GCState } from "./state";
import type { GCObject } from "./types";

/**
 * Why a collection runs: gc.collect(), the eval-breaker trigger, the full collection at
 * interpreter exit before modules are torn down (PyGC_Collect in Py_FinalizeEx), or one during
 * module teardown (_PyGC_CollectNoFail), which does not call gc.callbacks.
 */
export type GCReason = "manual" | "automatic" | "exit" | "shutdown";

/**
 * gc_select_generation: the oldest generation whose count exceeds its threshold; the oldest one
 * only once enough objects were promoted since the last full collection (long_lived_pending must
 * reach a quarter of long_lived_total), which keeps full collections from going quadratic.
 * Returns -1 when nothing needs collecting.
 */
export function gc_select_generation<O extends GCObject>(state: GCState<O>): number {
  for (let i = NUM_GENERATIONS - 1; i >= 0; i--) {
    const gen = state.generations[i];
    if (gen.count > gen.threshold) {
      if (i === NUM_GENERATIONS - 1 && state.long_lived_pending < Math.floor(state.long_lived_total / 4)) continue;
      return i;
    }
  }
  return -1;
}

function counts<O extends GCObject>(state: GCState<O>): [number, number, number] {
  return [state.generations[0].count, state.generations[1].count, state.generations[2].count];
}

/** debug_cycle: "gc: collectable <Node 0x7f...>". */
function debug_cycle<O extends GCObject>(state: GCState<O>, msg: string, op: O): void {
  const host = state.host;
  state.host.writeStderr(`gc: ${msg} <${host.typeName(op)} 0x${host.address(op).toString(16)}>\n`);
}

function show_stats_each_generations<O extends GCObject>(state: GCState<O>): void {
  const sizes = state.generations.map((g) => ` ${gc_list_size(g.head)}`).join("");
  state.host.writeStderr(
    `gc: objects in each generation:${sizes}\n` +
      `gc: objects in permanent generation: ${gc_list_size(state.permanent_generation.head)}\n`,
  );
}

/**
 * The collector's main function. `generation` is 0..2, or -1 to pick one (automatic collection).
 * Returns collected + uncollectable, what gc.collect() returns; 0 when a collection is already
 * running or none is needed.
 */
export function gc_collect_main<O extends GCObject>(state: GCState<O>, generation: number, reason: GCReason): number {
  const host = state.host;
  if (state.collecting) return 0;
  state.collecting = true;
  try {
    if (generation === -1) {
      generation = gc_select_generation(state);
      if (generation < 0) return 0;
    }
    let m = 0; // objects collected
    let n = 0; // unreachable objects that could not be collected

    if (reason !== "shutdown") host.invokeCallbacks("start", { generation, collected: 0, uncollectable: 0 });
    const t1 = host.now?.() ?? 0;
    if ((state.debug & DEBUG_STATS) !== 0) {
      host.writeStderr(`gc: collecting generation ${generation}...\n`);
      show_stats_each_generations(state);
    }
    const rec = state.listener === null ? null : new PhaseRecorder(host, state.listener, ++state.collections_started, generation);
    rec?.start(reason, counts(state), state.generations.slice(0, generation + 1).map((g) => g.head));

    // 1. Counts: this generation and the younger ones start over; the next older one gains one.
    if (generation + 1 < NUM_GENERATIONS) state.generations[generation + 1].count += 1;
    for (let i = 0; i <= generation; i++) state.generations[i].count = 0;

    // Merge the younger generations into the collected one: a full collection scans gen 2,
    // then gen 0, then gen 1, each in tracking order.
    for (let i = 0; i < generation; i++) gc_list_merge(state.generations[i].head, state.generations[generation].head);
    const young = state.generations[generation].head;
    const old = generation < NUM_GENERATIONS - 1 ? state.generations[generation + 1].head : young;
    const unreachable = new GCList(state.heads, "unreachable");
    const finalizers = new GCList(state.heads, "finalizers");
    rec?.phase({ phase: "merge" }, { young, unreachable: null, finalizers: null });

    // 2. Find what is unreachable from outside `young`.
    if (rec === null) {
      deduce_unreachable(host, young, unreachable);
    } else {
      // The same three steps, with an event after each.
      update_refs(host, young);
      rec.phase({ phase: "update_refs" }, { young, unreachable: null, finalizers: null }, true);
      subtract_refs(host, young);
      rec.phase({ phase: "subtract_refs" }, { young, unreachable: null, finalizers: null }, true);
      gc_list_init(unreachable);
      move_unreachable(host, young, unreachable);
      rec.phase({ phase: "move_unreachable" }, { young, unreachable, finalizers: null }, true);
    }

    // 3. Untrack tuples (any collection) and dicts (full collections) that can never be in a cycle.
    const untrackedTuples = rec === null ? null : [];
    untrack_tuples(host, young, untrackedTuples);
    if (untrackedTuples !== null) rec!.phase({ phase: "untrack_tuples", untracked: untrackedTuples }, { young, unreachable, finalizers: null });
    // Move the survivors to the next generation.
    if (young !== old) {
      if (generation === NUM_GENERATIONS - 2) state.long_lived_pending += gc_list_size(young);
      gc_list_merge(young, old);
      rec?.phase({ phase: "promote" }, { young, unreachable, finalizers: null });
    } else {
      const untrackedDicts = rec === null ? null : [];
      untrack_dicts(host, young, untrackedDicts);
      if (untrackedDicts !== null) rec!.phase({ phase: "untrack_dicts", untracked: untrackedDicts }, { young, unreachable, finalizers: null });
      state.long_lived_pending = 0;
      state.long_lived_total = gc_list_size(young) + state.interpreter_long_lived;
    }

    // 4. Unreachable objects with legacy finalizers, and what they reach, cannot be freed.
    gc_list_init(finalizers);
    move_legacy_finalizers(host, unreachable, finalizers);
    rec?.phase({ phase: "move_legacy_finalizers" }, { young, unreachable, finalizers });
    move_legacy_finalizer_reachable(host, finalizers);
    rec?.phase({ phase: "move_legacy_finalizer_reachable" }, { young, unreachable, finalizers });

    if ((state.debug & DEBUG_COLLECTABLE) !== 0) {
      for (const op of gc_list_objects<O>(unreachable)) debug_cycle(state, "collectable", op);
    }

    // 5. Clear weakrefs to the garbage; run the callbacks of the weakrefs that are not garbage.
    const wrTrace: WeakrefTrace | null = rec === null ? null : { cleared: [], callbacks: [], freed: [] };
    const weakrefs = handle_weakrefs(host, unreachable, old, wrTrace);
    m += weakrefs.freed;
    if (wrTrace !== null) rec!.phase({ phase: "handle_weakrefs", ...wrTrace }, { young, unreachable, finalizers });

    // 6. PEP 442: __del__ once per object.
    const finalized = rec === null ? null : [];
    const finalizersRan = finalize_garbage(host, unreachable, finalized, weakrefs.callbacks === 0);
    if (finalized !== null) rec!.phase({ phase: "finalize_garbage", finalized }, { young, unreachable, finalizers });

    // 7. Finalizers may have resurrected objects: collect only what is still unreachable.
    // When no finalizer ran, no code ran that could reach the unreachable objects, so the
    // re-check (which CPython always does) would find nothing: skip its passes.
    const final_unreachable = new GCList(state.heads, "final_unreachable");
    const resurrected = rec === null ? null : [];
    if (finalizersRan > 0) handle_resurrected_objects(host, unreachable, final_unreachable, old, resurrected);
    else gc_list_merge(unreachable, final_unreachable);
    if (resurrected !== null) {
      rec!.phase({ phase: "handle_resurrected_objects", resurrected }, { young, unreachable: final_unreachable, finalizers });
    }

    // 8. Break the cycles.
    m += gc_list_size(final_unreachable);
    const delTrace: DeleteTrace | null = rec === null ? null : { cleared: [], saved: [], survivors: [] };
    delete_garbage(state, final_unreachable, old, delTrace);
    if (delTrace !== null) rec!.phase({ phase: "delete_garbage", ...delTrace }, { young, unreachable: final_unreachable, finalizers });

    for (const op of gc_list_objects<O>(finalizers)) {
      n++;
      if ((state.debug & DEBUG_UNCOLLECTABLE) !== 0) debug_cycle(state, "uncollectable", op);
    }
    if ((state.debug & DEBUG_STATS) !== 0) {
      const elapsed = (host.now?.() ?? 0) - t1;
      host.writeStderr(`gc: done, ${n + m} unreachable, ${n} uncollectable, ${elapsed.toFixed(4)}s elapsed\n`);
    }

    // 9. Uncollectable objects go to gc.garbage.
    const garbage = rec === null ? null : [];
    handle_legacy_finalizers(state, finalizers, old, garbage);
    if (garbage !== null) rec!.phase({ phase: "handle_legacy_finalizers", garbage }, { young, unreachable: null, finalizers });

    // The working lists are empty again: give their sentinels back.
    unreachable.release();
    finalizers.release();
    final_unreachable.release();
    if (generation === NUM_GENERATIONS - 1) host.clearFreeLists();

    const stats = state.generation_stats[generation];
    stats.collections++;
    stats.collected += m;
    stats.uncollectable += n;

    rec?.stop(m, n, counts(state));
    if (reason !== "shutdown") host.invokeCallbacks("stop", { generation, collected: m, uncollectable: n });
    return n + m;
  } finally {
    state.collecting = false;
  }
}

/** gc.collect(generation): a manual collection. */
export function gc_collect<O extends GCObject>(state: GCState<O>, generation = NUM_GENERATIONS - 1): number {
  return gc_collect_main(state, generation, "manual");
}

/**
 * _Py_RunGC: the eval breaker found a collection scheduled. Re-checks the thresholds, so a
 * set_threshold() in between can cancel it; a disabled collector never collects automatically.
 */
export function gc_run_scheduled<O extends GCObject>(state: GCState<O>): number {
  state.scheduled = false;
  if (!state.enabled) return 0;
  return gc_collect_main(state, -1, "automatic");
}
