import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync, type Zippable } from "fflate";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installPack, listInstalledPacks, removeInstalledPack } from "../../src-main/levels/install";
import { loadBuiltinPacks, loadPack } from "../../src-main/levels/load";
import { PACK_LIMITS } from "../../src-main/levels/pack-files";

const SAMPLE = "levels/classroom-sample";
let work: string;
let userPacks: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), "heapwise-install-"));
  userPacks = join(work, "packs");
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

/** The sample pack's files as a zip, optionally under a top folder, with extra entries. */
function sampleZip(options: { topFolder?: string; extra?: Zippable } = {}): string {
  const files: Zippable = {};
  const copy = join(work, "copy");
  cpSync(SAMPLE, copy, { recursive: true });
  for (const name of readdirSync(copy)) {
    const bytes = new Uint8Array(readFileSync(join(copy, name)));
    files[options.topFolder ? `${options.topFolder}/${name}` : name] = bytes;
  }
  Object.assign(files, options.extra ?? {});
  const zipPath = join(work, "pack.zip");
  writeFileSync(zipPath, zipSync(files));
  return zipPath;
}

const entries = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const messages = (result: ReturnType<typeof installPack>) => (result.ok ? [] : result.errors.map((e) => e.message));

describe("installPack", () => {
  it("installs a folder, lists it, refuses a second install, replaces on request, removes it", () => {
    const first = installPack(SAMPLE, userPacks);
    expect(first.ok).toBe(true);
    expect(entries(userPacks)).toEqual(["classroom-sample"]);
    expect(listInstalledPacks(userPacks).packs.map((p) => p.manifest.id)).toEqual(["classroom-sample"]);

    const again = installPack(SAMPLE, userPacks);
    expect(messages(again)).toEqual([`a pack with id "classroom-sample" is already installed; remove it first or install with replace`]);
    expect(again.ok === false && again.collision).toBe("classroom-sample");
    expect(again.ok === false && again.errors[0]).toMatchObject({ file: `${SAMPLE}/pack.yaml`, line: 3, column: 5 });

    const replaced = installPack(SAMPLE, userPacks, { replace: true });
    expect(replaced.ok && replaced.replaced).toBe(true);
    expect(entries(userPacks)).toEqual(["classroom-sample"]); // no staging or retired folder left

    expect(removeInstalledPack(userPacks, "classroom-sample")).toEqual({ ok: true });
    expect(entries(userPacks)).toEqual([]);
    expect(removeInstalledPack(userPacks, "classroom-sample").ok).toBe(false);
    expect(removeInstalledPack(userPacks, "../levels").ok).toBe(false);
  });

  it("installs a zip, also one whose files sit in a single top folder", () => {
    const flat = installPack(sampleZip(), userPacks);
    expect(flat.ok).toBe(true);
    rmSync(userPacks, { recursive: true });
    const nested = installPack(sampleZip({ topFolder: "my-quiz" }), userPacks);
    expect(nested.ok).toBe(true);
    const installed = loadPack(join(userPacks, "classroom-sample"));
    expect(installed.ok && installed.pack.chapters[0]!.levels.length).toBe(6);
  });

  it("refuses ids of built-in packs", () => {
    const reserved = installPack(SAMPLE, userPacks, { reservedIds: ["classroom-sample"] });
    expect(messages(reserved)).toEqual([`pack id "classroom-sample" belongs to a built-in pack; choose another id in pack.yaml`]);
    expect(reserved.ok === false && reserved.collision).toBe(undefined); // replacing cannot help here
    expect(entries(userPacks)).toEqual([]);
  });

  it("validates before installing: a broken pack writes nothing and keeps the installed one", () => {
    expect(installPack(SAMPLE, userPacks).ok).toBe(true);
    const broken = join(work, "broken");
    cpSync(SAMPLE, broken, { recursive: true });
    const level = join(broken, "q1-aliasing.yaml");
    writeFileSync(level, readFileSync(level, "utf8").replace("title:", "titel:"));
    const result = installPack(broken, userPacks, { replace: true });
    expect(result.ok).toBe(false);
    expect(messages(result)).toContain(`unknown key "titel" (did you mean "title"?)`);
    expect(entries(userPacks)).toEqual(["classroom-sample"]);
    expect(loadPack(join(userPacks, "classroom-sample")).ok).toBe(true);
  });

  it("refuses zips with path traversal, absolute paths or symlinks", () => {
    const evil = new TextEncoder().encode("x");
    expect(messages(installPack(sampleZip({ extra: { "../evil.yaml": evil } }), userPacks))).toEqual([
      `"../evil.yaml" climbs out of the pack with ..; pack paths must stay inside it`,
    ]);
    expect(messages(installPack(sampleZip({ extra: { "/etc/evil.yaml": evil } }), userPacks))).toEqual([
      `"/etc/evil.yaml" is an absolute path; pack paths must be relative`,
    ]);
    // A Unix symlink entry: mode 0o120777 in the high bits of the external attributes.
    const link = sampleZip({ extra: { "link.yaml": [new TextEncoder().encode("/etc/passwd"), { os: 3, attrs: 0o120777 << 16 }] } });
    expect(messages(installPack(link, userPacks))).toEqual([`link.yaml is a symbolic link; packs may hold only plain files and folders`]);
    expect(entries(userPacks)).toEqual([]);
  });

  it("refuses a zip whose data does not match the sizes and checksums it declares", () => {
    const zipPath = sampleZip({ extra: { "notes.txt": new Uint8Array(64 * 1024) } });
    const bytes = new Uint8Array(readFileSync(zipPath));
    const view = new DataView(bytes.buffer);
    const decoder = new TextDecoder();
    // Declare 10 bytes for notes.txt, in its local header and in the central directory.
    for (let i = 0; i + 46 <= bytes.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50 && decoder.decode(bytes.subarray(i + 30, i + 30 + view.getUint16(i + 26, true))) === "notes.txt") view.setUint32(i + 22, 10, true);
      if (signature === 0x02014b50 && decoder.decode(bytes.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))) === "notes.txt") view.setUint32(i + 24, 10, true);
    }
    writeFileSync(zipPath, bytes);
    expect(messages(installPack(zipPath, userPacks))).toEqual([
      "notes.txt does not match its size or checksum in the .zip; the archive is damaged or forged",
    ]);
    expect(entries(userPacks)).toEqual([]);
  });

  it("refuses folders holding symlinks", () => {
    const withLink = join(work, "with-link");
    cpSync(SAMPLE, withLink, { recursive: true });
    symlinkSync("/etc/passwd", join(withLink, "secret.yaml"));
    expect(messages(installPack(withLink, userPacks))).toEqual([`secret.yaml is a symbolic link; packs may hold only plain files and folders`]);
  });

  it("refuses oversized packs: too many files, too large a file", () => {
    const many = join(work, "many");
    cpSync(SAMPLE, many, { recursive: true });
    mkdirSync(join(many, "extra"));
    for (let i = 0; i < PACK_LIMITS.maxFiles; i++) writeFileSync(join(many, "extra", `f${i}.txt`), "x");
    expect(messages(installPack(many, userPacks))).toEqual([`the pack has more than ${PACK_LIMITS.maxFiles} files`]);

    const big = join(work, "big");
    cpSync(SAMPLE, big, { recursive: true });
    writeFileSync(join(big, "huge.txt"), Buffer.alloc(PACK_LIMITS.maxFileBytes + 1));
    expect(messages(installPack(big, userPacks))).toEqual([
      `huge.txt is ${PACK_LIMITS.maxFileBytes + 1} bytes; a pack file may be at most ${PACK_LIMITS.maxFileBytes} bytes`,
    ]);
    expect(entries(userPacks)).toEqual([]);
  });

  it("reports a missing source plainly", () => {
    expect(messages(installPack(join(work, "nothing-here"), userPacks))).toEqual(["no such folder or .zip file"]);
  });
});

describe("loadBuiltinPacks", () => {
  it("loads every pack folder once and reports a second pack with the same id", () => {
    const root = join(work, "levels");
    cpSync(SAMPLE, join(root, "a-sample"), { recursive: true });
    cpSync(SAMPLE, join(root, "b-copy"), { recursive: true });
    mkdirSync(join(root, "not-a-pack"));
    const { packs, errors } = loadBuiltinPacks(root);
    expect(packs.map((p) => p.origin)).toEqual([join(root, "a-sample")]);
    expect(errors.map((e) => `${e.file}:${e.line}:${e.column}: ${e.message}`)).toEqual([
      // Line 3 of the sample's pack.yaml is `id: classroom-sample`; the value starts in column 5.
      `${join(root, "b-copy")}/pack.yaml:3:5: pack id "classroom-sample" is already used by ${join(root, "a-sample")}`,
    ]);
  });
});
