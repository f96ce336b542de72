import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { JSON_SCHEMA_PATH, levelPackJsonSchema, levelPackJsonSchemaText } from "../../src-main/levels/json-schema";

describe("docs/level-pack.schema.json", () => {
  it("is the schema generated from the zod definitions (run: npm run -s levels:check -- --write-schema)", () => {
    expect(readFileSync(JSON_SCHEMA_PATH, "utf8")).toBe(levelPackJsonSchemaText());
  });

  it("resolves every $ref it contains", () => {
    const schema = levelPackJsonSchema() as { $defs: Record<string, unknown> };
    const refs = [...JSON.stringify(schema).matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(schema.$defs, ref).toHaveProperty(ref);
  });
});
