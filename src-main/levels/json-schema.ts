/**
 * The JSON Schema of the pack format, generated from the zod schemas (never written by hand).
 * Committed as docs/level-pack.schema.json for editors; a test keeps it up to date.
 */
import { z } from "zod";
import { LevelSchema, PackSchema } from "./schema";

export const JSON_SCHEMA_PATH = "docs/level-pack.schema.json";

export function levelPackJsonSchema(): Record<string, unknown> {
  // Shared parts (goal, star-rule, ...) are hoisted to the root $defs, where their $refs point.
  const shared: Record<string, unknown> = {};
  const strip = (schema: Record<string, unknown>) => {
    const { $schema: _ignored, $defs, ...rest } = schema;
    Object.assign(shared, $defs ?? {});
    return rest;
  };
  const pack = strip(z.toJSONSchema(PackSchema, { target: "draft-2020-12" }) as Record<string, unknown>);
  const level = strip(z.toJSONSchema(LevelSchema, { target: "draft-2020-12" }) as Record<string, unknown>);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://heapwise.invalid/level-pack.schema.json",
    title: "Heapwise level pack",
    description:
      "Generated from src-main/levels/schema.ts (npm run -s levels:check -- --write-schema). A pack is a folder holding pack.yaml (#/$defs/pack) and one YAML file per level (#/$defs/level).",
    $defs: { pack, level, ...shared },
    anyOf: [{ $ref: "#/$defs/pack" }, { $ref: "#/$defs/level" }],
  };
}

export function levelPackJsonSchemaText(): string {
  return `${JSON.stringify(levelPackJsonSchema(), null, 2)}\n`;
}
