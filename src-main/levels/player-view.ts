/**
 * What the renderer may see of a level: everything but the reference solutions.
 */
import type { Level } from "./schema";

export type PlayerLevel = Omit<Level, "solutions">;

export function levelForPlayer(level: Level): PlayerLevel {
  const { solutions: _solutions, ...rest } = level;
  return structuredClone(rest) as PlayerLevel;
}
