/**
 * The level-pack format, defined once. Everything else (TypeScript types, the JSON Schema in
 * docs/level-pack.schema.json, the located error messages) is derived from these zod schemas.
 *
 * Keys are snake_case because teachers write them by hand in YAML. Error strings are written as the
 * end of a sentence that starts with the key's path ("goals[0].bytes must be a positive whole
 * number"), so errors.ts can print them in plain words.
 */
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Small building blocks with plain-word errors

/**
 * Refused in every text: control characters other than tab and line breaks, and the bidirectional
 * controls that make text display differently from what it is ("Trojan Source").
 */
const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

/** Size limits, so a pack cannot flood the screen or the engine. */
export const TEXT_LIMITS = {
  name: 120,
  line: 300,
  hint: 1000,
  markdown: 4000,
  codeCharacters: 20_000,
  codeLines: 300,
  listItems: 50,
} as const;

const safeString = (error: string, max: number, min = 0) =>
  z
    .string({ error })
    .min(min, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters long` })
    .refine((value) => !UNSAFE_CHARACTERS.test(value), {
      error: "must not contain control characters (such as NUL) or text-direction overrides",
    });

const text = (what = "a piece of text", max: number = TEXT_LIMITS.line) => safeString(`must be ${what}`, max, 1);

const markdown = (what: string) => text(what, TEXT_LIMITS.markdown);

/** Python source: at most 300 lines of 20 000 characters in all. */
const pythonCode = (what: string) =>
  safeString(`must be ${what}`, TEXT_LIMITS.codeCharacters).refine((value) => value.split("\n").length <= TEXT_LIMITS.codeLines + 1, {
    error: `must be at most ${TEXT_LIMITS.codeLines} lines long`,
  });

const list = <T extends z.ZodType>(item: T, error: string) =>
  z.array(item, { error }).max(TEXT_LIMITS.listItems, { error: `may list at most ${TEXT_LIMITS.listItems} entries` });

const positiveWhole = () =>
  z
    .number({ error: "must be a positive whole number" })
    .int({ error: "must be a positive whole number" })
    .positive({ error: "must be a positive whole number" });

const wholeAtLeastZero = () =>
  z
    .number({ error: "must be a whole number (0 or more)" })
    .int({ error: "must be a whole number (0 or more)" })
    .min(0, { error: "must be a whole number (0 or more)" });

const lineNumber = () =>
  z
    .number({ error: "must be a line number (1 for the first line)" })
    .int({ error: "must be a line number (1 for the first line)" })
    .positive({ error: "must be a line number (1 for the first line)" });

const identifier = () =>
  z
    .string({ error: "must be an id made of lowercase letters, digits and dashes" })
    .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be an id made of lowercase letters, digits and dashes" });

/** A Python dotted name such as `gc.collect` or `print`. */
const dottedName = () =>
  z
    .string({ error: "must be a Python name such as gc.collect" })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, {
      error: "must be a Python name such as gc.collect",
    });

const className = () =>
  z
    .string({ error: "must be a Python class name such as Node" })
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "must be a Python class name such as Node" });

// ---------------------------------------------------------------------------------------------
// Goal predicates: a level is won when every one of its goals holds for the player's run.

export const GoalSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({
        type: z.literal("output_equals"),
        text: safeString("must be the exact text the program prints", TEXT_LIMITS.codeCharacters),
      })
      .describe("The program's standard output equals `text` exactly (a final newline is ignored)."),
    z
      .strictObject({
        type: z.literal("output_contains"),
        text: text("the text to look for", TEXT_LIMITS.codeCharacters),
      })
      .describe("The program's standard output contains `text`."),
    z
      .strictObject({ type: z.literal("predictions_match_output") })
      .describe(
        "predict levels: each prediction equals the corresponding printed line of the engine's output, and there are as many printed lines as predictions.",
      ),
    z
      .strictObject({
        type: z.literal("prediction_equals_engine_value"),
        prediction: wholeAtLeastZero().describe("Which prediction, counting from 0."),
        expression: text("a Python expression"),
      })
      .describe(
        "predict levels: prediction number `prediction` equals str(expression), evaluated by the engine after the program has run, in the program's globals.",
      ),
    z
      .strictObject({
        type: z.literal("no_call"),
        name: dottedName(),
      })
      .describe("The code never calls `name` (for example gc.collect)."),
    z
      .strictObject({
        type: z.literal("peak_traced_bytes_at_most"),
        bytes: positiveWhole(),
      })
      .describe(
        "tracemalloc is still tracing when the program ends and its peak (tracemalloc.get_traced_memory()[1]) is at most `bytes`.",
      ),
    z
      .strictObject({
        type: z.literal("objects_freed_by_refcount"),
        class: className(),
      })
      .describe(
        "When the program ends, no instance of `class` is alive, no gc.collect() call appears in the code and no collection ran during the program: reference counting alone freed them.",
      ),
    z
      .strictObject({
        type: z.literal("all_freed_after_collect"),
        class: className(),
      })
      .describe("After the program ends and gc.collect() runs, no instance of `class` is alive."),
    z
      .strictObject({ type: z.literal("chosen_line_is_top_allocator") })
      .describe(
        "pick-line levels: the chosen line is the first entry of tracemalloc's statistics('lineno') for the level's program (filtered to the program's file), taken when the program ends. The program must still be tracing.",
      ),
  ])
  .describe("One goal predicate, tagged by `type`.")
  .meta({ id: "goal" });

// ---------------------------------------------------------------------------------------------
// Stars: winning gives one star; each star rule met adds one.

export const StarRuleSchema = z
  .discriminatedUnion("type", [
    z
      .strictObject({ type: z.literal("statements_at_most"), count: positiveWhole() })
      .describe("The player's code has at most `count` statements (counted like Python's ast: each simple or compound statement)."),
    z
      .strictObject({ type: z.literal("peak_bytes_at_most"), bytes: positiveWhole() })
      .describe("The traced peak (as in peak_traced_bytes_at_most) is at most `bytes`."),
    z
      .strictObject({ type: z.literal("cuts_at_most"), count: positiveWhole() })
      .describe("cut levels: at most `count` arrows cut."),
    z.strictObject({ type: z.literal("no_hints") }).describe("Won without opening a hint."),
  ])
  .describe("One extra star, tagged by `type`.")
  .meta({ id: "star-rule" });

// ---------------------------------------------------------------------------------------------
// Reference solutions

export const SolutionSchema = z
  .strictObject({
    code: pythonCode("Python code").optional(),
    predictions: list(
      safeString("must be the predicted text of one printed line (quote numbers: \"2\")", TEXT_LIMITS.hint),
      "must be a list of predicted lines",
    ).optional(),
    chosen_line: lineNumber().optional(),
    cuts: list(identifier(), "must be a list of arrow ids").optional(),
  })
  .describe("A reference solution: the checker replays it and requires it to win. Never sent to the player.")
  .meta({ id: "solution" });

export const CutOptionSchema = z
  .strictObject({
    id: identifier(),
    from: text("where the arrow starts: a name, then labels, e.g. album or ring[0]")
      .describe("The object the arrow starts at, as a name followed by reference labels: album, ring[0], box.inner, favourites['best']."),
    label: text("the arrow's label as the scene shows it, e.g. .ref or [2]")
      .describe("The arrow's label in the heap scene: [2] for a list or tuple slot, .ref for an attribute, ['key'] for a dict value."),
    statement: text("a Python statement such as obj1.ref = None"),
  })
  .describe("An arrow the player may cut, and the Python statement that cutting it adds to the code.")
  .meta({ id: "cut-option" });

// ---------------------------------------------------------------------------------------------
// Levels: one tagged kind each.

const levelCommon = {
  id: identifier(),
  title: text("the level's title", TEXT_LIMITS.name),
  concept: text("the concept the level teaches", TEXT_LIMITS.name),
  intro: markdown("the level's introduction (Markdown)"),
  code: pythonCode("the starting Python code"),
  goals: list(GoalSchema, "must be a list of goals").min(1, { error: "must list at least one goal" }),
  stars: z.array(StarRuleSchema, { error: "must be a list of star rules" }).max(2, { error: "may list at most 2 star rules" }).optional(),
  hints: list(text("a hint (Markdown)", TEXT_LIMITS.hint), "must be a list of hints").optional(),
  solutions: list(SolutionSchema, "must be a list of reference solutions").min(1, { error: "must list at least one reference solution" }),
  explain: markdown("Markdown shown after winning").optional(),
};

export const LevelSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({
        ...levelCommon,
        kind: z.literal("predict"),
        prompts: list(text("a short question for one prediction box"), "must be a list of questions").min(1, {
          error: "must list at least one question",
        }),
      })
      .describe("The player predicts what the program prints, one box per printed line, then runs it."),
    z
      .strictObject({
        ...levelCommon,
        kind: z.literal("edit"),
        locked_lines: z
          .array(lineNumber(), { error: "must be a list of line numbers" })
          .max(TEXT_LIMITS.codeLines, { error: `may list at most ${TEXT_LIMITS.codeLines} lines` })
          .optional(),
      })
      .describe("The player changes the code. Locked lines must stay, unchanged and in order."),
    z
      .strictObject({
        ...levelCommon,
        kind: z.literal("cut"),
        insert_after_line: wholeAtLeastZero().describe("Cut statements are inserted after this line (0: before the first line)."),
        cuts: list(CutOptionSchema, "must be a list of arrows").min(1, { error: "must list at least one arrow" }),
      })
      .describe("The player cuts arrows (references); each cut adds its statement to the code."),
    z
      .strictObject({ ...levelCommon, kind: z.literal("pick-line") })
      .describe("The player points at one line of the code."),
    z
      .strictObject({ ...levelCommon, kind: z.literal("sandbox") })
      .describe("Free play with a goal; no locked lines."),
  ])
  .describe("One level file.");

// ---------------------------------------------------------------------------------------------
// The pack file

export const ChapterSchema = z.strictObject({
  id: identifier(),
  title: text("the chapter's title", TEXT_LIMITS.name),
  levels: z
    .array(text("a level file path relative to pack.yaml"), { error: "must be a list of level files" })
    .min(1, { error: "must list at least one level file" })
    .max(200, { error: "may list at most 200 level files" }),
});

export const PackSchema = z
  .strictObject({
    id: identifier(),
    title: text("the pack's title", TEXT_LIMITS.name),
    version: z
      .string({ error: "must be a version such as \"1.0.0\" (in quotes)" })
      .regex(/^\d+\.\d+(\.\d+)?$/, { error: "must be a version such as \"1.0.0\" (in quotes)" }),
    author: text("the author's name", TEXT_LIMITS.name),
    license: text("a license name such as CC-BY-4.0", TEXT_LIMITS.name),
    language: z
      .string({ error: "must be a language code such as en" })
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, { error: "must be a language code such as en" }),
    description: markdown("a short description"),
    python: z.literal("3.13", { error: "must be \"3.13\" (in quotes): the only Python version Heapwise models" }),
    chapters: list(ChapterSchema, "must be a list of chapters").min(1, { error: "must list at least one chapter" }),
  })
  .describe("pack.yaml: the pack's identity and the order of its chapters and levels.");

export type Goal = z.infer<typeof GoalSchema>;
export type StarRule = z.infer<typeof StarRuleSchema>;
export type Solution = z.infer<typeof SolutionSchema>;
export type CutOption = z.infer<typeof CutOptionSchema>;
export type Level = z.infer<typeof LevelSchema>;
export type LevelKind = Level["kind"];
export type Chapter = z.infer<typeof ChapterSchema>;
export type PackManifest = z.infer<typeof PackSchema>;

/** Every key the format knows, for "did you mean" suggestions on misspelt keys. */
export const KNOWN_KEYS: readonly string[] = (() => {
  const keys = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (schema: unknown) => {
    if (schema === null || typeof schema !== "object" || seen.has(schema)) return;
    seen.add(schema);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (def === undefined) return;
    if (def.shape && typeof def.shape === "object") {
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) {
        keys.add(key);
        visit(value);
      }
    }
    for (const field of ["options", "element", "innerType", "in", "out"] as const) {
      const inner = def[field];
      if (Array.isArray(inner)) inner.forEach(visit);
      else visit(inner);
    }
  };
  visit(PackSchema);
  visit(LevelSchema);
  return [...keys].sort();
})();
