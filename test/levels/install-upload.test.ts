// Installing a pack the player picked in the app: the renderer sends the bytes of a .zip or of a
// folder's files, and main must apply exactly the checks it applies to a pack on disk.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { formatLocatedError } from "../../src-main/levels/errors";
import { installPackFiles, type InstallOptions, type InstallResult } from "../../src-main/levels/install";
import { PACK_LIMITS, readPackUpload, type PackUpload } from "../../src-main/levels/pack-files";

const SAMPLE = "levels/classroom-sample";
let userPacks: string;
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "heapwise-upload-"));
  userPacks = join(work, "packs");
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** What the app does with a picked pack, minus replaying its solutions (see test/unit/shell/classroom-packs.test.ts). */
function installUploadedPack(upload: PackUpload, dir: string, options: InstallOptions = {}): InstallResult {
  const read = readPackUpload(upload);
  if (!read.ok) return { ok: false, errors: [{ file: upload.name, line: 1, column: 1, message: read.message }] };
  return installPackFiles(read.pack, dir, options);
}

/** A folder's files as the renderer sends them: paths relative to the folder. */
function folderFiles(dir: string): { path: string; bytes: Uint8Array }[] {
  return readdirSync(dir).map((name) => ({ path: name, bytes: new Uint8Array(readFileSync(join(dir, name))) }));
}
const installed = () => (existsSync(userPacks) ? readdirSync(userPacks).sort() : []);
const located = (result: ReturnType<typeof installUploadedPack>) => (result.ok ? ["(installed)"] : result.errors.map(formatLocatedError));

describe("installUploadedPack", () => {
  it("installs a picked folder, and names it as picked when its id collides", () => {
    const upload: PackUpload = { kind: "folder", name: "my-quiz", files: folderFiles(SAMPLE) };
    const first = installUploadedPack(upload, userPacks);
    expect(first.ok && first.pack.manifest.author).toBe("Sample Teacher");
    expect(installed()).toEqual(["classroom-sample"]);

    const again = installUploadedPack(upload, userPacks);
    expect(located(again)).toEqual([
      `my-quiz/pack.yaml:3:5: a pack with id "classroom-sample" is already installed; remove it first or install with replace`,
    ]);
    expect(!again.ok && again.collision).toBe("classroom-sample");
    const replaced = installUploadedPack(upload, userPacks, { replace: true });
    expect(replaced.ok && replaced.replaced).toBe(true);
    expect(installed()).toEqual(["classroom-sample"]);
  });

  it("installs a picked .zip, also one whose files sit in a top folder", () => {
    const files = Object.fromEntries(folderFiles(SAMPLE).map((f) => [`quiz/${f.path}`, f.bytes]));
    const result = installUploadedPack({ kind: "zip", name: "quiz.zip", bytes: zipSync(files) }, userPacks);
    expect(result.ok && result.pack.chapters[0]!.levels.length).toBe(6);
  });

  it("reports a broken pack located inside what was picked, and installs nothing", () => {
    const folder = installUploadedPack({ kind: "folder", name: "bad-number", files: folderFiles("test/levels/broken/bad-number") }, userPacks);
    expect(located(folder)).toEqual([`bad-number/level.yaml:12:12: goals[0].bytes must be a positive whole number, got "10kb"`]);
    const zip = zipSync(Object.fromEntries(folderFiles("test/levels/broken/path-traversal").map((f) => [f.path, f.bytes])));
    expect(located(installUploadedPack({ kind: "zip", name: "trav.zip", bytes: zip }, userPacks))).toEqual([
      `trav.zip/pack.yaml:13:9: level file "../outside.yaml" climbs out of the pack with ..; pack paths must stay inside it`,
    ]);
    expect(installed()).toEqual([]);
  });

  it("refuses unsafe paths and names in a folder upload", () => {
    const sample = folderFiles(SAMPLE);
    const x = new TextEncoder().encode("x");
    const refused = (extra: { path: string; bytes: Uint8Array }, name = "quiz") =>
      located(installUploadedPack({ kind: "folder", name, files: [...sample, extra] }, userPacks));
    expect(refused({ path: "../evil.yaml", bytes: x })).toEqual([`quiz:1:1: "../evil.yaml" climbs out of the pack with ..; pack paths must stay inside it`]);
    expect(refused({ path: "/etc/evil.yaml", bytes: x })).toEqual([`quiz:1:1: "/etc/evil.yaml" is an absolute path; pack paths must be relative`]);
    expect(refused({ path: "a//b.yaml", bytes: x })).toEqual([`quiz:1:1: "a//b.yaml" has an empty folder name`]);
    expect(refused({ path: "sub\\b.yaml", bytes: x })).toEqual([`quiz:1:1: "sub\\\\b.yaml" uses backslashes; zip paths must use /`]);
    expect(refused({ path: "pack.yaml", bytes: x })).toEqual([`quiz:1:1: pack.yaml is in the pack twice`]);
    expect(refused({ path: "notes.txt", bytes: x }, "../up")[0]).toMatch(/^\.\.\/up:1:1: the pack's name "\.\.\/up" holds a slash/);
    expect(installed()).toEqual([]);
  });

  it("skips hidden files, as when reading a folder from disk", () => {
    const result = installUploadedPack(
      { kind: "folder", name: "quiz", files: [...folderFiles(SAMPLE), { path: ".git/config", bytes: new Uint8Array(5) }, { path: ".DS_Store", bytes: new Uint8Array(3) }] },
      userPacks,
    );
    expect(result.ok).toBe(true);
    expect(readdirSync(join(userPacks, "classroom-sample")).filter((n) => n.startsWith("."))).toEqual([]);
  });

  it("applies the pack limits to uploaded folders and zips", () => {
    const sample = folderFiles(SAMPLE);
    const tooBig = { path: "huge.txt", bytes: new Uint8Array(PACK_LIMITS.maxFileBytes + 1) };
    expect(located(installUploadedPack({ kind: "folder", name: "quiz", files: [...sample, tooBig] }, userPacks))).toEqual([
      `quiz:1:1: huge.txt is ${PACK_LIMITS.maxFileBytes + 1} bytes; a pack file may be at most ${PACK_LIMITS.maxFileBytes} bytes`,
    ]);
    const many = Array.from({ length: PACK_LIMITS.maxFiles }, (_, i) => ({ path: `extra/f${i}.txt`, bytes: new Uint8Array(1) }));
    expect(located(installUploadedPack({ kind: "folder", name: "quiz", files: [...sample, ...many] }, userPacks))).toEqual([
      `quiz:1:1: the pack has more than ${PACK_LIMITS.maxFiles} files`,
    ]);
    const bigZip = new Uint8Array(PACK_LIMITS.maxZipBytes + 1);
    expect(located(installUploadedPack({ kind: "zip", name: "big.zip", bytes: bigZip }, userPacks))).toEqual([
      `big.zip:1:1: the .zip is ${PACK_LIMITS.maxZipBytes + 1} bytes; at most ${PACK_LIMITS.maxZipBytes} are allowed`,
    ]);
    expect(located(installUploadedPack({ kind: "zip", name: "junk.zip", bytes: new TextEncoder().encode("not a zip") }, userPacks))).toEqual([
      "junk.zip:1:1: the file is not a .zip archive",
    ]);
    expect(installed()).toEqual([]);
  });
});
