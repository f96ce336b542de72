import { describe, expect, it } from "vitest";
import {
  gc_generation_map,
  DEBUG_COLLECTABLE,
  DEBUG_SAVEALL,
  DEBUG_STATS,
  DEBUG_UNCOLLECTABLE,
  gc_collect,
  gc_freeze,
  gc_get_freeze_count,
  gc_get_objects,
  gc_is_finalized,
  gc_is_tracked,
  gc_run_scheduled,
  gc_unfreeze,
  gc_get_referrers,
  gc_get_referents,
} from "../../../src-main/engine/gc";
import { FakeHeap, type FakeObj, type FakeTypeSpec } from "./fake-heap";

function counts(h: FakeHeap): number[] {
  return h.state.generations.map((g) => g.count);
}

function genOf(h: FakeHeap, o: FakeObj): number | null {
  for (let g = 0; g < 3; g++) if (gc_get_objects(h.state, g).includes(o)) return g;
  return null;
}

function delType(h: FakeHeap, name = "D", extra: Partial<FakeTypeSpec> = {}): FakeTypeSpec {
  return { name, del: (o) => h.log.push(`del ${o}`), ...extra };
}

describe("cycles", () => {
  it("collects a self-cycle and returns 1", () => {
    const h = new FakeHeap();
    const n = h.obj("n");
    h.link(n, n);
    h.release(n);
    expect(n.freed).toBe(false);
    expect(gc_collect(h.state)).toBe(1);
    expect(n.freed).toBe(true);
    expect(gc_collect(h.state)).toBe(0);
  });

  it("collects rings of any size", () => {
    for (const size of [1, 2, 3, 10, 50]) {
      const h = new FakeHeap();
      const nodes = Array.from({ length: size }, (_, i) => h.obj(`n${i}`));
      nodes.forEach((node, i) => h.link(node, nodes[(i + 1) % size]));
      h.release(...nodes);
      expect(gc_collect(h.state)).toBe(size);
      expect(nodes.every((x) => x.freed)).toBe(true);
    }
  });

  it("counts a chain hanging off a cycle as collected", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    const b = h.obj("b");
    const c = h.obj("c");
    const d = h.obj("d");
    h.link(a, b);
    h.link(b, a);
    h.link(a, c);
    h.link(c, d);
    h.release(a, b, c, d);
    expect(gc_collect(h.state)).toBe(4);
    expect([a, b, c, d].every((x) => x.freed)).toBe(true);
  });

  it("keeps a cycle reachable from outside, and what it reaches", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    const b = h.obj("b");
    const leaf = h.obj("leaf");
    h.link(a, b);
    h.link(b, a);
    h.link(b, leaf);
    h.release(b, leaf); // the test still holds `a`
    expect(gc_collect(h.state)).toBe(0);
    expect([a, b, leaf].some((x) => x.freed)).toBe(false);
    expect(genOf(h, b)).toBe(2);
  });

  it("a reference from an older generation keeps a young cycle alive", () => {
    const h = new FakeHeap();
    const holder = h.obj("holder");
    gc_collect(h.state); // holder -> gen 2
    const a = h.obj("a");
    const b = h.obj("b");
    h.link(a, b);
    h.link(b, a);
    h.link(holder, a);
    h.release(a, b);
    expect(gc_collect(h.state, 0)).toBe(0);
    expect(genOf(h, a)).toBe(1);
    h.unlink(holder, a);
    expect(gc_collect(h.state, 0)).toBe(0); // now in gen 1: a gen-0 collection does not look
    expect(gc_collect(h.state, 1)).toBe(2);
  });

  it("untracks immortal objects instead of counting them", () => {
    const h = new FakeHeap();
    const imm = h.obj("imm", { name: "Imm", immortal: true });
    expect(gc_is_tracked(imm)).toBe(true);
    gc_collect(h.state);
    expect(gc_is_tracked(imm)).toBe(false);
  });
});

describe("collections larger than the walks' chunks", () => {
  // update_refs_and_subtract_refs and move_unreachable walk in chunks of 1024 objects.
  it("finds what is reachable when the reference comes from the last chunk", () => {
    const h = new FakeHeap([100_000, 10, 10]);
    // A chain of 5000 objects, each holding the previous one, and a ring of 3000 garbage objects
    // interleaved with it; the head of the chain (held by the test) is tracked last, so
    // move_unreachable first parks the whole chain in `unreachable` and brings it back chunk by
    // chunk, from the far end of the list.
    const chain: FakeObj[] = [];
    const ring: FakeObj[] = [];
    for (let i = 0; i < 5000; i++) {
      const o = h.obj(`c${i}`);
      if (i > 0) {
        h.link(o, chain[i - 1]);
        h.release(chain[i - 1]);
      }
      chain.push(o);
      if (i < 3000) ring.push(h.obj(`r${i}`));
    }
    ring.forEach((o, i) => h.link(o, ring[(i + 1) % ring.length]));
    h.release(...ring);
    expect(gc_collect(h.state)).toBe(3000);
    expect(ring.every((o) => o.freed)).toBe(true);
    expect(chain.some((o) => o.freed)).toBe(false);
    expect(gc_get_objects(h.state, 2).length).toBe(5000);
  });
});

describe("generations and counts", () => {
  it("promotes survivors one generation per collection", () => {
    const h = new FakeHeap();
    const x = h.obj("x");
    expect(genOf(h, x)).toBe(0);
    gc_collect(h.state, 0);
    expect(genOf(h, x)).toBe(1);
    expect(counts(h)).toEqual([0, 1, 0]);
    gc_collect(h.state, 0);
    expect(genOf(h, x)).toBe(1);
    gc_collect(h.state, 1);
    expect(genOf(h, x)).toBe(2);
    expect(counts(h)).toEqual([0, 0, 1]);
    const y = h.obj("y");
    gc_collect(h.state);
    expect(genOf(h, y)).toBe(2);
    expect(counts(h)).toEqual([0, 0, 0]);
  });

  it("count[0] counts GC allocations minus frees, never below 0", () => {
    const h = new FakeHeap();
    h.obj("a");
    h.obj("b");
    h.atom("i");
    expect(counts(h)[0]).toBe(2);
    h.release(h.get("a"), h.get("b"));
    expect(counts(h)[0]).toBe(0);
    gc_collect(h.state, 0);
    const c = h.obj("c");
    gc_collect(h.state, 0);
    h.release(c);
    expect(counts(h)[0]).toBe(0);
  });

  it("a full collection scans generation 2, then 0, then 1 (finalizer order shows it)", () => {
    const h = new FakeHeap();
    const t = delType(h);
    const g2 = h.obj("g2", t);
    gc_collect(h.state); // -> gen 2
    const g1 = h.obj("g1", t);
    gc_collect(h.state, 0); // -> gen 1
    const g0 = h.obj("g0", t);
    h.link(g2, g1);
    h.link(g1, g0);
    h.link(g0, g2);
    h.release(g2, g1, g0);
    expect(gc_collect(h.state)).toBe(3);
    expect(h.log.filter((l) => l.startsWith("del"))).toEqual(["del g2", "del g0", "del g1"]);
  });

  it("empties the free lists only in full collections", () => {
    const h = new FakeHeap();
    gc_collect(h.state, 0);
    gc_collect(h.state, 1);
    expect(h.freeListsCleared).toBe(0);
    gc_collect(h.state, 2);
    expect(h.freeListsCleared).toBe(1);
  });

  it("keeps statistics per generation", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    h.link(a, a);
    h.release(a);
    gc_collect(h.state, 0);
    gc_collect(h.state, 2);
    expect(h.state.generation_stats).toEqual([
      { collections: 1, collected: 1, uncollectable: 0 },
      { collections: 0, collected: 0, uncollectable: 0 },
      { collections: 1, collected: 0, uncollectable: 0 },
    ]);
  });
});

describe("automatic collection", () => {
  it("schedules once count[0] exceeds threshold[0] and picks the oldest eligible generation", () => {
    const h = new FakeHeap([5, 3, 1000]);
    const log: number[] = [];
    h.callbacks.push((phase, info) => {
      if (phase === "start") log.push(info.generation);
    });
    const keep: FakeObj[] = [];
    const at: number[] = [];
    for (let i = 0; i < 40; i++) {
      const o = h.obj(`o${i}`);
      if (h.state.scheduled) {
        gc_run_scheduled(h.state);
        at.push(keep.length);
      }
      keep.push(o);
    }
    expect(at).toEqual([5, 11, 17, 23, 29, 35]);
    expect(log).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it("re-checks thresholds when the scheduled collection runs, and never runs when disabled", () => {
    const h = new FakeHeap([2, 10, 10]);
    h.obj("a");
    h.obj("b");
    h.obj("c");
    expect(h.state.scheduled).toBe(true);
    h.state.generations[0].threshold = 2000;
    expect(gc_run_scheduled(h.state)).toBe(0);
    expect(h.state.generation_stats[0].collections).toBe(0);
    h.state.generations[0].threshold = 2;
    h.state.enabled = false;
    h.obj("d");
    expect(h.state.scheduled).toBe(false);
    expect(gc_run_scheduled(h.state)).toBe(0);
    expect(h.state.generation_stats[0].collections).toBe(0);
  });

  it("skips generation 2 while long_lived_pending < long_lived_total / 4", () => {
    const h = new FakeHeap([0, 0, 0]);
    for (let i = 0; i < 40; i++) h.obj(`old${i}`);
    gc_collect(h.state); // long_lived_total = 40
    expect(h.state.long_lived_total).toBe(40);
    h.state.generations[2].count = 1; // over threshold 0
    h.state.generations[1].count = 1;
    // pending 0 < 10: falls through to gen 1
    h.obj("n1");
    expect(gc_run_scheduled(h.state)).toBe(0);
    expect(h.state.generation_stats[1].collections).toBe(1);
    expect(h.state.long_lived_pending).toBe(1);
    for (let i = 0; i < 9; i++) h.obj(`p${i}`);
    h.state.generations[1].count = 1;
    gc_run_scheduled(h.state); // gen 2 still gated (pending 1 < 10); gen 1 collects 9 more
    expect(h.state.long_lived_pending).toBe(10);
    expect(h.state.generation_stats[2].collections).toBe(1);
    h.state.generations[2].count = 1;
    gc_run_scheduled(h.state);
    expect(h.state.generation_stats[2].collections).toBe(2);
    expect(h.state.long_lived_pending).toBe(0);
  });

  it("does not collect inside a collection", () => {
    const h = new FakeHeap();
    const results: number[] = [];
    const t: FakeTypeSpec = { name: "D", del: () => results.push(gc_collect(h.state)) };
    const a = h.obj("a", t);
    h.link(a, a);
    h.release(a);
    expect(gc_collect(h.state)).toBe(1);
    expect(results).toEqual([0]);
  });
});

describe("callbacks and debug output", () => {
  it("calls gc.callbacks with start and stop info", () => {
    const h = new FakeHeap();
    const events: unknown[] = [];
    h.callbacks.push((phase, info) => events.push([phase, { ...info }]));
    const a = h.obj("a");
    h.link(a, a);
    const b = h.obj("b");
    const c = h.obj("c");
    h.link(b, c);
    h.link(c, b);
    h.release(a, b, c);
    expect(gc_collect(h.state)).toBe(3);
    gc_collect(h.state, 1);
    expect(events).toEqual([
      ["start", { generation: 2, collected: 0, uncollectable: 0 }],
      ["stop", { generation: 2, collected: 3, uncollectable: 0 }],
      ["start", { generation: 1, collected: 0, uncollectable: 0 }],
      ["stop", { generation: 1, collected: 0, uncollectable: 0 }],
    ]);
  });

  it("writes DEBUG_STATS, DEBUG_COLLECTABLE and DEBUG_UNCOLLECTABLE lines", () => {
    const h = new FakeHeap();
    gc_collect(h.state);
    h.state.debug = DEBUG_STATS | DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE;
    const keep = h.obj("keep");
    const a = h.obj("a", { name: "Node" });
    h.link(a, a);
    const l = h.obj("l", { name: "Legacy", legacy: true });
    h.link(l, l);
    h.release(a, l);
    expect(gc_collect(h.state, 0)).toBe(2);
    const hex = (o: FakeObj) => `0x${o.id.toString(16)}`;
    expect(h.stderr.join("")).toBe(
      "gc: collecting generation 0...\n" +
        "gc: objects in each generation: 3 0 0\n" +
        "gc: objects in permanent generation: 0\n" +
        `gc: collectable <Node ${hex(a)}>\n` +
        `gc: uncollectable <Legacy ${hex(l)}>\n` +
        "gc: done, 2 unreachable, 1 uncollectable, 0.0000s elapsed\n",
    );
    expect(keep.freed).toBe(false);
  });
});

describe("finalizers (PEP 442) and resurrection", () => {
  it("runs each __del__ once, in scan order, before tp_clear", () => {
    const h = new FakeHeap();
    const t: FakeTypeSpec = {
      name: "N",
      del: (o) => h.log.push(`del ${o} peer ${o.refs[0]?.name ?? "none"}`),
    };
    const a = h.obj("a", t);
    const b = h.obj("b", t);
    h.link(a, b);
    h.link(b, a);
    h.release(a, b);
    expect(gc_collect(h.state)).toBe(2);
    expect(h.log).toEqual(["del a peer b", "del b peer a", "free b", "free a"]);
    expect(h.garbage).toEqual([]);
  });

  it("a __del__ that resurrects its object: not collected, never finalized twice", () => {
    const h = new FakeHeap();
    const saved = h.obj("saved");
    const t: FakeTypeSpec = {
      name: "Phoenix",
      del: (o) => {
        h.log.push(`del ${o}`);
        h.link(saved, o);
      },
    };
    const q = h.obj("q", t);
    h.link(q, q);
    h.release(q);
    expect(gc_collect(h.state)).toBe(0);
    expect(q.freed).toBe(false);
    expect(gc_is_finalized(q)).toBe(true);
    expect(genOf(h, q)).toBe(2);
    h.unlink(q, q);
    h.unlink(saved, q);
    expect(q.freed).toBe(true);
    expect(h.log.filter((l) => l.startsWith("del"))).toEqual(["del q"]);
    expect(gc_collect(h.state)).toBe(0);
  });

  it("a resurrected object keeps what it references; the rest of the garbage is collected", () => {
    const h = new FakeHeap();
    const saved = h.obj("saved");
    const t: FakeTypeSpec = { name: "P", del: (o) => h.link(saved, o) };
    const p = h.obj("p", t);
    const child = h.obj("child");
    const other = h.obj("other");
    h.link(p, child);
    h.link(child, p);
    h.link(other, other);
    h.release(p, child, other);
    expect(gc_collect(h.state)).toBe(1);
    expect(other.freed).toBe(true);
    expect(p.freed || child.freed).toBe(false);
  });

  it("a cycle whose __del__ already ran is collected without calling it again", () => {
    const h = new FakeHeap();
    const x = h.obj("x", delType(h));
    h.link(x, x);
    h.release(x);
    expect(gc_collect(h.state)).toBe(1);
    expect(h.log).toEqual(["del x", "free x"]);
  });
});

describe("weakrefs", () => {
  it("runs callbacks of reachable weakrefs before any __del__", () => {
    const h = new FakeHeap();
    const t = delType(h, "N");
    const a = h.obj("a", t);
    const b = h.obj("b", t);
    h.link(a, b);
    h.link(b, a);
    const wa = h.weakref("wa", a, (wr) => h.log.push(`wa() is ${wr.wrObject === null ? "None" : "alive"}`));
    h.release(a, b);
    expect(gc_collect(h.state)).toBe(2);
    expect(h.log.slice(0, 4)).toEqual(["callback wa", "wa() is None", "del a", "del b"]);
    expect(wa.freed).toBe(false);
    expect(genOf(h, wa)).toBe(2);
  });

  it("a weakref that is garbage itself gets no callback, but is cleared", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    const wr = h.weakref("wr", a, () => h.log.push("never"));
    h.link(a, wr);
    h.link(wr, a); // weakref kept alive only by the cycle
    h.release(a, wr);
    expect(gc_collect(h.state)).toBe(2);
    expect(h.log).not.toContain("never");
    expect(h.log).not.toContain("callback wr");
  });

  it("a weakref freed by its own callback counts as collected", () => {
    const h = new FakeHeap();
    const registry = h.obj("registry");
    const v = h.obj("v");
    h.link(v, v);
    const wr = h.weakref("wr", v, (w) => h.unlink(registry, w));
    h.link(registry, wr);
    h.release(wr, v); // only the registry holds the weakref
    expect(gc_collect(h.state)).toBe(2); // v + the weakref
    expect(wr.freed).toBe(true);
  });

  it("clears weakrefs without callbacks to collected objects", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    h.link(a, a);
    const wr = h.weakref("wr", a);
    h.release(a);
    gc_collect(h.state);
    expect(wr.wrObject).toBeNull();
    expect(a.freed).toBe(true);
  });
});

describe("DEBUG_SAVEALL, legacy finalizers, freeze", () => {
  it("DEBUG_SAVEALL puts the garbage in gc.garbage, still counted, and it is garbage again once released", () => {
    const h = new FakeHeap();
    h.state.debug = DEBUG_SAVEALL;
    const a = h.obj("a");
    const b = h.obj("b");
    h.link(a, b);
    h.link(b, a);
    h.release(a, b);
    expect(gc_collect(h.state)).toBe(2);
    expect(h.garbage).toEqual([a, b]);
    expect(a.freed).toBe(false);
    h.state.debug = 0;
    h.release(...h.garbage.splice(0));
    const c = h.obj("c");
    h.link(c, c);
    h.release(c);
    expect(gc_collect(h.state)).toBe(3);
    expect(h.garbage).toEqual([]);
  });

  it("legacy finalizers make their cycle and what it reaches uncollectable", () => {
    const h = new FakeHeap();
    const l = h.obj("l", { name: "Legacy", legacy: true });
    const x = h.obj("x");
    const y = h.obj("y");
    h.link(l, x);
    h.link(x, l);
    h.link(x, y);
    const z = h.obj("z");
    h.link(z, z);
    h.release(l, x, y, z);
    expect(gc_collect(h.state)).toBe(4); // 3 uncollectable + z collected
    expect(h.garbage).toEqual([l]);
    expect(h.state.generation_stats[2]).toEqual({ collections: 1, collected: 1, uncollectable: 3 });
    expect([l, x, y].some((o) => o.freed)).toBe(false);
    expect(genOf(h, x)).toBe(2);
  });

  it("freeze moves everything to the permanent generation; unfreeze back to gen 2", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    h.link(a, a);
    gc_collect(h.state, 0);
    h.obj("b");
    gc_freeze(h.state);
    expect(gc_get_freeze_count(h.state)).toBe(2);
    expect(counts(h)).toEqual([0, 0, 0]);
    h.release(a);
    const c = h.obj("c");
    h.link(c, c);
    h.release(c);
    expect(gc_collect(h.state)).toBe(1); // c only: a is frozen
    expect(a.freed).toBe(false);
    gc_unfreeze(h.state);
    expect(gc_get_freeze_count(h.state)).toBe(0);
    expect(genOf(h, a)).toBe(2);
    expect(gc_collect(h.state)).toBe(1);
  });
});

describe("untracking tuples and dicts", () => {
  const tuple: FakeTypeSpec = { name: "tuple", kind: "tuple", noClear: true };
  const dict: FakeTypeSpec = { name: "dict", kind: "dict" };

  it("untracks tuples of atoms in any collection; keeps tuples holding containers", () => {
    const h = new FakeHeap();
    const t = h.obj("t", tuple);
    h.link(t, h.atom("1"), h.atom("2"));
    const c = h.obj("c", tuple);
    h.link(c, h.obj("list"));
    gc_collect(h.state, 0);
    expect(gc_is_tracked(t)).toBe(false);
    expect(gc_is_tracked(c)).toBe(true);
  });

  it("an outer tuple scanned before its inner one stays tracked until the next collection", () => {
    const h = new FakeHeap();
    const inner = h.obj("inner", tuple);
    h.link(inner, h.atom("1"));
    const outer = h.obj("outer", tuple);
    h.link(outer, inner);
    h.release(inner); // reachable only through outer, so it is moved behind it
    gc_collect(h.state, 0);
    expect(gc_is_tracked(inner)).toBe(false);
    expect(gc_is_tracked(outer)).toBe(true);
    gc_collect(h.state, 1);
    expect(gc_is_tracked(outer)).toBe(false);
  });

  it("a nested tuple whose inner one comes first is untracked in one pass", () => {
    const h = new FakeHeap();
    const inner = h.obj("inner", tuple);
    h.link(inner, h.atom("1"));
    const outer = h.obj("outer", tuple);
    h.link(outer, inner); // the test keeps both references
    gc_collect(h.state);
    expect(gc_is_tracked(inner)).toBe(false);
    expect(gc_is_tracked(outer)).toBe(false);
  });

  it("untracks dicts of atoms only in full collections", () => {
    const h = new FakeHeap();
    const d = h.obj("d", dict);
    h.link(d, h.atom("k"), h.atom("v"));
    const e = h.obj("e", dict);
    h.link(e, h.obj("list"));
    gc_collect(h.state, 0);
    gc_collect(h.state, 1);
    expect(gc_is_tracked(d)).toBe(true);
    gc_collect(h.state, 2);
    expect(gc_is_tracked(d)).toBe(false);
    expect(gc_is_tracked(e)).toBe(true);
  });
});

describe("gc_generation_map (the snapshot's generations)", () => {
  it("always matches the list each object is in", () => {
    const h = new FakeHeap();
    const saved = h.obj("saved");
    const t: FakeTypeSpec = { name: "P", del: (o) => (o.name === "p" ? h.link(saved, o) : undefined) };
    const objs = [saved];
    const check = () => {
      const generations = gc_generation_map(h.state);
      for (const o of objs) expect([o.name, generations.get(o) ?? null]).toEqual([o.name, o.freed || o.gcIndex === 0 ? null : genOf(h, o) ?? "permanent"]);
    };
    for (let round = 0; round < 4; round++) {
      const a = h.obj(`a${round}`);
      const p = h.obj(round === 1 ? "p" : `q${round}`, t);
      h.link(a, p);
      h.link(p, a);
      const keep = h.obj(`keep${round}`);
      objs.push(a, p, keep);
      h.release(a, p);
      check();
      gc_collect(h.state, round % 3);
      check();
    }
    gc_freeze(h.state);
    const frozen = gc_generation_map(h.state);
    expect(objs.filter((o) => !o.freed).every((o) => frozen.get(o) === "permanent")).toBe(true);
    gc_unfreeze(h.state);
    check();
  });
});

describe("introspection", () => {
  it("get_referrers and get_referents", () => {
    const h = new FakeHeap();
    const a = h.obj("a");
    const b = h.obj("b");
    const i = h.atom("7");
    h.link(a, b, i);
    expect(gc_get_referrers(h.state, [b])).toEqual([a]);
    expect(gc_get_referents(h.state, [a])).toEqual([b, i]);
    expect(gc_get_referents(h.state, [i])).toEqual([]);
  });
});

describe("GC heads (typed arrays indexed by gcIndex)", () => {
  it("stay consistent when a finalizer tracks enough objects to grow the arrays mid-collection", () => {
    const h = new FakeHeap();
    const made: FakeObj[] = [];
    // Each __del__ makes 3000 tracked objects, more than the heads' initial room, so the arrays are
    // replaced while finalize_garbage and the later phases are using the heads.
    const t: FakeTypeSpec = {
      name: "Maker",
      del: (o) => {
        for (let i = 0; i < 3000; i++) made.push(h.obj(`${o.name}.m${i}`));
      },
    };
    const a = h.obj("a", t);
    const b = h.obj("b", t);
    const keep = h.obj("keep");
    h.link(a, b);
    h.link(b, a);
    h.release(a, b);
    expect(gc_collect(h.state)).toBe(2);
    expect(a.freed && b.freed && !keep.freed).toBe(true);
    // Everything the finalizers made is alive, tracked once, in the youngest generation or promoted.
    expect(made).toHaveLength(6000);
    const tracked = gc_get_objects(h.state, null);
    expect(new Set(tracked).size).toBe(tracked.length);
    expect(made.every((o) => tracked.includes(o))).toBe(true);
    // The made objects are still held by the test: a full collection frees none of them.
    expect(gc_collect(h.state)).toBe(0);
    h.release(...made);
    expect(made.every((o) => o.freed)).toBe(true);
    expect(gc_get_objects(h.state, null)).toEqual([keep]);
  });

  it("reuse the indices of untracked objects, so a long run does not grow them", () => {
    const h = new FakeHeap();
    for (let round = 0; round < 50; round++) {
      const ring = Array.from({ length: 100 }, (_, i) => h.obj(`r${round}.${i}`));
      ring.forEach((node, i) => h.link(node, ring[(i + 1) % ring.length]));
      h.release(...ring);
      expect(gc_collect(h.state)).toBe(100);
    }
    expect(h.state.heads.next.length).toBe(1024);
  });
});
