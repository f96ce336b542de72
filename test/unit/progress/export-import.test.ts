import { describe, expect, it } from "vitest";
import {
  openProgressStore, parseProgressExport, ProgressStoreError, type AttemptInput, type ProgressExport,
} from "../../../src-main/progress";
import { mergeLevelStates } from "../../../src-main/progress/merge";
import { steppingClock, tempDataDir } from "./helpers";

const run = (levelId: string, over: Partial<AttemptInput> = {}): AttemptInput => ({
  packId: "basics", levelId, outcome: "won", stars: 1, figures: { peakBytes: 1000 }, hintsUsed: 0, code: `# ${levelId}`, ...over,
});

function storeWith(name: string, clockStart: string, attempts: AttemptInput[]) {
  const { store } = openProgressStore(tempDataDir(), { now: steppingClock(clockStart) });
  const p = store.createProfile(name);
  for (const a of attempts) store.recordAttempt(p.id, a);
  return { store, profile: p };
}

describe("export", () => {
  it("writes format version 1 that its own schema accepts and that survives JSON", () => {
    const { store, profile } = storeWith("Ana", "2026-03-01T10:00:00.000Z", [run("01"), run("02", { outcome: "lost", stars: 0 })]);
    store.setSettings(profile.id, { fontSize: 18 });
    const exported = store.exportProfile(profile.id);
    expect(exported).toMatchObject({ format: "heapwise-progress", version: 1, profile: { name: "Ana" }, settings: { fontSize: 18 } });
    expect(exported.levels.map((l) => [l.packId, l.levelId, l.solved])).toEqual([["basics", "01", true], ["basics", "02", false]]);
    const parsed = parseProgressExport(JSON.parse(JSON.stringify(exported)));
    expect(parsed).toEqual({ ok: true, value: exported });
    // Fields a later version-1 writer may add are ignored, not refused.
    expect(parseProgressExport({ ...exported, classroom: "7B", levels: [{ ...exported.levels[0], note: "x" }] }))
      .toEqual({ ok: true, value: { ...exported, levels: [exported.levels[0]] } });
    store.close();
  });
});

describe("import", () => {
  it("into an empty store recreates the profile, its levels and settings", () => {
    const { store: from, profile } = storeWith("Ana", "2026-03-01T10:00:00.000Z", [run("01", { stars: 3 })]);
    from.setSettings(profile.id, { theme: "dark" });
    const exported = from.exportProfile(profile.id);
    from.close();
    const { store: to } = openProgressStore(tempDataDir());
    const imported = to.importProfile(JSON.parse(JSON.stringify(exported)));
    expect(imported.name).toBe("Ana");
    expect(imported.createdAt).toBe(exported.profile.createdAt);
    expect(to.levelStates(imported.id, "basics")).toEqual(exported.levels.map(({ packId: _, ...state }) => state));
    expect(to.getSettings(imported.id).theme).toBe("dark");
    to.close();
  });

  it("merges into the profile of the same name: best of each level, a solved level stays solved", () => {
    // School machine: Ana solved 01 with 1 star early and never solved 02.
    const school = storeWith("Ana", "2026-03-01T10:00:00.000Z", [
      run("01", { stars: 1, figures: { peakBytes: 800, statements: 9 }, code: "school 01" }),
      run("02", { outcome: "lost", stars: 0, code: "school 02" }),
    ]);
    // Home machine: 01 later with 3 stars but more bytes; 02 solved; 03 new; 5 attempts on 01.
    const home = storeWith("ana", "2026-03-05T18:00:00.000Z", [
      run("01", { outcome: "lost", stars: 0 }), run("01", { outcome: "lost", stars: 0 }), run("01", { outcome: "error", stars: 0 }),
      run("01", { outcome: "lost", stars: 0 }),
      run("01", { stars: 3, figures: { peakBytes: 950, statements: 4, cuts: 2 }, hintsUsed: 2, code: "home 01" }),
      run("02", { stars: 2, code: "home 02" }),
      run("03", { stars: 1, code: "home 03" }),
    ]);
    const homeExport = home.store.exportProfile(home.profile.id);
    const before = school.store.levelStates(school.profile.id, "basics");

    const target = school.store.importProfile(homeExport);
    expect(target.id).toBe(school.profile.id);
    expect(school.store.listProfiles()).toHaveLength(1);
    const [l01, l02, l03] = school.store.levelStates(school.profile.id, "basics");
    expect(l01).toEqual({
      levelId: "01", solved: true, solvedAt: before[0]!.solvedAt, // the earlier first solve
      bestStars: 3, attempts: 5, bestFigures: { peakBytes: 800, statements: 4, cuts: 2 }, hintsUsed: 2,
      lastCode: "school 01", // the code on this machine is not replaced by an import
    });
    expect(l02).toMatchObject({ solved: true, bestStars: 2, solvedAt: homeExport.levels[1]!.solvedAt, lastCode: "school 02" });
    expect(l03).toMatchObject({ solved: true, lastCode: "home 03" });

    // Importing the same export again changes nothing.
    school.store.importProfile(homeExport);
    expect(school.store.levelStates(school.profile.id, "basics")).toEqual([l01, l02, l03]);
    school.store.close();
    home.store.close();
  });

  it("never unsolves a level when the import is older and worse", () => {
    const solved = storeWith("Ana", "2026-03-01T10:00:00.000Z", [run("01", { stars: 2 })]);
    const worse: ProgressExport = {
      ...solved.store.exportProfile(solved.profile.id),
      levels: [{ packId: "basics", levelId: "01", solved: false, solvedAt: null, bestStars: 0, attempts: 9, bestFigures: {}, hintsUsed: 0, lastCode: null }],
    };
    solved.store.importProfile(worse);
    expect(solved.store.levelStates(solved.profile.id, "basics")[0]).toMatchObject({ solved: true, bestStars: 2, attempts: 9 });
    solved.store.close();
  });

  it("rejects what is not a valid version-1 export, naming the problem, and writes nothing", () => {
    const { store, profile } = storeWith("Ana", "2026-03-01T10:00:00.000Z", [run("01")]);
    const good = store.exportProfile(profile.id);
    const cases: [unknown, RegExp][] = [
      [null, /not a Heapwise progress export/],
      [{ format: "something-else", version: 1 }, /not a Heapwise progress export/],
      [{ ...good, version: 2 }, /newer Heapwise/],
      [{ ...good, levels: [{ ...good.levels[0], bestStars: -1 }] }, /levels\.0\.bestStars/],
      [{ ...good, levels: [{ ...good.levels[0], solvedAt: null }] }, /solved and solvedAt disagree/],
      [{ ...good, profile: { name: "   ", createdAt: good.profile.createdAt } }, /profile\.name/],
      [{ ...good, exportedAt: "yesterday" }, /exportedAt/],
    ];
    for (const [data, message] of cases) {
      let thrown: unknown;
      try {
        store.importProfile(data);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(data)?.slice(0, 80)).toBeInstanceOf(ProgressStoreError);
      expect((thrown as ProgressStoreError).kind).toBe("invalid-input");
      expect((thrown as Error).message).toMatch(message);
    }
    expect(store.listProfiles()).toHaveLength(1);
    store.close();
  });
});

describe("mergeLevelStates", () => {
  it("is commutative on everything but the kept code, and idempotent", () => {
    const a = { levelId: "x", solved: true, solvedAt: "2026-01-02T00:00:00.000Z", bestStars: 1, attempts: 3, bestFigures: { p: 5, s: 9 }, hintsUsed: 1, lastCode: "a" };
    const b = { levelId: "x", solved: true, solvedAt: "2026-01-01T00:00:00.000Z", bestStars: 2, attempts: 1, bestFigures: { p: 7, c: 1 }, hintsUsed: 0, lastCode: "b" };
    const ab = mergeLevelStates(a, b);
    const ba = mergeLevelStates(b, a);
    expect({ ...ab, lastCode: "" }).toEqual({ ...ba, lastCode: "" });
    expect(ab).toEqual({ levelId: "x", solved: true, solvedAt: b.solvedAt, bestStars: 2, attempts: 3, bestFigures: { p: 5, s: 9, c: 1 }, hintsUsed: 1, lastCode: "a" });
    expect(mergeLevelStates(ab, b)).toEqual(ab);
  });
});
