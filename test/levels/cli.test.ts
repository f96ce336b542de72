import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { oracleAvailable } from "./helpers";

const cli = (...args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", "src-main/cli/levels-check.ts", ...args], { encoding: "utf8" });

describe("npm run levels:check", () => {
  it("prints located errors and exits 1 for a broken pack", () => {
    const run = cli("test/levels/broken/bad-number");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`test/levels/broken/bad-number/level.yaml:12:12: goals[0].bytes must be a positive whole number, got "10kb"\n`);
    expect(run.stdout).toContain("levels:check: 0 passed, 1 error(s), 0 known engine gap(s)");
  });

  it("exits 1 for a path that is not a pack", () => {
    const run = cli("test/levels/no-such-pack");
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("test/levels/no-such-pack:1:1: no such folder or .zip file");
  });

  it.skipIf(!oracleAvailable())("exits 0 when every solution wins (on CPython 3.13)", () => {
    const run = cli("--oracle", "levels/classroom-sample");
    expect(run.stdout).toContain("levels:check: 6 passed, 0 error(s), 0 known engine gap(s)");
    expect(run.status).toBe(0);
  });
});
