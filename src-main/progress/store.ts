// ProgressStore: everything a player earns, read and written through one open SQLite connection.
// Every method that changes data is one transaction, so a crash leaves either all of a player's
// action or none of it. Open it with openProgressStore (./open.ts), which handles damaged files.
import type Database from "better-sqlite3";
import { ProgressStoreError } from "./errors";
import { mergeLevelStates } from "./merge";
import {
  PROGRESS_FORMAT,
  PROGRESS_FORMAT_VERSION,
  attemptInputSchema,
  installedPackInputSchema,
  parseProgressExport,
  profileNameSchema,
  settingsPatchSchema,
} from "./schemas";
import type {
  AttemptInput,
  AttemptRecord,
  ExportedLevel,
  Figures,
  InstalledPack,
  InstalledPackInput,
  LevelState,
  Profile,
  ProgressExport,
  Settings,
  Theme,
} from "./types";
import { DEFAULT_SETTINGS } from "./types";

export const DEFAULT_PROFILE_NAME = "Player";
const APP_VERSION = "heapwise 0.1.0";

interface ProfileRow { id: number; name: string; created_at: string }
interface LevelRow {
  pack_id: string; level_id: string; solved_at: string | null; best_stars: number; best_figures: string;
  attempts: number; hints_used: number; last_code: string | null;
}
interface AttemptRow { at: string; outcome: AttemptRecord["outcome"]; stars: number; figures: string; hints_used: number; code: string }
interface SettingsRow { theme: Theme; reduced_motion: number; font_size: number; sound: number }
interface PackRow { id: string; version: string; hash: string; source: string; installed_at: string }

const toProfile = (r: ProfileRow): Profile => ({ id: r.id, name: r.name, createdAt: r.created_at });
const toPack = (r: PackRow): InstalledPack =>
  ({ id: r.id, version: r.version, hash: r.hash, source: r.source, installedAt: r.installed_at });

function toLevelState(r: LevelRow): LevelState {
  return {
    levelId: r.level_id,
    solved: r.solved_at !== null,
    solvedAt: r.solved_at,
    bestStars: r.best_stars,
    attempts: r.attempts,
    bestFigures: JSON.parse(r.best_figures) as Figures,
    hintsUsed: r.hints_used,
    lastCode: r.last_code,
  };
}

function emptyLevelState(levelId: string): LevelState {
  return { levelId, solved: false, solvedAt: null, bestStars: 0, attempts: 0, bestFigures: {}, hintsUsed: 0, lastCode: null };
}

function invalid(error: { issues: { path: PropertyKey[]; message: string }[] }, what: string): ProgressStoreError {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` (${issue.path.map(String).join(".")})` : "";
  return new ProgressStoreError("invalid-input", `Invalid ${what}${where}: ${issue?.message ?? "rejected"}`);
}

/** Anything SQLite (or a closed connection) throws becomes a message the player can act on. */
function asStoreError(error: unknown, doing: "save" | "read"): ProgressStoreError {
  if (error instanceof ProgressStoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const why =
    code === "SQLITE_BUSY" ? "the progress file is busy (is Heapwise open twice?)"
    : code === "SQLITE_FULL" ? "the disk is full"
    : typeof code === "string" && code.startsWith("SQLITE_READONLY") ? "the progress file cannot be written (read-only)"
    : error instanceof Error ? error.message : String(error);
  return new ProgressStoreError("unavailable", `Heapwise could not ${doing} your progress: ${why}.`, { cause: error });
}

export class ProgressStore {
  private readonly statements;

  /** Use openProgressStore; this expects a connection already configured and migrated. */
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.statements = {
      listProfiles: db.prepare<[], ProfileRow>("SELECT id, name, created_at FROM profile ORDER BY name COLLATE NOCASE, id"),
      profileById: db.prepare<[number], ProfileRow>("SELECT id, name, created_at FROM profile WHERE id = ?"),
      profileByName: db.prepare<[string], ProfileRow>("SELECT id, name, created_at FROM profile WHERE name = ?"),
      firstProfile: db.prepare<[], ProfileRow>("SELECT id, name, created_at FROM profile ORDER BY id LIMIT 1"),
      insertProfile: db.prepare<[string, string]>("INSERT INTO profile (name, created_at) VALUES (?, ?)"),
      insertDefaultSettings: db.prepare<[number]>("INSERT INTO settings (profile_id) VALUES (?)"),
      renameProfile: db.prepare<[string, number]>("UPDATE profile SET name = ? WHERE id = ?"),
      deleteProfile: db.prepare<[number]>("DELETE FROM profile WHERE id = ?"),
      insertAttempt: db.prepare<[number, string, string, string, string, number, string, number, string]>(
        `INSERT INTO attempt (profile_id, pack_id, level_id, at, outcome, stars, figures, hints_used, code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      attemptsOfLevel: db.prepare<[number, string, string], AttemptRow>(
        `SELECT at, outcome, stars, figures, hints_used, code FROM attempt
         WHERE profile_id = ? AND pack_id = ? AND level_id = ? ORDER BY id`),
      level: db.prepare<[number, string, string], LevelRow>(
        "SELECT * FROM level_progress WHERE profile_id = ? AND pack_id = ? AND level_id = ?"),
      levelsOfPack: db.prepare<[number, string], LevelRow>(
        "SELECT * FROM level_progress WHERE profile_id = ? AND pack_id = ? ORDER BY level_id"),
      levelsOfProfile: db.prepare<[number], LevelRow>(
        "SELECT * FROM level_progress WHERE profile_id = ? ORDER BY pack_id, level_id"),
      upsertLevel: db.prepare<[number, string, string, string | null, number, string, number, number, string | null]>(
        `INSERT INTO level_progress (profile_id, pack_id, level_id, solved_at, best_stars, best_figures, attempts, hints_used, last_code)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (profile_id, pack_id, level_id) DO UPDATE SET
           solved_at = excluded.solved_at, best_stars = excluded.best_stars, best_figures = excluded.best_figures,
           attempts = excluded.attempts, hints_used = excluded.hints_used, last_code = excluded.last_code`),
      saveCode: db.prepare<[number, string, string, string]>(
        `INSERT INTO level_progress (profile_id, pack_id, level_id, last_code) VALUES (?, ?, ?, ?)
         ON CONFLICT (profile_id, pack_id, level_id) DO UPDATE SET last_code = excluded.last_code`),
      settings: db.prepare<[number], SettingsRow>(
        "SELECT theme, reduced_motion, font_size, sound FROM settings WHERE profile_id = ?"),
      upsertSettings: db.prepare<[number, string, number, number, number]>(
        `INSERT INTO settings (profile_id, theme, reduced_motion, font_size, sound) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (profile_id) DO UPDATE SET theme = excluded.theme, reduced_motion = excluded.reduced_motion,
           font_size = excluded.font_size, sound = excluded.sound`),
      listPacks: db.prepare<[], PackRow>("SELECT * FROM installed_pack ORDER BY id"),
      upsertPack: db.prepare<[string, string, string, string, string]>(
        `INSERT INTO installed_pack (id, version, hash, source, installed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, hash = excluded.hash,
           source = excluded.source, installed_at = excluded.installed_at`),
      deletePack: db.prepare<[string]>("DELETE FROM installed_pack WHERE id = ?"),
    };
  }

  /** Runs `body` as one write transaction (BEGIN IMMEDIATE: no lock upgrade can fail halfway). */
  private write<T>(body: () => T): T {
    try {
      return this.db.transaction(body).immediate();
    } catch (error) {
      throw asStoreError(error, "save");
    }
  }

  /** Runs `body` as one read transaction, so what it reads is one consistent state. */
  private read<T>(body: () => T): T {
    try {
      return this.db.transaction(body).deferred();
    } catch (error) {
      throw asStoreError(error, "read");
    }
  }

  private timestamp(): string {
    return this.now().toISOString();
  }

  // ---- profiles -------------------------------------------------------------------------------

  listProfiles(): Profile[] {
    return this.read(() => this.statements.listProfiles.all().map(toProfile));
  }

  getProfile(id: number): Profile {
    return this.read(() => {
      const row = this.statements.profileById.get(id);
      if (!row) throw new ProgressStoreError("not-found", `There is no profile with id ${id}.`);
      return toProfile(row);
    });
  }

  /** The first profile, or a new one called "Player" when there is none. */
  ensureDefaultProfile(): Profile {
    return this.write(() => {
      const first = this.statements.firstProfile.get();
      return first ? toProfile(first) : this.insertProfile(DEFAULT_PROFILE_NAME);
    });
  }

  createProfile(name: string): Profile {
    const clean = this.checkName(name);
    return this.write(() => this.insertProfile(clean));
  }

  renameProfile(id: number, name: string): void {
    const clean = this.checkName(name);
    this.write(() => {
      this.getProfile(id);
      const holder = this.statements.profileByName.get(clean);
      if (holder && holder.id !== id) throw this.nameTaken(clean);
      this.statements.renameProfile.run(clean, id);
    });
  }

  /** Deletes the profile with all its attempts, progress and settings. */
  deleteProfile(id: number): void {
    this.write(() => {
      this.getProfile(id);
      this.statements.deleteProfile.run(id);
    });
  }

  private checkName(name: unknown): string {
    const parsed = profileNameSchema.safeParse(name);
    if (!parsed.success) throw invalid(parsed.error, "profile name");
    return parsed.data;
  }

  private nameTaken(name: string): ProgressStoreError {
    return new ProgressStoreError("duplicate-name", `There is already a profile called "${name}".`);
  }

  /** Inside a transaction: a new profile with default settings. */
  private insertProfile(name: string, createdAt = this.timestamp()): Profile {
    if (this.statements.profileByName.get(name)) throw this.nameTaken(name);
    const id = Number(this.statements.insertProfile.run(name, createdAt).lastInsertRowid);
    this.statements.insertDefaultSettings.run(id);
    return { id, name, createdAt };
  }

  // ---- attempts and level progress ------------------------------------------------------------

  /** Records one finished run and updates the level's summary, in one transaction. */
  recordAttempt(profileId: number, attempt: AttemptInput): LevelState {
    const parsed = attemptInputSchema.safeParse(attempt);
    if (!parsed.success) throw invalid(parsed.error, "attempt");
    const a = parsed.data;
    return this.write(() => {
      this.getProfile(profileId);
      const at = this.timestamp();
      this.statements.insertAttempt.run(
        profileId, a.packId, a.levelId, at, a.outcome, a.stars, JSON.stringify(a.figures), a.hintsUsed, a.code);
      const row = this.statements.level.get(profileId, a.packId, a.levelId);
      const before = row ? toLevelState(row) : emptyLevelState(a.levelId);
      const won = a.outcome === "won";
      const thisRun: LevelState = {
        levelId: a.levelId,
        solved: won,
        solvedAt: won ? at : null,
        bestStars: won ? a.stars : 0,
        attempts: before.attempts + 1,
        bestFigures: won ? a.figures : {},
        hintsUsed: a.hintsUsed,
        lastCode: a.code,
      };
      // This run's code is the newest, so it wins over the stored code; everything else is "best of".
      const after = { ...mergeLevelStates(before, thisRun), lastCode: a.code };
      this.writeLevel(profileId, a.packId, after);
      return after;
    });
  }

  /** Remembers the code in the editor so the player resumes where they left off. */
  saveCode(profileId: number, packId: string, levelId: string, code: string): void {
    const parsed = attemptInputSchema.pick({ packId: true, levelId: true, code: true }).safeParse({ packId, levelId, code });
    if (!parsed.success) throw invalid(parsed.error, "code to save");
    this.write(() => {
      this.getProfile(profileId);
      this.statements.saveCode.run(profileId, packId, levelId, code);
    });
  }

  /** The levels of a pack this profile has touched (attempted or opened with code saved). */
  levelStates(profileId: number, packId: string): LevelState[] {
    return this.read(() => this.statements.levelsOfPack.all(profileId, packId).map(toLevelState));
  }

  /** Every recorded run of one level, oldest first. */
  attemptHistory(profileId: number, packId: string, levelId: string): AttemptRecord[] {
    return this.read(() =>
      this.statements.attemptsOfLevel.all(profileId, packId, levelId).map((r) => ({
        at: r.at, outcome: r.outcome, stars: r.stars, figures: JSON.parse(r.figures) as Figures, hintsUsed: r.hints_used, code: r.code,
      })),
    );
  }

  private writeLevel(profileId: number, packId: string, s: LevelState): void {
    this.statements.upsertLevel.run(profileId, packId, s.levelId, s.solvedAt, s.bestStars,
      JSON.stringify(s.bestFigures), s.attempts, s.hintsUsed, s.lastCode);
  }

  // ---- settings -------------------------------------------------------------------------------

  getSettings(profileId: number): Settings {
    return this.read(() => {
      this.getProfile(profileId);
      const row = this.statements.settings.get(profileId);
      if (!row) return { ...DEFAULT_SETTINGS };
      return { theme: row.theme, reducedMotion: row.reduced_motion !== 0, fontSize: row.font_size, sound: row.sound !== 0 };
    });
  }

  /** Changes the given settings, keeps the rest; returns them all. */
  setSettings(profileId: number, patch: Partial<Settings>): Settings {
    const parsed = settingsPatchSchema.safeParse(patch);
    if (!parsed.success) throw invalid(parsed.error, "settings");
    return this.write(() => {
      const next: Settings = { ...this.getSettings(profileId), ...parsed.data };
      this.writeSettings(profileId, next);
      return next;
    });
  }

  private writeSettings(profileId: number, s: Settings): void {
    this.statements.upsertSettings.run(profileId, s.theme, s.reducedMotion ? 1 : 0, s.fontSize, s.sound ? 1 : 0);
  }

  // ---- installed packs ------------------------------------------------------------------------

  /** Records (or replaces) an installed pack; installedAt is now. */
  recordInstalledPack(pack: InstalledPackInput): InstalledPack {
    const parsed = installedPackInputSchema.safeParse(pack);
    if (!parsed.success) throw invalid(parsed.error, "installed pack");
    const p = parsed.data;
    const installedAt = this.timestamp();
    this.write(() => this.statements.upsertPack.run(p.id, p.version, p.hash, p.source, installedAt));
    return { ...p, installedAt };
  }

  listInstalledPacks(): InstalledPack[] {
    return this.read(() => this.statements.listPacks.all().map(toPack));
  }

  removeInstalledPack(id: string): void {
    this.write(() => this.statements.deletePack.run(id));
  }

  // ---- export and import ----------------------------------------------------------------------

  /** The profile as a format-version-1 export (docs/PROGRESS-FORMAT.md). */
  exportProfile(profileId: number): ProgressExport {
    return this.read(() => {
      const profile = this.getProfile(profileId);
      const levels: ExportedLevel[] = this.statements.levelsOfProfile.all(profileId)
        .map((row) => ({ packId: row.pack_id, ...toLevelState(row) }));
      return {
        format: PROGRESS_FORMAT,
        version: PROGRESS_FORMAT_VERSION,
        exportedAt: this.timestamp(),
        app: APP_VERSION,
        profile: { name: profile.name, createdAt: profile.createdAt },
        settings: this.getSettings(profileId),
        levels,
      } satisfies ProgressExport;
    });
  }

  /**
   * Imports an export into the profile of the same name (created, with the export's settings, when
   * there is none). Each level keeps the best of both (see ./merge.ts); a solved level stays solved.
   */
  importProfile(data: unknown): Profile {
    const parsed = parseProgressExport(data);
    if (!parsed.ok) throw new ProgressStoreError("invalid-input", `This file cannot be imported: ${parsed.reason}.`);
    const exp = parsed.value;
    return this.write(() => {
      const existing = this.statements.profileByName.get(exp.profile.name);
      let profile: Profile;
      if (existing) {
        profile = toProfile(existing);
      } else {
        profile = this.insertProfile(exp.profile.name, exp.profile.createdAt);
        this.writeSettings(profile.id, exp.settings);
      }
      for (const level of exp.levels) {
        const row = this.statements.level.get(profile.id, level.packId, level.levelId);
        const merged = row ? mergeLevelStates(toLevelState(row), level) : level;
        this.writeLevel(profile.id, level.packId, merged);
      }
      return profile;
    });
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
