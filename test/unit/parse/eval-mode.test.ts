import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatSyntaxError, parseExpression, PySyntaxError } from "../../../src-main/engine/parse";

// CPython 3.13 compiling each source in eval mode as "<string>" (golden/make_golden.py).
const cases: { source: string; stderr: string }[] = JSON.parse(
  readFileSync(join(__dirname, "golden", "eval-golden.json"), "utf8"),
);

describe("parseExpression (eval mode) fails exactly as CPython's eval", () => {
  it.each(cases.map((c) => [JSON.stringify(c.source), c] as const))("%s", (_title, c) => {
    let stderr = "";
    try {
      parseExpression(c.source, "<string>", { compileErrorsHaveText: false });
    } catch (e) {
      if (!(e instanceof PySyntaxError)) throw e;
      stderr = formatSyntaxError(e);
    }
    expect(stderr).toBe(c.stderr);
  });

  it("returns the expression", () => {
    const e = parseExpression("a + 1", "<string>");
    expect(e.kind).toBe("Expression");
    expect(e.body.kind).toBe("BinOp");
  });
});
