// The kill test: a child process writes progress as fast as it can and is killed with SIGKILL at a
// random moment, 30 times. After every kill the file must open cleanly, pass integrity_check, and
// hold every write the child acknowledged (it acks only after the transaction committed).
// Set KILL_SEED to replay a failing sequence of kill moments.
import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { LATEST_SCHEMA_VERSION, openProgressStore, PROGRESS_FILE_NAME } from "../../../src-main/progress";
import { tempDataDir } from "./helpers";
import { mulberry32 } from "../seeded-random";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const CHILD_SOURCE = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
// The child is bundled once to plain JavaScript so each of the 30 starts is a bare `node` start, not a
// TypeScript compile. It lives under node_modules so its `better-sqlite3` import resolves.
const CHILD = join(ROOT, "node_modules", ".cache", "heapwise-progress-test", `crash-child-${process.pid}.mjs`);

beforeAll(async () => {
  await build({
    entryPoints: [CHILD_SOURCE], outfile: CHILD, bundle: true, platform: "node", format: "esm",
    target: "node20", external: ["better-sqlite3"], logLevel: "error",
  });
});
afterAll(() => rmSync(CHILD, { force: true }));
const KILLS = 30;
const seed = Number(process.env.KILL_SEED ?? Date.now() % 1_000_000);

/** Seeded, so a failure's kill moments can be replayed. */
const random = mulberry32;

type KillPlan = { kind: "during-open"; afterMs: number } | { kind: "after-acks"; acks: number; thenMs: number };

interface RunResult { acks: string[]; ready: boolean; signal: NodeJS.Signals | null; notices: string[] }

/** Runs the child once and kills it as planned; resolves with every complete line it printed. */
function runAndKill(dataDir: string, runId: number, plan: KillPlan): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dataDir, String(runId)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const result: RunResult = { acks: [], ready: false, signal: null, notices: [] };
    let pending = "";
    let stderr = "";
    let killScheduled = false;
    const kill = (delayMs: number) => {
      if (killScheduled) return;
      killScheduled = true;
      setTimeout(() => child.kill("SIGKILL"), delayMs);
    };
    if (plan.kind === "during-open") kill(plan.afterMs);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop()!; // an incomplete last line is not an ack
      for (const line of lines) {
        if (line === "ready") result.ready = true;
        else if (line.startsWith("ack ")) result.acks.push(line.slice(4));
        else if (line.startsWith("notice ")) result.notices.push(line);
      }
      if (plan.kind === "after-acks" && result.acks.length >= plan.acks) kill(plan.thenMs);
    });
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      result.signal = signal;
      if (signal !== "SIGKILL") reject(new Error(`child ended by itself (code ${code}): ${stderr}`));
      else resolve(result);
    });
  });
}

/** Everything the file must satisfy after a kill, read through a plain read-only connection. */
function checkContents(db: Database.Database, acked: Set<string>, context: string): void {
  expect(db.pragma("integrity_check", { simple: true }), context).toBe("ok");
  expect(db.pragma("foreign_key_check"), context).toEqual([]);
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version < LATEST_SCHEMA_VERSION) {
    // Killed while the file was being created: no migration may be half done, nothing was acked.
    expect(acked.size, context).toBe(0);
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();
    const expected: Record<number, string[]> = { 0: [], 1: ["attempt", "level_progress", "profile"], 2: ["attempt", "level_progress", "profile", "settings"] };
    expect(tables, context).toEqual(expected[version]);
    return;
  }
  const attemptKeys = new Set(
    (db.prepare("SELECT code FROM attempt").pluck().all() as string[]).map((code) => `attempt ${code.split("\n")[0]}`));
  const profileKeys = new Set(
    (db.prepare("SELECT name FROM profile").pluck().all() as string[]).map((name) => `profile ${name}`));
  const missing = [...acked].filter((key) => !attemptKeys.has(key) && !profileKeys.has(key));
  expect(missing, `${context}: acknowledged writes lost`).toEqual([]);
  // Each attempt and its level summary are written in one transaction, so they always agree.
  const disagreeing = db.prepare(`
    SELECT lp.level_id, lp.attempts, count(a.id) AS rows,
           lp.best_stars, coalesce(max(CASE WHEN a.outcome = 'won' THEN a.stars END), 0) AS best_won
    FROM level_progress lp LEFT JOIN attempt a
      ON a.profile_id = lp.profile_id AND a.pack_id = lp.pack_id AND a.level_id = lp.level_id
    GROUP BY lp.profile_id, lp.pack_id, lp.level_id
    HAVING lp.attempts != rows OR lp.best_stars != best_won`).all();
  expect(disagreeing, `${context}: summary and history disagree`).toEqual([]);
  const orphanAttempts = db.prepare(`
    SELECT count(*) FROM attempt a WHERE NOT EXISTS (SELECT 1 FROM level_progress lp
      WHERE lp.profile_id = a.profile_id AND lp.pack_id = a.pack_id AND lp.level_id = a.level_id)`).pluck().get();
  expect(orphanAttempts, context).toBe(0);
}

function checkFile(dataDir: string, acked: Set<string>, context: string): void {
  const db = new Database(join(dataDir, PROGRESS_FILE_NAME), { readonly: true });
  try {
    checkContents(db, acked, context);
  } finally {
    db.close();
  }
  // And the app's own way in sees a sound file: no notice, nothing moved aside.
  const { store, notice } = openProgressStore(dataDir, { onDamaged: "throw" });
  expect(notice, context).toBeNull();
  store.close();
}

it(`survives ${KILLS} SIGKILLs at random moments without losing an acknowledged write (seed ${seed})`, async () => {
  const next = random(seed);
  const mainDir = tempDataDir();
  const acked = new Set<string>();
  let totalAcks = 0;
  let killedDuringOpen = 0;
  for (let run = 0; run < KILLS; run++) {
    // Every sixth kill lands while a brand-new file is being created and migrated (or before).
    const duringOpen = run % 6 === 0;
    const dir = duringOpen ? tempDataDir() : mainDir;
    const plan: KillPlan = duringOpen
      ? // The first lands within 30 ms, before a Node child can have opened anything, so at least
        // one kill is certain to come before "ready" however fast the machine is (a run where
        // all five came later failed the check below).
        { kind: "during-open", afterMs: Math.floor(next() * (run === 0 ? 30 : 700)) }
      : { kind: "after-acks", acks: Math.floor(next() * 400), thenMs: Math.floor(next() * 3) };
    const context = `seed ${seed}, run ${run}, plan ${JSON.stringify(plan)}`;
    const result = await runAndKill(dir, run, plan);
    expect(result.notices, context).toEqual([]);
    if (duringOpen) {
      if (!result.ready) killedDuringOpen++;
      // The file may not exist yet if the kill came first; if it does, it must be sound.
      try {
        checkFile(dir, new Set(result.acks), context);
      } catch (error) {
        if (!(error as { code?: string }).code?.startsWith("SQLITE_CANTOPEN")) throw error;
      }
    } else {
      for (const key of result.acks) acked.add(key);
      totalAcks += result.acks.length;
      checkFile(dir, acked, context);
    }
  }
  // The test must really have killed mid-stream many times, not only before the first write.
  expect(totalAcks).toBeGreaterThan(1000);
  expect(killedDuringOpen).toBeGreaterThan(0);
}, 120_000);
