import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src-main/engine/parse";
import { toGoldenJson } from "./normalize";

interface AstCase {
  source: string;
  ast: unknown;
}

// Produced by CPython 3.13 (golden/make_golden.py), never by this parser.
const cases: AstCase[] = JSON.parse(readFileSync(join(__dirname, "golden", "ast-golden.json"), "utf8"));

describe("parseModule matches CPython's ast.parse", () => {
  it.each(cases.map((c) => [c.source.trim().split("\n")[0], c] as const))("%s", (_title, c) => {
    expect(toGoldenJson(parseModule(c.source, "main.py", { scopeChecks: false }))).toEqual(c.ast);
  });
});
