// Installing and removing classroom packs on the player's request. The request (already checked
// against the contract's schema) is decoded into the bytes the levels code reads; the pack must
// load and have a free id, then every reference solution is replayed on the engine (in its
// worker: that takes a while, and a runaway solution must not freeze the window), and only then
// is it written. The outcome is worded for the player.

import type { PackInstallOutcome, RequestOf } from "../api/index";
import { formatLocatedError, readPackUpload, type LocatedError, type PackUpload } from "../levels/index";
import type { EngineClient } from "../worker/engine-client";
import { ApiError } from "./dispatch";
import type { LevelCatalog } from "./level-catalog";

type InstallRequest = RequestOf<"packs:install">;

export async function installClassroomPack(catalog: LevelCatalog, engine: EngineClient, { pack, replace }: InstallRequest): Promise<PackInstallOutcome> {
  const upload = uploadOf(pack);
  const read = readPackUpload(upload);
  if (!read.ok) return refused([{ file: upload.name, line: 1, column: 1, message: read.message }]);

  const admitted = catalog.admit(read.pack, replace);
  if (!admitted.ok) return refused(admitted.errors, collisionWith(catalog, admitted.collision));
  let problems: LocatedError[];
  try {
    problems = await engine.checkPack(read.pack);
  } catch (error) {
    problems = [{ file: upload.name, line: 1, column: 1, message: `the pack could not be checked: ${error instanceof Error ? error.message : String(error)}` }];
  }
  if (problems.length > 0) return refused(problems);

  // Admitted again as it is written: another install may have taken the id while the replay ran.
  const result = catalog.install(read.pack, replace);
  if (!result.ok) return refused(result.errors, collisionWith(catalog, result.collision));
  const { id, title, author } = result.pack.manifest;
  return { installed: true, packId: id, title, author, replaced: result.replaced };
}

export function removeClassroomPack(catalog: LevelCatalog, packId: string): { removed: true } {
  // Only installed packs can go; the built-in ones are part of the app.
  if (!catalog.isRemovable(packId)) throw new ApiError("not-found", `No classroom pack with id "${packId}" is installed.`);
  const result = catalog.remove(packId);
  if (!result.ok) throw new ApiError("not-found", result.message);
  return { removed: true };
}

/** The installed pack a replace would overwrite, as the player knows it. */
function collisionWith(catalog: LevelCatalog, packId: string | undefined): { packId: string; title: string } | null {
  const installed = catalog.installedPacks.find((p) => p.manifest.id === packId);
  return installed ? { packId: installed.manifest.id, title: installed.manifest.title } : null;
}

function refused(errors: LocatedError[], collision: { packId: string; title: string } | null = null): PackInstallOutcome {
  return { installed: false, problems: errors.map(formatLocatedError), collision };
}

function uploadOf(pack: InstallRequest["pack"]): PackUpload {
  const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));
  if (pack.kind === "zip") return { kind: "zip", name: pack.name, bytes: bytes(pack.base64) };
  return { kind: "folder", name: pack.name, files: pack.files.map((f) => ({ path: f.path, bytes: bytes(f.base64) })) };
}
