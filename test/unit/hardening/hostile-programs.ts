// The hostile programs of the hardening brief, shared by the runner and worker tests. Each must end
// promptly with a Python-style error (or a named limit) and leave the app responsive.
// `expect` is the error each may end with: an exception type or a limit headline.

export interface HostileProgram {
  name: string;
  source: string;
  /** Acceptable endings as the first word of the last stderr line / RunResult.error.type. */
  endings: readonly string[];
}

/** Limit headlines the engine writes (vm/runtime.ts) and exception types CPython would raise. */
const LIMITS = ["StepLimitExceeded", "MemoryLimitExceeded", "TimeLimitExceeded", "OutputLimitExceeded"] as const;

export const HOSTILE_PROGRAMS: HostileProgram[] = [
  { name: "while True: pass", source: "while True: pass\n", endings: ["StepLimitExceeded", "TimeLimitExceeded"] },
  { name: "a list that appends itself forever", source: "x = []\nwhile True: x.append(x)\n", endings: LIMITS },
  { name: "deep recursion", source: "def f(n):\n    return f(n + 1)\nf(0)\n", endings: ["RecursionError"] },
  {
    name: "print in a tight loop",
    source: "while True: print('spam spam spam spam')\n",
    endings: ["OutputLimitExceeded", "StepLimitExceeded", "TimeLimitExceeded"],
  },
  {
    name: "a never-ending generator consumed by list()",
    source: "def g():\n    i = 0\n    while True:\n        yield i\n        i += 1\nlist(g())\n",
    endings: [...LIMITS, "MemoryError"],
  },
  {
    name: "sys.setrecursionlimit(10**9) then recursion",
    source: "import sys\nsys.setrecursionlimit(10**9)\ndef f(n):\n    return f(n + 1)\nf(0)\n",
    endings: [...LIMITS, "RecursionError", "MemoryError"],
  },
  {
    // Far deeper than the JS stack, so a recursive dealloc would overflow it.
    name: "a million nested lists freed at once",
    source: "x = None\nfor i in range(1000000):\n    x = [x]\ndel x\nprint('freed')\n",
    endings: [],
  },
];

/** Programs that currently crash or misreport (kept out of CI; see test/fuzz/pending/). */
export const HOSTILE_PENDING: HostileProgram[] = [
  { name: "[0] * 10**10", source: "[0] * 10**10\n", endings: ["MemoryError", "MemoryLimitExceeded"] },
  { name: "'a' * 10**10", source: "'a' * 10**10\n", endings: ["MemoryError", "MemoryLimitExceeded"] },
];

/** The first word of the last non-empty stderr line: the exception type or limit headline. */
export function endingOf(stderr: string): string {
  const last = stderr.trimEnd().split("\n").at(-1) ?? "";
  return last.split(":")[0] ?? "";
}
