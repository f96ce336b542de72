// The progress store's public shapes. Plain data only (strings, numbers, booleans, plain objects),
// so every value here can cross IPC, be written as JSON, and be imported as types by any runtime.

export type Outcome = "won" | "lost" | "error";

export interface Profile {
  id: number;
  name: string;
  /** ISO 8601, UTC. */
  createdAt: string;
}

/**
 * Score figures of one run, by name: e.g. peakBytes, statements, cuts.
 * Every figure is lower-is-better; that is what "best" means for them.
 */
export type Figures = Record<string, number>;

export interface AttemptInput {
  packId: string;
  levelId: string;
  outcome: Outcome;
  stars: number;
  figures: Figures;
  hintsUsed: number;
  code: string;
}

/** One finished run as recorded, with the time it was recorded. */
export interface AttemptRecord extends Omit<AttemptInput, "packId" | "levelId"> {
  /** ISO 8601, UTC. */
  at: string;
}

/** Where one profile stands on one level. */
export interface LevelState {
  levelId: string;
  /** True once any attempt was won; never becomes false again. */
  solved: boolean;
  /** When the level was first won (ISO 8601, UTC), or null. */
  solvedAt: string | null;
  /** Most stars of any won attempt; 0 until solved. */
  bestStars: number;
  attempts: number;
  /** Per figure, the lowest value reached in any won attempt; {} until solved. */
  bestFigures: Figures;
  /** The most hints the player opened on this level. */
  hintsUsed: number;
  /** The code in the editor when the player last ran or left the level, or null. */
  lastCode: string | null;
}

export type Theme = "system" | "light" | "dark";

export interface Settings {
  theme: Theme;
  reducedMotion: boolean;
  /** Editor and text size in CSS pixels. */
  fontSize: number;
  sound: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  theme: "system",
  reducedMotion: false,
  fontSize: 16,
  sound: true,
});

export interface InstalledPackInput {
  id: string;
  version: string;
  /** Content hash of the pack as installed, e.g. "sha256:…". */
  hash: string;
  /** Where it came from: "builtin", a file path or a URL. */
  source: string;
}

export interface InstalledPack extends InstalledPackInput {
  /** ISO 8601, UTC. */
  installedAt: string;
}

/** One level in an export: the pack it belongs to plus its LevelState. */
export interface ExportedLevel extends LevelState {
  packId: string;
}

/** A profile's progress as a teacher-facing, versioned JSON document (docs/PROGRESS-FORMAT.md). */
export interface ProgressExport {
  format: "heapwise-progress";
  version: 1;
  /** ISO 8601, UTC. */
  exportedAt: string;
  /** The Heapwise version that wrote the file, for people reading it. */
  app: string;
  profile: { name: string; createdAt: string };
  settings: Settings;
  levels: ExportedLevel[];
}
