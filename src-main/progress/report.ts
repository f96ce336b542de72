// The teacher's report: merges any number of profile exports into one row per student and level,
// and a per-level solve-rate summary. Pure: reading files and printing belong to src-main/cli/report.ts.
import { mergeLevelStates } from "./merge";
import type { ExportedLevel, ProgressExport } from "./types";
import type { Cell } from "./csv";

export interface ExportSource { file: string; data: ProgressExport }

export interface StudentLevelRow {
  student: string;
  packId: string;
  levelId: string;
  /** null when the student never opened the level (another student did). */
  level: ExportedLevel | null;
}

export interface LevelSummary {
  packId: string;
  levelId: string;
  students: number;
  attempted: number;
  solved: number;
  /** solved / students, 0..1. */
  solveRate: number;
  /** Mean best stars of the students who solved it, or null if nobody did. */
  meanStars: number | null;
}

export interface Report {
  students: string[];
  rows: StudentLevelRow[];
  summary: LevelSummary[];
  figureNames: string[];
  /** Things the teacher should know, e.g. two files holding the same student name were merged. */
  notes: string[];
}

const byText = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true, sensitivity: "base" });
const levelKey = (packId: string, levelId: string) => JSON.stringify([packId, levelId]);

export function buildReport(sources: readonly ExportSource[]): Report {
  const notes: string[] = [];
  // Students are matched by name, ignoring case (the store does the same).
  const students = new Map<string, { name: string; files: string[]; levels: Map<string, ExportedLevel> }>();
  const allLevels = new Map<string, { packId: string; levelId: string }>();
  const figureNames = new Set<string>();

  for (const { file, data } of sources) {
    const key = data.profile.name.toLowerCase();
    let student = students.get(key);
    if (!student) {
      student = { name: data.profile.name, files: [], levels: new Map() };
      students.set(key, student);
    }
    student.files.push(file);
    for (const level of data.levels) {
      const k = levelKey(level.packId, level.levelId);
      allLevels.set(k, { packId: level.packId, levelId: level.levelId });
      const earlier = student.levels.get(k);
      student.levels.set(k, earlier ? mergeLevelStates(earlier, level) : level);
      for (const name of Object.keys(level.bestFigures)) figureNames.add(name);
    }
  }
  for (const s of students.values()) {
    if (s.files.length > 1) {
      notes.push(`"${s.name}" is in ${s.files.length} files (${s.files.join(", ")}); merged, keeping the best of each level.`);
    }
  }

  const orderedStudents = [...students.values()].sort((a, b) => byText(a.name, b.name));
  const orderedLevels = [...allLevels.values()].sort((a, b) => byText(a.packId, b.packId) || byText(a.levelId, b.levelId));

  const rows: StudentLevelRow[] = [];
  for (const s of orderedStudents) {
    for (const l of orderedLevels) {
      rows.push({ student: s.name, packId: l.packId, levelId: l.levelId, level: s.levels.get(levelKey(l.packId, l.levelId)) ?? null });
    }
  }

  const summary = orderedLevels.map((l): LevelSummary => {
    const states = orderedStudents.map((s) => s.levels.get(levelKey(l.packId, l.levelId)));
    const solvers = states.filter((st): st is ExportedLevel => st?.solved === true);
    return {
      packId: l.packId,
      levelId: l.levelId,
      students: orderedStudents.length,
      attempted: states.filter((st) => (st?.attempts ?? 0) > 0).length,
      solved: solvers.length,
      solveRate: orderedStudents.length === 0 ? 0 : solvers.length / orderedStudents.length,
      meanStars: solvers.length === 0 ? null : solvers.reduce((sum, st) => sum + st.bestStars, 0) / solvers.length,
    };
  });

  return {
    students: orderedStudents.map((s) => s.name),
    rows,
    summary,
    figureNames: [...figureNames].sort(byText),
    notes,
  };
}

/** peakBytes -> best_peak_bytes */
const figureColumn = (name: string) => `best_${name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase()}`;

export function studentRowsTable(report: Report): { header: string[]; rows: Cell[][] } {
  const header = ["student", "pack", "level", "solved", "solved_at", "stars", "attempts", "hints_used",
    ...report.figureNames.map(figureColumn)];
  const rows = report.rows.map(({ student, packId, levelId, level }): Cell[] => [
    student, packId, levelId,
    level?.solved ? "yes" : "no",
    level?.solvedAt ?? null,
    level?.bestStars ?? 0,
    level?.attempts ?? 0,
    level?.hintsUsed ?? 0,
    ...report.figureNames.map((name) => level?.bestFigures[name] ?? null),
  ]);
  return { header, rows };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

export function summaryTable(report: Report): { header: string[]; rows: Cell[][] } {
  const header = ["pack", "level", "students", "attempted", "solved", "solve_rate", "mean_stars_of_solvers"];
  const rows = report.summary.map((s): Cell[] => [
    s.packId, s.levelId, s.students, s.attempted, s.solved, round(s.solveRate, 3),
    s.meanStars === null ? null : round(s.meanStars, 2),
  ]);
  return { header, rows };
}

/** The summary as an aligned text table for a terminal. */
export function summaryText(report: Report): string {
  const header = ["pack", "level", "solved", "attempted", "solve rate", "mean stars"];
  const rows = report.summary.map((s) => [
    s.packId, s.levelId, `${s.solved}/${s.students}`, `${s.attempted}/${s.students}`,
    `${(s.solveRate * 100).toFixed(0)}%`, s.meanStars === null ? "-" : s.meanStars.toFixed(1),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n";
}
