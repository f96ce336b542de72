// Importing a pack is parsing hostile input. These are the refusals the install tests in
// test/levels/install.test.ts do not cover (traversal, absolute paths, symlinks, file count and
// size, id collisions are there): a YAML alias bomb, a zip whose sizes lie, huge strings, control
// characters, text that is not UTF-8, code that does not parse, YAML nested deeper than the
// parser's stack. Each is refused with a clear message and nothing is installed.
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { installPack } from "../../../src-main/levels/install";
import { aliasBomb, edit, installedEntries, Q1, workspace, zipOf, type Workspace } from "./pack-fixtures";
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

  it("a YAML alias bomb is refused with a message, not thrown", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t + aliasBomb("x-bomb"));
    let result: ReturnType<typeof installPack> | undefined;
    expect(() => (result = installPack(ws.pack, ws.userPacks))).not.toThrow();
    expect(messages(result!).join("\n")).toMatch(/alias/i);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("a zip whose entry inflates to more than the size it declares is refused", () => {
    ws = workspace();
    const zip = zipOf(ws, { "notes.txt": new Uint8Array(20 * 1024 * 1024) }, { name: "notes.txt", declaredSize: 10 });
    expect(messages(installPack(zip, ws.userPacks)).join("\n")).toMatch(/notes\.txt/);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  const huge: [string, (t: string) => string, RegExp][] = [
    ["a 200 000-character title", (t) => t.replace('title: "Q1: One list, two names"', `title: "${"A".repeat(200_000)}"`), /^title must be at most/m],
    ["a 900 000-character hint", (t) => t.replace('  - "`a` and `b` are two names for the same list."', `  - "${"B".repeat(900_000)}"`), /^hints.* must be at most/m],
    ["100 000 lines of code", (t) => t.replace("  print(a)\n", "  print(a)\n" + "  x = 1\n".repeat(100_000)), /^code must be at most/m],
  ];
  for (const [what, change, message] of huge) {
    it(`${what} is refused`, () => {
      ws = workspace();
      edit(ws, Q1, change);
      expect(messages(installPack(ws.pack, ws.userPacks)).join("\n")).toMatch(message);
      expect(installedEntries(ws.userPacks)).toEqual([]);
    });
  }

  it("control characters (NUL, right-to-left override) in a title are refused", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t.replace('title: "Q1: One list, two names"', 'title: "Q1\\0 \\u202egnp.exe"'));
    expect(messages(installPack(ws.pack, ws.userPacks)).join("\n")).toMatch(/control characters/);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });
});
