// Which screen is showing, what the shell told us, and the level map's data.

import type { AppInfo, HeapwiseApi, LevelList, Profiles } from "../../src-main/api/index";

export type Screen = { kind: "profiles" } | { kind: "map" } | { kind: "level"; packId: string; levelId: string };

export class AppState {
  info = $state<AppInfo | null>(null);
  levels = $state<LevelList | null>(null);
  screen = $state<Screen>({ kind: "map" });
  /** A message for the player when something could not be loaded. */
  error = $state<string | null>(null);
  /** The progress store's notice (e.g. a damaged file was moved aside), until the player dismisses it. */
  notice = $state<string | null>(null);
  profiles = $state<Profiles | null>(null);

  constructor(readonly api: HeapwiseApi) {}

  async load(): Promise<void> {
    try {
      this.info = await this.api.appInfo({});
      this.notice = this.info.notice;
      this.profiles = await this.api.listProfiles({});
      // With several profiles the player says who is playing first; with one, straight to the map.
      if (this.profiles.profiles.length > 1) this.screen = { kind: "profiles" };
      await this.refreshLevels();
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  async refreshLevels(): Promise<void> {
    try {
      this.levels = await this.api.listLevels({});
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Runs a profile change and shows its outcome (the level map's solved marks follow the profile). */
  async changeProfiles(change: () => Promise<Profiles>): Promise<boolean> {
    try {
      this.profiles = await change();
      this.error = null;
      await this.refreshLevels();
      return true;
    } catch (error) {
      this.error = messageOf(error);
      return false;
    }
  }

  openLevel(packId: string, levelId: string): void {
    this.screen = { kind: "level", packId, levelId };
  }

  async backToMap(): Promise<void> {
    this.screen = { kind: "map" };
    await this.refreshLevels();
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
