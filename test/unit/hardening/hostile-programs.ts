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

/** CPython's MemoryError, or the engine's memory limit where CPython would allocate gigabytes. */
const TOO_BIG = ["MemoryError", "MemoryLimitExceeded"] as const;

/**
 * Big or negative sizes in one expression (SECURITY.md P1/P2). Each used to abort the process (V8
 * "invalid size"), fill the Node heap, or end in "internal engine error". `lastLine` is CPython
 * 3.13's own last stderr line where CPython refuses the size whatever the machine (checked with the
 * oracle); the others CPython would try to allocate.
 */
export const HOSTILE_SIZES: (HostileProgram & { lastLine?: string })[] = [
  { name: "[0] * 10**10", source: "[0] * 10**10\n", endings: TOO_BIG },
  { name: "[0, 1] * 2**62", source: "[0, 1] * 2**62\n", endings: ["MemoryError"], lastLine: "MemoryError" },
  { name: "'a' * 10**10", source: "'a' * 10**10\n", endings: TOO_BIG },
  { name: "'ab' * 2**62", source: "'ab' * 2**62\n", endings: ["OverflowError"], lastLine: "OverflowError: repeated string is too long" },
  { name: "b'a' * 10**10", source: "b'a' * 10**10\n", endings: TOO_BIG },
  { name: "'x'.ljust(10**10)", source: "'x'.ljust(10**10)\n", endings: TOO_BIG },
  { name: "'x'.rjust(10**10)", source: "'x'.rjust(10**10)\n", endings: TOO_BIG },
  { name: "'x'.center(10**10)", source: "'x'.center(10**10)\n", endings: TOO_BIG },
  { name: "'x'.zfill(10**10)", source: "'x'.zfill(10**10)\n", endings: TOO_BIG },
  { name: "'{:>10000000000}'.format(1)", source: "'{:>10000000000}'.format(1)\n", endings: TOO_BIG },
  { name: "f'{1:>10000000000}'", source: "f'{1:>10000000000}'\n", endings: TOO_BIG },
  { name: "bytes(10**10)", source: "bytes(10**10)\n", endings: TOO_BIG },
  { name: "bytes(-1)", source: "bytes(-1)\n", endings: ["ValueError"], lastLine: "ValueError: negative count" },
  { name: "bytearray(10**10)", source: "bytearray(10**10)\n", endings: TOO_BIG },
  { name: "bytearray(2**31)", source: "bytearray(2**31)\n", endings: TOO_BIG },
  { name: "list(range(2**31))", source: "list(range(2**31))\n", endings: TOO_BIG },
];

/** The first word of the last non-empty stderr line: the exception type or limit headline. */
export function endingOf(stderr: string): string {
  const last = stderr.trimEnd().split("\n").at(-1) ?? "";
  return last.split(":")[0] ?? "";
}
