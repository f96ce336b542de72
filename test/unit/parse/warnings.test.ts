import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSyntaxWarning, parseModule, type SyntaxWarningInfo } from "../../../src-main/engine/parse";

// stderr of CPython 3.13 running each snippet (golden/make_golden.py); the snippets run cleanly,
// so stderr holds only the compile-time SyntaxWarnings.
const cases: { source: string; stderr: string }[] = JSON.parse(
  readFileSync(join(__dirname, "golden", "warning-golden.json"), "utf8"),
);

describe("compile-time SyntaxWarnings read as CPython prints them", () => {
  it.each(cases.map((c) => [c.source.split("\n")[0], c] as const))("%s", (_title, c) => {
    const warnings: SyntaxWarningInfo[] = [];
    parseModule(c.source, "/play/main.py", { warnings });
    expect(warnings.map(formatSyntaxWarning).join("")).toBe(c.stderr);
  });
});
