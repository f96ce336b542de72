import { describe, expect, it } from "vitest";
import { gc_collect, type GCEvent } from "../../../src-main/engine/gc";
import { FakeHeap, type FakeTypeSpec } from "./fake-heap";

type PhaseEvent = Extract<GCEvent, { kind: "gc-phase" }>;

function record(h: FakeHeap): GCEvent[] {
  const events: GCEvent[] = [];
  h.state.listener = (e) => events.push(e);
  return events;
}

function phase<P extends PhaseEvent["phase"]>(events: GCEvent[], name: P): Extract<PhaseEvent, { phase: P }> {
  const e = events.find((x) => x.kind === "gc-phase" && x.phase === name);
  if (!e) throw new Error(`no ${name} event`);
  return e as Extract<PhaseEvent, { phase: P }>;
}

describe("phase events", () => {
  it("emits start, one event per phase in CPython's order, then stop", () => {
    const h = new FakeHeap();
    const events = record(h);
    gc_collect(h.state, 0);
    expect(events.map((e) => (e.kind === "gc-phase" ? e.phase : e.kind))).toEqual([
      "gc-start",
      "merge",
      "update_refs",
      "subtract_refs",
      "move_unreachable",
      "untrack_tuples",
      "promote",
      "move_legacy_finalizers",
      "move_legacy_finalizer_reachable",
      "handle_weakrefs",
      "finalize_garbage",
      "handle_resurrected_objects",
      "delete_garbage",
      "handle_legacy_finalizers",
      "gc-stop",
    ]);
    gc_collect(h.state, 2);
    expect(events.filter((e) => e.kind === "gc-phase" && e.collection === 2).map((e) => (e as PhaseEvent).phase)).toContain("untrack_dicts");
  });

  it("shows gc_refs after update_refs and subtract_refs, and the sets move_unreachable makes", () => {
    const h = new FakeHeap();
    gc_collect(h.state);
    const events = record(h);
    // root -> a <-> b, and c <-> d unreachable; the test holds root only.
    const root = h.obj("root");
    const a = h.obj("a");
    const b = h.obj("b");
    const c = h.obj("c");
    const d = h.obj("d");
    h.link(root, a);
    h.link(a, b);
    h.link(b, a);
    h.link(c, d);
    h.link(d, c);
    h.release(a, b, c, d);
    expect(gc_collect(h.state, 0)).toBe(2);
    const start = events[0] as Extract<GCEvent, { kind: "gc-start" }>;
    expect(start.generations).toEqual([[root.id, a.id, b.id, c.id, d.id]]);
    expect(start.objects.map((o) => [o.type, o.refcnt])).toEqual([["Node", 1], ["Node", 2], ["Node", 1], ["Node", 1], ["Node", 1]]);
    expect(phase(events, "update_refs").gcRefs).toEqual({ [root.id]: 1, [a.id]: 2, [b.id]: 1, [c.id]: 1, [d.id]: 1 });
    expect(phase(events, "subtract_refs").gcRefs).toEqual({ [root.id]: 1, [a.id]: 0, [b.id]: 0, [c.id]: 0, [d.id]: 0 });
    const mu = phase(events, "move_unreachable");
    expect(mu.sets).toEqual({ young: [root.id, a.id, b.id], unreachable: [c.id, d.id], finalizers: [] });
    expect(mu.moves).toEqual([
      { id: c.id, from: "young", to: "unreachable" },
      { id: d.id, from: "young", to: "unreachable" },
    ]);
    const promote = phase(events, "promote");
    expect(promote.sets.young).toEqual([]);
    expect(promote.moves.map((m) => [m.id, m.to])).toEqual([[root.id, "old"], [a.id, "old"], [b.id, "old"]]);
    const del = phase(events, "delete_garbage");
    expect(del.cleared).toEqual([c.id]); // clearing c drops d to refcount 0: d is freed, not cleared
    expect(del.moves).toEqual([
      { id: c.id, from: "unreachable", to: "untracked" },
      { id: d.id, from: "unreachable", to: "untracked" },
    ]);
    const stop = events.at(-1)!;
    expect(stop).toMatchObject({ kind: "gc-stop", collected: 2, uncollectable: 0, counts: [0, 1, 0] });
  });

  it("an object moved to unreachable and back appears at the end of young", () => {
    const h = new FakeHeap();
    const events = record(h);
    const inner = h.obj("inner");
    const outer = h.obj("outer");
    h.link(outer, inner);
    h.release(inner);
    gc_collect(h.state, 0);
    const mu = phase(events, "move_unreachable");
    expect(mu.sets.young).toEqual([outer.id, inner.id]);
    expect(mu.sets.unreachable).toEqual([]);
    expect(mu.gcRefs).toEqual({ [inner.id]: 1, [outer.id]: 1 });
  });

  it("reports weakref callbacks, finalizers and resurrection", () => {
    const h = new FakeHeap();
    const events = record(h);
    const saved = h.obj("saved");
    const t: FakeTypeSpec = { name: "P", del: (o) => (o.name === "p" ? h.link(saved, o) : undefined) };
    const p = h.obj("p", t);
    h.link(p, p);
    const q = h.obj("q", t);
    h.link(q, q);
    const wq = h.weakref("wq", q, () => {});
    h.release(p, q);
    expect(gc_collect(h.state, 0)).toBe(1);
    expect(phase(events, "handle_weakrefs")).toMatchObject({ cleared: [wq.id], callbacks: [wq.id], freed: [] });
    expect(phase(events, "finalize_garbage").finalized).toEqual([p.id, q.id]);
    const res = phase(events, "handle_resurrected_objects");
    expect(res.resurrected).toEqual([p.id]);
    expect(res.sets.unreachable).toEqual([q.id]);
    expect(res.moves).toContainEqual({ id: p.id, from: "unreachable", to: "old" });
  });

  it("builds nothing when no listener is attached", () => {
    const h = new FakeHeap();
    const events = record(h);
    h.state.listener = null;
    const a = h.obj("a");
    h.link(a, a);
    h.release(a);
    expect(gc_collect(h.state)).toBe(1);
    expect(events).toEqual([]);
  });
});
