import { afterAll, describe, expect, it } from "vitest";
import type { RunOptions, RunResult } from "../../src-main/engine/facade-types";
import { useEngine } from "../../src-main/levels/engine-port";
import { evaluateAttempt, programFor, type Attempt } from "../../src-main/levels/evaluate";
import { parseLocatedYaml } from "../../src-main/levels/located-yaml";
import { PROBE_MARKER, probeSource, readProbeOutput } from "../../src-main/levels/probes";
import { callsName, countStatements } from "../../src-main/levels/python-source";
import { LevelSchema, type Level } from "../../src-main/levels/schema";

/** The probe marker (with its nonce) that a probe program prints, or null for a plain run. */
const markerIn = (source: string) => new RegExp(`${PROBE_MARKER}-[0-9a-f]+`).exec(source)?.[0] ?? null;

/** A stand-in engine: answers from a table, and records what it was asked to run. */
function fakeEngine(answer: (source: string) => Partial<RunResult>) {
  const ran: string[] = [];
  return {
    ran,
    runSource(source: string, _options?: RunOptions): RunResult {
      ran.push(source);
      return { stdout: "", stderr: "", exitCode: 0, steps: 1, ...answer(source) };
    },
  };
}
afterAll(() => useEngine(null));

const level = (yaml: Record<string, unknown>): Level =>
  LevelSchema.parse({ id: "t", title: "T", concept: "c", intro: "i", solutions: [{}], ...yaml });

describe("evaluateAttempt", () => {
  const predict = level({
    kind: "predict",
    code: "import sys\na = []\nprint(sys.getrefcount(a))\n",
    prompts: ["one"],
    goals: [{ type: "predictions_match_output" }],
    stars: [{ type: "no_hints" }],
  });

  it("a predict level is won when each prediction equals the engine's printed line", () => {
    const engine = fakeEngine(() => ({ stdout: "2\n" }));
    useEngine(engine);
    const won = evaluateAttempt(null, predict, { code: "ignored", predictions: [" 2 "] });
    expect(won).toMatchObject({ won: true, stars: 2, maxStars: 2 });
    expect(engine.ran).toEqual([predict.code]); // the level's code, not the attempt's

    const lost = evaluateAttempt(null, predict, { code: "", predictions: ["3"], hintsUsed: 1 });
    expect(lost).toMatchObject({ won: false, stars: 0 });
    expect(lost.messages).toEqual(["Prediction 1: you said 3, the program printed 2."]);

    const count = evaluateAttempt(null, predict, { code: "", predictions: ["2", "3"] });
    expect(count.messages).toEqual(["The program printed 1 line, and you made 2 predictions."]);
  });

  it("an uncaught exception or a limit loses, with the engine's error", () => {
    useEngine(fakeEngine(() => ({ exitCode: 1, error: { type: "NameError", message: "name 'x' is not defined", line: 3 } })));
    const result = evaluateAttempt(null, predict, { code: "", predictions: ["2"] });
    expect(result.won).toBe(false);
    expect(result.messages).toContain("The program raised NameError: name 'x' is not defined (line 3).");
  });

  it("an engine crash loses with a message that blames Heapwise, not the player", () => {
    useEngine({
      runSource(): RunResult {
        throw new Error("internal: no such opcode");
      },
    });
    const result = evaluateAttempt(null, predict, { code: "", predictions: ["2"] });
    expect(result.won).toBe(false);
    expect(result.messages).toEqual(["Heapwise's engine failed on this program (a bug in Heapwise, not in your code): internal: no such opcode."]);
  });

  it("peak budgets are read by a probe appended to the program, and give stars", () => {
    const edit = level({
      kind: "edit",
      code: "import tracemalloc\ntracemalloc.start()\nx = [0] * 1000\n",
      locked_lines: [1, 2],
      goals: [{ type: "peak_traced_bytes_at_most", bytes: 1000 }],
      stars: [{ type: "peak_bytes_at_most", bytes: 500 }],
    });
    let peak = 800;
    const engine = fakeEngine((source) => {
      const m = markerIn(source);
      return m ? { stdout: `${m} peak ${peak}\n${m} tracing True\n` } : {};
    });
    useEngine(engine);
    const attempt: Attempt = { code: "import tracemalloc\ntracemalloc.start()\nx = 1\n" };
    expect(evaluateAttempt(null, edit, attempt)).toMatchObject({ won: true, stars: 1, figures: { peakBytes: 800 } });
    expect(engine.ran[1]!.startsWith(attempt.code)).toBe(true);
    peak = 400;
    expect(evaluateAttempt(null, edit, attempt)).toMatchObject({ won: true, stars: 2 });
    peak = 5000;
    expect(evaluateAttempt(null, edit, attempt).messages).toEqual(["The traced peak was 5000 bytes; the budget is 1000 bytes."]);
    // Removing a locked line loses whatever the engine says.
    const unlocked = evaluateAttempt(null, edit, { code: "import tracemalloc\nx = 1\n" });
    expect(unlocked.won).toBe(false);
    expect(unlocked.messages[0]).toBe("Line 2 (tracemalloc.start()) is locked: keep it, unchanged and in its place.");
  });

  it("a peak is not accepted when tracemalloc stopped tracing", () => {
    const edit = level({ kind: "sandbox", code: "", goals: [{ type: "peak_traced_bytes_at_most", bytes: 1000 }] });
    useEngine(fakeEngine((s) => {
      const m = markerIn(s);
      return m ? { stdout: `${m} peak 0\n${m} tracing False\n` } : {};
    }));
    expect(evaluateAttempt(null, edit, { code: "pass\n" }).won).toBe(false);
  });

  it("a program cannot print fake probe answers: each probe run has its own marker", () => {
    const edit = level({ kind: "sandbox", code: "", goals: [{ type: "peak_traced_bytes_at_most", bytes: 1000 }] });
    // The real probe says 5000; a finalizer at exit prints fake lines after it, with a guessed marker.
    useEngine(fakeEngine((s) => {
      const m = markerIn(s);
      return m ? { stdout: `${m} peak 5000\n${m} tracing True\n${PROBE_MARKER} peak 1\n${PROBE_MARKER}-0 peak 1\n` } : {};
    }));
    expect(evaluateAttempt(null, edit, { code: "pass\n" }).messages).toEqual(["The traced peak was 5000 bytes; the budget is 1000 bytes."]);
  });
});

describe("programFor", () => {
  const cut = level({
    kind: "cut",
    code: "a = A()\nb = B()\nprint('end')\n",
    insert_after_line: 2,
    cuts: [
      { id: "one", from: "a", label: ".x", statement: "a.x = None" },
      { id: "two", from: "b", label: ".y", statement: "del b.y" },
    ],
    goals: [{ type: "output_contains", text: "end" }],
  });

  it("inserts cut statements after the given line, in the order cut", () => {
    expect(programFor(cut, { code: "", cuts: ["two", "one"] })).toEqual({
      program: "a = A()\nb = B()\ndel b.y\na.x = None\nprint('end')\n",
      problems: [],
    });
  });

  it("reports unknown and repeated cuts", () => {
    expect(programFor(cut, { code: "", cuts: ["one", "one", "zzz"] }).problems).toEqual([
      "The arrow a .x was cut twice.",
      'There is no arrow "zzz" to cut in this level.',
    ]);
  });
});

describe("probes", () => {
  it("reads values and failures, ignoring the program's own lines", () => {
    const answers = readProbeOutput(`hello\n${PROBE_MARKER} peak 123\n${PROBE_MARKER}-error live:C NameError: name 'gc' is not defined\n`);
    expect(answers.ran).toBe(true);
    expect(answers.values.get("peak")).toBe("123");
    expect(answers.failures.get("live:C")).toBe("NameError: name 'gc' is not defined");
    expect(readProbeOutput("hello\n").ran).toBe(false);
  });

  it("reads the peak before anything else and collects last", () => {
    const source = probeSource([{ kind: "live_after_collect", className: "C" }, { kind: "peak" }]);
    expect(source.indexOf("get_traced_memory")).toBeLessThan(source.indexOf("import gc"));
    expect(source.indexOf("_hw_gc.collect()")).toBeGreaterThan(source.indexOf("import gc"));
  });
});

describe("python-source", () => {
  it("counts statements like Python's ast, nested ones included", () => {
    expect(countStatements("import gc\nfor i in range(3):\n    x = i; y = x\nprint(y)\n")).toBe(5);
  });

  it("finds calls through aliases and from-imports, not in strings or comments", () => {
    expect(callsName("import gc\ngc.collect()\n", "gc.collect")).toBe(true);
    expect(callsName("import gc as g\ng.collect()\n", "gc.collect")).toBe(true);
    expect(callsName("from gc import collect as c\nc()\n", "gc.collect")).toBe(true);
    expect(callsName("import gc\nprint('gc.collect()')  # gc.collect()\n", "gc.collect")).toBe(false);
    expect(callsName("import gc\ngc.collect\n", "gc.collect")).toBe(false);
  });
});

describe("located YAML", () => {
  it("maps a line and column inside a | block to the YAML file", () => {
    const doc = parseLocatedYaml("x.yaml", "id: a\ncode: |\n  x = 1\n  print(x\nother: 1\n");
    expect(doc.atTextPosition(["code"], 2, 6, "m")).toEqual({ file: "x.yaml", line: 4, column: 8, message: "m" });
    expect(doc.at(["other"], "m")).toMatchObject({ line: 5, column: 8 });
    expect(doc.atKey([], "other", "m")).toMatchObject({ line: 5, column: 1 });
    // A missing path points at the nearest parent that exists.
    expect(doc.at(["nothing", 3], "m")).toMatchObject({ line: 1, column: 1 });
  });
});
