// The classroom-pack channels end to end inside main: requests go through the one dispatch (so
// the contract's schema applies), the pack is checked by the real engine worker (every reference
// solution replayed), the catalog installs into a temporary data folder, and the level list picks
// the pack up at once.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { zipSync } from "fflate";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { MAX_API_MESSAGE_BYTES, requestSchemas, type Envelope, type LevelList, type PackInstallOutcome } from "../../../src-main/api/index";
import { base64Length, PACK_LIMITS } from "../../../src-main/levels/pack-limits";
import { createDispatch, type Dispatch } from "../../../src-main/services/dispatch";
import { createHandlers } from "../../../src-main/services/handlers";
import { LevelCatalog } from "../../../src-main/services/level-catalog";
import { ProgressKeeper } from "../../../src-main/services/progress-keeper";
import { EngineClient } from "../../../src-main/worker/engine-client";
import { buildEngineWorker } from "../hardening/worker-bundle";

const SAMPLE = "levels/classroom-sample";
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** The sample pack as a teacher's copy of it: same levels, a new id and title. */
function teacherCopy(id = "my-lesson", title = "Lesson 4: garbage"): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(SAMPLE)) {
    let text = readFileSync(path.join(SAMPLE, name), "utf8");
    if (name === "pack.yaml") text = text.replace("id: classroom-sample", `id: ${id}`).replace(/^title: .*$/m, `title: "${title}"`);
    files[name] = new TextEncoder().encode(text);
  }
  return files;
}

let dataDir: string;
let dispatch: Dispatch;
let progress: ProgressKeeper | undefined;
let engine: EngineClient;

beforeAll(async () => {
  engine = new EngineClient({ workerPath: await buildEngineWorker() });
}, 60_000);
afterAll(() => engine.dispose());

/** Starts the services on the data folder, as a launch of Heapwise does. */
function launch(): void {
  progress?.close();
  const catalog = new LevelCatalog("levels", path.join(dataDir, "packs"));
  progress = new ProgressKeeper(dataDir);
  dispatch = createDispatch(createHandlers({ shell: "browser", dataDir, catalog, progress, engine }), () => {});
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), "heapwise-classroom-"));
  launch();
});
afterEach(() => {
  progress?.close();
  progress = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const envelope = (await dispatch(channel, payload)) as Envelope<never>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}
const installZip = (files: Record<string, Uint8Array>, replace = false, name = "lesson.zip") =>
  call<PackInstallOutcome>("packs:install", { pack: { kind: "zip", name, base64: base64(zipSync(files)) }, replace });
const classroomPacks = async () => (await call<LevelList>("levels:list", {})).packs.filter((p) => p.installed);

describe("packs:install and packs:remove", () => {
  test("an installed pack is listed with title and author, playable, replaceable on request, removable", async () => {
    expect(await installZip(teacherCopy())).toEqual({ installed: true, packId: "my-lesson", title: "Lesson 4: garbage", author: "Sample Teacher", replaced: false });
    const [listed] = await classroomPacks();
    expect(listed).toMatchObject({ packId: "my-lesson", title: "Lesson 4: garbage", author: "Sample Teacher", installed: true });
    expect(listed!.chapters[0]!.levels).toHaveLength(6);
    const level = await call<{ title: string }>("level:get", { packId: "my-lesson", levelId: listed!.chapters[0]!.levels[0]!.levelId });
    expect(level.title).toBe(listed!.chapters[0]!.levels[0]!.title);

    const clash = await installZip(teacherCopy("my-lesson", "Lesson 4, second draft"));
    expect(clash).toEqual({
      installed: false,
      problems: [`lesson.zip/pack.yaml:3:5: a pack with id "my-lesson" is already installed; remove it first or install with replace`],
      collision: { packId: "my-lesson", title: "Lesson 4: garbage" },
    });
    expect(await installZip(teacherCopy("my-lesson", "Lesson 4, second draft"), true)).toMatchObject({ installed: true, replaced: true });
    expect((await classroomPacks()).map((p) => p.title)).toEqual(["Lesson 4, second draft"]);

    expect(await call("packs:remove", { packId: "my-lesson" })).toEqual({ removed: true });
    expect(await classroomPacks()).toEqual([]);
    expect(readdirSync(path.join(dataDir, "packs"))).toEqual([]);
  });

  test("a broken pack is refused with located messages and nothing is installed", async () => {
    const files = teacherCopy();
    files["q1-aliasing.yaml"] = new TextEncoder().encode(new TextDecoder().decode(files["q1-aliasing.yaml"]).replace("title:", "titel:"));
    const outcome = await installZip(files);
    expect(outcome.installed).toBe(false);
    if (!outcome.installed) {
      expect(outcome.collision).toBeNull();
      expect(outcome.problems).toContainEqual(expect.stringMatching(/^lesson\.zip\/q1-aliasing\.yaml:\d+:1: unknown key "titel" \(did you mean "title"\?\)$/));
    }
    expect(await classroomPacks()).toEqual([]);
    expect(existsSync(path.join(dataDir, "packs", "my-lesson"))).toBe(false);
  });

  test("a pack that loads but whose solution loses is refused by the replay, located", async () => {
    const dir = "test/levels/broken/solution-loses";
    const files = Object.fromEntries(["pack.yaml", "level.yaml"].map((name) => [name, new Uint8Array(readFileSync(path.join(dir, name)))]));
    const outcome = await installZip(files, false, "quiz.zip");
    expect(outcome).toEqual({
      installed: false,
      problems: ["quiz.zip/level.yaml:13:5: solutions[0] does not win on the engine: Prediction 1: you said 2, the program printed 1."],
      collision: null,
    });
    expect(await classroomPacks()).toEqual([]);
    expect(existsSync(path.join(dataDir, "packs"))).toBe(false);
  });

  test("a built-in pack's id is refused, and cannot be replaced either", async () => {
    for (const replace of [false, true]) {
      const outcome = await installZip(teacherCopy("heapwise"), replace);
      expect(outcome).toEqual({
        installed: false,
        problems: [`lesson.zip/pack.yaml:3:5: pack id "heapwise" belongs to a built-in pack; choose another id in pack.yaml`],
        collision: null,
      });
    }
  });

  test("only installed packs can be removed", async () => {
    await expect(call("packs:remove", { packId: "heapwise" })).rejects.toThrow(/^not-found: No classroom pack with id "heapwise"/);
    await expect(call("packs:remove", { packId: "../levels" })).rejects.toThrow(/^not-found/);
    expect(existsSync("levels/heapwise/pack.yaml")).toBe(true);
  });

  test("an installed pack that no longer loads is listed with why, not played, and can be removed", async () => {
    expect(await installZip(teacherCopy())).toMatchObject({ installed: true });
    const level = path.join(dataDir, "packs", "my-lesson", "q1-aliasing.yaml");
    writeFileSync(level, readFileSync(level, "utf8").replace("kind: predict", "kind: guess"));
    // A copy of a built-in pack put in the folder by hand is not used either.
    cpSync("levels/classroom-sample", path.join(dataDir, "packs", "classroom-sample"), { recursive: true });
    launch();
    const list = await call<LevelList>("levels:list", {});
    expect(list.packs.filter((p) => p.installed)).toEqual([]);
    expect(list.brokenPacks.map((b) => b.packId)).toEqual(["my-lesson", "classroom-sample"]);
    expect(list.brokenPacks[0]!.problems).toEqual([expect.stringMatching(/my-lesson\/q1-aliasing\.yaml:4:7: kind must be one of /)]);
    expect(list.brokenPacks[1]!.problems).toEqual([expect.stringMatching(/classroom-sample\/pack\.yaml:3:5: pack id "classroom-sample" belongs to a built-in pack/)]);
    expect(list.packs.filter((p) => p.packId === "classroom-sample")).toHaveLength(1); // the built-in one

    expect(await call("packs:remove", { packId: "my-lesson" })).toEqual({ removed: true });
    expect(await call("packs:remove", { packId: "classroom-sample" })).toEqual({ removed: true });
    expect((await call<LevelList>("levels:list", {})).brokenPacks).toEqual([]);
    expect(readdirSync(path.join(dataDir, "packs"))).toEqual([]);
    expect(existsSync("levels/classroom-sample/pack.yaml")).toBe(true);
  });

  test("a folder upload installs like a zip", async () => {
    const files = Object.entries(teacherCopy()).map(([p, bytes]) => ({ path: p, base64: base64(bytes) }));
    const outcome = await call<PackInstallOutcome>("packs:install", { pack: { kind: "folder", name: "lesson", files }, replace: false });
    expect(outcome).toMatchObject({ installed: true, packId: "my-lesson" });
  });
});

describe("the packs:install schema", () => {
  const zip = (fields: Record<string, unknown>) => ({ pack: { kind: "zip", name: "a.zip", base64: "UEsFBg==", ...fields }, replace: false });
  const folder = (files: unknown) => ({ pack: { kind: "folder", name: "a", files }, replace: false });

  test.each([
    ["no replace flag", { pack: zip({}).pack }],
    ["an unknown kind", { pack: { kind: "path", name: "a", path: "/etc" }, replace: false }],
    ["a server path instead of bytes", zip({ path: "/home/me/pack.zip" })],
    ["text that is not base64", zip({ base64: "not base64!" })],
    ["a name with a slash", zip({ name: "../../a.zip" })],
    ["a name with a backslash", zip({ name: "a\\b.zip" })],
    ["a name with a control character", zip({ name: "a\u0007.zip" })],
    ["the name ..", zip({ name: ".." })],
    ["a zip over the size limit", zip({ base64: "A".repeat(base64Length(PACK_LIMITS.maxZipBytes) + 4) })],
    ["a folder file over the per-file limit", folder([{ path: "a.txt", base64: "A".repeat(base64Length(PACK_LIMITS.maxFileBytes) + 4) }])],
    ["a folder with too many files", folder(Array.from({ length: PACK_LIMITS.maxFiles + 1 }, (_, i) => ({ path: `f${i}`, base64: "" })))],
    ["a folder over the total limit", folder(Array.from({ length: 9 }, (_, i) => ({ path: `f${i}`, base64: "A".repeat(base64Length(PACK_LIMITS.maxFileBytes)) })))],
    ["a folder file with an extra key", folder([{ path: "a", base64: "", mode: 0o777 }])],
  ])("refuses %s", async (_what, payload) => {
    expect(requestSchemas["packs:install"].safeParse(payload).success).toBe(false);
    const envelope = await dispatch("packs:install", payload);
    expect(envelope).toMatchObject({ ok: false, error: { code: "bad-request" } });
  });

  test.each([
    ["an empty id", { packId: "" }],
    ["no id", {}],
    ["a number", { packId: 3 }],
  ])("packs:remove refuses %s", (_what, payload) => {
    expect(requestSchemas["packs:remove"].safeParse(payload).success).toBe(false);
  });

  test("the largest uploads the schema accepts fit in one API message", () => {
    const biggestZip = { id: 1, channel: "packs:install", payload: zip({ base64: "A".repeat(base64Length(PACK_LIMITS.maxZipBytes)), name: "n".repeat(255) }) };
    expect(requestSchemas["packs:install"].safeParse(biggestZip.payload).success).toBe(true);
    expect(JSON.stringify(biggestZip).length).toBeLessThanOrEqual(MAX_API_MESSAGE_BYTES);

    // A folder at every limit: the most files, the longest paths, the most bytes.
    const perFile = Math.floor(base64Length(PACK_LIMITS.maxTotalBytes) / PACK_LIMITS.maxFiles / 4) * 4;
    const files = Array.from({ length: PACK_LIMITS.maxFiles }, (_, i) => ({ path: `${i}`.padEnd(1_000, "x"), base64: "A".repeat(perFile) }));
    const biggestFolder = { id: 1, channel: "packs:install", payload: folder(files) };
    expect(requestSchemas["packs:install"].safeParse(biggestFolder.payload).success).toBe(true);
    expect(JSON.stringify(biggestFolder).length).toBeLessThanOrEqual(MAX_API_MESSAGE_BYTES);
  });
});
