// Which screen is showing, what the shell told us, and the level map's data.

import type { AppInfo, HeapwiseApi, LevelList } from "../../src-main/api/index";

export type Screen = { kind: "map" } | { kind: "level"; packId: string; levelId: string };

export class AppState {
  info = $state<AppInfo | null>(null);
  levels = $state<LevelList | null>(null);
  screen = $state<Screen>({ kind: "map" });
  /** A message for the player when something could not be loaded. */
  error = $state<string | null>(null);
  /** The progress store's notice (e.g. a damaged file was moved aside), until the player dismisses it. */
  notice = $state<string | null>(null);

  constructor(readonly api: HeapwiseApi) {}

  async load(): Promise<void> {
    try {
      this.info = await this.api.appInfo({});
      this.notice = this.info.notice;
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
