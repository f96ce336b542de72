// The built-in level packs as the shell serves them: loaded once from <app>/levels, looked up by
// pack and level id. A pack that fails to load is reported to the player, not hidden.

import { formatLocatedError, loadBuiltinPacks, packLevels, type Level, type LoadedPack } from "../levels/index";

/** The built-in campaign's pack id. */
export const CAMPAIGN_PACK = "heapwise";

export class LevelCatalog {
  readonly packs: LoadedPack[];
  /** Why a pack or level could not be loaded, one sentence each. */
  readonly problems: string[];

  constructor(levelsRoot: string) {
    const { packs, errors } = loadBuiltinPacks(levelsRoot);
    // The built-in campaign leads; other packs follow in folder order.
    this.packs = [...packs].sort((a, b) => Number(b.manifest.id === CAMPAIGN_PACK) - Number(a.manifest.id === CAMPAIGN_PACK));
    this.problems = errors.map(formatLocatedError);
    if (packs.length === 0 && errors.length === 0) this.problems.push(`No level packs were found in ${levelsRoot}.`);
  }

  find(packId: string, levelId: string): Level | null {
    const pack = this.packs.find((p) => p.manifest.id === packId);
    return pack ? (packLevels(pack).find((l) => l.id === levelId) ?? null) : null;
  }
}
