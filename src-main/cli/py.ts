// `npm run py -- [OPTIONS] FILE.py`: runs a file like `python3.13 FILE.py` (stdout, traceback on
// stderr, exit status 1 on errors and limits). With no options there are no limits, as with
// python3 itself; each option turns one of the engine's limits on, and a limit reached names itself.
import { readFileSync } from "node:fs";
import { runSource } from "../engine/index";
import type { RunLimits } from "../engine/facade-types";

const USAGE =
  "usage: py [--max-steps N] [--max-memory BYTES] [--max-output BYTES] [--recursion-limit N] [--timeout SECONDS] FILE.py\n";

/** Each option, the limit it sets and how its value becomes that limit. */
const OPTIONS: Record<string, { limit: keyof RunLimits; scale: number }> = {
  "--max-steps": { limit: "maxSteps", scale: 1 },
  "--max-memory": { limit: "maxMemoryBytes", scale: 1 },
  "--max-output": { limit: "maxOutputBytes", scale: 1 },
  "--recursion-limit": { limit: "recursionLimit", scale: 1 },
  "--timeout": { limit: "timeoutMs", scale: 1000 },
};

function main(argv: string[]): number {
  const limits: RunLimits = {};
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const option = OPTIONS[a];
    if (option !== undefined) {
      const text = argv[++i];
      const value = Number(text);
      // Seconds may be fractional; every other limit is a count.
      const valid = text !== undefined && Number.isFinite(value) && value > 0 && (option.scale !== 1 || Number.isInteger(value));
      if (!valid) {
        process.stderr.write(`py: ${a} needs a positive ${option.scale === 1 ? "whole number" : "number"}, got ${text === undefined ? "nothing" : JSON.stringify(text)}\n`);
        return 2;
      }
      limits[option.limit] = value * option.scale;
    } else if (a.startsWith("--")) {
      process.stderr.write(`py: unknown option ${a}\n${USAGE}`);
      return 2;
    } else file = a;
  }
  if (file === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    process.stderr.write(`python3: can't open file '${file}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  const r = runSource(source, { ...limits, filename: file });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.exitCode;
}

process.exitCode = main(process.argv.slice(2));
