// Runs every CPython 3.13 corpus case through the engine and compares stdout byte for byte.
// known-gaps.txt lists cases that do not pass yet; the test also checks they still fail (a ratchet).
// Cases in extra/ may also have NAME.err (CPython's stderr: tracebacks); stderr is then compared
// too, after reducing the absolute script path CPython prints (tracebacks, warnings) to the base name.
import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runSource } from "../../src-main/engine/index";

const here = join(__dirname);
const corpus = join(here, "corpus");
const extra = join(here, "extra");
const shared = join(here, "../../../shared/fidelity/public");

function knownGaps(): Map<string, string> {
  const gaps = new Map<string, string>();
  for (const line of readFileSync(join(here, "known-gaps.txt"), "utf8").split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    const [name, ...reason] = t.split(/\s+/);
    gaps.set(name, reason.join(" "));
  }
  return gaps;
}

function cases(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".py")).map((f) => f.slice(0, -3)).sort();
}

interface Streams {
  stdout: string;
  stderr?: string;
}

function run(dir: string, name: string, withStderr: boolean): Streams {
  const source = readFileSync(join(dir, `${name}.py`), "utf8");
  const result = runSource(source, { filename: `${name}.py`, maxSteps: 50_000_000 });
  return withStderr ? { stdout: result.stdout, stderr: result.stderr } : { stdout: result.stdout };
}

function expected(dir: string, name: string): Streams {
  const stdout = readFileSync(join(dir, `${name}.out`), "utf8");
  const errFile = join(dir, `${name}.err`);
  if (!existsSync(errFile)) return { stdout };
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const stderr = readFileSync(errFile, "utf8").replace(new RegExp(`[^\\s"]*/${escaped}\\.py\\b`, "g"), `${name}.py`);
  return { stdout, stderr };
}

const gaps = knownGaps();

describe("fidelity corpus", () => {
  for (const [dir, label] of [[corpus, "corpus"], [extra, "extra"]] as const) {
    for (const name of cases(dir)) {
      const want = expected(dir, name);
      const withStderr = want.stderr !== undefined;
      if (gaps.has(name)) {
        it(`${label}/${name} still fails (known gap: ${gaps.get(name)})`, () => {
          expect(run(dir, name, withStderr)).not.toEqual(want);
        });
      } else {
        it(`${label}/${name} matches CPython 3.13`, () => {
          expect(run(dir, name, withStderr)).toEqual(want);
        });
      }
    }
  }

  it("every known gap names an existing case", () => {
    const all = new Set([...cases(corpus), ...cases(extra)]);
    for (const name of gaps.keys()) expect(all.has(name), name).toBe(true);
  });

  it.runIf(existsSync(shared))("the corpus copy is in sync with shared/fidelity/public", () => {
    const files = readdirSync(shared).sort();
    expect(readdirSync(corpus).sort()).toEqual(files);
    for (const f of files) expect(readFileSync(join(corpus, f), "utf8"), f).toBe(readFileSync(join(shared, f), "utf8"));
  });
});
