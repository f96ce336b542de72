/**
 * npm run -s levels:check [--oracle] [--gaps FILE] [PACK_DIR_OR_ZIP ...]
 * npm run -s levels:check -- --write-schema     (regenerates docs/level-pack.schema.json)
 *
 * Validates each pack (default: every pack under levels/), replays every reference solution on the
 * engine and requires it to win, and requires every starting state not to win. Levels listed in
 * test/levels/known-engine-gaps.txt may fail (reported as known gaps); one that passes must be
 * removed from that list. --oracle replays on CPython 3.13 instead of our engine, which checks the
 * levels' facts themselves (gaps do not apply then). Exits 1 on any error.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { KnownGap } from "../levels/check";
import { JSON_SCHEMA_PATH, levelPackJsonSchemaText } from "../levels/json-schema";

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  if (takeFlag(args, "--write-schema")) {
    writeFileSync(JSON_SCHEMA_PATH, levelPackJsonSchemaText());
    console.log(`levels:check: wrote ${JSON_SCHEMA_PATH}`);
    return 0;
  }
  // Loaded only when checking, so writing the schema never depends on the engine.
  const { checkPack, parseKnownGaps, verdictFor } = await import("../levels/check");
  const { formatLocatedError } = await import("../levels/errors");
  const { builtinPackDirs } = await import("../levels/load");
  const { useEngine } = await import("../levels/engine-port");
  const { oracleEngine } = await import("../levels/oracle-engine");
  const oracle = takeFlag(args, "--oracle");
  const gapsFile = takeOption(args, "--gaps") ?? "test/levels/known-engine-gaps.txt";
  if (oracle) useEngine(oracleEngine);
  const packs = args.length > 0 ? args : builtinPackDirs("levels");
  if (packs.length === 0) {
    console.error("levels:check: no packs found under levels/");
    return 1;
  }
  const gaps: KnownGap[] = !oracle && existsSync(gapsFile) ? parseKnownGaps(readFileSync(gapsFile, "utf8")) : [];
  const engineName = oracle ? "CPython 3.13 (oracle)" : "the Heapwise engine";
  console.log(`levels:check: replaying on ${engineName}`);

  let errors = 0;
  let passed = 0;
  let knownGaps = 0;
  for (const origin of packs) {
    const report = checkPack(origin);
    for (const error of report.loadErrors) console.log(formatLocatedError(error));
    errors += report.loadErrors.length;
    for (const level of report.levels) {
      const verdict = verdictFor(level, gaps);
      switch (verdict.kind) {
        case "pass":
          passed++;
          break;
        case "fail":
          errors += level.problems.length;
          for (const problem of level.problems) console.log(formatLocatedError(problem));
          break;
        case "known-gap":
          knownGaps++;
          console.log(`${level.file}: known engine gap (${verdict.reason}): ${level.problems.length} problem(s), first: ${level.problems[0]!.message}`);
          break;
        case "gap-closed":
          errors++;
          console.log(`${gapsFile}: ${level.packId}/${level.levelId} now passes on the engine: remove it from the known gaps`);
          break;
      }
    }
    if (report.pack) {
      console.log(`${origin}: pack "${report.pack.manifest.id}", ${report.levels.length} levels in ${report.pack.chapters.length} chapters`);
    }
  }
  console.log(`levels:check: ${passed} passed, ${errors} error(s), ${knownGaps} known engine gap(s)`);
  return errors > 0 ? 1 : 0;
}

function takeFlag(args: string[], flag: string): boolean {
  const i = args.indexOf(flag);
  if (i < 0) return false;
  args.splice(i, 1);
  return true;
}

function takeOption(args: string[], option: string): string | undefined {
  const i = args.indexOf(option);
  if (i < 0 || i + 1 >= args.length) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
}

process.exitCode = await main(process.argv.slice(2));
