import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPack } from "../../src-main/levels/check";
import { useEngine } from "../../src-main/levels/engine-port";
import { formatLocatedError } from "../../src-main/levels/errors";
import { oracleEngine } from "../../src-main/levels/oracle-engine";
import { oracleAvailable } from "./helpers";

// The examples in docs/AUTHORING.md must be a pack that loads and whose solution wins.
const guide = readFileSync("docs/AUTHORING.md", "utf8");
const yamlBlocks = [...guide.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("docs/AUTHORING.md", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "heapwise-guide-"));
    const [pack, level] = yamlBlocks;
    writeFileSync(join(dir, "pack.yaml"), pack!.replace(/levels:\n(\s+- .*\n)+/, "levels:\n      - example.yaml\n"));
    writeFileSync(join(dir, "example.yaml"), level!);
    useEngine(oracleEngine);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    useEngine(null);
  });

  it("has a pack.yaml example and a complete level example", () => {
    expect(yamlBlocks.length).toBe(2);
  });

  it.skipIf(!oracleAvailable())("its example pack loads and its solution wins on CPython 3.13", () => {
    const report = checkPack(dir);
    expect(report.loadErrors.map(formatLocatedError)).toEqual([]);
    expect(report.levels.map((l) => l.levelId)).toEqual(["empty-the-cache"]);
    expect(report.levels[0]!.problems.map(formatLocatedError)).toEqual([]);
  });
});
