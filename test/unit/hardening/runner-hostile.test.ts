// The hostile programs through the runner, as a process: `npm run -s py -- FLAGS FILE.py`. Each must
// end with exit status 1 and a Python-style last stderr line (an exception or a named limit), and
// never with a crash of node itself (a signal, a V8 fatal error, exit status other than 0/1).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { endingOf, HOSTILE_PROGRAMS } from "./hostile-programs";

const repo = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "heapwise-hostile-"));

function py(args: string[], timeoutMs = 120_000) {
  return spawnSync("npm", ["run", "-s", "py", "--", ...args], { cwd: repo, encoding: "utf8", timeout: timeoutMs, maxBuffer: 256 * 1024 * 1024 });
}

function file(name: string, source: string): string {
  const path = join(dir, `${name.replace(/\W+/g, "_")}.py`);
  writeFileSync(path, source);
  return path;
}

const FLAGS = ["--max-steps", "3000000", "--max-memory", String(128 * 1024 * 1024), "--timeout", "30"];

beforeAll(() => {
  // `npm run py` bundles the engine first when its sources changed; do it once, outside the tests.
  const warm = py([file("warm", "pass\n")]);
  expect(warm.status).toBe(0);
}, 180_000);

describe("hostile programs through npm run py", () => {
  for (const program of HOSTILE_PROGRAMS) {
    test(program.name, () => {
      // A program that must finish gets room for its steps; the others meet the limits.
      const flags = program.endings.length === 0 ? ["--max-steps", "50000000", "--timeout", "60"] : FLAGS;
      const run = py([...flags, file(program.name, program.source)]);
      expect(run.signal, run.stderr.slice(-2000)).toBeNull();
      if (program.endings.length === 0) {
        expect(run.stderr).toBe("");
        expect(run.status).toBe(0);
        return;
      }
      expect(run.status, run.stderr.slice(-2000)).toBe(1);
      expect(program.endings).toContain(endingOf(run.stderr));
    });
  }

  test("deep recursion ends in RecursionError with CPython's traceback shape", () => {
    const run = py([...FLAGS, file("rec", "def f(n):\n    return f(n + 1)\nf(0)\n")]);
    expect(run.stderr).toMatch(/^Traceback \(most recent call last\):\n/);
    expect(run.stderr).toContain("[Previous line repeated 996 more times]");
    expect(run.stderr.trimEnd().split("\n").at(-1)).toBe("RecursionError: maximum recursion depth exceeded");
  });

  test("each limit names itself", () => {
    const steps = py(["--max-steps", "1000", file("steps", "while True: pass\n")]);
    expect(steps.stderr).toBe("StepLimitExceeded: the program ran for more than 1000 steps (step limit)\n");
    const memory = py(["--max-memory", "1000000", file("memory", "x = []\nwhile True: x.append([1, 2, 3])\n")]);
    expect(memory.stderr).toBe("MemoryLimitExceeded: the program used more than 1000000 bytes of simulated heap (memory limit)\n");
    const time = py(["--timeout", "1", file("time", "while True: pass\n")]);
    expect(time.stderr).toBe("TimeLimitExceeded: the program ran longer than its time limit (time limit)\n");
    for (const run of [steps, memory, time]) expect(run.status).toBe(1);
  });

  test("a lowered recursion limit is honoured", () => {
    const run = py([...FLAGS, file("lowered", "import sys\nsys.setrecursionlimit(60)\ndef f(n):\n    return 1 + f(n + 1) if n < 100 else 0\ntry:\n    f(0)\nexcept RecursionError as e:\n    print('caught', e)\nprint(sys.getrecursionlimit())\n")]);
    expect(run.stdout).toBe("caught maximum recursion depth exceeded\n60\n");
  });

  test("bad flags and missing files are refused with status 2", () => {
    expect(py(["--max-frobs", "1", file("ok", "pass\n")]).status).toBe(2);
    const missing = py([join(dir, "nope.py")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("can't open file");
  });
});
