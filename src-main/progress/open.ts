// Opening the progress file: configure the connection, refuse files from a newer Heapwise, and move
// a damaged file aside (never overwrite it) so the game can still start with a fresh store.
import Database from "better-sqlite3";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { ProgressStoreError } from "./errors";
import { HEAPWISE_APPLICATION_ID, LATEST_SCHEMA_VERSION, migrate, schemaVersion } from "./migrations";
import { ProgressStore } from "./store";

export const PROGRESS_FILE_NAME = "heapwise.sqlite3";
/** SQLite keeps a file's companions beside it under these suffixes; they travel with it. */
const COMPANION_SUFFIXES = ["-wal", "-shm", "-journal"] as const;

export interface OpenedStore {
  store: ProgressStore;
  /** For the player, when something happened they should know about (a damaged file moved aside). */
  notice: string | null;
}

export interface OpenOptions {
  /** The clock used for every timestamp the store writes. */
  now?: () => Date;
  /** Create the file when missing (default true). When false, a missing file is a "not-found" error. */
  create?: boolean;
  /** What to do with a damaged file: move it aside and start fresh (the app), or throw (CLIs). */
  onDamaged?: "move-aside" | "throw";
}

/** Raised inside this module when the file is readable as bytes but is not a sound Heapwise store. */
class DamagedFile extends Error {}

function isDamage(error: unknown): error is Error {
  if (error instanceof DamagedFile) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^SQLITE_(CORRUPT|NOTADB)/.test(code);
}

export function openProgressStore(dataDir: string, options: OpenOptions = {}): OpenedStore {
  const now = options.now ?? (() => new Date());
  const path = join(dataDir, PROGRESS_FILE_NAME);
  if (options.create === false) {
    if (!existsSync(path)) throw new ProgressStoreError("not-found", `There is no Heapwise progress file at ${path}.`);
  } else {
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw unavailable(path, error);
    }
  }
  const orphanNotice = keepOrphanedCompanions(path, now);
  try {
    return { store: connect(path, now), notice: orphanNotice };
  } catch (error) {
    if (error instanceof ProgressStoreError) throw error;
    if (!isDamage(error)) throw unavailable(path, error);
    if (options.onDamaged === "throw") {
      throw new ProgressStoreError("unavailable", `The progress file ${path} is damaged: ${error.message}.`, { cause: error });
    }
    const keptAs = moveAside(path, now(), "corrupt");
    let store: ProgressStore;
    try {
      store = connect(path, now);
    } catch (retryError) {
      throw unavailable(path, retryError);
    }
    const notice =
      `Heapwise could not read your saved progress because the file is damaged (${error.message}). ` +
      `The damaged file has been kept as "${keptAs}" and a new, empty progress file has been started. ` +
      `Nothing was deleted: a teacher or technician may be able to recover your old progress from that file.`;
    return { store, notice };
  }
}

/** Checks (when the file exists), opens, configures and migrates; throws DamagedFile, SQLite errors or ProgressStoreError. */
function connect(path: string, now: () => Date): ProgressStore {
  if (existsSync(path)) {
    try {
      inspect(path, { readonly: true });
    } catch (error) {
      // A hot rollback journal (a crash mid-write in a non-WAL file) needs a writer to roll it back.
      if (!(error as { code?: unknown }).code?.toString().startsWith("SQLITE_READONLY")) throw error;
      inspect(path, { readonly: false });
    }
  }
  const db = new Database(path);
  try {
    const mode = db.pragma("journal_mode = WAL", { simple: true });
    if (mode !== "wal") throw new Error(`could not switch to WAL (journal_mode is ${String(mode)})`);
    // FULL syncs the WAL on every commit. NORMAL would already be enough against process kills: a
    // committed transaction is in the OS's page cache and survives the process (the kill test shows
    // it). FULL also keeps the last acknowledged commit across a power cut, which on classroom laptops
    // with flat batteries is worth one fsync per player action.
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    migrate(db);
    return new ProgressStore(db, now);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Looks at an existing file through a read-only connection, so a refused or damaged file is left as
 * found: a read-write connection would switch its journal mode, and closing it deletes a -wal file
 * SQLite cannot use, which is evidence we want to keep beside the damaged file.
 */
function inspect(path: string, mode: { readonly: boolean }): void {
  const db = new Database(path, mode);
  try {
    const version = schemaVersion(db);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new ProgressStoreError(
        "newer-version",
        `Your progress file (${path}) was saved by a newer version of Heapwise ` +
          `(progress format ${version}; this version understands up to ${LATEST_SCHEMA_VERSION}). ` +
          `Please update Heapwise to keep playing. The file has not been changed.`,
      );
    }
    checkItIsOurs(db, version);
    const problems = db.pragma("integrity_check") as { integrity_check: string }[];
    if (problems.length !== 1 || problems[0]!.integrity_check !== "ok") {
      // The first finding is enough for the notice; a technician can run the full check on the kept file.
      const first = (problems[0]?.integrity_check ?? "no answer").split("\n")[0]!.slice(0, 120);
      throw new DamagedFile(`integrity check: ${first}`);
    }
  } finally {
    db.close();
  }
}

function checkItIsOurs(db: Database.Database, version: number): void {
  const applicationId = db.pragma("application_id", { simple: true }) as number;
  if (applicationId !== 0 && applicationId !== HEAPWISE_APPLICATION_ID) {
    throw new DamagedFile("it is an SQLite file of another program");
  }
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema").get() as { n: number };
    if (tables.n > 0) throw new DamagedFile("it is an SQLite file of another program");
  }
}

/** 2026-11-24T13:05:00.123Z -> 2026-11-24T13-05-00Z (no colons: they are not allowed on Windows). */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
}

/**
 * Renames the file's companions and then the file to `<file>.<label>-<stamp>` (+ the same suffixes,
 * so SQLite still finds the WAL if someone opens the kept file). Companions go first: if this is cut
 * short, the damaged file is still where it was and is found damaged again. Never overwrites: a taken
 * name gets "-2", "-3", ...
 */
function moveAside(path: string, when: Date, label: "corrupt" | "orphan"): string {
  const base = `${path}.${label}-${fileStamp(when)}`;
  let target = base;
  for (let n = 2; [target, ...COMPANION_SUFFIXES.map((s) => target + s)].some(existsSync); n++) {
    target = `${base}-${n}`;
  }
  try {
    for (const suffix of [...COMPANION_SUFFIXES, ""]) {
      if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
    }
  } catch (error) {
    throw new ProgressStoreError(
      "unavailable",
      `Heapwise needs to move the progress file ${path} (or its ${COMPANION_SUFFIXES.join("/")} companions) aside ` +
        `to start a new one, and could not: ${(error as Error).message}.`,
      { cause: error },
    );
  }
  return target;
}

/**
 * Companions with no database beside them (a move aside cut short, or a file deleted by hand) are
 * moved aside too: SQLite would otherwise replay a stray WAL into the new, empty file.
 */
function keepOrphanedCompanions(path: string, now: () => Date): string | null {
  const orphans = COMPANION_SUFFIXES.filter((s) => existsSync(path + s));
  if (existsSync(path) || orphans.length === 0) return null;
  const keptAs = moveAside(path, now(), "orphan");
  return (
    `Heapwise found pieces of an earlier progress file without the file itself, and kept them as ` +
    orphans.map((s) => `"${keptAs + s}"`).join(" and ") +
    `. A new progress file has been started.`
  );
}

function unavailable(path: string, error: unknown): ProgressStoreError {
  const code = (error as { code?: unknown } | null)?.code;
  const why = code === "SQLITE_BUSY" ? "it is in use by another program (is Heapwise already open?)" : (error as Error)?.message;
  return new ProgressStoreError("unavailable", `Heapwise cannot open your progress file (${path}): ${why}.`, { cause: error });
}
