// EngineSession: the per-step EngineEvent log (snapshot diffs) and where line stepping pauses.
import { describe, expect, it } from "vitest";
import { EngineSession } from "../../../src-main/engine/index";
import { diffEvents } from "../../../src-main/engine/events";
import type { HeapSnapshot } from "../../../src-main/engine/facade-types";

const SOURCE = `class A:
    def __init__(self, v):
        self.v = v
a = A(1)
b = sorted([3, 1, 2], key=lambda x: -x)
x = [a]
del a
`;

function steps(source: string, record: boolean): HeapSnapshot[] {
  const s = new EngineSession(source, { filename: "t.py" });
  if (record) s.recordEvents(true);
  const out: HeapSnapshot[] = [];
  for (let i = 0; i < 50 && !s.finished; i++) out.push(s.stepLine());
  return out;
}

describe("EngineSession events", () => {
  it("attaches no events unless asked", () => {
    for (const snap of steps(SOURCE, false)) expect(snap.events).toBeUndefined();
  });

  it("reports binds, allocations, refcount changes and unbinds per step", () => {
    const snaps = steps(SOURCE, true);
    const all = snaps.flatMap((s) => s.events ?? []);
    const bindA = all.find((e) => e.kind === "bind" && e.name === "a" && e.frame === 0);
    expect(bindA).toBeDefined();
    const instanceId = bindA!.kind === "bind" ? bindA!.id : -1;
    expect(all.some((e) => e.kind === "alloc" && e.id === instanceId && e.type === "A")).toBe(true);
    // x = [a] adds a reference to the instance; del a removes the name and one reference.
    expect(all.some((e) => e.kind === "incref" && e.id === instanceId && e.refcount === 2)).toBe(true);
    expect(all.some((e) => e.kind === "unbind" && e.name === "a")).toBe(true);
    expect(all.some((e) => e.kind === "decref" && e.id === instanceId && e.refcount === 1)).toBe(true);
    expect(all.filter((e) => e.kind === "line").map((e) => (e.kind === "line" ? e.line : 0))).toContain(6);
  });

  it("diffs a removed object as free and a new one as alloc", () => {
    const base = { line: 1, finished: false, frames: [], truncated: false, stdout: "", stderr: "", steps: 0 };
    const obj = { id: 7, type: "list", repr: "[]", refcount: 1, immortal: false, size: 56, refs: [] };
    expect(diffEvents({ ...base, objects: [obj] }, { ...base, line: 2, objects: [] })).toEqual([{ kind: "free", id: 7 }, { kind: "line", line: 2 }]);
    expect(diffEvents(null, { ...base, objects: [obj] })).toEqual([{ kind: "alloc", id: 7, type: "list", size: 56 }, { kind: "line", line: 1 }]);
  });
});

describe("EngineSession line stepping", () => {
  it("pauses inside __init__ run by a class call", () => {
    const frames = steps(SOURCE, false).map((s) => s.frames.map((f) => f.name).join(">"));
    expect(frames).toContain("<module>>__init__");
  });

  it("runs a sorted() key callback within one step (a builtin's JS frame cannot be suspended)", () => {
    const names = steps(SOURCE, false).flatMap((s) => s.frames.map((f) => f.name));
    expect(names).not.toContain("<lambda>");
  });
});
