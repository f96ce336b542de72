// Importing a pack is parsing hostile input. These are the refusals the install tests in
// test/levels/install.test.ts do not cover yet (traversal, absolute paths, symlinks, file count and
// size, id collisions are there): text that is not UTF-8, code that does not parse, YAML nested
// deeper than the parser's stack. Each is refused with a clear message and nothing is installed.
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { installPack } from "../../../src-main/levels/install";
import { edit, installedEntries, Q1, workspace, zipOf, type Workspace } from "./pack-fixtures";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

let ws: Workspace;
afterEach(() => rmSync(ws.root, { recursive: true, force: true }));

const messages = (r: ReturnType<typeof installPack>) => (r.ok ? ["(installed)"] : r.errors.map((e) => e.message));

describe("hostile level packs", () => {
  it("a level file that is not UTF-8 (a stray byte) is refused", () => {
    ws = workspace();
    const path = join(ws.pack, Q1);
    const bytes = readFileSync(path);
    writeFileSync(path, Buffer.concat([bytes.subarray(0, 10), Buffer.from([0xff, 0xc3]), bytes.subarray(10)]));
    expect(messages(installPack(ws.pack, ws.userPacks))).toEqual(["the file is not UTF-8 text"]);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("a UTF-16 level file is refused as not UTF-8, also from a zip", () => {
    ws = workspace();
    const path = join(ws.pack, Q1);
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(path, "utf8"), "utf16le")]));
    expect(messages(installPack(zipOf(ws), ws.userPacks))).toEqual(["the file is not UTF-8 text"]);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("level code that does not parse is refused, located in the YAML file", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t.replace("  b = a\n", "  b = = a\n"));
    const result = installPack(ws.pack, ws.userPacks);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ line: 9, column: 7 });
      expect(result.errors[0].message).toMatch(/^code does not parse as Python: SyntaxError: invalid syntax/);
    }
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("YAML nested thousands deep is refused without taking the process down", () => {
    ws = workspace();
    edit(ws, Q1, (t) => `${t}deep: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    const result = installPack(ws.pack, ws.userPacks);
    expect(result.ok).toBe(false);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("an id collision with a broken replacement keeps the installed pack", () => {
    ws = workspace();
    expect(installPack(ws.pack, ws.userPacks).ok).toBe(true);
    edit(ws, Q1, (t) => t.replace("  b = a\n", "  b = = a\n"));
    expect(installPack(ws.pack, ws.userPacks, { replace: true }).ok).toBe(false);
    expect(installedEntries(ws.userPacks)).toEqual(["classroom-sample"]);
    expect(installedEntries(join(ws.userPacks, "classroom-sample"))).toContain(Q1);
    expect(readFileSync(join(ws.userPacks, "classroom-sample", Q1), "utf8")).toContain("  b = a\n");
  });
});
