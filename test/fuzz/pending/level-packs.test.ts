// Hostile packs that src-main/levels does not refuse properly yet (see docs/SECURITY.md).
import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { installPack } from "../../../src-main/levels/install";
import { aliasBomb, edit, installedEntries, Q1, workspace, zipOf, type Workspace } from "../../unit/hardening/pack-fixtures";

let ws: Workspace;
afterEach(() => rmSync(ws.root, { recursive: true, force: true }));

describe("pending: hostile level packs", () => {
  it("a YAML alias bomb is refused with a message, not thrown", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t + aliasBomb("x-bomb"));
    let result: ReturnType<typeof installPack> | undefined;
    expect(() => (result = installPack(ws.pack, ws.userPacks))).not.toThrow();
    expect(result?.ok).toBe(false);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("a zip that declares a smaller size than its data inflates to is refused", () => {
    ws = workspace();
    const zip = zipOf(ws, { "notes.txt": new Uint8Array(20 * 1024 * 1024) }, { name: "notes.txt", declaredSize: 10 });
    const result = installPack(zip, ws.userPacks);
    expect(result.ok).toBe(false);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("a 200 000-character title is refused", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t.replace('title: "Q1: One list, two names"', `title: "${"A".repeat(200_000)}"`));
    expect(installPack(ws.pack, ws.userPacks).ok).toBe(false);
    expect(installedEntries(ws.userPacks)).toEqual([]);
  });

  it("a 900 000-character hint is refused", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t.replace('  - "`a` and `b` are two names for the same list."', `  - "${"B".repeat(900_000)}"`));
    expect(installPack(ws.pack, ws.userPacks).ok).toBe(false);
  });

  it("level code of 100 000 lines is refused", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t.replace("  print(a)\n", "  print(a)\n" + "  x = 1\n".repeat(100_000)));
    expect(installPack(ws.pack, ws.userPacks).ok).toBe(false);
  });

  it("control characters (NUL, right-to-left override) in a title are refused", () => {
    ws = workspace();
    edit(ws, Q1, (t) => t.replace('title: "Q1: One list, two names"', 'title: "Q1\\0 \\u202egnp.exe"'));
    expect(installPack(ws.pack, ws.userPacks).ok).toBe(false);
  });
});
