import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseModule } from "../../../src-main/engine/parse";
import { toGoldenJson } from "./normalize";

const CORPUS = "/work/shared/fidelity/public";

// CPython's ast.parse of each corpus program (golden/make_golden.py).
const golden: { file: string; ast: unknown }[] = JSON.parse(
  readFileSync(join(__dirname, "golden", "fidelity-ast-golden.json"), "utf8"),
);

describe.skipIf(!existsSync(CORPUS))("every fidelity corpus program parses to CPython's AST", () => {
  it.each(golden.map((g) => [g.file, g] as const))("%s", (file, g) => {
    const source = readFileSync(join(CORPUS, file), "utf8");
    expect(toGoldenJson(parseModule(source, file))).toEqual(g.ast);
  });
});
