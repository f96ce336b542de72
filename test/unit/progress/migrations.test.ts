// Every earlier schema version, holding data, upgrades to the latest without losing any of it, and
// ends with exactly the schema a fresh file gets.
import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LATEST_SCHEMA_VERSION, openProgressStore, PROGRESS_FILE_NAME } from "../../../src-main/progress";
import { MIGRATIONS, migrate, schemaVersion } from "../../../src-main/progress/migrations";
import { tempDataDir } from "./helpers";

/** A file at `version` holding what a player of that version would have saved. */
function fileAtVersion(version: number): string {
  const dir = tempDataDir();
  const db = new Database(join(dir, PROGRESS_FILE_NAME));
  migrate(db, version);
  expect(schemaVersion(db)).toBe(version);
  if (version >= 1) {
    db.exec(`
      INSERT INTO profile (id, name, created_at) VALUES (7, 'Ana', '2025-09-01T08:00:00.000Z'), (8, 'Ben', '2025-09-01T08:01:00.000Z');
      INSERT INTO attempt (profile_id, pack_id, level_id, at, outcome, stars, figures, hints_used, code)
        VALUES (7, 'basics', '01', '2025-09-02T10:00:00.000Z', 'won', 3, '{"peakBytes":512}', 1, 'x = 1');
      INSERT INTO level_progress (profile_id, pack_id, level_id, solved_at, best_stars, best_figures, attempts, hints_used, last_code)
        VALUES (7, 'basics', '01', '2025-09-02T10:00:00.000Z', 3, '{"peakBytes":512}', 1, 1, 'x = 1');
    `);
  }
  if (version >= 2) {
    // From version 2 on, the app creates a settings row with each profile.
    db.exec("INSERT INTO settings (profile_id, theme, font_size) VALUES (7, 'dark', 22), (8, 'system', 16)");
  }
  if (version >= 3) {
    db.exec("INSERT INTO installed_pack VALUES ('basics', '1.0.0', 'sha256:aa', 'builtin', '2025-09-01T07:00:00.000Z')");
  }
  db.close();
  return dir;
}

function schemaOf(dir: string): string[] {
  const db = new Database(join(dir, PROGRESS_FILE_NAME), { readonly: true });
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name").pluck().all() as string[];
  db.close();
  return sql;
}

describe("migrations", () => {
  it("are numbered 1, 2, 3, ... without gaps", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  const fresh = fileAtVersion(LATEST_SCHEMA_VERSION);
  const freshSchema = schemaOf(fresh);

  for (let from = 0; from < LATEST_SCHEMA_VERSION; from++) {
    it(`upgrade from version ${from} keeps every saved thing and matches a fresh schema`, () => {
      const dir = fileAtVersion(from);
      const { store, notice } = openProgressStore(dir);
      expect(notice).toBeNull();
      store.close();
      expect(schemaOf(dir)).toEqual(freshSchema);
      const db = new Database(join(dir, PROGRESS_FILE_NAME), { readonly: true });
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      db.close();

      const reopened = openProgressStore(dir).store;
      if (from === 0) {
        expect(reopened.listProfiles()).toEqual([]);
      } else {
        expect(reopened.listProfiles().map((p) => [p.id, p.name])).toEqual([[7, "Ana"], [8, "Ben"]]);
        expect(reopened.levelStates(7, "basics")).toEqual([{
          levelId: "01", solved: true, solvedAt: "2025-09-02T10:00:00.000Z", bestStars: 3, attempts: 1,
          bestFigures: { peakBytes: 512 }, hintsUsed: 1, lastCode: "x = 1",
        }]);
        // Settings saved at version 2+ survive; profiles from before settings existed get defaults.
        const expected = from >= 2 ? { theme: "dark", fontSize: 22 } : { theme: "system", fontSize: 16 };
        expect(reopened.getSettings(7)).toMatchObject(expected);
        expect(reopened.getSettings(8)).toMatchObject({ theme: "system", fontSize: 16 });
        // A new attempt lands on the upgraded file.
        expect(reopened.recordAttempt(8, {
          packId: "basics", levelId: "01", outcome: "won", stars: 1, figures: {}, hintsUsed: 0, code: "",
        }).attempts).toBe(1);
      }
      expect(reopened.listInstalledPacks().map((p) => p.id)).toEqual(from >= 3 ? ["basics"] : []);
      reopened.close();
    });
  }

  it("a migration that fails leaves the file at the version before it", () => {
    const dir = fileAtVersion(1);
    const db = new Database(join(dir, PROGRESS_FILE_NAME));
    // Sabotage migration 2: a table of its name already exists, so its CREATE TABLE fails.
    db.exec("CREATE TABLE settings (x)");
    expect(() => migrate(db)).toThrow(/already exists/);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(["attempt", "level_progress", "profile", "settings"]); // the sabotage table only
    db.close();
  });
});
