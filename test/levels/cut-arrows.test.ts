import { describe, expect, it } from "vitest";
import { checkLevel } from "../../src-main/levels/check";
import { parseObjectPath, resolveCutArrows } from "../../src-main/levels/cut-arrows";
import { formatLocatedError } from "../../src-main/levels/errors";
import { loadPackDetailed, packLevels } from "../../src-main/levels/load";
import { parseLocatedYaml } from "../../src-main/levels/located-yaml";
import { LevelSchema } from "../../src-main/levels/schema";

describe("parseObjectPath", () => {
  it("splits a name from its labels, quotes normalised to the scene's", () => {
    expect(parseObjectPath("album")).toEqual({ name: "album", labels: [] });
    expect(parseObjectPath("ring[0].next")).toEqual({ name: "ring", labels: ["[0]", ".next"] });
    expect(parseObjectPath(`favourites["best"]`)).toEqual({ name: "favourites", labels: ["['best']"] });
    expect(parseObjectPath("f(x)")).toBeNull();
    expect(parseObjectPath("1abc")).toBeNull();
  });
});

describe("resolveCutArrows on the Heapwise engine", () => {
  const detail = loadPackDetailed("levels/heapwise");
  if (!detail.result.ok) throw new Error("the campaign does not load");
  const pack = detail.result.pack;
  const cutLevel = (id: string) => {
    const level = packLevels(pack).find((l) => l.id === id);
    if (level?.kind !== "cut") throw new Error(`${id} is not a cut level`);
    return level;
  };

  it("finds each arrow of the album level; both beach arrows point at the same photo", () => {
    const result = resolveCutArrows(cutLevel("cut-the-album"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const byId = new Map(result.arrows.map((a) => [a.cutId, a]));
    expect([...byId.keys()]).toEqual(["album-cat", "album-beach", "favourite-best"]);
    expect(byId.get("album-beach")!.toObject).toBe(byId.get("favourite-best")!.toObject);
    expect(byId.get("album-cat")!.toObject).not.toBe(byId.get("album-beach")!.toObject);
    expect(byId.get("album-cat")!.fromObject).toBe(byId.get("album-beach")!.fromObject);
    // The arrows are real references in the snapshot the renderer will get.
    for (const arrow of result.arrows) {
      const from = result.snapshot.objects.find((o) => o.id === arrow.fromObject)!;
      expect(from.refs).toContainEqual({ label: arrow.label, target: arrow.toObject });
    }
  });

  it("finds the ring: a → b → c → a", () => {
    const result = resolveCutArrows(cutLevel("break-the-ring"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [a, b, c] = result.arrows;
    expect([a!.toObject, b!.toObject, c!.toObject]).toEqual([b!.fromObject, c!.fromObject, a!.fromObject]);
  });

  it("the checker refuses an option whose arrow does not exist", () => {
    const yaml = [
      "id: missing-arrow",
      "title: T",
      "concept: c",
      "intro: i",
      "kind: cut",
      "code: |",
      "  box = [[]]",
      "  print(len(box))",
      "insert_after_line: 1",
      "cuts:",
      "  - id: inner",
      "    from: box[0]",
      "    label: .next",
      "    statement: del box[0]",
      "goals:",
      "  - type: output_equals",
      "    text: \"0\\n\"",
      "solutions:",
      "  - cuts: [inner]",
    ].join("\n");
    const doc = parseLocatedYaml("missing-arrow.yaml", yaml);
    const level = LevelSchema.parse(doc.value);
    const problems = checkLevel(pack, level, doc).problems.map(formatLocatedError);
    expect(problems).toContain("missing-arrow.yaml:12:11: cuts[0]: box[0] has no arrow labelled .next after line 1");
  });
});
