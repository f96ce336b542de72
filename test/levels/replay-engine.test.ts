import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkLevel, parseKnownGaps } from "../../src-main/levels/check";
import { formatLocatedError } from "../../src-main/levels/errors";
import { builtinPackDirs, loadPackDetailed, packLevels } from "../../src-main/levels/load";

// Learn Git Branching's best idea: every level's reference solution is replayed on the engine and
// must win, and no starting state may win. Levels the engine cannot run yet are listed in
// known-engine-gaps.txt; each listed level must still FAIL (a ratchet: once the engine catches up,
// the test fails until the entry is removed), and every unlisted level must pass.
const GAPS_FILE = "test/levels/known-engine-gaps.txt";
const gaps = parseKnownGaps(readFileSync(GAPS_FILE, "utf8"));
const packs = builtinPackDirs("levels").map((dir) => loadPackDetailed(dir));

describe("known-engine-gaps.txt", () => {
  const known = new Set(
    packs.flatMap((p) => (p.result.ok ? packLevels(p.result.pack).map((l) => `${p.result.ok && p.result.pack.manifest.id}/${l.id}`) : [])),
  );
  it("names only existing levels, each once, each with a reason", () => {
    for (const gap of gaps) {
      expect(known.has(gap.key), `${GAPS_FILE}:${gap.line}: ${gap.key} is not a built-in level`).toBe(true);
      expect(gap.reason, `${GAPS_FILE}:${gap.line}: give a reason`).not.toBe("");
    }
    expect(new Set(gaps.map((g) => g.key)).size).toBe(gaps.length);
  });
});

for (const detail of packs) {
  if (!detail.result.ok) continue;
  const pack = detail.result.pack;
  describe(`${pack.manifest.id} on the Heapwise engine`, () => {
    for (const level of packLevels(pack)) {
      const key = `${pack.manifest.id}/${level.id}`;
      const gap = gaps.find((g) => g.key === key);
      const doc = detail.levelDocs.get(level.id)!;
      if (gap) {
        it(`${key} still fails (known gap: ${gap.reason})`, () => {
          const problems = checkLevel(pack, level, doc).problems;
          expect(problems.length, `${key} now passes on the engine: remove it from ${GAPS_FILE}`).toBeGreaterThan(0);
        });
      } else {
        it(`${key}: every reference solution wins, the starting state does not`, () => {
          expect(checkLevel(pack, level, doc).problems.map(formatLocatedError)).toEqual([]);
        });
      }
    }
  });
}
