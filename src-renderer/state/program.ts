// Plain functions over a level's program and a heap snapshot (no runes, no DOM): the code with the
// player's cuts in, the arrows a cut level's options name, and the line an error points at.

import type { CutChoice, HeapSnapshot } from "../../src-main/api/index";

/** The level's code with the cut statements inserted after `insertAfterLine` (as the checker builds it). */
export function programWithCuts(source: string, insertAfterLine: number, statements: string[]): string {
  if (statements.length === 0) return source;
  const lines = source.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  const at = Math.min(insertAfterLine, lines.length);
  return [...lines.slice(0, at), ...statements, ...lines.slice(at)].join("\n") + "\n";
}

export interface ResolvedCut {
  cutId: string;
  /** ObjectView.id the arrow starts at. */
  fromObject: number;
  label: string;
  /** ObjectView.id it points at. */
  toObject: number;
  /** How the player reads it: "album [1]". */
  description: string;
}

/** Splits `ring[0].next` into the name and the labels `[0]`, `.next` (dict keys in single quotes). */
export function parseObjectPath(path: string): { name: string; labels: string[] } | null {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[[^\]]+\]|\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(path.trim());
  if (!match) return null;
  const labels = [...match[2]!.matchAll(/\[[^\]]+\]|\.[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => normaliseLabel(m[0]));
  return { name: match[1]!, labels };
}

function normaliseLabel(label: string): string {
  const quoted = /^\["(.*)"\]$/.exec(label);
  return quoted ? `['${quoted[1]}']` : label;
}

/** Follows each option's path from the module's names through the snapshot; options that lead nowhere are left out. */
export function resolveCutArrows(snapshot: HeapSnapshot, cuts: CutChoice[]): ResolvedCut[] {
  const objects = new Map(snapshot.objects.map((o) => [o.id, o] as const));
  const module = snapshot.frames[0];
  const resolved: ResolvedCut[] = [];
  for (const cut of cuts) {
    const path = parseObjectPath(cut.from);
    if (!path) continue;
    let current = module?.locals.find((l) => l.name === path.name)?.target;
    const labels = [...path.labels, normaliseLabel(cut.label)];
    let from: number | undefined;
    for (const label of labels) {
      if (current === undefined) break;
      from = current;
      current = objects.get(current)?.refs.find((r) => r.label === label)?.target;
    }
    if (current === undefined || from === undefined) continue;
    resolved.push({ cutId: cut.cutId, fromObject: from, label: normaliseLabel(cut.label), toObject: current, description: `${cut.from} ${cut.label}` });
  }
  return resolved;
}

/** The line an error points at: the engine's, else the last `File "...", line N` of the traceback. */
export function errorLineOf(error: { line?: number }, stderr: string): number | null {
  if (error.line !== undefined) return error.line;
  const lines = [...stderr.matchAll(/File "[^"]*", line (\d+)/g)];
  const last = lines.at(-1);
  return last ? Number(last[1]) : null;
}
