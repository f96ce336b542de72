// The API's handlers: each channel's request (already validated by dispatch) turned into calls on
// the level catalog, the progress store and the engine worker.

import type { AppInfo, ChapterSummary, LevelDetail, LevelTask, ShellKind } from "../api/index";
import type { Level } from "../levels/index";
import { EngineError, type EngineClient } from "../worker/engine-client";
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
          })),
        }));
        return { packId: pack.manifest.id, title: pack.manifest.title, chapters };
      }),
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
        solved: progress.statesOf(packId).get(levelId)?.solved ?? false,
      };
    },

    "session:start": async ({ source }) => engineCall(() => engine.start(source)),
    "session:step": async ({ sessionId }) => engineCall(() => engine.step(sessionId)),
    "session:runToEnd": async ({ sessionId }) => engineCall(() => engine.runToEnd(sessionId)),
    "session:close": async ({ sessionId }) => ({ closed: await engineCall(() => engine.close(sessionId)) }),

    "attempt:submit": async ({ packId, levelId, code, hintsUsed, answer }) => {
      const level = levelOrThrow(packId, levelId);
      if (level.kind !== answer.kind) {
        throw new ApiError("bad-request", `Level ${levelId} is a ${level.kind} level, not ${answer.kind}.`);
      }
      const result = await engineCall(() => engine.evaluate(level, { code, predictions: answer.lines, hintsUsed }));
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
    case "cut":
    case "pick-line":
    case "sandbox":
      return { kind: "unsupported", levelKind: level.kind };
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
