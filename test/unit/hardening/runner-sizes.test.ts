// Big or negative sizes in one expression, through the runner as a process (SECURITY.md P1/P2):
// each must end with a Python exception (CPython's own text where CPython refuses the size whatever
// the machine) or the named memory limit, promptly, and never crash node (a V8 fatal error used to
// abort the process, and bytearray(2**31) filled a JS array for a minute).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { endingOf, HOSTILE_SIZES } from "./hostile-programs";

const repo = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "heapwise-sizes-"));

function py(path: string) {
  return spawnSync("npm", ["run", "-s", "py", "--", "--max-steps", "50000000", "--max-memory", String(128 * 1024 * 1024), "--timeout", "10", path], {
    cwd: repo,
    encoding: "utf8",
    timeout: 120_000,
  });
}

beforeAll(() => {
  // `npm run py` bundles the engine first when its sources changed; do it once, outside the tests.
  const warm = join(dir, "warm.py");
  writeFileSync(warm, "pass\n");
  expect(py(warm).status).toBe(0);
}, 180_000);

describe("big or negative sizes through npm run py", () => {
  for (const program of HOSTILE_SIZES) {
    test(program.name, () => {
      const path = join(dir, `${program.name.replace(/\W+/g, "_")}.py`);
      writeFileSync(path, program.source);
      const started = Date.now();
      const run = py(path);
      expect(run.signal, run.stderr.slice(-1500)).toBeNull();
      expect(run.status, run.stderr.slice(-1500)).toBe(1);
      expect(program.endings).toContain(endingOf(run.stderr));
      if (program.lastLine !== undefined) expect(run.stderr.trimEnd().split("\n").at(-1)).toBe(program.lastLine);
      expect(run.stderr).not.toMatch(/internal engine error/);
      // Refused before anything is built: well inside the 10 s time limit, which would name itself.
      expect(Date.now() - started).toBeLessThan(30_000);
    });
  }
});
