import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPack } from "../../src-main/levels/check";
import { useEngine } from "../../src-main/levels/engine-port";
import { formatLocatedError } from "../../src-main/levels/errors";
import { loadPack } from "../../src-main/levels/load";
import { oracleEngine } from "../../src-main/levels/oracle-engine";
import { oracleAvailable } from "./helpers";

// Each folder under broken/ holds one kind of mistake and expected.txt, the exact located messages.
const root = "test/levels/broken";
const cases = readdirSync(root).sort();
/** Mistakes only visible when solutions are replayed: checked on CPython so the messages are stable. */
const replayCases = new Set(["solution-loses", "start-wins", "code-raises"]);
const haveOracle = oracleAvailable();

describe("broken packs are rejected with located messages", () => {
  beforeAll(() => useEngine(oracleEngine));
  afterAll(() => useEngine(null));

  it("there is one case per kind of mistake", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  for (const name of cases) {
    const dir = `${root}/${name}`;
    const expected = readFileSync(`${dir}/expected.txt`, "utf8").trimEnd().split("\n");
    if (replayCases.has(name)) {
      it.skipIf(!haveOracle)(`${name}: loads, but the checker reports it`, () => {
        expect(loadPack(dir).ok).toBe(true);
        const report = checkPack(dir);
        expect(report.levels.flatMap((l) => l.problems).map(formatLocatedError)).toEqual(expected);
      });
    } else {
      it(`${name}: refused by loadPack`, () => {
        const result = loadPack(dir);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.map(formatLocatedError)).toEqual(expected);
      });
    }
  }
});

describe("broken packs inside a .zip", () => {
  it("are located as zip-path/inner-path:line:col", () => {
    const dir = mkdtempSync(join(tmpdir(), "heapwise-broken-zip-"));
    try {
      const source = `${root}/bad-number`;
      const files = Object.fromEntries(
        ["pack.yaml", "level.yaml"].map((name) => [`bad-number/${name}`, new Uint8Array(readFileSync(`${source}/${name}`))]),
      );
      const zipPath = join(dir, "bad.zip");
      writeFileSync(zipPath, zipSync(files));
      const result = loadPack(zipPath);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors.map(formatLocatedError)).toEqual([
          `${zipPath}/level.yaml:12:12: goals[0].bytes must be a positive whole number, got "10kb"`,
        ]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
