/**
 * The pack checker: a pack is good when it loads without errors, every reference solution wins
 * when replayed on the engine, every reference solution reaches the level's full stars (so the
 * thresholds are reachable), and the starting state does not win already.
 */
import { resolveCutArrows } from "./cut-arrows";
import { usingHeapwiseEngine } from "./engine-port";
import { evaluateAttempt, type Attempt } from "./evaluate";
import type { LocatedError } from "./errors";
import { loadPackDetailed, loadPackFromFiles, packLevels, type LoadedPack, type PackLoadDetail } from "./load";
import type { LocatedYaml } from "./located-yaml";
import type { PackFiles } from "./pack-files";
import type { Level, Solution } from "./schema";

export interface LevelCheck {
  packId: string;
  levelId: string;
  file: string;
  /** Empty when the level passed. */
  problems: LocatedError[];
}

export interface PackCheck {
  origin: string;
  /** Load errors; when present, no level was replayed. */
  loadErrors: LocatedError[];
  pack: LoadedPack | null;
  levels: LevelCheck[];
}

export function solutionAttempt(solution: Solution, level: Level): Attempt {
  return {
    code: solution.code ?? level.code,
    ...(solution.predictions ? { predictions: solution.predictions } : {}),
    ...(solution.chosen_line !== undefined ? { chosenLine: solution.chosen_line } : {}),
    ...(solution.cuts ? { cuts: solution.cuts } : {}),
    hintsUsed: 0,
  };
}

export function checkPack(dirOrZip: string): PackCheck {
  return checkLoadedPack(dirOrZip, loadPackDetailed(dirOrZip));
}

/** The same check on a pack already read into memory (an import, checked in the engine's worker). */
export function checkPackFiles(files: PackFiles): PackCheck {
  return checkLoadedPack(files.origin, loadPackFromFiles(files));
}

/** Every problem the check found, load errors and level problems alike. */
export function packCheckProblems(check: PackCheck): LocatedError[] {
  return [...check.loadErrors, ...check.levels.flatMap((level) => level.problems)];
}

function checkLoadedPack(origin: string, detail: PackLoadDetail): PackCheck {
  if (!detail.result.ok) return { origin, loadErrors: detail.result.errors, pack: null, levels: [] };
  const pack = detail.result.pack;
  const levels = packLevels(pack).map((level) => checkLevel(pack, level, detail.levelDocs.get(level.id)!));
  return { origin, loadErrors: [], pack, levels };
}

export function checkLevel(pack: LoadedPack, level: Level, doc: LocatedYaml): LevelCheck {
  const problems: LocatedError[] = [];
  const safely = (what: string, at: PropertyKey[], run: () => void) => {
    try {
      run();
    } catch (error) {
      problems.push(doc.at(at, `${what}: the engine failed: ${(error as Error).message.split("\n")[0]}`));
    }
  };

  let fullStars = false;
  level.solutions.forEach((solution, i) => {
    safely(`solutions[${i}]`, ["solutions", i], () => {
      const result = evaluateAttempt(pack, level, solutionAttempt(solution, level));
      if (!result.won) {
        const why = result.messages.join(" ");
        problems.push(doc.at(["solutions", i], `solutions[${i}] does not win on the engine: ${why}`));
      } else if (result.stars === result.maxStars) {
        fullStars = true;
      }
    });
  });
  if (problems.length === 0 && !fullStars && (level.stars?.length ?? 0) > 0) {
    problems.push(doc.at(["stars"], `no reference solution earns all ${1 + level.stars!.length} stars; loosen a star rule or add a better solution`));
  }

  // The scene must be able to show every arrow a cut option names (only our engine has a scene).
  if (level.kind === "cut" && usingHeapwiseEngine()) {
    const resolved = resolveCutArrows(level);
    if (!resolved.ok) {
      for (const problem of resolved.problems) {
        const index = level.cuts.findIndex((c) => c.id === problem.cutId);
        const at = index < 0 ? ["insert_after_line"] : ["cuts", index, "from"];
        const what = index < 0 ? "cuts" : `cuts[${index}]`;
        problems.push(doc.at(at, `${what}: ${problem.message}`));
      }
    }
  }

  safely("the starting state", ["code"], () => {
    const start = evaluateAttempt(pack, level, { code: level.code, hintsUsed: 0 });
    if (start.won) problems.push(doc.at(["code"], "the starting state already wins: the player would have nothing to do"));
    // Where the player cannot change the code, it has to run cleanly.
    const fixedCode = level.kind === "predict" || level.kind === "pick-line" || level.kind === "cut";
    if (fixedCode && start.run.error) {
      const where = start.run.error.line !== undefined ? ` on line ${start.run.error.line}` : "";
      problems.push(doc.at(["code"], `the code raised ${start.run.error.type}${where}: ${start.run.error.message}; the player cannot change it in a ${level.kind} level`));
    }
  });

  return { packId: pack.manifest.id, levelId: level.id, file: pack.levelFiles[level.id]!, problems };
}

// ---------------------------------------------------------------------------------------------
// Known engine gaps: levels whose reference solutions cannot run on the engine yet.

export interface KnownGap {
  key: string; // "pack-id/level-id"
  reason: string;
  line: number;
}

/** Lines `pack-id/level-id  reason`; `#` starts a comment. */
export function parseKnownGaps(text: string): KnownGap[] {
  const gaps: KnownGap[] = [];
  text.split("\n").forEach((raw, i) => {
    const line = raw.replace(/#.*$/, "").trim();
    if (line === "") return;
    const match = /^(\S+\/\S+)\s+(.+)$/.exec(line);
    if (match) gaps.push({ key: match[1]!, reason: match[2]!, line: i + 1 });
    else gaps.push({ key: line, reason: "", line: i + 1 });
  });
  return gaps;
}

export type LevelVerdict =
  | { kind: "pass" }
  | { kind: "fail" }
  | { kind: "known-gap"; reason: string }
  /** Listed as a gap but now passes: the list must shrink. */
  | { kind: "gap-closed"; reason: string };

export function verdictFor(check: LevelCheck, gaps: readonly KnownGap[]): LevelVerdict {
  const gap = gaps.find((g) => g.key === `${check.packId}/${check.levelId}`);
  const passed = check.problems.length === 0;
  if (gap === undefined) return passed ? { kind: "pass" } : { kind: "fail" };
  return passed ? { kind: "gap-closed", reason: gap.reason } : { kind: "known-gap", reason: gap.reason };
}
