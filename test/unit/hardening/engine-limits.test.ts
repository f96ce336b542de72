// Every limit in RunLimits ends a run with a message that names it (RunResult.error.limit, and the
// last stderr line), and the recursion limit a level sets is the one RecursionError fires at.
import { beforeAll, describe, expect, test } from "vitest";
import { loadEngineProbe, type EngineProbe } from "../../fuzz/bundle";

let probe: EngineProbe;
beforeAll(async () => {
  probe = await loadEngineProbe();
});

const lastLine = (stderr: string) => stderr.trimEnd().split("\n").at(-1);

describe("engine limits", () => {
  test("steps", () => {
    const r = probe.runSource("while True: pass\n", { maxSteps: 10_000 });
    expect(r.error).toMatchObject({ type: "StepLimitExceeded", limit: "steps" });
    expect(lastLine(r.stderr)).toBe("StepLimitExceeded: the program ran for more than 10000 steps (step limit)");
    expect(r.exitCode).toBe(1);
  });

  test("simulated heap bytes", () => {
    const r = probe.runSource("x = []\nwhile True: x.append([0] * 100)\n", { maxMemoryBytes: 2_000_000, maxSteps: 10_000_000 });
    expect(r.error).toMatchObject({ type: "MemoryLimitExceeded", limit: "memory" });
    expect(lastLine(r.stderr)).toBe("MemoryLimitExceeded: the program used more than 2000000 bytes of simulated heap (memory limit)");
  });

  test("output size, with the output before the limit kept", () => {
    const r = probe.runSource("i = 0\nwhile True:\n    print(i)\n    i += 1\n", { maxOutputBytes: 1000, maxSteps: 10_000_000 });
    expect(r.error).toMatchObject({ type: "OutputLimitExceeded", limit: "output" });
    expect(r.stdout.startsWith("0\n1\n2\n")).toBe(true);
    expect(r.stdout.length).toBeLessThanOrEqual(1000);
    expect(lastLine(r.stderr)).toBe("OutputLimitExceeded: the program wrote more than 1000 characters of output (output limit)");
  });

  test("wall time", () => {
    const r = probe.runSource("while True: pass\n", { timeoutMs: 200 });
    expect(r.error).toMatchObject({ type: "TimeLimitExceeded", limit: "time" });
    expect(lastLine(r.stderr)).toBe("TimeLimitExceeded: the program ran longer than its time limit (time limit)");
  });

  test("wall time is for the run as a whole: a run stepped line by line meets it too", () => {
    // Each stepLine runs one short line; the deadline used to restart with every call (P4).
    const session = new probe.EngineSession("i = 0\nwhile True:\n    i += 1\n", { timeoutMs: 300 });
    const started = Date.now();
    let end = session.stepLine();
    while (!end.finished && Date.now() - started < 20_000) end = session.stepLine();
    expect(end.finished).toBe(true);
    expect(end.error).toMatchObject({ type: "TimeLimitExceeded", limit: "time" });
  });

  test("time between steps (the player reading) does not count toward the time limit", async () => {
    const session = new probe.EngineSession("x = 1\ny = 2\nz = 3\n", { timeoutMs: 150 });
    session.stepLine();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const end = session.runToEnd();
    expect(end.error).toBeUndefined();
    expect(end.finished).toBe(true);
  });

  test("the engine's stack depth bounds a recursion the program allowed with sys.setrecursionlimit", () => {
    const source = "import sys\nsys.setrecursionlimit(10**9)\ndef f(n):\n    return f(n + 1)\nf(0)\n";
    const r = probe.runSource(source, { maxStackDepth: 3000, maxSteps: 10_000_000 });
    expect(r.error).toMatchObject({ type: "MemoryLimitExceeded", limit: "memory" });
    expect(lastLine(r.stderr)).toBe("MemoryLimitExceeded: the program nested more than 3000 calls, more frames than the engine keeps (memory limit)");
    // Under it, the Python recursion limit is still the one that fires, with CPython's error.
    const lower = probe.runSource("import sys\nsys.setrecursionlimit(2000)\ndef f(n):\n    return f(n + 1)\nf(0)\n", { maxStackDepth: 3000 });
    expect(lower.error?.type).toBe("RecursionError");
    expect(lastLine(lower.stderr)).toBe("RecursionError: maximum recursion depth exceeded");
  });

  test("cancel stops a session at the next instruction boundary", () => {
    const session = new probe.EngineSession("while True: pass\n", {});
    session.stepLine();
    session.cancel();
    const end = session.runToEnd();
    expect(end.finished).toBe(true);
    expect(end.error).toMatchObject({ limit: "cancelled" });
  });

  test("a level's lower recursion limit is the depth RecursionError fires at", () => {
    const source = "import sys\nprint(sys.getrecursionlimit())\ndepth = 0\ndef f():\n    global depth\n    depth += 1\n    f()\ntry:\n    f()\nexcept RecursionError as e:\n    print(e, depth)\n";
    // CPython 3.13 prints `1000` and `maximum recursion depth exceeded 999` for the default limit
    // (the module frame counts as one).
    expect(probe.runSource(source).stdout).toBe("1000\nmaximum recursion depth exceeded 999\n");
    expect(probe.runSource(source, { recursionLimit: 50 }).stdout).toBe("50\nmaximum recursion depth exceeded 49\n");
  });

  test("a RecursionError can be caught, and the program goes on", () => {
    const r = probe.runSource("def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError:\n    print('caught')\nprint('after')\n", { recursionLimit: 100 });
    expect(r.stdout).toBe("caught\nafter\n");
    expect(r.exitCode).toBe(0);
  });
});
