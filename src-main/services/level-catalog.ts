// The level packs the shell serves: the built-in ones from <app>/levels, loaded once, and the
// classroom packs the player installed into <data>/packs, reloaded after every install or removal
// so they are playable at once. Looked up by pack and level id. A pack that fails to load is
// reported to the player, not hidden.

import { basename } from "node:path";
import {
  admitPack,
  formatLocatedError,
  installPackFiles,
  listInstalledPacks,
  loadBuiltinPacks,
  packLevels,
  removeInstalledPack,
  type InstallResult,
  type Level,
  type LoadedPack,
  type Admission,
  type PackFiles,
} from "../levels/index";

/** The built-in campaign's pack id. */
export const CAMPAIGN_PACK = "heapwise";

export class LevelCatalog {
  readonly builtinPacks: LoadedPack[];
  private readonly builtinProblems: string[];
  installedPacks: LoadedPack[] = [];
  /** Installed folders that do not load; the player can still remove them. */
  brokenInstalled: { packId: string; problems: string[] }[] = [];

  constructor(
    levelsRoot: string,
    /** Where installed classroom packs live, one folder per pack id. */
    private readonly userPacksDir: string,
  ) {
    const { packs, errors } = loadBuiltinPacks(levelsRoot);
    // The built-in campaign leads; other packs follow in folder order.
    this.builtinPacks = [...packs].sort((a, b) => Number(b.manifest.id === CAMPAIGN_PACK) - Number(a.manifest.id === CAMPAIGN_PACK));
    this.builtinProblems = errors.map(formatLocatedError);
    if (packs.length === 0 && errors.length === 0) this.builtinProblems.push(`No level packs were found in ${levelsRoot}.`);
    this.reloadInstalled();
  }

  /** Built-in packs first, then installed ones. */
  get packs(): LoadedPack[] {
    return [...this.builtinPacks, ...this.installedPacks];
  }

  /** Why a built-in pack or level could not be loaded, one sentence each (installed ones: brokenInstalled). */
  get problems(): string[] {
    return this.builtinProblems;
  }

  isInstalled(packId: string): boolean {
    return this.installedPacks.some((p) => p.manifest.id === packId);
  }

  /** An installed pack, loading or not: what the player may remove. */
  isRemovable(packId: string): boolean {
    return this.isInstalled(packId) || this.brokenInstalled.some((b) => b.packId === packId);
  }

  find(packId: string, levelId: string): Level | null {
    const pack = this.packs.find((p) => p.manifest.id === packId);
    return pack ? (packLevels(pack).find((l) => l.id === levelId) ?? null) : null;
  }

  /** Whether a pack the player picked may be installed (nothing is written). */
  admit(files: PackFiles, replace: boolean): Admission {
    return admitPack(files, this.userPacksDir, { replace, reservedIds: this.builtinIds() });
  }

  /** Validates and installs a pack the player picked; a built-in pack's id is never taken over. */
  install(files: PackFiles, replace: boolean): InstallResult {
    const result = installPackFiles(files, this.userPacksDir, { replace, reservedIds: this.builtinIds() });
    if (result.ok) this.reloadInstalled();
    return result;
  }

  remove(packId: string): { ok: true } | { ok: false; message: string } {
    const result = removeInstalledPack(this.userPacksDir, packId);
    this.reloadInstalled();
    return result;
  }

  private builtinIds(): string[] {
    return this.builtinPacks.map((p) => p.manifest.id);
  }

  private reloadInstalled(): void {
    const { packs, broken } = listInstalledPacks(this.userPacksDir);
    const builtinIds = new Set(this.builtinIds());
    // A pack copied in by hand may carry a built-in id; the built-in one wins, and the player is told.
    this.installedPacks = packs.filter((p) => !builtinIds.has(p.manifest.id));
    this.brokenInstalled = [
      ...broken.map((b) => ({ packId: b.folder, problems: b.errors.map(formatLocatedError) })),
      ...packs
        .filter((p) => builtinIds.has(p.manifest.id))
        .map((p) => ({
          packId: basename(p.origin),
          problems: [formatLocatedError({ ...p.idAt, message: `pack id "${p.manifest.id}" belongs to a built-in pack, so this installed copy is not used` })],
        })),
    ];
  }
}
