import { readdirSync, readFileSync } from "node:fs";
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
const replayCases = new Set(["solution-loses", "start-wins"]);
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
