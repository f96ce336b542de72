// The collector-side halves of the gc module's inspection functions: get_objects, get_referrers,
// get_referents, freeze / unfreeze / get_freeze_count, plus the generation of each object for
// heap snapshots. They answer with JS arrays; modules/ turns them into Python objects.
import { gc_list_merge, gc_list_objects, gc_list_size } from "./gc_list";
import { NUM_GENERATIONS, type GCState } from "./state";
import type { GCObject } from "./types";

/** gc.get_objects(generation=None): tracked objects of one generation, or of all three (not the permanent one). */
export function gc_get_objects<O extends GCObject>(state: GCState<O>, generation: number | null): O[] {
  if (generation !== null) return gc_list_objects<O>(state.generations[generation].head);
  const out: O[] = [];
  for (const gen of state.generations) out.push(...gc_list_objects<O>(gen.head));
  return out;
}

/**
 * gc.get_referrers(*objs): tracked objects (generations 0..2, in list order) that refer to any of
 * `objs`. `skip` are objects never reported (CPython skips the argument tuple and the result list).
 */
export function gc_get_referrers<O extends GCObject>(state: GCState<O>, objs: readonly O[], skip: readonly O[] = []): O[] {
  const targets = new Set<O>(objs);
  const skipped = new Set<O>(skip);
  const result: O[] = [];
  for (const gen of state.generations) {
    for (const obj of gc_list_objects<O>(gen.head)) {
      if (skipped.has(obj)) continue;
      let found = false;
      state.host.traverse(obj, (child: O) => {
        if (targets.has(child)) found = true;
      });
      if (found) result.push(obj);
    }
  }
  return result;
}

/** gc.get_referents(*objs): what each GC object's tp_traverse visits, in visit order. */
export function gc_get_referents<O extends GCObject>(state: GCState<O>, objs: readonly O[]): O[] {
  const result: O[] = [];
  for (const obj of objs) {
    if (!state.host.isGC(obj)) continue;
    state.host.traverse(obj, (child: O) => {
      result.push(child);
    });
  }
  return result;
}

/** gc.freeze(): every tracked object moves to the permanent generation; counts reset. */
export function gc_freeze<O extends GCObject>(state: GCState<O>): void {
  for (let i = 0; i < NUM_GENERATIONS; i++) {
    gc_list_merge(state.generations[i].head, state.permanent_generation.head);
    state.generations[i].count = 0;
  }
}

/** gc.unfreeze(): the permanent generation goes back into the oldest one. */
export function gc_unfreeze<O extends GCObject>(state: GCState<O>): void {
  gc_list_merge(state.permanent_generation.head, state.generations[NUM_GENERATIONS - 1].head);
}

/** gc.get_freeze_count(). */
export function gc_get_freeze_count<O extends GCObject>(state: GCState<O>): number {
  return gc_list_size(state.permanent_generation.head);
}

/** Which generation each tracked object is in (0..2, or "permanent"), for snapshots. O(tracked). */
export function gc_generation_map<O extends GCObject>(state: GCState<O>): Map<O, 0 | 1 | 2 | "permanent"> {
  const map = new Map<O, 0 | 1 | 2 | "permanent">();
  state.generations.forEach((gen, i) => {
    for (const op of gc_list_objects<O>(gen.head)) map.set(op, i as 0 | 1 | 2);
  });
  for (const op of gc_list_objects<O>(state.permanent_generation.head)) map.set(op, "permanent");
  return map;
}
