// The heap snapshot's `gc` field: whether each GC object is tracked and which generation holds it
// (the heap scene's rings). The collector keeps no per-object generation, as gc.c keeps none; the
// snapshot finds them by walking the generation lists (gc_generation_map).
import { describe, expect, it } from "vitest";
import { EngineSession } from "../../../src-main/engine/index";
import type { HeapSnapshot, ObjectView } from "../../../src-main/engine/facade-types";

/** The snapshot taken when line `line` is about to run. */
function at(source: string, line: number): HeapSnapshot {
  const s = new EngineSession(source, { filename: "t.py" });
  for (let i = 0; i < 100 && !s.finished; i++) {
    const snap = s.stepLine();
    if (snap.line === line) return snap;
  }
  throw new Error(`line ${line} never reached`);
}

function bound(snap: HeapSnapshot, name: string): ObjectView {
  const target = snap.frames[0].locals.find((l) => l.name === name)!.target;
  return snap.objects.find((o) => o.id === target)!;
}

const SOURCE = `import gc
gc.disable()
old = [1]
gc.collect()
young = [2]
gc.collect(0)
newest = [3]
plain = (1, 2)
gc.collect()
gc.freeze()
frozen = 1
`;

describe("snapshot generations", () => {
  it("follow the objects through collections and gc.freeze()", () => {
    const before = at(SOURCE, 4);
    expect(bound(before, "old").gc).toEqual({ tracked: true, generation: 0 });

    const afterFull = at(SOURCE, 6);
    expect(bound(afterFull, "old").gc).toEqual({ tracked: true, generation: 2 });
    expect(bound(afterFull, "young").gc).toEqual({ tracked: true, generation: 0 });

    const afterYoung = at(SOURCE, 9);
    expect(bound(afterYoung, "young").gc).toEqual({ tracked: true, generation: 1 });
    expect(bound(afterYoung, "newest").gc).toEqual({ tracked: true, generation: 0 });
    // The constant tuple was made with the module's code and untracked by the first full
    // collection (untrack_tuples: nothing in it can be in a cycle), as CPython 3.13 does.
    expect(bound(afterYoung, "plain").gc).toEqual({ tracked: false, generation: null });

    const frozen = at(SOURCE, 11);
    for (const name of ["old", "young", "newest"]) expect(bound(frozen, name).gc).toEqual({ tracked: true, generation: "permanent" });
  });
});
