// The schema's history. Migration N takes a database at user_version N-1 to N; a fresh file runs
// them all. Never edit a migration that has shipped: add the next one. Each runs in one transaction
// together with its user_version bump, so a crash mid-upgrade leaves the file at the old version.
import type Database from "better-sqlite3";

/** Marks the file as Heapwise's ("HWPS"), so a stranger's SQLite file is never mistaken for ours. */
export const HEAPWISE_APPLICATION_ID = 0x48575053;

export interface Migration {
  version: number;
  description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "profiles, attempts and per-level progress",
    up(db) {
      db.exec(`
        CREATE TABLE profile (
          id         INTEGER PRIMARY KEY,
          name       TEXT NOT NULL UNIQUE COLLATE NOCASE,
          created_at TEXT NOT NULL
        );
        -- Every run the player finishes, in order: the history.
        CREATE TABLE attempt (
          id         INTEGER PRIMARY KEY,
          profile_id INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
          pack_id    TEXT NOT NULL,
          level_id   TEXT NOT NULL,
          at         TEXT NOT NULL,
          outcome    TEXT NOT NULL CHECK (outcome IN ('won', 'lost', 'error')),
          stars      INTEGER NOT NULL,
          figures    TEXT NOT NULL,            -- JSON object: figure name -> number
          hints_used INTEGER NOT NULL,
          code       TEXT NOT NULL
        );
        CREATE INDEX attempt_by_level ON attempt(profile_id, pack_id, level_id);
        -- The summary the game reads, kept in step with attempt in the same transaction.
        CREATE TABLE level_progress (
          profile_id   INTEGER NOT NULL REFERENCES profile(id) ON DELETE CASCADE,
          pack_id      TEXT NOT NULL,
          level_id     TEXT NOT NULL,
          solved_at    TEXT,
          best_stars   INTEGER NOT NULL DEFAULT 0,
          best_figures TEXT NOT NULL DEFAULT '{}',
          attempts     INTEGER NOT NULL DEFAULT 0,
          hints_used   INTEGER NOT NULL DEFAULT 0,
          last_code    TEXT,
          PRIMARY KEY (profile_id, pack_id, level_id)
        ) WITHOUT ROWID;
      `);
      db.pragma(`application_id = ${HEAPWISE_APPLICATION_ID}`);
    },
  },
  {
    version: 2,
    description: "per-profile settings (theme, reduced motion, font size, sound)",
    up(db) {
      db.exec(`
        CREATE TABLE settings (
          profile_id     INTEGER PRIMARY KEY REFERENCES profile(id) ON DELETE CASCADE,
          theme          TEXT NOT NULL DEFAULT 'system' CHECK (theme IN ('system', 'light', 'dark')),
          reduced_motion INTEGER NOT NULL DEFAULT 0,
          font_size      INTEGER NOT NULL DEFAULT 16,
          sound          INTEGER NOT NULL DEFAULT 1
        );
        -- Profiles made before settings existed get the defaults.
        INSERT INTO settings (profile_id) SELECT id FROM profile;
      `);
    },
  },
  {
    version: 3,
    description: "installed level packs",
    up(db) {
      db.exec(`
        CREATE TABLE installed_pack (
          id           TEXT PRIMARY KEY,
          version      TEXT NOT NULL,
          hash         TEXT NOT NULL,
          source       TEXT NOT NULL,
          installed_at TEXT NOT NULL
        );
      `);
    },
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

/**
 * Brings the database from its version up to `target` (default: the latest), one migration per
 * transaction. The caller has already refused files newer than this build knows.
 */
export function migrate(db: Database.Database, target = LATEST_SCHEMA_VERSION): void {
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    const step = db.transaction(() => {
      // Read inside the transaction: if another process upgraded meanwhile, this step is skipped.
      if (schemaVersion(db) !== migration.version - 1) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    });
    step.immediate();
  }
}
