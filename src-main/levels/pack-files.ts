/**
 * Reads a pack (a folder, or a .zip of one) into memory, refusing anything unsafe before a single
 * byte is used: symlinks, absolute paths, `..`, too many files, too many bytes. Loading, checking
 * and installing all work on this in-memory copy, so a pack is read exactly once.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { crc32 } from "node:zlib";
import { unzipSync } from "fflate";

import { PACK_LIMITS } from "./pack-limits";

export { PACK_LIMITS };

export interface PackFiles {
  /** How the user named the pack (a folder or a .zip path), used as the prefix of error file names. */
  origin: string;
  kind: "dir" | "zip";
  /** Relative posix path -> bytes. Always contains only regular files. */
  files: Map<string, Uint8Array>;
}

export type PackFilesResult = { ok: true; pack: PackFiles } | { ok: false; message: string };

export function readPackFiles(dirOrZip: string): PackFilesResult {
  let stat;
  try {
    stat = statSync(dirOrZip);
  } catch {
    return { ok: false, message: `no such folder or .zip file` };
  }
  if (stat.isDirectory()) return readPackDir(dirOrZip);
  if (stat.isFile() && dirOrZip.toLowerCase().endsWith(".zip")) return readPackZip(dirOrZip, stat.size);
  return { ok: false, message: `a pack must be a folder or a .zip file` };
}

/**
 * A pack the player picked in the app and sent over as bytes (the renderer cannot hand main a
 * path): a .zip, or the files of a folder with paths relative to that folder. `name` is what the
 * player picked (`my-quiz.zip`, `my-quiz`); it prefixes the file names in messages.
 */
export type PackUpload =
  | { kind: "zip"; name: string; bytes: Uint8Array }
  | { kind: "folder"; name: string; files: readonly { path: string; bytes: Uint8Array }[] };

/** The same checks as reading a folder or a .zip from disk, applied to uploaded bytes. */
export function readPackUpload(upload: PackUpload): PackFilesResult {
  const badName = uploadNameProblem(upload.name);
  if (badName) return { ok: false, message: `the pack's name ${JSON.stringify(upload.name)} ${badName}` };
  if (upload.kind === "zip") return packFilesFromZip(upload.name, upload.bytes);

  const files = new Map<string, Uint8Array>();
  const tally = limitTally(false);
  for (const { path, bytes } of [...upload.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const unsafe = unsafeEntryName(path) ?? (path === "" || path.split("/").includes("") ? "has an empty folder name" : null);
    if (unsafe) return { ok: false, message: `${JSON.stringify(path)} ${unsafe}` };
    if (isHidden(path)) continue;
    if (files.has(path)) return { ok: false, message: `${path} is in the pack twice` };
    const overLimit = tally(path, bytes.byteLength);
    if (overLimit) return { ok: false, message: overLimit };
    files.set(path, bytes);
  }
  return { ok: true, pack: { origin: upload.name, kind: "dir", files } };
}

/** Why a picked file or folder name cannot name a pack in messages, or null. */
function uploadNameProblem(name: string): string | null {
  if (name === "" || name === "." || name === "..") return "is not a file or folder name";
  if (/[\\/]/.test(name)) return "holds a slash; send the name of the file or folder only";
  if (/[\u0000-\u001F\u007F]/.test(name)) return "holds control characters";
  return null;
}

/** The display name of a file inside a pack: `levels/heapwise/pack.yaml`, `my.zip/pack.yaml`. */
export function displayName(pack: Pick<PackFiles, "origin">, relPath: string): string {
  return posix.join(pack.origin.replaceAll("\\", "/"), relPath);
}

/**
 * Counts a pack's files and bytes as they are met; returns the first limit crossed, worded for the
 * teacher. Folders, zips and uploaded packs all go through one tally, so the limits cannot drift.
 */
function limitTally(unpacked: boolean): (relPath: string, size: number) => string | null {
  let count = 0;
  let total = 0;
  return (relPath, size) => {
    if (size > PACK_LIMITS.maxFileBytes) return `${relPath} is ${size} bytes; a pack file may be at most ${PACK_LIMITS.maxFileBytes} bytes`;
    total += size;
    if (total > PACK_LIMITS.maxTotalBytes) return `the pack is larger than ${PACK_LIMITS.maxTotalBytes} bytes${unpacked ? " unpacked" : ""}`;
    count++;
    if (count > PACK_LIMITS.maxFiles) return `the pack has more than ${PACK_LIMITS.maxFiles} files`;
    return null;
  };
}

/** Dot files and folders (.DS_Store, .git) are never part of a pack. */
function isHidden(relPath: string): boolean {
  return relPath.split("/").some((part) => part.startsWith("."));
}

function readPackDir(root: string): PackFilesResult {
  const files = new Map<string, Uint8Array>();
  const tally = limitTally(false);
  const visit = (rel: string): string | null => {
    for (const entry of readdirSync(join(root, rel)).sort()) {
      if (entry.startsWith(".")) continue;
      const relPath = rel === "" ? entry : `${rel}/${entry}`;
      const st = lstatSync(join(root, relPath));
      if (st.isSymbolicLink()) return `${relPath} is a symbolic link; packs may hold only plain files and folders`;
      if (st.isDirectory()) {
        const problem = visit(relPath);
        if (problem) return problem;
        continue;
      }
      if (!st.isFile()) return `${relPath} is not a plain file`;
      const problem = tally(relPath, st.size);
      if (problem) return problem;
      files.set(relPath, readFileSync(join(root, relPath)));
    }
    return null;
  };
  const problem = visit("");
  if (problem) return { ok: false, message: problem };
  return { ok: true, pack: { origin: root, kind: "dir", files } };
}

function readPackZip(zipPath: string, size: number): PackFilesResult {
  if (size > PACK_LIMITS.maxZipBytes) return { ok: false, message: `the .zip is ${size} bytes; at most ${PACK_LIMITS.maxZipBytes} are allowed` };
  return packFilesFromZip(zipPath, new Uint8Array(readFileSync(zipPath)));
}

/** A pack from a zip's bytes; `origin` names it in messages (a path, or the picked file's name). */
function packFilesFromZip(origin: string, bytes: Uint8Array): PackFilesResult {
  if (bytes.byteLength > PACK_LIMITS.maxZipBytes) return { ok: false, message: `the .zip is ${bytes.byteLength} bytes; at most ${PACK_LIMITS.maxZipBytes} are allowed` };
  const entries = readZipDirectory(bytes);
  if (typeof entries === "string") return { ok: false, message: entries };

  // Every name is checked before anything is inflated.
  const tally = limitTally(true);
  for (const entry of entries) {
    const problem = unsafeEntryName(entry.name);
    if (problem) return { ok: false, message: `${JSON.stringify(entry.name)} ${problem}` };
    if (entry.isSymlink) return { ok: false, message: `${entry.name} is a symbolic link; packs may hold only plain files and folders` };
    if (entry.name.endsWith("/")) continue;
    const overLimit = tally(entry.name, entry.uncompressedSize);
    if (overLimit) return { ok: false, message: overLimit };
  }

  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(bytes, {
      filter: (file) => !file.name.endsWith("/") && file.originalSize <= PACK_LIMITS.maxFileBytes,
    });
  } catch (error) {
    return { ok: false, message: `the .zip could not be read: ${(error as Error).message}` };
  }
  // A zip may lie about its sizes; what was inflated must match what the directory declares.
  for (const entry of entries) {
    const data = inflated[entry.name];
    if (data === undefined) continue;
    if (data.byteLength !== entry.uncompressedSize || crc32(data) !== entry.crc) {
      return { ok: false, message: `${entry.name} does not match its size or checksum in the .zip; the archive is damaged or forged` };
    }
  }
  let names = Object.keys(inflated).filter((n) => !isHidden(n) && !n.split("/").includes("__MACOSX"));
  let inflatedTotal = 0;
  for (const name of names) inflatedTotal += inflated[name]!.byteLength;
  if (inflatedTotal > PACK_LIMITS.maxTotalBytes) return { ok: false, message: `the pack is larger than ${PACK_LIMITS.maxTotalBytes} bytes unpacked` };

  // A zip "of a folder" usually has the folder as its single top entry: look inside it.
  let prefix = "";
  if (!names.includes("pack.yaml")) {
    const tops = new Set(names.map((n) => n.split("/")[0]));
    if (tops.size === 1) {
      const top = [...tops][0]!;
      if (names.includes(`${top}/pack.yaml`)) prefix = `${top}/`;
    }
  }
  const files = new Map<string, Uint8Array>();
  names = names.filter((n) => n.startsWith(prefix)).sort();
  for (const name of names) files.set(name.slice(prefix.length), inflated[name]!);
  return { ok: true, pack: { origin, kind: "zip", files } };
}

/** Why a path inside a zip is refused, or null when it is a plain relative path. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes("\\")) return "uses backslashes; zip paths must use /";
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name)) return "is an absolute path; pack paths must be relative";
  if (name.split("/").some((part) => part === "..")) return "climbs out of the pack with ..; pack paths must stay inside it";
  if (name.includes("\0")) return "contains a NUL character";
  return null;
}

interface ZipEntry {
  name: string;
  uncompressedSize: number;
  crc: number;
  isSymlink: boolean;
}

/**
 * The zip central directory: names, declared sizes and Unix modes (fflate does not expose the
 * external attributes, and a symlink is only recognisable by them).
 */
function readZipDirectory(bytes: Uint8Array): ZipEntry[] | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "the file is not a .zip archive";
  const count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return "the .zip archive is damaged";
    const madeBy = view.getUint16(offset + 4, true) >> 8;
    const crc = view.getUint32(offset + 16, true);
    const uncompressedSize = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const external = view.getUint32(offset + 38, true);
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const unixMode = madeBy === 3 ? external >>> 16 : 0; // 3: made on Unix
    entries.push({ name, uncompressedSize, crc, isSymlink: (unixMode & 0o170000) === 0o120000 });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
