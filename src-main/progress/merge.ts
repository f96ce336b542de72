// How two records of the same level combine (importing an export, merging exports in a report).
// The rule is "the best of each, never lose a solved level", and it is idempotent: merging the same
// export twice changes nothing, so a teacher or player can re-import without inflating counts.
import type { Figures, LevelState } from "./types";

/** Per figure, the lower value (figures are lower-is-better); a figure either side has is kept. */
export function bestOfFigures(a: Figures, b: Figures): Figures {
  const best: Figures = { ...a };
  for (const [name, value] of Object.entries(b)) {
    const mine = best[name];
    best[name] = mine === undefined ? value : Math.min(mine, value);
  }
  return best;
}

function earlierTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/**
 * Combines `ours` (kept where the rule has no "best", e.g. the code in the editor) with `theirs`.
 * attempts is the larger count, not the sum: the two records may share history (a re-import).
 */
export function mergeLevelStates<T extends LevelState>(ours: T, theirs: LevelState): T {
  return {
    ...ours,
    solved: ours.solved || theirs.solved,
    solvedAt: earlierTime(ours.solvedAt, theirs.solvedAt),
    bestStars: Math.max(ours.bestStars, theirs.bestStars),
    attempts: Math.max(ours.attempts, theirs.attempts),
    bestFigures: bestOfFigures(ours.bestFigures, theirs.bestFigures),
    hintsUsed: Math.max(ours.hintsUsed, theirs.hintsUsed),
    lastCode: ours.lastCode ?? theirs.lastCode,
  };
}
