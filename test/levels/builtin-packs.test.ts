import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { formatLocatedError, levelForPlayer, loadBuiltinPacks, packLevels } from "../../src-main/levels/index";
import { GoalSchema, StarRuleSchema } from "../../src-main/levels/schema";

const { packs, errors } = loadBuiltinPacks("levels");
const campaign = packs.find((p) => p.manifest.id === "heapwise");
/** The seed notebook lives in shared/, beside the repository. */
const NOTEBOOK = "../shared/seed/python-memory-notebook.md";

describe("built-in packs", () => {
  it("all validate", () => {
    expect(errors.map(formatLocatedError)).toEqual([]);
    expect(packs.map((p) => p.manifest.id).sort()).toEqual(["classroom-sample", "heapwise"]);
  });

  it("the campaign has at least 24 levels in at least 6 chapters, using every level kind", () => {
    expect(campaign).toBeDefined();
    expect(campaign!.chapters.length).toBeGreaterThanOrEqual(6);
    const levels = packLevels(campaign!);
    expect(levels.length).toBeGreaterThanOrEqual(24);
    expect(new Set(levels.map((l) => l.kind))).toEqual(new Set(["predict", "edit", "cut", "pick-line", "sandbox"]));
    for (const chapter of campaign!.chapters) expect(chapter.levels.length, chapter.id).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(!existsSync(NOTEBOOK))("every notebook cell appears in some level's code", () => {
    const notebook = readFileSync(NOTEBOOK, "utf8");
    const code = packLevels(campaign!).map((l) => l.code).join("\n");
    // One telling line per notebook cell (each also checked to be in the notebook).
    const cells = [
      "print(sys.getrefcount(a))",
      "b = a",
      "del b",
      "gc.enable()",
      "gc.disable()",
      "gc.collect()",
      "gc.get_stats()",
      "print(gc.garbage)",
      "class Your_Object:",
      "obj1.ref = obj2",
      "def num_generator(n):",
      "for num in num_generator(100000):",
      "tracemalloc.start()",
      "return [i for i in range(10000)]",
      "tracemalloc.take_snapshot()",
      "statistics(",
    ];
    for (const line of cells) {
      expect(notebook, line).toContain(line);
      expect(code, line).toContain(line);
    }
  });

  it("uses every goal type and every star rule at least once, so each is replayed on the engine", () => {
    const levels = packs.flatMap((p) => packLevels(p));
    const goalTypes = GoalSchema.options.map((o) => o.shape.type.value);
    const starTypes = StarRuleSchema.options.map((o) => o.shape.type.value);
    expect(goalTypes.length).toBe(9);
    expect(new Set(levels.flatMap((l) => l.goals.map((g) => g.type)))).toEqual(new Set(goalTypes));
    expect(new Set(levels.flatMap((l) => (l.stars ?? []).map((r) => r.type)))).toEqual(new Set(starTypes));
  });

  it("keeps every text short enough to read at a glance", () => {
    for (const pack of packs) {
      for (const level of packLevels(pack)) {
        expect(level.title.length, `${level.id} title`).toBeLessThanOrEqual(40);
        expect(level.intro.length, `${level.id} intro`).toBeLessThanOrEqual(600);
        for (const hint of level.hints ?? []) expect(hint.length, `${level.id} hint`).toBeLessThanOrEqual(200);
        expect((level.explain ?? "").length, `${level.id} explain`).toBeLessThanOrEqual(400);
      }
    }
  });

  it("every pack states python 3.13 once, in pack.yaml", () => {
    for (const pack of packs) expect(pack.manifest.python).toBe("3.13");
  });

  it("levelForPlayer strips every reference solution", () => {
    for (const level of packLevels(campaign!)) {
      const view = levelForPlayer(level);
      expect(view).not.toHaveProperty("solutions");
      expect(view.id).toBe(level.id);
      // The answers of predict levels are nowhere in what the player receives.
      if (level.kind === "predict") {
        const text = JSON.stringify(view);
        const answers = level.solutions.flatMap((s) => s.predictions ?? []);
        expect(answers.length, level.id).toBeGreaterThan(0);
        expect(JSON.stringify(level)).toContain(JSON.stringify(answers));
        expect(text).not.toContain(JSON.stringify(answers));
      }
    }
  });
});
