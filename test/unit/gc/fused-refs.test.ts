// update_refs_and_subtract_refs (the walk collections use when no phase events are recorded) must
// leave exactly what update_refs then subtract_refs leave: the same gc_refs, the same flags, the
// same immortal objects untracked, the same candidate count. Checked on random graphs built twice
// from one seed, one copy per path.
import { describe, expect, it } from "vitest";
import { subtract_refs, update_refs, update_refs_and_subtract_refs } from "../../../src-main/engine/gc/phases";
import { FakeHeap, type FakeObj } from "./fake-heap";
import { mulberry32 } from "../seeded-random";


function buildGraph(seed: number): { h: FakeHeap; objs: FakeObj[] } {
  const next = mulberry32(seed); // the same graph for both copies
  const h = new FakeHeap();
  const objs: FakeObj[] = [];
  const n = 5 + Math.floor(next() * 40);
  for (let i = 0; i < n; i++) {
    const immortal = next() < 0.1;
    objs.push(h.obj(`o${i}`, immortal ? { name: "Immortal", immortal: true } : { name: "Node" }));
  }
  const atom = h.atom("atom");
  for (const o of objs) {
    const edges = Math.floor(next() * 4);
    for (let e = 0; e < edges; e++) h.link(o, objs[Math.floor(next() * n)]);
    if (next() < 0.3) h.link(o, atom);
  }
  // Some objects lose the test's reference (only referenced from inside the set, or freed).
  for (const o of objs) if (next() < 0.6 && o.refcnt > 1 && !o.type.immortal) h.release(o);
  return { h, objs };
}

function state(h: FakeHeap, objs: FakeObj[]): string[] {
  const heads = h.state.heads;
  return objs.map((o) => (o.freed ? `${o}: freed` : o.gcIndex === 0 ? `${o}: untracked` : `${o}: refs ${heads.refs[o.gcIndex]} flags ${heads.flags[o.gcIndex]}`));
}

describe("update_refs_and_subtract_refs", () => {
  it("leaves the same gc_refs, flags and untracked objects as update_refs then subtract_refs", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const apart = buildGraph(seed);
      const young = apart.h.state.generations[0].head;
      const candidatesApart = update_refs(apart.h.state.host, young);
      subtract_refs(apart.h.state.host, young);

      const fused = buildGraph(seed);
      const candidatesFused = update_refs_and_subtract_refs(fused.h.state.host, fused.h.state.generations[0].head);

      expect(candidatesFused, `seed ${seed}`).toBe(candidatesApart);
      expect(state(fused.h, fused.objs), `seed ${seed}`).toEqual(state(apart.h, apart.objs));
    }
  });

  it("counts only references from outside the set", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    const b = h.obj("b");
    h.link(a, b);
    h.link(b, a);
    h.link(b, b);
    h.release(b); // a: the test's reference + b's; b: a's + its own
    const candidates = update_refs_and_subtract_refs(h.state.host, h.state.generations[0].head);
    expect(candidates).toBe(2);
    expect(h.state.heads.refs[a.gcIndex]).toBe(1);
    expect(h.state.heads.refs[b.gcIndex]).toBe(0);
  });
});
