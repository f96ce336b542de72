/**
 * Installing teachers' packs into the user's packs folder. A pack is read into memory (limits,
 * no symlinks, no paths leaving the pack) and fully validated before anything is written; it is
 * then written to a temporary folder beside the target and renamed into place, so an install
 * either happens completely or not at all.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import type { LocatedError } from "./errors";
import { loadPack, loadPackFromFiles, type LoadedPack } from "./load";
import { readPackFiles, type PackFiles } from "./pack-files";

export interface InstallOptions {
  /** Replace an installed pack with the same id (otherwise an id collision is refused). */
  replace?: boolean;
  /** Ids that may never be installed over (the built-in packs). */
  reservedIds?: readonly string[];
}

type InstallRefusal = {
  ok: false;
  errors: LocatedError[];
  /** The id of the installed pack that a replace would overwrite (the only problem then). */
  collision?: string;
};

export type InstallResult = { ok: true; pack: LoadedPack; path: string; replaced: boolean } | InstallRefusal;

/** A pack that may be installed: it loads, its id is free (or is to be replaced). */
export type Admission = { ok: true; pack: LoadedPack; target: string; replacing: boolean } | InstallRefusal;

const PACK_ID = /^[a-z0-9][a-z0-9-]*$/;

/** Installs a pack from a folder or a .zip on disk (the CLI and tests). */
export function installPack(sourceDirOrZip: string, userPacksDir: string, options: InstallOptions = {}): InstallResult {
  const read = readPackFiles(sourceDirOrZip);
  if (!read.ok) return { ok: false, errors: [{ file: sourceDirOrZip, line: 1, column: 1, message: read.message }] };
  return installPackFiles(read.pack, userPacksDir, options);
}

/**
 * Whether a pack read into memory may be installed, without writing anything: it must load, its
 * id must not be a built-in one, and it must not collide with an installed pack unless replacing.
 * The app asks this first, then replays the pack's solutions, then installs.
 */
export function admitPack(files: PackFiles, userPacksDir: string, options: InstallOptions = {}): Admission {
  const loaded = loadPackFromFiles(files).result;
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const id = loaded.pack.manifest.id;
  const atId = (message: string): LocatedError => ({ ...loaded.pack.idAt, message });
  if (options.reservedIds?.includes(id)) return { ok: false, errors: [atId(`pack id "${id}" belongs to a built-in pack; choose another id in pack.yaml`)] };
  const target = join(userPacksDir, id);
  const exists = existsSync(target);
  if (exists && !options.replace) {
    return { ok: false, errors: [atId(`a pack with id "${id}" is already installed; remove it first or install with replace`)], collision: id };
  }
  return { ok: true, pack: loaded.pack, target, replacing: exists };
}

/** Validates a pack read into memory and, only if it is sound, writes it into place at once. */
export function installPackFiles(files: PackFiles, userPacksDir: string, options: InstallOptions = {}): InstallResult {
  const refuse = (message: string): InstallResult => ({ ok: false, errors: [{ file: files.origin, line: 1, column: 1, message }] });
  const admitted = admitPack(files, userPacksDir, options);
  if (!admitted.ok) return admitted;
  const { target, replacing: exists } = admitted;
  const id = admitted.pack.manifest.id;
  mkdirSync(userPacksDir, { recursive: true });

  const staging = join(userPacksDir, `.installing-${id}-${randomBytes(6).toString("hex")}`);
  let retired: string | null = null;
  try {
    for (const [relPath, bytes] of files.files) {
      const destination = join(staging, ...relPath.split("/"));
      mkdirSync(dirname(destination), { recursive: true });
      writeFileSync(destination, bytes, { flag: "wx" });
    }
    // What was written must load exactly as what was read.
    const check = loadPack(staging);
    if (!check.ok) throw new Error(`the copied pack does not load: ${check.errors[0]?.message ?? "unknown error"}`);
    if (exists) {
      retired = join(userPacksDir, `.replaced-${id}-${randomBytes(6).toString("hex")}`);
      renameSync(target, retired);
    }
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (retired !== null && !existsSync(target)) renameSync(retired, target);
    return refuse(`installing failed, nothing was changed: ${(error as Error).message}`);
  }
  if (retired !== null) rmSync(retired, { recursive: true, force: true });

  const installed = loadPack(target);
  if (!installed.ok) return { ok: false, errors: installed.errors };
  return { ok: true, pack: installed.pack, path: target, replaced: exists };
}

/** A folder in the packs folder that no longer loads as a pack (hand-edited, or from an older format). */
export interface BrokenInstalledPack {
  /** The folder's name: the pack's id when Heapwise installed it. */
  folder: string;
  errors: LocatedError[];
}

/** Every installed pack; packs that no longer load are reported, not hidden. */
export function listInstalledPacks(userPacksDir: string): { packs: LoadedPack[]; broken: BrokenInstalledPack[] } {
  const packs: LoadedPack[] = [];
  const broken: BrokenInstalledPack[] = [];
  if (!existsSync(userPacksDir)) return { packs, broken };
  for (const name of readdirSync(userPacksDir).sort()) {
    if (name.startsWith(".")) continue; // staging and retired folders
    const dir = join(userPacksDir, name);
    if (!statSync(dir).isDirectory()) continue;
    const result = loadPack(dir);
    if (result.ok) packs.push(result.pack);
    else broken.push({ folder: name, errors: result.errors });
  }
  return { packs, broken };
}

export function removeInstalledPack(userPacksDir: string, packId: string): { ok: true } | { ok: false; message: string } {
  if (!PACK_ID.test(packId)) return { ok: false, message: `"${packId}" is not a pack id` };
  const target = join(userPacksDir, packId);
  if (!existsSync(target)) return { ok: false, message: `no installed pack has id "${packId}"` };
  // Rename first so a half-deleted folder never looks like a pack.
  const doomed = join(userPacksDir, `.removing-${packId}-${randomBytes(6).toString("hex")}`);
  renameSync(target, doomed);
  rmSync(doomed, { recursive: true, force: true });
  return { ok: true };
}
