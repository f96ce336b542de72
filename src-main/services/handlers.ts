// The API's handlers: each channel's request (already validated by dispatch) turned into calls on
// the level catalog, the progress store and the engine worker.

import type { AppInfo, ChapterSummary, LevelDetail, LevelTask, RequestOf, ShellKind } from "../api/index";
import type { Attempt, Level } from "../levels/index";
import { EngineError, type EngineClient } from "../worker/engine-client";
import { installClassroomPack, removeClassroomPack } from "./classroom-packs";
import { ApiError, type Handlers } from "./dispatch";
import type { LevelCatalog } from "./level-catalog";
import type { ProgressKeeper } from "./progress-keeper";

export interface HandlerDeps {
  shell: ShellKind;
  dataDir: string;
  catalog: LevelCatalog;
  progress: ProgressKeeper;
  engine: EngineClient;
}

/** The CPython version whose behaviour the engine mirrors. */
const PYTHON_VERSION = "3.13";

export function createHandlers(deps: HandlerDeps): Handlers {
  const { catalog, progress, engine } = deps;

  function levelOrThrow(packId: string, levelId: string): Level {
    const level = catalog.find(packId, levelId);
    if (!level) throw new ApiError("not-found", `There is no level ${levelId} in pack ${packId}.`);
    return level;
  }

  return {
    "app:info": async (): Promise<AppInfo> => ({
      shell: deps.shell,
      dataDir: deps.dataDir,
      notice: progress.notice,
      pythonVersion: PYTHON_VERSION,
    }),

    "levels:list": async () => ({
      packs: catalog.packs.map((pack) => {
        const states = progress.statesOf(pack.manifest.id);
        const chapters: ChapterSummary[] = pack.chapters.map((chapter) => ({
          chapterId: chapter.id,
          title: chapter.title,
          levels: chapter.levels.map((level) => ({
            packId: pack.manifest.id,
            levelId: level.id,
            title: level.title,
            kind: level.kind,
            solved: states.get(level.id)?.solved ?? false,
            stars: states.get(level.id)?.bestStars ?? 0,
          })),
        }));
        const { id, title, author } = pack.manifest;
        return { packId: id, title, author, installed: catalog.isInstalled(id), chapters };
      }),
      brokenPacks: catalog.brokenInstalled,
      problems: catalog.problems,
    }),

    "level:get": async ({ packId, levelId }): Promise<LevelDetail> => {
      const level = levelOrThrow(packId, levelId);
      return {
        packId,
        levelId,
        title: level.title,
        concept: level.concept,
        intro: level.intro,
        source: level.code,
        hints: level.hints ?? [],
        task: taskOf(level),
        budgetBytes: level.goals.flatMap((g) => (g.type === "peak_traced_bytes_at_most" ? [g.bytes] : []))[0] ?? null,
        solved: progress.statesOf(packId).get(levelId)?.solved ?? false,
      };
    },

    "session:start": async ({ source }) => engineCall(() => engine.start(source)),
    "session:step": async ({ sessionId }) => engineCall(() => engine.step(sessionId)),
    "session:stepBack": async ({ sessionId }) => engineCall(() => engine.stepBack(sessionId)),
    "session:seek": async ({ sessionId, index }) => engineCall(() => engine.seek(sessionId, index)),
    "session:advance": async ({ sessionId, budgetMs, untilLine }) => engineCall(() => engine.advance(sessionId, budgetMs, untilLine)),
    "session:close": async ({ sessionId }) => ({ closed: await engineCall(() => engine.close(sessionId)) }),

    "profiles:list": async () => progress.profiles(),
    "profiles:create": async ({ name }) => progress.createProfile(name),
    "profiles:rename": async ({ profileId, name }) => progress.renameProfile(profileId, name),
    "profiles:delete": async ({ profileId }) => progress.deleteProfile(profileId),
    "profiles:select": async ({ profileId }) => progress.selectProfile(profileId),
    "settings:set": async (patch) => progress.setSettings(patch),
    "progress:export": async () => progress.exportProgress(),
    "progress:import": async ({ json }) => progress.importProgress(json),
    "packs:install": async (request) => installClassroomPack(catalog, engine, request),
    "packs:remove": async ({ packId }) => removeClassroomPack(catalog, packId),

    "attempt:submit": async ({ packId, levelId, code, hintsUsed, answer }) => {
      const level = levelOrThrow(packId, levelId);
      if (level.kind !== answer.kind) {
        throw new ApiError("bad-request", `Level ${levelId} is a ${level.kind} level, not ${answer.kind}.`);
      }
      const result = await engineCall(() => engine.evaluate(level, attemptOf(code, hintsUsed, answer)));
      const notice = progress.record({
        packId,
        levelId,
        outcome: result.won ? "won" : result.run.error ? "error" : "lost",
        stars: result.stars,
        figures: numericFigures(result.figures),
        hintsUsed,
        code,
      });
      return {
        won: result.won,
        stars: result.stars,
        maxStars: result.maxStars,
        messages: result.messages,
        explain: result.won ? (level.explain ?? null) : null,
        recorded: notice === null,
        notice,
      };
    },
  };
}

function taskOf(level: Level): LevelTask {
  switch (level.kind) {
    case "predict":
      return { kind: "predict", prompts: level.prompts };
    case "edit":
      return { kind: "edit", lockedLines: level.locked_lines ?? [] };
    case "cut":
      return {
        kind: "cut",
        insertAfterLine: level.insert_after_line,
        cuts: level.cuts.map((cut) => ({ cutId: cut.id, from: cut.from, label: cut.label, statement: cut.statement })),
      };
    case "pick-line":
      return { kind: "pick-line" };
    case "sandbox":
      return { kind: "sandbox" };
  }
}

type Answer = RequestOf<"attempt:submit">["answer"];

/** The player's answer as the level checker reads an attempt. */
function attemptOf(code: string, hintsUsed: number, answer: Answer): Attempt {
  switch (answer.kind) {
    case "predict":
      return { code, hintsUsed, predictions: answer.lines };
    case "edit":
    case "sandbox":
      return { code, hintsUsed };
    case "cut":
      return { code, hintsUsed, cuts: answer.cuts };
    case "pick-line":
      return { code, hintsUsed, chosenLine: answer.line };
  }
}

function numericFigures(figures: Record<string, number | undefined>): Record<string, number> {
  return Object.fromEntries(Object.entries(figures).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

async function engineCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof EngineError) throw new ApiError(error.kind === "no-session" ? "not-found" : "engine", error.message);
    throw error;
  }
}
