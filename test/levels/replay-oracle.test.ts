import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPack } from "../../src-main/levels/check";
import { useEngine } from "../../src-main/levels/engine-port";
import { formatLocatedError } from "../../src-main/levels/errors";
import { builtinPackDirs } from "../../src-main/levels/load";
import { oracleEngine } from "../../src-main/levels/oracle-engine";
import { oracleAvailable } from "./helpers";

// The facts every level relies on, checked on CPython 3.13 itself: every reference solution wins
// and no starting state does. (replay-engine.test.ts asks the same of our engine.)
describe.skipIf(!oracleAvailable())("every built-in level on CPython 3.13", () => {
  beforeAll(() => useEngine(oracleEngine));
  afterAll(() => useEngine(null));

  for (const dir of builtinPackDirs("levels")) {
    it(`${dir}: all reference solutions win, no starting state wins`, () => {
      const report = checkPack(dir);
      expect(report.loadErrors.map(formatLocatedError)).toEqual([]);
      expect(report.levels.length).toBeGreaterThan(0);
      expect(report.levels.flatMap((l) => l.problems).map(formatLocatedError)).toEqual([]);
    });
  }
});
