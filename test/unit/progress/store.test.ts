import { describe, expect, it } from "vitest";
import { openProgressStore, ProgressStoreError, type AttemptInput } from "../../../src-main/progress";
import { steppingClock, tempDataDir } from "./helpers";

const attempt = (over: Partial<AttemptInput> = {}): AttemptInput => ({
  packId: "basics", levelId: "01-refcount", outcome: "won", stars: 2,
  figures: { peakBytes: 900, statements: 5 }, hintsUsed: 0, code: "a = []\n", ...over,
});

function kindOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ProgressStoreError) return error.kind;
    throw error;
  }
  return "no error";
}

describe("profiles", () => {
  it("creates a default profile once, then create / rename / delete", () => {
    const { store, notice } = openProgressStore(tempDataDir());
    expect(notice).toBeNull();
    expect(store.listProfiles()).toEqual([]);
    const player = store.ensureDefaultProfile();
    expect(player.name).toBe("Player");
    expect(store.ensureDefaultProfile()).toEqual(player);
    const ana = store.createProfile("  Ana  ");
    expect(ana.name).toBe("Ana");
    store.renameProfile(ana.id, "Ana B.");
    expect(store.listProfiles().map((p) => p.name)).toEqual(["Ana B.", "Player"]);
    store.deleteProfile(player.id);
    expect(store.listProfiles().map((p) => p.id)).toEqual([ana.id]);
    store.close();
  });

  it("refuses empty and duplicate names (case-insensitively) and unknown ids", () => {
    const { store } = openProgressStore(tempDataDir());
    const ana = store.createProfile("Ana");
    const ben = store.createProfile("Ben");
    expect(kindOf(() => store.createProfile("   "))).toBe("invalid-input");
    expect(kindOf(() => store.createProfile("ANA"))).toBe("duplicate-name");
    expect(kindOf(() => store.renameProfile(ben.id, "ana"))).toBe("duplicate-name");
    store.renameProfile(ana.id, "ANA"); // renaming to itself with another case is fine
    expect(kindOf(() => store.deleteProfile(999))).toBe("not-found");
    expect(kindOf(() => store.recordAttempt(999, attempt()))).toBe("not-found");
    store.close();
  });

  it("deleting a profile deletes its progress and settings, not other profiles'", () => {
    const { store } = openProgressStore(tempDataDir());
    const ana = store.createProfile("Ana");
    const ben = store.createProfile("Ben");
    store.recordAttempt(ana.id, attempt());
    store.recordAttempt(ben.id, attempt({ stars: 3 }));
    store.setSettings(ana.id, { theme: "dark" });
    store.deleteProfile(ana.id);
    const again = store.createProfile("Ana");
    expect(store.levelStates(again.id, "basics")).toEqual([]);
    expect(store.getSettings(again.id).theme).toBe("system");
    expect(store.levelStates(ben.id, "basics")[0]!.bestStars).toBe(3);
    store.close();
  });
});

describe("attempts and level states", () => {
  it("keeps the best of won attempts, counts every attempt and remembers the newest code", () => {
    const { store } = openProgressStore(tempDataDir(), { now: steppingClock() });
    const p = store.ensureDefaultProfile();
    const first = store.recordAttempt(p.id, attempt({ outcome: "lost", stars: 0, figures: { peakBytes: 1 }, code: "try 1" }));
    expect(first).toMatchObject({ solved: false, solvedAt: null, bestStars: 0, attempts: 1, bestFigures: {}, lastCode: "try 1" });
    const won = store.recordAttempt(p.id, attempt({ stars: 1, figures: { peakBytes: 900, statements: 5 }, hintsUsed: 2, code: "try 2" }));
    expect(won.solved).toBe(true);
    const solvedAt = won.solvedAt;
    store.recordAttempt(p.id, attempt({ stars: 3, figures: { peakBytes: 1200, statements: 3, cuts: 1 }, code: "try 3" }));
    store.recordAttempt(p.id, attempt({ outcome: "error", stars: 0, figures: {}, code: "try 4" }));
    const [state] = store.levelStates(p.id, "basics");
    expect(state).toEqual({
      levelId: "01-refcount", solved: true, solvedAt, bestStars: 3, attempts: 4,
      bestFigures: { peakBytes: 900, statements: 3, cuts: 1 }, hintsUsed: 2, lastCode: "try 4",
    });
    const history = store.attemptHistory(p.id, "basics", "01-refcount");
    expect(history.map((h) => [h.outcome, h.stars, h.code])).toEqual([["lost", 0, "try 1"], ["won", 1, "try 2"], ["won", 3, "try 3"], ["error", 0, "try 4"]]);
    expect(history[1]).toEqual({ at: solvedAt, outcome: "won", stars: 1, figures: { peakBytes: 900, statements: 5 }, hintsUsed: 2, code: "try 2" });
    expect(store.attemptHistory(p.id, "basics", "nope")).toEqual([]);
    store.close();
  });

  it("saveCode creates or updates the level's code without counting an attempt", () => {
    const { store } = openProgressStore(tempDataDir());
    const p = store.ensureDefaultProfile();
    store.saveCode(p.id, "basics", "02-cycles", "draft");
    expect(store.levelStates(p.id, "basics")).toEqual([
      { levelId: "02-cycles", solved: false, solvedAt: null, bestStars: 0, attempts: 0, bestFigures: {}, hintsUsed: 0, lastCode: "draft" },
    ]);
    store.recordAttempt(p.id, attempt({ levelId: "02-cycles", code: "run" }));
    store.saveCode(p.id, "basics", "02-cycles", "after");
    expect(store.levelStates(p.id, "basics")[0]).toMatchObject({ attempts: 1, solved: true, lastCode: "after" });
    expect(store.levelStates(p.id, "other-pack")).toEqual([]);
    store.close();
  });

  it("rejects malformed attempts without writing anything", () => {
    const { store } = openProgressStore(tempDataDir());
    const p = store.ensureDefaultProfile();
    expect(kindOf(() => store.recordAttempt(p.id, attempt({ stars: -1 })))).toBe("invalid-input");
    expect(kindOf(() => store.recordAttempt(p.id, attempt({ figures: { peakBytes: Number.NaN } })))).toBe("invalid-input");
    expect(kindOf(() => store.recordAttempt(p.id, { ...attempt(), outcome: "draw" } as unknown as AttemptInput))).toBe("invalid-input");
    expect(store.levelStates(p.id, "basics")).toEqual([]);
    store.close();
  });
});

describe("settings and installed packs", () => {
  it("patches settings and validates them", () => {
    const { store } = openProgressStore(tempDataDir());
    const p = store.ensureDefaultProfile();
    expect(store.getSettings(p.id)).toEqual({ theme: "system", reducedMotion: false, fontSize: 16, sound: true });
    expect(store.setSettings(p.id, { reducedMotion: true, fontSize: 20 })).toEqual({ theme: "system", reducedMotion: true, fontSize: 20, sound: true });
    expect(kindOf(() => store.setSettings(p.id, { fontSize: 3 }))).toBe("invalid-input");
    expect(kindOf(() => store.setSettings(p.id, { volume: 3 } as never))).toBe("invalid-input");
    expect(store.getSettings(p.id).fontSize).toBe(20);
    store.close();
  });

  it("records, replaces, lists and removes installed packs", () => {
    const { store } = openProgressStore(tempDataDir(), { now: steppingClock("2026-02-01T00:00:00.000Z") });
    store.recordInstalledPack({ id: "basics", version: "1.0.0", hash: "sha256:aa", source: "builtin" });
    store.recordInstalledPack({ id: "extra", version: "0.1.0", hash: "sha256:bb", source: "/tmp/extra.zip" });
    const upgraded = store.recordInstalledPack({ id: "basics", version: "1.1.0", hash: "sha256:cc", source: "builtin" });
    expect(upgraded.installedAt).toBe("2026-02-01T00:02:00.000Z");
    expect(store.listInstalledPacks().map((p) => `${p.id}@${p.version}`)).toEqual(["basics@1.1.0", "extra@0.1.0"]);
    store.removeInstalledPack("extra");
    expect(store.listInstalledPacks().map((p) => p.id)).toEqual(["basics"]);
    store.close();
  });
});

describe("failures while playing", () => {
  it("a write that cannot happen is a ProgressStoreError the shell can show, not a raw SQLite error", () => {
    const { store } = openProgressStore(tempDataDir());
    const p = store.ensureDefaultProfile();
    store.close();
    let thrown: unknown;
    try {
      store.recordAttempt(p.id, attempt());
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProgressStoreError);
    expect((thrown as ProgressStoreError).kind).toBe("unavailable");
    expect((thrown as Error).message).toMatch(/^Heapwise could not save your progress: /);
    expect(kindOf(() => store.listProfiles())).toBe("unavailable");
  });
});

describe("persistence", () => {
  it("everything written is there after closing and reopening", () => {
    const dir = tempDataDir();
    const first = openProgressStore(dir).store;
    const p = first.createProfile("Ana");
    const state = first.recordAttempt(p.id, attempt());
    first.setSettings(p.id, { theme: "light", sound: false });
    first.recordInstalledPack({ id: "basics", version: "1.0.0", hash: "h", source: "builtin" });
    const exported = first.exportProfile(p.id);
    first.close();

    const second = openProgressStore(dir).store;
    expect(second.listProfiles()).toEqual([p]);
    expect(second.levelStates(p.id, "basics")).toEqual([state]);
    expect(second.getSettings(p.id)).toMatchObject({ theme: "light", sound: false });
    expect(second.listInstalledPacks()).toHaveLength(1);
    expect({ ...second.exportProfile(p.id), exportedAt: "" }).toEqual({ ...exported, exportedAt: "" });
    second.close();
  });
});
