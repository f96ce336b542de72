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

const text = (what = "a piece of text") =>
  z.string({ error: `must be ${what}` }).min(1, { error: `must not be empty` });

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
        text: z.string({ error: "must be the exact text the program prints" }),
      })
      .describe("The program's standard output equals `text` exactly (a final newline is ignored)."),
    z
      .strictObject({
        type: z.literal("output_contains"),
        text: text("the text to look for"),
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
    code: z.string({ error: "must be Python code" }).optional(),
    predictions: z.array(z.string({ error: "must be the predicted text of one printed line (quote numbers: \"2\")" })).optional(),
    chosen_line: lineNumber().optional(),
    cuts: z.array(identifier()).optional(),
  })
  .describe("A reference solution: the checker replays it and requires it to win. Never sent to the player.")
  .meta({ id: "solution" });

export const CutOptionSchema = z
  .strictObject({
    id: identifier(),
    from: z
      .string({ error: "must say where the arrow starts: a name, then labels, e.g. album or ring[0]" })
      .min(1, { error: "must say where the arrow starts: a name, then labels, e.g. album or ring[0]" })
      .describe("The object the arrow starts at, as a name followed by reference labels: album, ring[0], box.inner, favourites['best']."),
    label: z
      .string({ error: "must be the arrow's label as the scene shows it, e.g. .ref or [2]" })
      .min(1, { error: "must be the arrow's label as the scene shows it, e.g. .ref or [2]" })
      .describe("The arrow's label in the heap scene: [2] for a list or tuple slot, .ref for an attribute, ['key'] for a dict value."),
    statement: text("a Python statement such as obj1.ref = None"),
  })
  .describe("An arrow the player may cut, and the Python statement that cutting it adds to the code.")
  .meta({ id: "cut-option" });

// ---------------------------------------------------------------------------------------------
// Levels: one tagged kind each.

const levelCommon = {
  id: identifier(),
  title: text("the level's title"),
  concept: text("the concept the level teaches"),
  intro: text("the level's introduction (Markdown)"),
  code: z.string({ error: "must be the starting Python code" }),
  goals: z.array(GoalSchema, { error: "must be a list of goals" }).min(1, { error: "must list at least one goal" }),
  stars: z.array(StarRuleSchema, { error: "must be a list of star rules" }).max(2, { error: "may list at most 2 star rules" }).optional(),
  hints: z.array(text("a hint (Markdown)"), { error: "must be a list of hints" }).optional(),
  solutions: z
    .array(SolutionSchema, { error: "must be a list of reference solutions" })
    .min(1, { error: "must list at least one reference solution" }),
  explain: z.string({ error: "must be Markdown shown after winning" }).optional(),
};

export const LevelSchema = z
  .discriminatedUnion("kind", [
    z
      .strictObject({
        ...levelCommon,
        kind: z.literal("predict"),
        prompts: z
          .array(text("a short question for one prediction box"), { error: "must be a list of questions" })
          .min(1, { error: "must list at least one question" }),
      })
      .describe("The player predicts what the program prints, one box per printed line, then runs it."),
    z
      .strictObject({
        ...levelCommon,
        kind: z.literal("edit"),
        locked_lines: z.array(lineNumber(), { error: "must be a list of line numbers" }).optional(),
      })
      .describe("The player changes the code. Locked lines must stay, unchanged and in order."),
    z
      .strictObject({
        ...levelCommon,
        kind: z.literal("cut"),
        insert_after_line: wholeAtLeastZero().describe("Cut statements are inserted after this line (0: before the first line)."),
        cuts: z.array(CutOptionSchema, { error: "must be a list of arrows" }).min(1, { error: "must list at least one arrow" }),
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
  title: text("the chapter's title"),
  levels: z
    .array(z.string({ error: "must be a level file path relative to pack.yaml" }).min(1), {
      error: "must be a list of level files",
    })
    .min(1, { error: "must list at least one level file" }),
});

export const PackSchema = z
  .strictObject({
    id: identifier(),
    title: text("the pack's title"),
    version: z
      .string({ error: "must be a version such as \"1.0.0\" (in quotes)" })
      .regex(/^\d+\.\d+(\.\d+)?$/, { error: "must be a version such as \"1.0.0\" (in quotes)" }),
    author: text("the author's name"),
    license: text("a license name such as CC-BY-4.0"),
    language: z
      .string({ error: "must be a language code such as en" })
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, { error: "must be a language code such as en" }),
    description: text("a short description"),
    python: z.literal("3.13", { error: "must be \"3.13\" (in quotes): the only Python version Heapwise models" }),
    chapters: z
      .array(ChapterSchema, { error: "must be a list of chapters" })
      .min(1, { error: "must list at least one chapter" }),
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
