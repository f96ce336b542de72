// What changed between two snapshots, for the scene's animations: objects allocated (new ids),
// freed (gone, with where they were drawn) and whose reference count went up or down. Pure data.

import type { HeapSnapshot } from "../../src-main/api/index";

export interface HeapChanges {
  added: Set<number>;
  increfs: Set<number>;
  decrefs: Set<number>;
  /** Objects that were drawn and are gone now, with their last position. */
  freed: { id: number; type: string; x: number; y: number }[];
}

export function changesBetween(
  before: HeapSnapshot | null,
  after: HeapSnapshot,
  drawnAt: ReadonlyMap<number, { x: number; y: number }>,
): HeapChanges {
  const changes: HeapChanges = { added: new Set(), increfs: new Set(), decrefs: new Set(), freed: [] };
  if (!before) return changes;
  const old = new Map(before.objects.map((o) => [o.id, o] as const));
  const now = new Set<number>();
  for (const view of after.objects) {
    now.add(view.id);
    const was = old.get(view.id);
    // An id seen before with another type is a new object at a reused address.
    if (!was || was.type !== view.type) changes.added.add(view.id);
    else if (!view.immortal && view.refcount > was.refcount) changes.increfs.add(view.id);
    else if (!view.immortal && view.refcount < was.refcount) changes.decrefs.add(view.id);
  }
  // A truncated snapshot leaves objects out without their being freed.
  if (!after.truncated) {
    for (const view of before.objects) {
      const at = drawnAt.get(view.id);
      if (!now.has(view.id) && at) changes.freed.push({ id: view.id, type: view.type, x: at.x, y: at.y });
    }
  }
  return changes;
}
