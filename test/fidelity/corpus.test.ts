// Runs every CPython 3.13 corpus case through the engine and compares stdout byte for byte.
// known-gaps.txt lists cases that do not pass yet; the test also checks they still fail (a ratchet).
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

function run(dir: string, name: string): string {
  const source = readFileSync(join(dir, `${name}.py`), "utf8");
  return runSource(source, { filename: `${name}.py`, maxSteps: 50_000_000 }).stdout;
}

const gaps = knownGaps();

describe("fidelity corpus", () => {
  for (const [dir, label] of [[corpus, "corpus"], [extra, "extra"]] as const) {
    for (const name of cases(dir)) {
      const expected = readFileSync(join(dir, `${name}.out`), "utf8");
      if (gaps.has(name)) {
        it(`${label}/${name} still fails (known gap: ${gaps.get(name)})`, () => {
          expect(run(dir, name)).not.toBe(expected);
        });
      } else {
        it(`${label}/${name} matches CPython 3.13`, () => {
          expect(run(dir, name)).toBe(expected);
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
