// Properties over random inputs (fast-check): the stored summary always equals what the attempt
// history says, and merging never loses a solved level and does not depend on order.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openProgressStore, type AttemptInput, type AttemptRecord, type LevelState } from "../../../src-main/progress";
import { mergeLevelStates } from "../../../src-main/progress/merge";
import { steppingClock, tempDataDir } from "./helpers";

const figureName = fc.constantFrom("peakBytes", "statements", "cuts");
const attemptArb: fc.Arbitrary<AttemptInput> = fc.record({
  packId: fc.constant("p"),
  levelId: fc.constantFrom("a", "b", "c"),
  outcome: fc.constantFrom("won", "lost", "error"),
  stars: fc.integer({ min: 0, max: 3 }),
  figures: fc.dictionary(figureName, fc.integer({ min: 0, max: 5000 })),
  hintsUsed: fc.integer({ min: 0, max: 4 }),
  code: fc.string({ maxLength: 20 }),
});

/** The summary, computed straight from the history the way docs/PROGRESS-FORMAT.md defines it. */
function summaryFromHistory(levelId: string, history: AttemptRecord[]): LevelState {
  const wins = history.filter((h) => h.outcome === "won");
  const bestFigures: Record<string, number> = {};
  for (const w of wins) for (const [k, v] of Object.entries(w.figures)) bestFigures[k] = Math.min(bestFigures[k] ?? Infinity, v);
  return {
    levelId,
    solved: wins.length > 0,
    solvedAt: wins[0]?.at ?? null,
    bestStars: Math.max(0, ...wins.map((w) => w.stars)),
    attempts: history.length,
    bestFigures,
    hintsUsed: Math.max(0, ...history.map((h) => h.hintsUsed)),
    lastCode: history.at(-1)?.code ?? null,
  };
}

describe("properties", () => {
  it("after any sequence of attempts, each level's summary is what its history says", () => {
    fc.assert(
      fc.property(fc.array(attemptArb, { maxLength: 25 }), (attempts) => {
        const { store } = openProgressStore(tempDataDir(), { now: steppingClock() });
        try {
          const p = store.ensureDefaultProfile();
          for (const a of attempts) store.recordAttempt(p.id, a);
          for (const state of store.levelStates(p.id, "p")) {
            expect(state).toEqual(summaryFromHistory(state.levelId, store.attemptHistory(p.id, "p", state.levelId)));
          }
          expect(store.levelStates(p.id, "p").map((s) => s.levelId)).toEqual([...new Set(attempts.map((a) => a.levelId))].sort());
        } finally {
          store.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  const time = fc.integer({ min: Date.parse("2025-01-01"), max: Date.parse("2027-01-01") }).map((t) => new Date(t).toISOString());
  const stateArb: fc.Arbitrary<LevelState> = fc
    .record({
      solvedAt: fc.option(time, { nil: null }),
      bestStars: fc.integer({ min: 0, max: 3 }),
      attempts: fc.integer({ min: 0, max: 50 }),
      bestFigures: fc.dictionary(figureName, fc.integer({ min: 0, max: 5000 })),
      hintsUsed: fc.integer({ min: 0, max: 4 }),
      lastCode: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
    })
    .map((r) => ({ levelId: "x", solved: r.solvedAt !== null, ...r }));
  const withoutCode = (s: LevelState) => ({ ...s, lastCode: null });

  it("merging keeps every solve, is idempotent, commutative (but for the kept code) and associative", () => {
    fc.assert(
      fc.property(stateArb, stateArb, stateArb, (a, b, c) => {
        const ab = mergeLevelStates(a, b);
        expect(ab.solved).toBe(a.solved || b.solved);
        expect(ab.bestStars).toBeGreaterThanOrEqual(Math.max(a.bestStars, b.bestStars));
        expect(ab.solved).toBe(ab.solvedAt !== null);
        expect(mergeLevelStates(ab, b)).toEqual(ab);
        expect(mergeLevelStates(a, a)).toEqual(a);
        expect(withoutCode(ab)).toEqual(withoutCode(mergeLevelStates(b, a)));
        expect(mergeLevelStates(mergeLevelStates(a, b), c)).toEqual(mergeLevelStates(a, mergeLevelStates(b, c)));
      }),
      { numRuns: 500 },
    );
  });
});
