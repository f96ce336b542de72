import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkLevel } from "../../src-main/levels/check";
import { useEngine } from "../../src-main/levels/engine-port";
import { formatLocatedError } from "../../src-main/levels/errors";
import { builtinPackDirs, loadPackDetailed, packLevels } from "../../src-main/levels/load";
import { oracleEngine } from "../../src-main/levels/oracle-engine";
import { oracleAvailable } from "./helpers";

// The facts every level relies on, checked on CPython 3.13 itself: every reference solution wins
// and no starting state does. (replay-engine.test.ts asks the same of our engine.)
const packs = builtinPackDirs("levels").map((dir) => ({ dir, detail: loadPackDetailed(dir) }));

describe.skipIf(!oracleAvailable())("every built-in level on CPython 3.13", () => {
  beforeAll(() => useEngine(oracleEngine));
  afterAll(() => useEngine(null));

  for (const { dir, detail } of packs) {
    it(`${dir} loads`, () => {
      expect(detail.result.ok ? [] : detail.result.errors.map(formatLocatedError)).toEqual([]);
    });
    if (!detail.result.ok) continue;
    const pack = detail.result.pack;
    for (const level of packLevels(pack)) {
      it(`${pack.manifest.id}/${level.id}: every reference solution wins, the starting state does not`, () => {
        expect(checkLevel(pack, level, detail.levelDocs.get(level.id)!).problems.map(formatLocatedError)).toEqual([]);
      });
    }
  }
});
