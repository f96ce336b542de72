/**
 * Loading a pack: read its files, parse pack.yaml and every level it names, validate them against
 * the schema, and cross-check what a schema cannot see (ids, line numbers, solutions that fit
 * their level, Python that parses). Every problem comes back located at file:line:col.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { z } from "zod";
import { parseProgram } from "./engine-port";
import { describeIssue, type LocatedError } from "./errors";
import { parseLocatedYaml, type LocatedYaml } from "./located-yaml";
import { displayName, readPackFiles, unsafeEntryName, type PackFiles } from "./pack-files";
import { KNOWN_KEYS, LevelSchema, PackSchema, type Level, type PackManifest } from "./schema";

export interface LoadedChapter {
  id: string;
  title: string;
  levels: Level[];
}

export interface LoadedPack {
  manifest: PackManifest;
  /** The folder or .zip it was loaded from. */
  origin: string;
  chapters: LoadedChapter[];
  /** Level id -> the file it came from (display name), for messages. */
  levelFiles: Record<string, string>;
  /** Where pack.yaml's `id:` value is written, for messages about the pack's id (a clash). */
  idAt: Omit<LocatedError, "message">;
}

export type PackLoadResult = { ok: true; pack: LoadedPack } | { ok: false; errors: LocatedError[] };

/** What the checker needs beyond the pack: every parsed YAML document, to locate later problems. */
export interface PackLoadDetail {
  result: PackLoadResult;
  /** Level id -> its parsed YAML (for locating problems found by replaying solutions). */
  levelDocs: Map<string, LocatedYaml>;
  files: PackFiles | null;
}

export function loadPack(dirOrZip: string): PackLoadResult {
  return loadPackDetailed(dirOrZip).result;
}

export function loadPackDetailed(dirOrZip: string): PackLoadDetail {
  const read = readPackFiles(dirOrZip);
  if (!read.ok) {
    return { result: { ok: false, errors: [{ file: dirOrZip, line: 1, column: 1, message: read.message }] }, levelDocs: new Map(), files: null };
  }
  return loadPackFromFiles(read.pack);
}

/** Every pack folder (holding a pack.yaml) directly under `levelsRoot`. */
export function loadBuiltinPacks(levelsRoot: string): { packs: LoadedPack[]; errors: LocatedError[] } {
  const packs: LoadedPack[] = [];
  const errors: LocatedError[] = [];
  for (const dir of builtinPackDirs(levelsRoot)) {
    const result = loadPack(dir);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const clash = packs.find((p) => p.manifest.id === result.pack.manifest.id);
    if (clash) {
      errors.push({ ...result.pack.idAt, message: `pack id "${result.pack.manifest.id}" is already used by ${clash.origin}` });
      continue;
    }
    packs.push(result.pack);
  }
  return { packs, errors };
}

export function builtinPackDirs(levelsRoot: string): string[] {
  if (!existsSync(levelsRoot)) return [];
  return readdirSync(levelsRoot)
    .sort()
    .map((name) => join(levelsRoot, name))
    .filter((dir) => statSync(dir).isDirectory() && existsSync(join(dir, "pack.yaml")));
}

export function loadPackFromFiles(files: PackFiles): PackLoadDetail {
  const errors: LocatedError[] = [];
  const levelDocs = new Map<string, LocatedYaml>();
  const fail = (): PackLoadDetail => ({ result: { ok: false, errors }, levelDocs, files });

  const packFile = displayName(files, "pack.yaml");
  const packBytes = files.files.get("pack.yaml");
  if (packBytes === undefined) {
    errors.push({ file: packFile, line: 1, column: 1, message: "pack.yaml is missing: every pack needs one at its top level" });
    return fail();
  }
  const packYaml = parseYamlFile(packFile, packBytes, errors);
  if (packYaml === null) return fail();
  const manifest = validate(PackSchema, packYaml, errors);
  if (manifest === null) return fail();

  const chapters: LoadedChapter[] = [];
  const levelFiles: Record<string, string> = {};
  const levelIdAt = new Map<string, string>();
  const chapterIds = new Set<string>();
  const listed = new Set<string>();
  manifest.chapters.forEach((chapter, ci) => {
    if (chapterIds.has(chapter.id)) errors.push(packYaml.at(["chapters", ci, "id"], `chapter id "${chapter.id}" is used twice`));
    chapterIds.add(chapter.id);
    const levels: Level[] = [];
    chapter.levels.forEach((rawPath, li) => {
      const where = ["chapters", ci, "levels", li];
      const relPath = rawPath.replaceAll("\\", "/").replace(/^\.\//, "");
      const unsafe = unsafeEntryName(relPath);
      if (unsafe) {
        errors.push(packYaml.at(where, `level file ${JSON.stringify(rawPath)} ${unsafe}`));
        return;
      }
      if (listed.has(relPath)) {
        errors.push(packYaml.at(where, `level file ${JSON.stringify(rawPath)} is listed twice`));
        return;
      }
      listed.add(relPath);
      const bytes = files.files.get(relPath);
      if (bytes === undefined) {
        errors.push(packYaml.at(where, `level file ${JSON.stringify(rawPath)} does not exist in the pack`));
        return;
      }
      const file = displayName(files, relPath);
      const doc = parseYamlFile(file, bytes, errors);
      if (doc === null) return;
      const level = validate(LevelSchema, doc, errors);
      if (level === null) return;
      const previous = levelIdAt.get(level.id);
      if (previous !== undefined) {
        errors.push(doc.at(["id"], `level id "${level.id}" is already used by ${previous}`));
        return;
      }
      levelIdAt.set(level.id, file);
      crossCheckLevel(level, doc, errors);
      levelDocs.set(level.id, doc);
      levelFiles[level.id] = file;
      levels.push(level);
    });
    chapters.push({ id: chapter.id, title: chapter.title, levels });
  });
  // A level file nobody lists would silently never be played.
  for (const relPath of files.files.keys()) {
    if (relPath !== "pack.yaml" && /\.ya?ml$/i.test(relPath) && !listed.has(relPath)) {
      errors.push({
        file: displayName(files, relPath),
        line: 1,
        column: 1,
        message: `${relPath} is not listed in any chapter of pack.yaml; add it to a chapter's levels, or remove it`,
      });
    }
  }
  if (errors.length > 0) return fail();
  const { file, line, column } = packYaml.at(["id"], "");
  const idAt = { file, line, column };
  return { result: { ok: true, pack: { manifest, origin: files.origin, chapters, levelFiles, idAt } }, levelDocs, files };
}

/** All levels in play order. */
export function packLevels(pack: LoadedPack): Level[] {
  return pack.chapters.flatMap((c) => c.levels);
}

// ---------------------------------------------------------------------------------------------

function parseYamlFile(file: string, bytes: Uint8Array, errors: LocatedError[]): LocatedYaml | null {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    errors.push({ file, line: 1, column: 1, message: "the file is not UTF-8 text" });
    return null;
  }
  const doc = parseLocatedYaml(file, text);
  if (doc.errors.length > 0) {
    errors.push(...doc.errors);
    return null;
  }
  if (doc.value === null || typeof doc.value !== "object" || Array.isArray(doc.value)) {
    errors.push({ file, line: 1, column: 1, message: "the file must be a mapping of keys (key: value lines)" });
    return null;
  }
  return doc;
}

function validate<T>(schema: z.ZodType<T>, doc: LocatedYaml, errors: LocatedError[]): T | null {
  const parsed = schema.safeParse(doc.value, { reportInput: true });
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const message = describeIssue(issue);
    if (issue.code === "unrecognized_keys") {
      // One error per unknown key, each at the key itself.
      for (const key of issue.keys) errors.push(doc.atKey(issue.path, key, describeIssue({ ...issue, keys: [key] }, KNOWN_KEYS)));
    } else {
      errors.push(doc.at(issue.path, message));
    }
  }
  return null;
}

/** What the schema cannot express: positions inside the code, solutions that fit the level's kind. */
function crossCheckLevel(level: Level, doc: LocatedYaml, errors: LocatedError[]): void {
  const codeLines = lineCount(level.code);
  checkPython(level.code, ["code"], doc, errors);

  if (level.kind === "edit") {
    (level.locked_lines ?? []).forEach((n, i) => {
      if (n > codeLines) errors.push(doc.at(["locked_lines", i], `locked_lines[${i}] is line ${n}, but the code has ${codeLines} lines`));
    });
  }
  if (level.kind === "cut") {
    if (level.insert_after_line > codeLines) {
      errors.push(doc.at(["insert_after_line"], `insert_after_line is ${level.insert_after_line}, but the code has ${codeLines} lines`));
    }
    const ids = new Set<string>();
    level.cuts.forEach((cut, i) => {
      if (ids.has(cut.id)) errors.push(doc.at(["cuts", i, "id"], `cut id "${cut.id}" is used twice`));
      ids.add(cut.id);
      checkPython(cut.statement, ["cuts", i, "statement"], doc, errors);
    });
  }

  level.goals.forEach((goal, i) => {
    const only = (kind: Level["kind"]) => {
      if (level.kind !== kind) errors.push(doc.at(["goals", i, "type"], `goals[${i}].type ${goal.type} only works in ${kind} levels; this level is ${level.kind}`));
    };
    switch (goal.type) {
      case "predictions_match_output":
        only("predict");
        break;
      case "prediction_equals_engine_value":
        only("predict");
        if (level.kind === "predict" && goal.prediction >= level.prompts.length) {
          errors.push(doc.at(["goals", i, "prediction"], `goals[${i}].prediction is ${goal.prediction}, but the level has ${level.prompts.length} prompts (counting from 0)`));
        }
        checkPython(goal.expression, ["goals", i, "expression"], doc, errors);
        break;
      case "chosen_line_is_top_allocator":
        only("pick-line");
        break;
      case "output_equals":
      case "output_contains":
      case "no_call":
      case "peak_traced_bytes_at_most":
      case "objects_freed_by_refcount":
      case "all_freed_after_collect":
        break;
    }
  });
  (level.stars ?? []).forEach((rule, i) => {
    if (rule.type === "cuts_at_most" && level.kind !== "cut") {
      errors.push(doc.at(["stars", i, "type"], `stars[${i}].type cuts_at_most only works in cut levels; this level is ${level.kind}`));
    }
  });

  level.solutions.forEach((solution, i) => {
    const at = (key: string, message: string) => errors.push(doc.at(["solutions", i, key], message));
    const needs = (key: keyof typeof solution, what: string) => {
      if (solution[key] === undefined) errors.push(doc.at(["solutions", i], `solutions[${i}] needs ${key}: ${what}`));
    };
    const forbid = (...keys: (keyof typeof solution)[]) => {
      for (const key of keys) if (solution[key] !== undefined) at(key, `solutions[${i}].${key} does not apply to ${level.kind} levels`);
    };
    switch (level.kind) {
      case "predict":
        needs("predictions", "one predicted line per prompt");
        forbid("code", "chosen_line", "cuts");
        if (solution.predictions && solution.predictions.length !== level.prompts.length) {
          at("predictions", `solutions[${i}].predictions has ${solution.predictions.length} entries, but the level has ${level.prompts.length} prompts`);
        }
        break;
      case "edit":
      case "sandbox":
        needs("code", "the player's finished code");
        forbid("predictions", "chosen_line", "cuts");
        if (solution.code !== undefined) checkPython(solution.code, ["solutions", i, "code"], doc, errors);
        break;
      case "cut":
        needs("cuts", "the ids of the arrows to cut");
        forbid("code", "predictions", "chosen_line");
        (solution.cuts ?? []).forEach((id, j) => {
          if (!level.cuts.some((c) => c.id === id)) {
            errors.push(doc.at(["solutions", i, "cuts", j], `solutions[${i}].cuts[${j}] is "${id}", which is not the id of any arrow in cuts`));
          }
        });
        break;
      case "pick-line":
        needs("chosen_line", "the line number the player should point at");
        forbid("code", "predictions", "cuts");
        if (solution.chosen_line !== undefined && solution.chosen_line > codeLines) {
          at("chosen_line", `solutions[${i}].chosen_line is ${solution.chosen_line}, but the code has ${codeLines} lines`);
        }
        break;
    }
  });
}

function checkPython(source: string, path: PropertyKey[], doc: LocatedYaml, errors: LocatedError[]): void {
  const parsed = parseProgram(source);
  if (parsed.ok) return;
  const { line, column, message } = parsed.problem;
  errors.push(doc.atTextPosition(path, line, column, `${formatKey(path)} does not parse as Python: ${message} (line ${line} of the code)`));
}

function formatKey(path: PropertyKey[]): string {
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

function lineCount(code: string): number {
  const lines = code.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.length;
}
