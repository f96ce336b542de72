// Installing and removing classroom packs on the player's request: the request (already checked
// against the contract's schema) is decoded into the bytes the levels code validates, and the
// outcome is worded for the player.

import type { PackInstallOutcome, RequestOf } from "../api/index";
import { formatLocatedError, type PackUpload } from "../levels/index";
import { ApiError } from "./dispatch";
import type { LevelCatalog } from "./level-catalog";

type InstallRequest = RequestOf<"packs:install">;

export function installClassroomPack(catalog: LevelCatalog, { pack, replace }: InstallRequest): PackInstallOutcome {
  const result = catalog.install(uploadOf(pack), replace);
  if (result.ok) {
    const { id, title, author } = result.pack.manifest;
    return { installed: true, packId: id, title, author, replaced: result.replaced };
  }
  const installed = result.collision === undefined ? undefined : catalog.installedPacks.find((p) => p.manifest.id === result.collision);
  return {
    installed: false,
    problems: result.errors.map(formatLocatedError),
    collision: installed ? { packId: installed.manifest.id, title: installed.manifest.title } : null,
  };
}

export function removeClassroomPack(catalog: LevelCatalog, packId: string): { removed: true } {
  // Only installed packs can go; the built-in ones are part of the app.
  if (!catalog.isInstalled(packId)) throw new ApiError("not-found", `No classroom pack with id "${packId}" is installed.`);
  const result = catalog.remove(packId);
  if (!result.ok) throw new ApiError("not-found", result.message);
  return { removed: true };
}

function uploadOf(pack: InstallRequest["pack"]): PackUpload {
  const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));
  if (pack.kind === "zip") return { kind: "zip", name: pack.name, bytes: bytes(pack.base64) };
  return { kind: "folder", name: pack.name, files: pack.files.map((f) => ({ path: f.path, bytes: bytes(f.base64) })) };
}
