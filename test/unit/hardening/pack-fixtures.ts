// Hostile variants of the sample classroom pack, built in a temporary folder (as a folder or a zip),
// for the level-pack hardening tests.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { zipSync, type Zippable } from "fflate";

export const SAMPLE = resolve(import.meta.dirname, "../../../levels/classroom-sample");
export const Q1 = "q1-aliasing.yaml";

export interface Workspace {
  /** A copy of the sample pack to damage. */
  pack: string;
  /** Where packs get installed. */
  userPacks: string;
  root: string;
}

export function workspace(): Workspace {
  const root = mkdtempSync(join(tmpdir(), "heapwise-hostile-pack-"));
  const pack = join(root, "pack");
  cpSync(SAMPLE, pack, { recursive: true });
  return { pack, userPacks: join(root, "user-packs"), root };
}

export function edit(ws: Workspace, file: string, change: (text: string) => string): void {
  const path = join(ws.pack, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

/** A YAML "billion laughs": 10 levels of anchors, each aliasing the one before ten times. */
export function aliasBomb(key: string, levels = 10): string {
  let y = `${key}:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < levels; i++) y += `  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(", ")}]\n`;
  return y;
}

/** The pack folder as a zip; `lie` rewrites the sizes a zip declares for one entry. */
export function zipOf(ws: Workspace, extra: Zippable = {}, lie?: { name: string; declaredSize: number }): string {
  const files: Zippable = {};
  for (const name of readdirSync(ws.pack)) files[name] = new Uint8Array(readFileSync(join(ws.pack, name)));
  Object.assign(files, extra);
  const zip = zipSync(files, { level: 9 });
  if (lie) declareSize(zip, lie.name, lie.declaredSize);
  const path = join(ws.root, "pack.zip");
  writeFileSync(path, zip);
  return path;
}

/** Rewrites the uncompressed size of `name` in its local header and its central directory entry. */
function declareSize(zip: Uint8Array, name: string, size: number): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const decoder = new TextDecoder();
  for (let i = 0; i + 46 <= zip.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && decoder.decode(zip.subarray(i + 30, i + 30 + view.getUint16(i + 26, true))) === name) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50 && decoder.decode(zip.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))) === name) view.setUint32(i + 24, size, true);
  }
}

export const installedEntries = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).sort() : []);
