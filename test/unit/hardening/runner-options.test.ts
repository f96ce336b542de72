// The runner's limit options (src-main/cli/py.ts): each turns one engine limit on and the limit
// names itself; a bad value is refused before anything runs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";

const repo = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "heapwise-runner-options-"));

function py(args: string[]) {
  return spawnSync("npm", ["run", "-s", "py", "--", ...args], { cwd: repo, encoding: "utf8", timeout: 120_000 });
}

function file(name: string, source: string): string {
  const path = join(dir, `${name}.py`);
  writeFileSync(path, source);
  return path;
}

beforeAll(() => {
  expect(py([file("warm", "pass\n")]).status).toBe(0);
}, 180_000);

describe("npm run py options", () => {
  test("--max-output keeps what came before the limit and names it", () => {
    const run = py(["--max-output", "100", file("print_forever", "while True:\n    print('x' * 9)\n")]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("xxxxxxxxx\n".repeat(10)); // 100 characters: the write past them is the one refused
    expect(run.stderr.trim().split("\n").pop()).toBe("OutputLimitExceeded: the program wrote more than 100 characters of output (output limit)");
  });

  test("--recursion-limit is the depth RecursionError fires at", () => {
    const source = "import sys\nprint(sys.getrecursionlimit())\ndef depth(n):\n    try:\n        return depth(n + 1)\n    except RecursionError:\n        return n\nprint(depth(1))\n";
    const run = py(["--recursion-limit", "50", file("depth", source)]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe("50\n49\n");
  });

  test("a bad or missing value is refused with exit status 2 and nothing run", () => {
    const program = file("says_hi", "print('hi')\n");
    for (const [args, message] of [
      [["--max-steps", "abc", program], 'py: --max-steps needs a positive whole number, got "abc"'],
      [["--max-memory", "-5", program], 'py: --max-memory needs a positive whole number, got "-5"'],
      [["--recursion-limit", "2.5", program], 'py: --recursion-limit needs a positive whole number, got "2.5"'],
      [["--timeout", "0", program], 'py: --timeout needs a positive number, got "0"'],
      [[program, "--max-output"], "py: --max-output needs a positive whole number, got nothing"],
    ] as const) {
      const run = py([...args]);
      expect(run.status, args.join(" ")).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim()).toBe(message);
    }
    const unknown = py(["--max-stack", "5", program]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^py: unknown option --max-stack\nusage: py /);
  });
});
