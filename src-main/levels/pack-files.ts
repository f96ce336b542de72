/**
 * Reads a pack (a folder, or a .zip of one) into memory, refusing anything unsafe before a single
 * byte is used: symlinks, absolute paths, `..`, too many files, too many bytes. Loading, checking
 * and installing all work on this in-memory copy, so a pack is read exactly once.
 */
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { crc32 } from "node:zlib";
import { unzipSync } from "fflate";

export const PACK_LIMITS = {
  maxFiles: 400,
  maxFileBytes: 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  /** A zip's own size on disk. */
  maxZipBytes: 8 * 1024 * 1024,
};

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

/** The display name of a file inside a pack: `levels/heapwise/pack.yaml`, `my.zip/pack.yaml`. */
export function displayName(pack: Pick<PackFiles, "origin">, relPath: string): string {
  return posix.join(pack.origin.replaceAll("\\", "/"), relPath);
}

function readPackDir(root: string): PackFilesResult {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const visit = (rel: string): string | null => {
    for (const entry of readdirSync(join(root, rel)).sort()) {
      if (entry.startsWith(".")) continue; // .DS_Store, .git: never part of a pack
      const relPath = rel === "" ? entry : `${rel}/${entry}`;
      const st = lstatSync(join(root, relPath));
      if (st.isSymbolicLink()) return `${relPath} is a symbolic link; packs may hold only plain files and folders`;
      if (st.isDirectory()) {
        const problem = visit(relPath);
        if (problem) return problem;
        continue;
      }
      if (!st.isFile()) return `${relPath} is not a plain file`;
      if (st.size > PACK_LIMITS.maxFileBytes) return `${relPath} is ${st.size} bytes; a pack file may be at most ${PACK_LIMITS.maxFileBytes} bytes`;
      total += st.size;
      if (total > PACK_LIMITS.maxTotalBytes) return `the pack is larger than ${PACK_LIMITS.maxTotalBytes} bytes`;
      if (files.size + 1 > PACK_LIMITS.maxFiles) return `the pack has more than ${PACK_LIMITS.maxFiles} files`;
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
  const bytes = new Uint8Array(readFileSync(zipPath));
  const entries = readZipDirectory(bytes);
  if (typeof entries === "string") return { ok: false, message: entries };

  // Every name is checked before anything is inflated.
  let total = 0;
  let count = 0;
  for (const entry of entries) {
    const problem = unsafeEntryName(entry.name);
    if (problem) return { ok: false, message: `${JSON.stringify(entry.name)} ${problem}` };
    if (entry.isSymlink) return { ok: false, message: `${entry.name} is a symbolic link; packs may hold only plain files and folders` };
    if (entry.name.endsWith("/")) continue;
    count++;
    total += entry.uncompressedSize;
    if (entry.uncompressedSize > PACK_LIMITS.maxFileBytes) return { ok: false, message: `${entry.name} is ${entry.uncompressedSize} bytes; a pack file may be at most ${PACK_LIMITS.maxFileBytes} bytes` };
    if (total > PACK_LIMITS.maxTotalBytes) return { ok: false, message: `the pack is larger than ${PACK_LIMITS.maxTotalBytes} bytes unpacked` };
    if (count > PACK_LIMITS.maxFiles) return { ok: false, message: `the pack has more than ${PACK_LIMITS.maxFiles} files` };
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
  let names = Object.keys(inflated).filter((n) => !n.split("/").some((part) => part.startsWith(".") || part === "__MACOSX"));
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
  return { ok: true, pack: { origin: zipPath, kind: "zip", files } };
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
