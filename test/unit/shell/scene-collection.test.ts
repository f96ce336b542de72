// The scene's view of a collection, fed with the real engine's phase events: a two-object island
// with __del__ counts down to gc_refs 0, turns unreachable, is finalized, cleared and freed, while
// an object a global holds lights up as reachable.
import { describe, expect, test } from "vitest";
import type { GCEvent, HeapSnapshot } from "../../../src-main/api/index";
import { Program } from "../../../src-main/engine/vm/runtime";
import { collectionVisuals, garbageFirstOrder, MAX_OUTSIDE, placeOutsideObjects, type CollectionFrame } from "../../../src-renderer/scene/collection-view";
import { layoutHeap, OBJECT_BOX } from "../../../src-renderer/scene/layout";

const ISLAND = [
  "import gc",
  "gc.collect()",
  "class Node:",
  "    def __del__(self):",
  "        print('deleted')",
  "keep = []",
  "a = Node()",
  "b = Node()",
  "a.other = b",
  "b.other = a",
  "print(id(a), id(b), id(keep))",
  "del a, b",
  "gc.collect(0)",
].join("\n");

function islandCollection(): { frame: Omit<CollectionFrame, "phaseIndex">; a: number; b: number; keep: number } {
  const program = new Program(ISLAND, { filename: "island.py" });
  const events: GCEvent[] = [];
  program.interp.heap.gc.listener = (event) => events.push(event);
  program.run();
  const [a, b, keep] = program.interp.stdout.join("").split("\n")[0]!.split(" ").map(Number) as [number, number, number];
  // Collection 2 is gc.collect(0); the ones after it run at shutdown.
  const start = events.find((e): e is Extract<GCEvent, { kind: "gc-start" }> => e.kind === "gc-start" && e.collection === 2)!;
  const phases = events.filter((e): e is Extract<GCEvent, { kind: "gc-phase" }> => e.kind === "gc-phase" && e.collection === 2);
  return { frame: { start, phases }, a, b, keep };
}

function at(frame: Omit<CollectionFrame, "phaseIndex">, phase: string) {
  const phaseIndex = frame.phases.findIndex((p) => p.phase === phase);
  if (phaseIndex < 0) throw new Error(`no ${phase}`);
  return collectionVisuals({ ...frame, phaseIndex });
}

describe("a collection's visual states", () => {
  const { frame, a, b, keep } = islandCollection();

  test("before the first phase every examined object is just examined, with no gc_refs", () => {
    const visuals = collectionVisuals({ ...frame, phaseIndex: -1 });
    expect(visuals.size).toBe(frame.start.objects.length);
    expect([...visuals.values()].every((v) => v.state === "examined" && v.gcRefs === null && !v.changed)).toBe(true);
  });

  test("update_refs copies the refcount; subtract_refs counts the island down to 0", () => {
    const updated = at(frame, "update_refs");
    expect(updated.get(a)).toMatchObject({ gcRefs: 1, gcRefsDropped: false, state: "examined" });
    const subtracted = at(frame, "subtract_refs");
    expect(subtracted.get(a)).toMatchObject({ gcRefs: 0, gcRefsDropped: true, state: "examined" });
    expect(subtracted.get(b)).toMatchObject({ gcRefs: 0, gcRefsDropped: true });
    // The global `keep` is a reference from outside the generation: nothing is subtracted.
    expect(subtracted.get(keep)).toMatchObject({ gcRefs: 1, gcRefsDropped: false });
  });

  test("move_unreachable lights the reachable set and greys the island", () => {
    const visuals = at(frame, "move_unreachable");
    expect(visuals.get(keep)).toMatchObject({ state: "reachable", changed: true });
    expect(visuals.get(a)).toMatchObject({ state: "unreachable", changed: true, gcRefs: 0 });
    expect(visuals.get(b)).toMatchObject({ state: "unreachable", changed: true });
  });

  test("gc_refs is not shown once the collector stops counting", () => {
    expect(at(frame, "promote").get(keep)!.gcRefs).toBeNull();
  });

  test("finalize_garbage marks __del__ run, delete_garbage clears and frees", () => {
    const finalized = at(frame, "finalize_garbage");
    expect(finalized.get(a)).toMatchObject({ state: "unreachable", finalized: true, changed: true, cleared: false });
    expect(finalized.get(keep)!.changed).toBe(false);
    const deleted = at(frame, "delete_garbage");
    expect(deleted.get(a)).toMatchObject({ state: "freed", cleared: true, changed: true });
    expect(deleted.get(b)).toMatchObject({ state: "freed" });
    expect(deleted.get(keep)!.state).toBe("reachable");
  });

  test("a phase index past the end shows the last phase", () => {
    const last = collectionVisuals({ ...frame, phaseIndex: 99 });
    expect(last.get(a)!.state).toBe("freed");
    expect(last.get(a)!.finalized).toBe(true);
  });
});

describe("objects the heap layout does not show", () => {
  const { frame, a, b, keep } = islandCollection();
  const snapshot: HeapSnapshot = {
    line: 13,
    finished: false,
    frames: [{ name: "<module>", line: 13, locals: [{ name: "keep", target: keep }] }],
    objects: [{ id: keep, type: "list", repr: "[]", refcount: 1, immortal: false, size: 56, refs: [] }],
    truncated: false,
    stdout: "",
    stderr: "",
    steps: 10,
  };
  const layout = layoutHeap(snapshot);
  const order = frame.start.objects.map((o) => o.id);

  test("go in rows below the layout, and the layout's own objects are not repeated", () => {
    const outside = placeOutsideObjects(layout, at(frame, "merge"), order);
    const ids = outside.placed.map((p) => p.visual.id);
    expect(ids).toContain(a);
    expect(ids).toContain(b);
    expect(ids).not.toContain(keep);
    for (const p of outside.placed) expect(p.y).toBeGreaterThanOrEqual(layout.height);
    expect(outside.height).toBeGreaterThanOrEqual(Math.max(...outside.placed.map((p) => p.y + OBJECT_BOX.height)));
    expect(outside.width).toBeGreaterThanOrEqual(Math.max(...outside.placed.map((p) => p.x + OBJECT_BOX.width)));
  });

  test("stay where they are from one phase to the next", () => {
    const early = placeOutsideObjects(layout, at(frame, "update_refs"), order);
    const late = placeOutsideObjects(layout, at(frame, "delete_garbage"), order);
    expect(late.placed.map((p) => [p.visual.id, p.x, p.y])).toEqual(early.placed.map((p) => [p.visual.id, p.x, p.y]));
  });

  test("the garbage comes first, whatever the phase shown", () => {
    const garbageFirst = garbageFirstOrder(frame);
    expect(garbageFirst.slice(0, 2)).toEqual([a, b]);
    expect([...garbageFirst].sort()).toEqual([...order].sort());
    const placed = placeOutsideObjects(layout, at(frame, "merge"), garbageFirst).placed.map((p) => p.visual.id);
    expect(placed.slice(0, 2)).toEqual([a, b]);
  });

  test("are capped, and the rest counted", () => {
    const many = new Map([...Array(MAX_OUTSIDE + 5).keys()].map((i) => [i + 1, { id: i + 1, type: "dict", state: "examined" as const, gcRefs: null, gcRefsDropped: false, changed: false, finalized: false, cleared: false }]));
    const outside = placeOutsideObjects(layout, many, [...many.keys()]);
    expect(outside.placed).toHaveLength(MAX_OUTSIDE);
    expect(outside.omitted).toBe(5);
  });
});
