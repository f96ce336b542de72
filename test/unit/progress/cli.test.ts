// The teacher CLIs, run as processes the way a teacher runs them.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { openProgressStore, type AttemptInput, type ProgressExport } from "../../../src-main/progress";
import { steppingClock, tempDataDir } from "./helpers";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

function cli(script: "report" | "export-progress", args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src-main/cli", `${script}.ts`), ...args], {
    cwd: ROOT, encoding: "utf8",
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Enough of RFC 4180 to read back what the report writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(cell); cell = ""; }
    else if (ch === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += ch;
  }
  expect(cell, "CSV ends with CRLF").toBe("");
  return rows;
}

const asObjects = (rows: string[][]) => rows.slice(1).map((r) => Object.fromEntries(rows[0]!.map((h, i) => [h, r[i]])));

const won = (levelId: string, stars: number, peakBytes: number): AttemptInput =>
  ({ packId: "basics", levelId, outcome: "won", stars, figures: { peakBytes }, hintsUsed: 1, code: "" });
const lost = (levelId: string): AttemptInput =>
  ({ packId: "basics", levelId, outcome: "lost", stars: 0, figures: {}, hintsUsed: 0, code: "" });

/** A classroom machine's data folder with the given students' attempts. */
function classroom(students: Record<string, AttemptInput[]>): string {
  const dir = tempDataDir();
  const { store } = openProgressStore(dir, { now: steppingClock("2026-04-01T08:00:00.000Z") });
  for (const [name, attempts] of Object.entries(students)) {
    const p = store.createProfile(name);
    for (const a of attempts) store.recordAttempt(p.id, a);
  }
  store.close();
  return dir;
}

function exportOf(dir: string, name: string): string {
  const out = join(tempDataDir(), `${name}.json`);
  const r = cli("export-progress", ["--data-dir", dir, "--profile", name, "--out", out]);
  expect(r.code, r.stderr).toBe(0);
  return out;
}

describe("progress:export", () => {
  it("writes the named profile's export (matching the store's own) and refuses unknown names", () => {
    const dir = classroom({ Ana: [won("01", 2, 500)], Ben: [lost("01")] });
    const file = exportOf(dir, "ana"); // names match ignoring case
    const written = JSON.parse(readFileSync(file, "utf8")) as ProgressExport;
    const { store } = openProgressStore(dir);
    const direct = store.exportProfile(store.listProfiles().find((p) => p.name === "Ana")!.id);
    store.close();
    expect({ ...written, exportedAt: "" }).toEqual({ ...direct, exportedAt: "" });

    const unknown = cli("export-progress", ["--data-dir", dir, "--profile", "Zoe"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no profile called "Zoe"; this folder has "Ana", "Ben"/);
  });

  it("--all writes one file per profile", () => {
    const dir = classroom({ Ana: [won("01", 2, 500)], "Ben/2": [] });
    const out = join(tempDataDir(), "exports");
    expect(cli("export-progress", ["--data-dir", dir, "--all", "--out", out]).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "Ana.json"), "utf8")).profile.name).toBe("Ana");
    expect(JSON.parse(readFileSync(join(out, "Ben_2.json"), "utf8")).profile.name).toBe("Ben/2");
  });

  it("does not create a progress file where there is none", () => {
    const dir = join(tempDataDir(), "nothing-here");
    const r = cli("export-progress", ["--data-dir", dir, "--profile", "Ana"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no Heapwise progress file/);
    expect(existsSync(dir)).toBe(false);
  });
});

describe("report", () => {
  it("merges exports into one row per student and level, skipping bad files by name", () => {
    const room = classroom({
      Ana: [lost("01"), won("01", 3, 700), won("02", 1, 900)],
      Ben: [won("01", 2, 650)],
    });
    const other = classroom({ "Chloé, \"C\"": [lost("03")] });
    const bad = tempDataDir();
    writeFileSync(join(bad, "notes.json"), "{ this is not json");
    writeFileSync(join(bad, "other.json"), JSON.stringify({ format: "other", version: 1 }));
    const files = [exportOf(room, "Ana"), exportOf(room, "Ben"), exportOf(other, "Chloé, \"C\""),
      join(bad, "notes.json"), join(bad, "other.json"), join(bad, "missing.json")];

    const r = cli("report", files);
    expect(r.code).toBe(0);
    for (const name of ["notes.json", "other.json", "missing.json"]) expect(r.stderr).toMatch(new RegExp(`skipped \\S*${name}`));
    expect(r.stderr).toMatch(/3 of 6 file\(s\) read, 3 skipped/);
    expect(r.stderr).toMatch(/basics\s+01\s+2\/3\s+2\/3\s+67%/); // the printed summary table

    const rows = asObjects(parseCsv(r.stdout));
    expect(rows).toHaveLength(3 * 3); // 3 students x 3 levels seen
    expect(rows.map((x) => `${x.student}|${x.level}`)).toEqual([
      "Ana|01", "Ana|02", "Ana|03", "Ben|01", "Ben|02", "Ben|03", "Chloé, \"C\"|01", "Chloé, \"C\"|02", "Chloé, \"C\"|03"]);
    expect(rows[0]).toMatchObject({ pack: "basics", solved: "yes", stars: "3", attempts: "2", hints_used: "1", best_peak_bytes: "700" });
    expect(rows[0]!.solved_at).toMatch(/^2026-04-01T08:\d\d:00\.000Z$/);
    expect(rows[4]).toMatchObject({ solved: "no", solved_at: "", stars: "0", attempts: "0", best_peak_bytes: "" });
    expect(rows[8]).toMatchObject({ solved: "no", attempts: "1" });
  });

  it("writes --out and --summary CSVs, merges a student found in two files, and guards formulas", () => {
    const a = classroom({ "=Sam": [won("01", 1, 900)], Tia: [lost("01"), lost("02")] });
    const b = classroom({ "=sam": [won("01", 3, 1200), won("02", 2, 100)] }); // the same student at home
    const out = join(tempDataDir(), "rows.csv");
    const summary = join(tempDataDir(), "summary.csv");
    const r = cli("report", [exportOf(a, "=Sam"), exportOf(a, "Tia"), exportOf(b, "=sam"), "--out", out, "--summary", summary]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/"=Sam" is in 2 files .* merged/);
    const rows = asObjects(parseCsv(readFileSync(out, "utf8")));
    expect(rows.map((x) => [x.student, x.level, x.stars, x.best_peak_bytes])).toEqual([
      ["'=Sam", "01", "3", "900"], ["'=Sam", "02", "2", "100"], ["Tia", "01", "0", ""], ["Tia", "02", "0", ""]]);
    expect(parseCsv(readFileSync(summary, "utf8"))).toEqual([
      ["pack", "level", "students", "attempted", "solved", "solve_rate", "mean_stars_of_solvers"],
      ["basics", "01", "2", "2", "1", "0.5", "3"],
      ["basics", "02", "2", "2", "1", "0.5", "2"],
    ]);
  });

  it("exits 1 and writes nothing when no file is good; 2 without files", () => {
    const bad = join(tempDataDir(), "bad.json");
    writeFileSync(bad, JSON.stringify({ format: "heapwise-progress", version: 7 }));
    const out = join(tempDataDir(), "rows.csv");
    const r = cli("report", [bad, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/skipped \S*bad\.json: written by a newer Heapwise/);
    expect(existsSync(out)).toBe(false);
    expect(cli("report", []).code).toBe(2);
  });

  it("runs through the npm scripts", () => {
    const dir = classroom({ Ana: [won("01", 2, 500)] });
    const file = join(tempDataDir(), "ana.json");
    const exp = spawnSync("npm", ["run", "-s", "progress:export", "--", "--data-dir", dir, "--profile", "Ana", "--out", file], { cwd: ROOT, encoding: "utf8" });
    expect(exp.status, exp.stderr).toBe(0);
    const rep = spawnSync("npm", ["run", "-s", "report", "--", file], { cwd: ROOT, encoding: "utf8" });
    expect(rep.status, rep.stderr).toBe(0);
    expect(parseCsv(rep.stdout)[1]!.slice(0, 4)).toEqual(["Ana", "basics", "01", "yes"]);
  });
});
