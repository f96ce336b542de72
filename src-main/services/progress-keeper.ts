// The shell's hold on the progress store: opened once per launch in the data folder, with the
// default profile. If it cannot be opened the game still runs; the player is told that progress
// will not be saved (never a silent loss).

import type { Profiles, ProfileSettings, ProgressFile } from "../api/index";
import { openProgressStore, ProgressStoreError, type AttemptInput, type LevelState, type ProgressStore } from "../progress/index";
import { ApiError } from "./dispatch";

export class ProgressKeeper {
  private readonly store: ProgressStore | null;
  /** The profile the player is playing as (the profile picker changes it). */
  private profileId: number | null;
  /** For the player: what happened when the store was opened, or null. */
  readonly notice: string | null;

  constructor(dataDir: string) {
    let store: ProgressStore | null = null;
    let profileId: number | null = null;
    let notice: string | null = null;
    try {
      const opened = openProgressStore(dataDir);
      store = opened.store;
      notice = opened.notice;
      profileId = store.ensureDefaultProfile().id;
    } catch (error) {
      store?.close();
      store = null;
      const why = error instanceof ProgressStoreError ? error.message : `Heapwise could not open your progress (${String(error)}).`;
      notice = `${why} You can play, but progress will not be saved this time.`;
    }
    this.store = store;
    this.profileId = profileId;
    this.notice = notice;
  }

  /** Level states of one pack, keyed by level id; empty when the store is not open. */
  statesOf(packId: string): Map<string, LevelState> {
    if (!this.store || this.profileId === null) return new Map();
    return new Map(this.store.levelStates(this.profileId, packId).map((s) => [s.levelId, s] as const));
  }

  /** Records an attempt; returns null on success, or a message for the player. */
  record(attempt: AttemptInput): string | null {
    if (!this.store || this.profileId === null) return "Progress is not being saved (the progress file could not be opened).";
    try {
      this.store.recordAttempt(this.profileId, attempt);
      return null;
    } catch (error) {
      return error instanceof ProgressStoreError ? error.message : `Your progress could not be saved: ${String(error)}`;
    }
  }

  profiles(): Profiles {
    const store = this.store;
    if (!store || this.profileId === null) return { profiles: [], currentId: null, settings: null };
    const settings = store.getSettings(this.profileId);
    const shown: ProfileSettings = { theme: settings.theme, reducedMotion: settings.reducedMotion, fontSize: settings.fontSize };
    return { profiles: store.listProfiles(), currentId: this.profileId, settings: shown };
  }

  createProfile(name: string): Profiles {
    const profile = this.storeCall((store) => store.createProfile(name));
    this.profileId = profile.id;
    return this.profiles();
  }

  renameProfile(profileId: number, name: string): Profiles {
    this.storeCall((store) => store.renameProfile(profileId, name));
    return this.profiles();
  }

  /** Deletes a profile; when it was the current one, the first remaining one (or a new default) takes over. */
  deleteProfile(profileId: number): Profiles {
    this.storeCall((store) => {
      store.deleteProfile(profileId);
      if (this.profileId === profileId) this.profileId = store.ensureDefaultProfile().id;
    });
    return this.profiles();
  }

  selectProfile(profileId: number): Profiles {
    this.profileId = this.storeCall((store) => store.getProfile(profileId)).id;
    return this.profiles();
  }

  setSettings(patch: Partial<ProfileSettings>): Profiles {
    this.storeCall((store) => store.setSettings(this.currentProfile(), patch));
    return this.profiles();
  }

  exportProgress(): ProgressFile {
    const data = this.storeCall((store) => store.exportProfile(this.currentProfile()));
    const slug = data.profile.name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/^-|-$/g, "") || "profile";
    return { fileName: `heapwise-${slug}.json`, json: JSON.stringify(data, null, 2) };
  }

  importProgress(json: string): Profiles {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      throw new ApiError("bad-request", "This file is not a Heapwise progress file (it is not JSON).");
    }
    const profile = this.storeCall((store) => store.importProfile(data));
    this.profileId = profile.id;
    return this.profiles();
  }

  private currentProfile(): number {
    if (this.profileId === null) throw new ApiError("not-found", "Progress is not being saved, so there is no profile.");
    return this.profileId;
  }

  /** Runs a store call; the store's own errors become messages for the player. */
  private storeCall<T>(call: (store: ProgressStore) => T): T {
    if (!this.store) throw new ApiError("not-found", "Progress is not being saved (the progress file could not be opened).");
    try {
      return call(this.store);
    } catch (error) {
      if (error instanceof ProgressStoreError) throw new ApiError(error.kind === "not-found" ? "not-found" : "bad-request", error.message);
      throw error;
    }
  }

  close(): void {
    this.store?.close();
  }
}
