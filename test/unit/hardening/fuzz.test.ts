// Property test: the engine only ever ends with output, a Python exception or a named limit, never
// a JavaScript exception, an internal error, a run past its limits or a refcount that disagrees
// with the references the heap holds. Bounded for CI; `npm run -s fuzz -- --runs N` runs longer.
import fc from "fast-check";
import { beforeAll, describe, expect, test } from "vitest";
import { loadEngineProbe, type EngineProbe } from "../../fuzz/bundle";
import { programArbitrary, PRELUDE } from "../../fuzz/program-gen";
import { loadCorpus, mutantArbitrary, applyMutation } from "../../fuzz/mutate";
import { judgeProgram } from "../../fuzz/judge";

let probe: EngineProbe;
beforeAll(async () => {
  probe = await loadEngineProbe();
});

/** Steps the session line by line to its end, requiring a clean audit at each pause; returns how many. */
function auditEveryLine(session: InstanceType<EngineProbe["EngineSession"]>): number {
  let audits = 0;
  while (!session.finished) {
    session.stepLine();
    if (session.finished) break;
    expect(probe.auditRefcounts(session)).toEqual([]);
    audits++;
  }
  return audits;
}

describe("the refcount audit", () => {
  test("holds on a program with cycles, generators and finalizers", () => {
    const session = new probe.EngineSession(
      PRELUDE + "a = Node([1, 2])\nb = Node(a)\na.next = b\nx = [a, b]\nx.append(x)\ng = pairs(3)\nnext(g)\nc = {'k': x}\ndel x\n",
    );
    const audits = auditEveryLine(session);
    expect(audits).toBeGreaterThan(10);
  });

  test("holds while a caught exception's traceback keeps a finished frame's locals (tb_frame, f_back)", () => {
    // From fuzz campaign seed 2027: the audit took tb_frame and f_back for borrowed fields.
    const session = new probe.EngineSession(
      "class Keep:\n    pass\nitems = [Keep()]\ndef fails(x):\n    raise KeyError(len(x))\ntry:\n    fails(items)\nexcept KeyError as e:\n    kept = e\n    pass\nitems = None\npass\nkept = None\npass\n",
    );
    const audits = auditEveryLine(session);
    expect(audits).toBeGreaterThan(8);
  });

  test("holds while FrameLocalsProxy objects keep frame objects and write extra locals", () => {
    // The lists FrameLocalsProxy methods return, the values they share with the finished frame
    // and the extra locals written through it must all be counted exactly.
    const session = new probe.EngineSession(
      "import sys\ndef f():\n    a = [1]\n    v = sys._getframe().f_locals\n    v['extra'] = [2]\n    return v\nview = f()\nkeys = view.keys()\nitems = view.items()\nvalues = list(view.values())\nview.update({'a': [3]})\npass\nclass K:\n    try:\n        1 / 0\n    except ZeroDivisionError as e:\n        kept = e\nns = K.kept.__traceback__.tb_frame.f_locals\npass\nview = None\nns = None\npass\n",
    );
    const audits = auditEveryLine(session);
    expect(audits).toBeGreaterThan(8);
  });

  test("finds a reference count that is too low or too high", () => {
    const session = new probe.EngineSession("x = [1, 2]\ny = [x, x]\npass\npass\npass\n");
    // Step until y is bound (how many steps that takes is the facade's business).
    const bound = () => session.snapshot().frames[0]?.locals.some((l) => l.name === "y") ?? false;
    for (let i = 0; i < 4 && !bound(); i++) session.stepLine();
    expect(bound()).toBe(true);
    expect(session.finished).toBe(false);
    expect(probe.auditRefcounts(session)).toEqual([]);
    // Reach into the engine the way a refcounting bug would: one reference too many, then too few.
    type Entry = { key: { value?: string }; value: { refcnt: number } };
    const program = (session as unknown as { program: { mainModule: { dict: { map: Map<unknown, Entry> } } } }).program;
    const x = [...program.mainModule.dict.map.values()].find((e) => e.key.value === "x")!.value;
    expect(x.refcnt).toBe(3); // the global x and y's two items
    x.refcnt++;
    expect(probe.auditRefcounts(session)).toEqual([expect.objectContaining({ kind: "leak", type: "list", refcnt: 4, counted: 3 })]);
    x.refcnt -= 2;
    expect(probe.auditRefcounts(session)).toEqual([expect.objectContaining({ kind: "under", type: "list", refcnt: 2, counted: 3 })]);
    x.refcnt++;
  });
});

describe("fuzzing the engine", () => {
  test("generated programs end with output, a Python exception or a named limit", () => {
    fc.assert(
      fc.property(programArbitrary, (source) => {
        const verdict = judgeProgram(probe, source);
        expect(verdict, source).toMatchObject({ ok: true });
      }),
      { numRuns: 40, seed: 20261124 },
    );
  }, 120_000);

  test("mutated corpus programs end with output, a Python exception or a named limit", () => {
    const corpus = loadCorpus();
    expect(corpus.length).toBeGreaterThan(50);
    fc.assert(
      fc.property(mutantArbitrary(corpus), (program) => {
        const verdict = judgeProgram(probe, program.source);
        expect(verdict, program.name).toMatchObject({ ok: true });
      }),
      { numRuns: 25, seed: 20261125 },
    );
  }, 120_000);

  test("mutations change the program as named", () => {
    const source = 'a = 1\nb = "x"\nc = 3';
    expect(applyMutation(source, { kind: "delete", at: 1 })).toBe("a = 1\nc = 3");
    expect(applyMutation(source, { kind: "duplicate", at: 3 })).toBe('a = 1\na = 1\nb = "x"\nc = 3');
    expect(applyMutation(source, { kind: "swap", at: 0 })).toBe('b = "x"\na = 1\nc = 3');
    expect(applyMutation(source, { kind: "int", at: 2, value: "10**6" })).toBe('a = 1\nb = "x"\nc = 10**6');
    expect(applyMutation(source, { kind: "str", at: 1, value: '""' })).toBe('a = 1\nb = ""\nc = 3');
  });

  test("the judge refuses an internal error and accepts a Python exception", () => {
    expect(judgeProgram(probe, "raise KeyError('k')\n")).toMatchObject({ ok: true, ending: "python-error" });
    expect(judgeProgram(probe, "while True: pass\n")).toMatchObject({ ok: true, ending: "limit" });
    expect(judgeProgram(probe, "print(1)\n")).toMatchObject({ ok: true, ending: "finished" });
  });
});
