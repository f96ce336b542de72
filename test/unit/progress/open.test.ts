// Opening a damaged, foreign or newer file: the game starts (or is told clearly why not) and the old
// file is never overwritten.
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  LATEST_SCHEMA_VERSION, openProgressStore, PROGRESS_FILE_NAME, ProgressStoreError,
} from "../../../src-main/progress";
import { tempDataDir } from "./helpers";

const require = createRequire(import.meta.url);
const when = () => new Date("2026-11-24T13:05:00.250Z");
const KEPT = `${PROGRESS_FILE_NAME}.corrupt-2026-11-24T13-05-00Z`;

/** A data folder with a healthy store holding enough to span many pages, closed cleanly. */
function healthyDir(): string {
  const dir = tempDataDir();
  const { store } = openProgressStore(dir);
  const p = store.createProfile("Ana");
  for (let i = 0; i < 200; i++) {
    store.recordAttempt(p.id, {
      packId: "basics", levelId: `level-${i % 20}`, outcome: "won", stars: 1,
      figures: { peakBytes: i }, hintsUsed: 0, code: `x = ${"y".repeat(200)}`,
    });
  }
  store.close();
  return dir;
}

function expectFreshStartWithNotice(dir: string, original: Buffer): void {
  const { store, notice } = openProgressStore(dir, { now: when });
  expect(notice).toContain(join(dir, KEPT));
  expect(notice).toMatch(/damaged/);
  expect(notice).toMatch(/new, empty progress file/);
  // The bad bytes are kept exactly as they were, under the dated name.
  expect(readFileSync(join(dir, KEPT)).equals(original)).toBe(true);
  // The fresh store works and is empty.
  expect(store.listProfiles()).toEqual([]);
  store.ensureDefaultProfile();
  store.close();
  expect(openProgressStore(dir).notice).toBeNull();
}

describe("a damaged progress file", () => {
  it("garbage bytes: moved aside under a dated name, and a fresh store starts", () => {
    const dir = tempDataDir();
    const garbage = randomBytes(8192);
    writeFileSync(join(dir, PROGRESS_FILE_NAME), garbage);
    expectFreshStartWithNotice(dir, garbage);
  });

  it("a truncated file (half its pages gone) is detected and moved aside", () => {
    const dir = healthyDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    truncateSync(file, Math.floor(statSync(file).size / 2));
    expectFreshStartWithNotice(dir, readFileSync(file));
  });

  it("a file cut inside its header is moved aside", () => {
    const dir = healthyDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    truncateSync(file, 60);
    expectFreshStartWithNotice(dir, readFileSync(file));
  });

  it("pages overwritten with garbage in the middle are caught by the integrity check", () => {
    const dir = healthyDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    const bytes = readFileSync(file);
    randomBytes(4096 * 3).copy(bytes, 4096 * 2); // pages 3-5: b-tree pages of the tables
    writeFileSync(file, bytes);
    expectFreshStartWithNotice(dir, bytes);
  });

  it("its -wal and -shm travel with it", () => {
    const dir = tempDataDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    writeFileSync(file, Buffer.from("this is not a database".repeat(100)));
    writeFileSync(`${file}-wal`, "wal bytes");
    writeFileSync(`${file}-shm`, "shm bytes");
    openProgressStore(dir, { now: when }).store.close();
    expect(readFileSync(join(dir, `${KEPT}-wal`), "utf8")).toBe("wal bytes");
    // The -shm is only SQLite's index of the WAL (rebuilt from it on every open), so it may be rewritten.
    expect(existsSync(join(dir, `${KEPT}-shm`))).toBe(true);
  });

  it("never overwrites an earlier kept file with the same time stamp", () => {
    const dir = tempDataDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    writeFileSync(file, "first bad file".repeat(50));
    openProgressStore(dir, { now: when }).store.close();
    writeFileSync(file, "second bad file".repeat(50)); // replaces the fresh store with garbage again
    for (const s of ["-wal", "-shm"]) if (existsSync(file + s)) writeFileSync(file + s, "");
    const { notice } = openProgressStore(dir, { now: when });
    expect(notice).toContain(`${KEPT}-2`);
    expect(readFileSync(join(dir, KEPT), "utf8")).toMatch(/^first bad file/);
    expect(readFileSync(join(dir, `${KEPT}-2`), "utf8")).toMatch(/^second bad file/);
  });

  it("an SQLite file of another program is not taken for ours", () => {
    const dir = tempDataDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    const other = new Database(file);
    other.exec("CREATE TABLE recipes (name TEXT); INSERT INTO recipes VALUES ('soup')");
    other.close();
    const original = readFileSync(file);
    expectFreshStartWithNotice(dir, original);
  });

  it("with onDamaged: 'throw' (the CLIs), nothing is moved", () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, PROGRESS_FILE_NAME), randomBytes(4096));
    expect(() => openProgressStore(dir, { onDamaged: "throw" })).toThrow(/damaged/);
    expect(readdirSync(dir)).toEqual([PROGRESS_FILE_NAME]);
  });

  it("an empty file (a crash right after creating it) is simply a new store", () => {
    const dir = tempDataDir();
    writeFileSync(join(dir, PROGRESS_FILE_NAME), "");
    const { store, notice } = openProgressStore(dir);
    expect(notice).toBeNull();
    store.close();
  });
});

describe("a progress file from a newer Heapwise", () => {
  it("is refused with a clear message, left byte for byte as it was, and not moved", () => {
    const dir = healthyDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    let thrown: unknown;
    try {
      openProgressStore(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProgressStoreError);
    expect((thrown as ProgressStoreError).kind).toBe("newer-version");
    expect((thrown as Error).message).toMatch(/newer version of Heapwise/);
    expect((thrown as Error).message).toContain(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    // Not moved aside; reading it may leave SQLite's empty -wal/-shm companions, nothing more.
    expect(readdirSync(dir).filter((n) => n.includes("corrupt"))).toEqual([]);
    const wal = `${file}-wal`;
    if (existsSync(wal)) expect(statSync(wal).size).toBe(0);
  });
});

describe("leftover companions without their file", () => {
  it("a -wal whose database is gone (a move aside cut short) is kept aside, never replayed into a new file", () => {
    // A real WAL full of committed frames from another store, copied before any checkpoint.
    const source = tempDataDir();
    const { store } = openProgressStore(source);
    const db = new Database(join(source, PROGRESS_FILE_NAME));
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE stray (x); INSERT INTO stray VALUES (1)");
    const dir = tempDataDir();
    const wal = readFileSync(join(source, `${PROGRESS_FILE_NAME}-wal`));
    expect(wal.length).toBeGreaterThan(0);
    writeFileSync(join(dir, `${PROGRESS_FILE_NAME}-wal`), wal);
    db.close();
    store.close();

    const opened = openProgressStore(dir, { now: when });
    expect(opened.notice).toContain(join(dir, `${PROGRESS_FILE_NAME}.orphan-2026-11-24T13-05-00Z-wal`));
    expect(readFileSync(join(dir, `${PROGRESS_FILE_NAME}.orphan-2026-11-24T13-05-00Z-wal`)).equals(wal)).toBe(true);
    expect(opened.store.listProfiles()).toEqual([]);
    opened.store.ensureDefaultProfile();
    opened.store.close();
    const check = new Database(join(dir, PROGRESS_FILE_NAME), { readonly: true });
    expect(check.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'stray'").pluck().get()).toBe(0);
    check.close();
  });
});

describe("a crash in a file that is not in WAL mode", () => {
  it("its hot rollback journal is rolled back by SQLite, not mistaken for damage", () => {
    const dir = healthyDir();
    const file = join(dir, PROGRESS_FILE_NAME);
    // A child switches the file to a rollback journal, spills a big uncommitted change into the file
    // (tiny cache), and dies: the file now needs its -journal to be read correctly.
    const script = `
      const Database = require(${JSON.stringify(require.resolve("better-sqlite3"))});
      const db = new Database(${JSON.stringify(file)});
      db.pragma("journal_mode = DELETE"); db.pragma("cache_size = 10");
      db.exec("BEGIN; DELETE FROM attempt; UPDATE profile SET name = 'gone';" +
        "CREATE TABLE filler AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 3000) SELECT randomblob(900) FROM c;");
      process.kill(process.pid, "SIGKILL");`;
    const child = spawnSync(process.execPath, ["-e", script]);
    expect(child.signal).toBe("SIGKILL");
    expect(existsSync(`${file}-journal`)).toBe(true);
    const { store, notice } = openProgressStore(dir, { now: when });
    expect(notice).toBeNull();
    expect(store.listProfiles().map((p) => p.name)).toEqual(["Ana"]);
    expect(store.levelStates(store.listProfiles()[0]!.id, "basics")).toHaveLength(20);
    store.close();
    expect(readdirSync(dir).filter((n) => n.includes("corrupt"))).toEqual([]);
  });
});

describe("other openings", () => {
  it("creates the data folder (mkdir -p)", () => {
    const dir = join(tempDataDir(), "a", "b");
    openProgressStore(dir).store.close();
    expect(existsSync(join(dir, PROGRESS_FILE_NAME))).toBe(true);
  });

  it("with create: false, a missing file is 'not-found' and nothing is created", () => {
    const dir = tempDataDir();
    expect(() => openProgressStore(dir, { create: false })).toThrow(ProgressStoreError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("turns on WAL and foreign keys", () => {
    const dir = tempDataDir();
    const { store } = openProgressStore(dir);
    const p = store.createProfile("Ana");
    store.close();
    const db = new Database(join(dir, PROGRESS_FILE_NAME));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    // Foreign keys are on in the store's connection: deleting cascades (checked in store.test.ts),
    // and an attempt for a missing profile is refused rather than stored as an orphan.
    const again = openProgressStore(dir).store;
    again.deleteProfile(p.id);
    again.close();
  });
});
