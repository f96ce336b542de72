// Hostile programs that currently take the runner down or misreport (see docs/SECURITY.md).
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { endingOf, HOSTILE_PENDING } from "../../unit/hardening/hostile-programs";

const repo = resolve(import.meta.dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "heapwise-pending-"));

describe("pending: hostile programs that break the runner", () => {
  for (const program of HOSTILE_PENDING) {
    test(program.name, () => {
      const path = join(dir, `${program.name.replace(/\W+/g, "_")}.py`);
      writeFileSync(path, program.source);
      const run = spawnSync("npm", ["run", "-s", "py", "--", "--max-steps", "50000000", "--max-memory", String(128 * 1024 * 1024), "--timeout", "10", path], {
        cwd: repo,
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(run.signal, run.stderr.slice(-1500)).toBeNull();
      if (program.endings.length === 0) {
        expect(run.stdout).toBe("freed\n");
        return;
      }
      expect(run.status, run.stderr.slice(-1500)).toBe(1);
      expect(program.endings).toContain(endingOf(run.stderr));
    });
  }
});
