/**
 * Which arrows of the heap scene a cut level's options stand for. An option names the object its
 * arrow starts at with a path the scene itself can follow (`album`, `ring[0]`, `box.inner`,
 * `favourites['best']`: a name, then reference labels) and the arrow's label (`[1]`, `.next`).
 * Resolving runs the level's code on the engine up to the line after which cuts are inserted and
 * follows those labels through the heap snapshot, so the renderer can put scissors on exactly
 * those arrows, and the checker can refuse options that point at nothing.
 */
import { EngineSession } from "../engine/index";
import type { HeapSnapshot } from "../engine/facade-types";
import { LEVEL_RUN_LIMITS, PROGRAM_FILENAME } from "./engine-port";
import type { Level } from "./schema";

type CutLevel = Extract<Level, { kind: "cut" }>;

export interface CutArrow {
  /** The cut option's id. */
  cutId: string;
  /** ObjectView.id of the object the arrow starts at. */
  fromObject: number;
  /** RefView.label of the arrow. */
  label: string;
  /** ObjectView.id the arrow points at. */
  toObject: number;
}

export type CutArrowsResult = { ok: true; arrows: CutArrow[]; snapshot: HeapSnapshot } | { ok: false; problems: { cutId: string | null; message: string }[] };

/** Splits `ring[0].next` into the name `ring` and the labels `[0]`, `.next`. */
export function parseObjectPath(path: string): { name: string; labels: string[] } | null {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[[^\]]+\]|\.[A-Za-z_][A-Za-z0-9_]*)*)$/.exec(path.trim());
  if (!match) return null;
  const labels = [...match[2]!.matchAll(/\[[^\]]+\]|\.[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => normaliseLabel(m[0]));
  return { name: match[1]!, labels };
}

/** `["best"]` and `['best']` are the same label; the scene writes single quotes. */
function normaliseLabel(label: string): string {
  const quoted = /^\["(.*)"\]$/.exec(label);
  return quoted ? `['${quoted[1]}']` : label;
}

/** The module-level state right before the line after `insert_after_line` runs. */
export function snapshotAtCutPoint(level: CutLevel): HeapSnapshot {
  const session = new EngineSession(level.code, { ...LEVEL_RUN_LIMITS, filename: PROGRAM_FILENAME });
  let snapshot = session.snapshot();
  for (let i = 0; i < 100_000 && !snapshot.finished && snapshot.error === undefined; i++) {
    const atModuleLevel = snapshot.frames.length === 1;
    if (atModuleLevel && snapshot.line !== null && snapshot.line > level.insert_after_line) break;
    snapshot = session.stepLine();
  }
  return snapshot;
}

export function resolveCutArrows(level: CutLevel): CutArrowsResult {
  let snapshot: HeapSnapshot;
  try {
    snapshot = snapshotAtCutPoint(level);
  } catch (error) {
    return { ok: false, problems: [{ cutId: null, message: `the engine failed: ${(error as Error).message.split("\n")[0]}` }] };
  }
  if (snapshot.error) {
    return { ok: false, problems: [{ cutId: null, message: `the code raised ${snapshot.error.type}: ${snapshot.error.message} before line ${level.insert_after_line + 1}` }] };
  }
  const objects = new Map(snapshot.objects.map((o) => [o.id, o]));
  const moduleFrame = snapshot.frames[0];
  const arrows: CutArrow[] = [];
  const problems: { cutId: string | null; message: string }[] = [];
  for (const cut of level.cuts) {
    const path = parseObjectPath(cut.from);
    if (path === null) {
      problems.push({ cutId: cut.id, message: `"${cut.from}" is not a name followed by labels such as [0], .next or ['key']` });
      continue;
    }
    let current = moduleFrame?.locals.find((l) => l.name === path.name)?.target;
    if (current === undefined) {
      problems.push({ cutId: cut.id, message: `no name "${path.name}" exists after line ${level.insert_after_line}` });
      continue;
    }
    let broken: string | null = null;
    const labels = [...path.labels, normaliseLabel(cut.label)];
    labels.forEach((label, i) => {
      if (broken !== null) return;
      const next = objects.get(current!)?.refs.find((r) => r.label === label)?.target;
      if (next === undefined) {
        broken = label;
        return;
      }
      if (i === labels.length - 1) arrows.push({ cutId: cut.id, fromObject: current!, label, toObject: next });
      current = next;
    });
    if (broken !== null) problems.push({ cutId: cut.id, message: `${cut.from} has no arrow labelled ${broken} after line ${level.insert_after_line}` });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, arrows, snapshot };
}
