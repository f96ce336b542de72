// The shell's hold on the progress store: opened once per launch in the data folder, with the
// default profile. If it cannot be opened the game still runs; the player is told that progress
// will not be saved (never a silent loss).

import { openProgressStore, ProgressStoreError, type AttemptInput, type LevelState, type ProgressStore } from "../progress/index";

export class ProgressKeeper {
  private readonly store: ProgressStore | null;
  private readonly profileId: number | null;
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

  close(): void {
    this.store?.close();
  }
}
