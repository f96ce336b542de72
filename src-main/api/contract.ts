// The API between the renderer and the main process: one entry per channel with its request
// schema (zod), its request type (inferred from that same schema) and its response type.
// Runtime-neutral (no electron, node or DOM), so both shells and the renderer can import it.
// Main validates every request with `requestSchemas[channel]` before any service sees it.

import { z } from "zod";
import type { Channel, MethodName, METHODS } from "./channels";
import type { TimelineFrame } from "./timeline";

export type { HeapSnapshot, ObjectView, FrameView, RefView } from "../engine/facade-types";

const id = z.string().min(1).max(200);
/** A level id inside its pack, e.g. "01-refcount-basics". */
const levelRef = z.strictObject({ packId: id, levelId: id });

export const requestSchemas = {
  "app:info": z.strictObject({}),
  "levels:list": z.strictObject({}),
  "level:get": levelRef,
  "session:start": z.strictObject({ source: z.string().max(100_000) }),
  "session:step": z.strictObject({ sessionId: id }),
  "session:stepBack": z.strictObject({ sessionId: id }),
  "session:seek": z.strictObject({ sessionId: id, index: z.int().min(0).max(100_000_000) }),
  /** Runs on for about budgetMs (the renderer calls again to go on, or stops to cancel). */
  "session:advance": z.strictObject({
    sessionId: id,
    budgetMs: z.int().min(1).max(5_000),
    /** Stop once the module's next line is past this one (cut levels run to their cut point). */
    untilLine: z.int().min(0).max(100_000).optional(),
  }),
  "session:close": z.strictObject({ sessionId: id }),
  "attempt:submit": z.strictObject({
    packId: id,
    levelId: id,
    /** The code in the editor when the player submitted. */
    code: z.string().max(100_000),
    /** How many hints the player opened on this level. */
    hintsUsed: z.int().min(0).max(100),
    answer: z.discriminatedUnion("kind", [
      z.strictObject({
        kind: z.literal("predict"),
        /** One entry per predicted output line, in order. */
        lines: z.array(z.string().max(1_000)).max(200),
      }),
      /** edit and sandbox: the answer is the code itself. */
      z.strictObject({ kind: z.literal("edit") }),
      z.strictObject({ kind: z.literal("sandbox") }),
      z.strictObject({
        kind: z.literal("cut"),
        /** Ids of the arrows cut, in the order they were cut. */
        cuts: z.array(id).max(100),
      }),
      z.strictObject({ kind: z.literal("pick-line"), line: z.int().min(1).max(100_000) }),
    ]),
  }),
  "profiles:list": z.strictObject({}),
  "profiles:create": z.strictObject({ name: z.string().min(1).max(60) }),
  "profiles:rename": z.strictObject({ profileId: z.int().min(1), name: z.string().min(1).max(60) }),
  "profiles:delete": z.strictObject({ profileId: z.int().min(1) }),
  "profiles:select": z.strictObject({ profileId: z.int().min(1) }),
  "settings:set": z.strictObject({
    theme: z.enum(["system", "light", "dark"]).optional(),
    reducedMotion: z.boolean().optional(),
    fontSize: z.int().min(10).max(40).optional(),
  }),
  "progress:export": z.strictObject({}),
  /** The text of an exported progress file (docs/PROGRESS-FORMAT.md). */
  "progress:import": z.strictObject({ json: z.string().max(5_000_000) }),
} as const satisfies Record<Channel, z.ZodType>;

export type RequestOf<C extends Channel> = z.infer<(typeof requestSchemas)[C]>;

export type ShellKind = "electron" | "browser";

export interface AppInfo {
  shell: ShellKind;
  /** The folder progress is stored in. */
  dataDir: string;
  /** Something the player should know, e.g. that progress could not be opened; null when all is well. */
  notice: string | null;
  /** The Python version the engine mirrors, shown in the title bar. */
  pythonVersion: string;
}

export interface LevelSummary {
  packId: string;
  levelId: string;
  title: string;
  kind: string;
  solved: boolean;
  /** The most stars won on this level so far (0 when unsolved). */
  stars: number;
}

export interface ChapterSummary {
  chapterId: string;
  title: string;
  levels: LevelSummary[];
}

export interface LevelList {
  /** In the order the shell shows them: the built-in campaign first. */
  packs: { packId: string; title: string; chapters: ChapterSummary[] }[];
  /** Pack problems that kept a pack or a level from loading, for the player to read. */
  problems: string[];
}

/** An arrow a cut level lets the player cut, named the way the scene can find it. */
export interface CutChoice {
  cutId: string;
  /** The object the arrow starts at: a name, then reference labels (album, ring[0], box.inner). */
  from: string;
  /** The arrow's label as the scene shows it: [1], .ref, ['best']. */
  label: string;
  /** The statement cutting it adds to the code. */
  statement: string;
}

export type LevelTask =
  | {
      kind: "predict";
      /** One short question per prediction box; the player predicts one printed line per box. */
      prompts: string[];
    }
  | {
      kind: "edit";
      /** 1-based lines of the starting code that must stay, unchanged and in order. */
      lockedLines: number[];
    }
  | {
      kind: "cut";
      /** Cut statements are inserted after this line of the starting code (0: before line 1). */
      insertAfterLine: number;
      cuts: CutChoice[];
    }
  | { kind: "pick-line" }
  | { kind: "sandbox" };

export type LevelKind = LevelTask["kind"];

export interface LevelDetail {
  packId: string;
  levelId: string;
  title: string;
  /** What the level teaches, e.g. "reference counting". */
  concept: string;
  /** The opening text (Markdown source), shown before play. */
  intro: string;
  /** The code the level starts with. */
  source: string;
  hints: string[];
  task: LevelTask;
  /** The traced-memory budget a goal sets (peak bytes), for the memory meter; null when none. */
  budgetBytes: number | null;
  solved: boolean;
}

export interface SessionStarted {
  sessionId: string;
  frame: TimelineFrame;
}

export interface AttemptResult {
  won: boolean;
  /** 0 when not won; otherwise 1 + the star rules met. */
  stars: number;
  maxStars: number;
  /** Plain sentences for the player: what failed, or what was achieved. */
  messages: string[];
  /** The level's explanation (Markdown source), shown after a win. */
  explain: string | null;
  /** Whether the attempt was written to the progress store. */
  recorded: boolean;
  /** Set when recording failed: the store's message for the player. */
  notice: string | null;
}

export interface ResponseMap {
  "app:info": AppInfo;
  "levels:list": LevelList;
  "level:get": LevelDetail;
  "session:start": SessionStarted;
  "session:step": TimelineFrame;
  "session:stepBack": TimelineFrame;
  "session:seek": TimelineFrame;
  "session:advance": TimelineFrame;
  "session:close": { closed: boolean };
  "attempt:submit": AttemptResult;
  "profiles:list": Profiles;
  "profiles:create": Profiles;
  "profiles:rename": Profiles;
  "profiles:delete": Profiles;
  "profiles:select": Profiles;
  "settings:set": Profiles;
  "progress:export": ProgressFile;
  "progress:import": Profiles;
}

export interface ProfileSummary {
  id: number;
  name: string;
  createdAt: string;
}

/** The display settings kept per profile. */
export interface ProfileSettings {
  theme: "system" | "light" | "dark";
  reducedMotion: boolean;
  fontSize: number;
}

export interface Profiles {
  profiles: ProfileSummary[];
  /** The profile progress is recorded for; null when progress cannot be saved. */
  currentId: number | null;
  settings: ProfileSettings | null;
}

export interface ProgressFile {
  /** A suggested file name. */
  fileName: string;
  json: string;
}

export type ResponseOf<C extends Channel> = ResponseMap[C];

/** What every transport returns: the response, or an error written for the player. */
export type Envelope<C extends Channel> =
  | { ok: true; value: ResponseOf<C> }
  | { ok: false; error: { code: ApiErrorCode; message: string } };

export type ApiErrorCode = "bad-request" | "not-found" | "engine" | "internal";

/** The API as the renderer calls it: one named method per channel. */
export type HeapwiseApi = {
  [M in MethodName]: (request: RequestOf<(typeof METHODS)[M]>) => Promise<ResponseOf<(typeof METHODS)[M]>>;
};

/** The preload's bridge (window.heapwise): the same named methods, returning the envelope. */
export type HeapwiseBridge = {
  [M in MethodName]: (request: RequestOf<(typeof METHODS)[M]>) => Promise<Envelope<(typeof METHODS)[M]>>;
};
