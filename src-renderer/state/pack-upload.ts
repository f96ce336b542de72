// Turns what the player picked (a .zip, or a folder through webkitdirectory) into a packs:install
// request: the renderer cannot give main a file path, so it sends the bytes as base64. Main checks
// everything again; the size checks here only avoid reading a huge pick into memory at all.

import type { RequestOf } from "../../src-main/api/index";
import { PACK_LIMITS } from "../../src-main/levels/pack-limits";

export type PackUploadRequest = RequestOf<"packs:install">["pack"];

/** The request, or a sentence saying why the pick cannot be a pack. */
export type PickResult = { ok: true; pack: PackUploadRequest } | { ok: false; message: string };

export async function zipPick(file: File): Promise<PickResult> {
  if (file.size > PACK_LIMITS.maxZipBytes) {
    return { ok: false, message: `${file.name}: the .zip is ${file.size} bytes; at most ${PACK_LIMITS.maxZipBytes} are allowed` };
  }
  return { ok: true, pack: { kind: "zip", name: file.name, base64: await base64Of(file) } };
}

/** A folder pick lists every file under the folder, each with a path that starts with the folder's name. */
export async function folderPick(picked: readonly File[]): Promise<PickResult> {
  const first = picked[0];
  if (!first) return { ok: false, message: "The folder is empty." };
  const name = first.webkitRelativePath.split("/")[0] ?? first.name;
  const files = picked
    .map((file) => ({ file, path: file.webkitRelativePath.split("/").slice(1).join("/") }))
    // Hidden files (.git, .DS_Store) are never part of a pack; main skips them too.
    .filter(({ path }) => path !== "" && !path.split("/").some((part) => part.startsWith(".")));
  const total = files.reduce((sum, { file }) => sum + file.size, 0);
  if (files.length > PACK_LIMITS.maxFiles) return { ok: false, message: `${name}: the pack has more than ${PACK_LIMITS.maxFiles} files` };
  if (total > PACK_LIMITS.maxTotalBytes) return { ok: false, message: `${name}: the pack is larger than ${PACK_LIMITS.maxTotalBytes} bytes` };
  const encoded = await Promise.all(files.map(async ({ file, path }) => ({ path, base64: await base64Of(file) })));
  return { ok: true, pack: { kind: "folder", name, files: encoded } };
}

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  // In slices: String.fromCharCode takes its bytes as arguments, and arguments are limited.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
