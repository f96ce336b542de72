// Programs aimed at the engine's fast paths (exact-args calls with pooled frames, int operators,
// instance attributes, generators, collections during allocation), run through the engine and
// compared byte for byte with CPython 3.13's output (NAME.out, and NAME.err for tracebacks, both
// produced by `PYENV_VERSION=3.13.0 python3 NAME.py`). A fast path that changes output fails here.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runSource } from "../../../src-main/engine/index";

const dir = join(__dirname, "cases");

describe("engine fast paths agree with CPython 3.13", () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".py")).sort()) {
    const name = file.slice(0, -3);
    it(name, () => {
      const source = readFileSync(join(dir, file), "utf8");
      const result = runSource(source, { filename: file, maxSteps: 100_000_000 });
      expect(result.stdout).toBe(readFileSync(join(dir, `${name}.out`), "utf8"));
      const errFile = join(dir, `${name}.err`);
      const stderr = existsSync(errFile) ? readFileSync(errFile, "utf8").replace(/File "[^"]*\/([^"/]+\.py)"/g, 'File "$1"') : "";
      expect(result.stderr).toBe(stderr);
    });
  }
});
