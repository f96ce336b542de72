import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSyntaxError, parseModule, PySyntaxError } from "../../../src-main/engine/parse";

interface SyntaxCase {
  source: string;
  /** What CPython 3.13 printed to stderr running the snippet as /play/main.py (golden/make_golden.py). */
  stderr: string;
}

const cases: SyntaxCase[] = JSON.parse(readFileSync(join(__dirname, "golden", "syntax-golden.json"), "utf8"));

function stderrOf(source: string): string {
  try {
    parseModule(source, "/play/main.py");
    return "";
  } catch (e) {
    if (e instanceof PySyntaxError) return formatSyntaxError(e);
    throw e;
  }
}

describe("syntax errors read exactly as CPython prints them", () => {
  it.each(cases.map((c) => [JSON.stringify(c.source).slice(0, 60), c] as const))("%s", (_title, c) => {
    expect(stderrOf(c.source)).toBe(c.stderr);
  });
});
