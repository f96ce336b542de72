// Python programs exercising the gc and weakref modules beyond the fidelity corpus. Each .out was
// produced by CPython 3.13.0 (PYENV_VERSION=3.13.0 python3 x.py > x.out); the engine must print
// the same bytes.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runSource } from "../../../src-main/engine/index";

const dir = join(dirname(fileURLToPath(import.meta.url)), "programs");
const programs = readdirSync(dir).filter((f) => f.endsWith(".py")).sort();

describe("gc / weakref programs match CPython 3.13", () => {
  it.each(programs)("%s", (file) => {
    const source = readFileSync(join(dir, file), "utf8");
    const expected = readFileSync(join(dir, file.replace(/\.py$/, ".out")), "utf8");
    const result = runSource(source, { filename: file, maxSteps: 10_000_000 });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(expected);
  });
});
