// The API between the renderer and the main process: one entry per channel with its request
// schema (zod), its request type (inferred from that same schema) and its response type.
// Runtime-neutral (no electron, node or DOM), so both shells and the renderer can import it.
// Main validates every request with `requestSchemas[channel]` before any service sees it.

import { z } from "zod";
import type { Channel, MethodName, METHODS } from "./channels";
import type { TimelineFrame } from "./timeline";
import { base64Length, PACK_LIMITS } from "../levels/pack-limits";

export type { HeapSnapshot, ObjectView, FrameView, RefView } from "../engine/facade-types";

const id = z.string().min(1).max(200);

/** Bytes as base64 text (JSON carries no bytes), at most `maxBytes` of them once decoded. */
const base64Of = (maxBytes: number) =>
  z
    .string()
    .max(base64Length(maxBytes))
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: "must be base64" });

/** What the player picked: a file or folder name, never a path (it only prefixes messages). */
const pickedName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^/\\\u0000-\u001F\u007F]+$/, { error: "must be a file or folder name without slashes" })
  .refine((name) => name !== "." && name !== "..", { error: "must be a file or folder name" });

/** A folder's files: each within a pack's per-file limit, all together within its total. */
const folderFiles = z
  .array(z.strictObject({ path: z.string().min(1).max(1_000), base64: base64Of(PACK_LIMITS.maxFileBytes) }))
  .max(PACK_LIMITS.maxFiles)
  // Each file's base64 may round up by up to 4 characters.
  .refine((files) => files.reduce((sum, f) => sum + f.base64.length, 0) <= base64Length(PACK_LIMITS.maxTotalBytes) + 4 * files.length, {
    error: `must hold at most ${PACK_LIMITS.maxTotalBytes} bytes in all`,
  });

/** A pack picked in the renderer and sent as bytes: the renderer cannot hand main a file path. */
const packUpload = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("zip"), name: pickedName, base64: base64Of(PACK_LIMITS.maxZipBytes) }),
  /** Paths relative to the picked folder, with / between folders; hidden files left out. */
  z.strictObject({ kind: z.literal("folder"), name: pickedName, files: folderFiles }),
]);

/**
 * The largest message a transport must carry: a pack upload at its limits, plus room for the file
 * paths and the JSON around them. The browser shell's WebSocket refuses anything larger.
 */
export const MAX_API_MESSAGE_BYTES = base64Length(PACK_LIMITS.maxTotalBytes) + 4 * PACK_LIMITS.maxFiles + 1024 * 1024;
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
  /** Install a classroom pack; without `replace`, a pack with the same id already installed is refused. */
  "packs:install": z.strictObject({ pack: packUpload, replace: z.boolean() }),
  "packs:remove": z.strictObject({ packId: id }),
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

export interface PackSummary {
  packId: string;
  title: string;
  author: string;
  /** True for a classroom pack the player installed (removable); false for the app's own. */
  installed: boolean;
  chapters: ChapterSummary[];
}

export interface LevelList {
  /** In the order the shell shows them: the built-in campaign first, installed packs last. */
  packs: PackSummary[];
  /** Installed classroom packs that no longer load (the player may remove them), with why. */
  brokenPacks: { packId: string; problems: string[] }[];
  /** Built-in pack problems that kept a pack or a level from loading, for the player to read. */
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

/** What installing a pack did: installed it, or refused it and said why. Nothing is half-installed. */
export type PackInstallOutcome =
  | { installed: true; packId: string; title: string; author: string; replaced: boolean }
  | {
      installed: false;
      /** The checker's messages, each `file:line:col: what is wrong`. */
      problems: string[];
      /** Set when the only problem is that a pack with this id is installed: the player may replace it. */
      collision: { packId: string; title: string } | null;
    };

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
  "packs:install": PackInstallOutcome;
  "packs:remove": { removed: true };
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
