// zod schemas for everything that enters the store from outside: attempts and settings sent by the
// renderer, and export files written by hand, by older tools or by a newer Heapwise. Only zod is
// imported here, so src-main/api may reuse these schemas without pulling in SQLite.
import { z } from "zod";
import type { AttemptInput, ExportedLevel, InstalledPackInput, ProgressExport, Settings } from "./types";

export const PROGRESS_FORMAT = "heapwise-progress";
export const PROGRESS_FORMAT_VERSION = 1;

const MAX_CODE_CHARS = 200_000;
const MAX_ID_CHARS = 200;
export const MAX_PROFILE_NAME_CHARS = 60;

const isoTime = z.iso.datetime({ offset: true });
const id = z.string().min(1).max(MAX_ID_CHARS);
const count = z.number().int().min(0).max(1_000_000_000);
// A figure may be fractional (a ratio) but never NaN or infinite: those cannot round-trip as JSON.
const figures = z.record(z.string().min(1).max(MAX_ID_CHARS), z.number());
const stars = z.number().int().min(0).max(100);

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, "A profile name cannot be empty.")
  .max(MAX_PROFILE_NAME_CHARS, `A profile name can be at most ${MAX_PROFILE_NAME_CHARS} characters.`);

export const attemptInputSchema = z.object({
  packId: id,
  levelId: id,
  outcome: z.enum(["won", "lost", "error"]),
  stars,
  figures,
  hintsUsed: count,
  code: z.string().max(MAX_CODE_CHARS),
}) satisfies z.ZodType<AttemptInput>;

export const settingsSchema = z.object({
  theme: z.enum(["system", "light", "dark"]),
  reducedMotion: z.boolean(),
  fontSize: z.number().int().min(10).max(40),
  sound: z.boolean(),
}) satisfies z.ZodType<Settings>;

export const settingsPatchSchema = settingsSchema.partial().strict();

export const installedPackInputSchema = z.object({
  id,
  version: z.string().min(1).max(MAX_ID_CHARS),
  hash: z.string().min(1).max(MAX_ID_CHARS),
  source: z.string().min(1).max(4096),
}) satisfies z.ZodType<InstalledPackInput>;

const exportedLevelSchema = z
  .object({
    packId: id,
    levelId: id,
    solved: z.boolean(),
    solvedAt: isoTime.nullable(),
    bestStars: stars,
    attempts: count,
    bestFigures: figures,
    hintsUsed: count,
    lastCode: z.string().max(MAX_CODE_CHARS).nullable(),
  })
  .refine((l) => l.solved === (l.solvedAt !== null), {
    message: "solved and solvedAt disagree (a solved level has a solvedAt time, an unsolved one has null)",
  }) satisfies z.ZodType<ExportedLevel>;

/** Just enough to tell a Heapwise export (and its version) from anything else, for clear messages. */
export const exportHeaderSchema = z.object({
  format: z.literal(PROGRESS_FORMAT),
  version: z.number().int(),
});

export const progressExportSchema = z.object({
  format: z.literal(PROGRESS_FORMAT),
  version: z.literal(PROGRESS_FORMAT_VERSION),
  exportedAt: isoTime,
  app: z.string().max(MAX_ID_CHARS),
  profile: z.object({ name: profileNameSchema, createdAt: isoTime }),
  settings: settingsSchema,
  levels: z.array(exportedLevelSchema).max(100_000),
}) satisfies z.ZodType<ProgressExport>;

export type ParsedExport = { ok: true; value: ProgressExport } | { ok: false; reason: string };

/** Checks an unknown value (parsed JSON) against format version 1, with a reason a person can act on. */
export function parseProgressExport(data: unknown): ParsedExport {
  const header = exportHeaderSchema.safeParse(data);
  if (!header.success) {
    return { ok: false, reason: `not a Heapwise progress export (expected "format": "${PROGRESS_FORMAT}")` };
  }
  if (header.data.version > PROGRESS_FORMAT_VERSION) {
    return {
      ok: false,
      reason: `written by a newer Heapwise (format version ${header.data.version}; this version reads up to ${PROGRESS_FORMAT_VERSION})`,
    };
  }
  const full = progressExportSchema.safeParse(data);
  if (!full.success) {
    const first = full.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join(".")}` : "";
    return { ok: false, reason: `invalid export${where}: ${first?.message ?? "does not match format version 1"}` };
  }
  return { ok: true, value: full.data };
}
