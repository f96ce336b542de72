// Phase events from the real engine: a listener on the interpreter's GC state sees a Python
// list self-cycle go young -> unreachable -> freed, with CPython's gc_refs arithmetic.
import { describe, expect, it } from "vitest";
import { Program } from "../../../src-main/engine/vm/runtime";
import type { GCEvent } from "../../../src-main/engine/gc";

type PhaseEvent = Extract<GCEvent, { kind: "gc-phase" }>;

function runWithEvents(source: string): { events: GCEvent[]; stdout: string } {
  const p = new Program(source, { filename: "events.py" });
  const events: GCEvent[] = [];
  p.interp.heap.gc.listener = (e) => events.push(e);
  p.run();
  return { events, stdout: p.interp.stdout.join("") };
}

function phase<P extends PhaseEvent["phase"]>(events: GCEvent[], collection: number, name: P): Extract<PhaseEvent, { phase: P }> {
  const e = events.find((x) => x.kind === "gc-phase" && x.collection === collection && x.phase === name);
  if (!e) throw new Error(`no ${name} event in collection ${collection}`);
  return e as Extract<PhaseEvent, { phase: P }>;
}

describe("engine GC events", () => {
  it("show a list self-cycle found unreachable and freed", () => {
    const { events, stdout } = runWithEvents(
      "import gc\ngc.collect()\nkeep = []\na = []\na.append(a)\nprint(id(a), id(keep))\ndel a\nprint(gc.collect(0))\n",
    );
    const [aId, keepId] = stdout.split("\n")[0].split(" ").map(Number);
    expect(stdout.split("\n")[1]).toBe("1");
    // Collection 1 is the program's first gc.collect(); 2 is collect(0).
    const start = events.find((e) => e.kind === "gc-start" && e.collection === 2);
    expect(start).toMatchObject({ generation: 0, reason: "manual" });
    const young = (start as Extract<GCEvent, { kind: "gc-start" }>).generations[0];
    expect(young).toContain(aId);
    expect(young).toContain(keepId);
    expect(phase(events, 2, "update_refs").gcRefs![aId]).toBe(1); // only its own reference
    expect(phase(events, 2, "subtract_refs").gcRefs![aId]).toBe(0);
    expect(phase(events, 2, "subtract_refs").gcRefs![keepId]).toBe(1); // the global
    const mu = phase(events, 2, "move_unreachable");
    expect(mu.sets.unreachable).toEqual([aId]);
    expect(mu.moves).toContainEqual({ id: aId, from: "young", to: "unreachable" });
    const del = phase(events, 2, "delete_garbage");
    expect(del.cleared).toEqual([aId]);
    expect(del.moves).toContainEqual({ id: aId, from: "unreachable", to: "untracked" });
    expect(events.find((e) => e.kind === "gc-stop" && e.collection === 2)).toMatchObject({ collected: 1, uncollectable: 0, counts: [0, 1, 0] });
  });

  it("report __del__ and weakref callbacks in their phases", () => {
    const { events, stdout } = runWithEvents(
      "import gc, weakref\ngc.collect()\nclass N:\n    def __del__(self):\n        pass\na = N()\nb = N()\na.o = b\nb.o = a\nw = weakref.ref(a, lambda r: None)\nids = (id(a), id(b), id(w))\ndel a, b\nprint(gc.collect())\nprint(*ids)\n",
    );
    expect(stdout.split("\n")[0]).toBe("2");
    const [aId, bId, wId] = stdout.split("\n")[1].split(" ").map(Number);
    // The program's gc.collect() is the one that finalizes a and b (later ones run at shutdown).
    const fin = events.find((e): e is Extract<PhaseEvent, { phase: "finalize_garbage" }> => e.kind === "gc-phase" && e.phase === "finalize_garbage" && e.finalized.length > 0);
    expect(fin?.finalized).toEqual([aId, bId]);
    const c = fin!.collection;
    expect(phase(events, c, "handle_weakrefs")).toMatchObject({ cleared: [wId], callbacks: [wId], freed: [] });
    expect(phase(events, c, "handle_resurrected_objects").resurrected).toEqual([]);
    expect(events.find((e) => e.kind === "gc-stop" && e.collection === c)).toMatchObject({ collected: 2 });
  });
});
