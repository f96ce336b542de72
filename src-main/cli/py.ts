// `npm run py -- [--max-steps N] [--max-memory BYTES] [--timeout SECONDS] FILE.py`: runs a file
// like `python3.13 FILE.py` (stdout, traceback on stderr, exit status 1 on errors and limits).
import { readFileSync } from "node:fs";
import { runSource } from "../engine/index";

function main(argv: string[]): number {
  const options: { maxSteps?: number; maxMemoryBytes?: number; timeoutMs?: number } = {};
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--max-steps") options.maxSteps = Number(argv[++i]);
    else if (a === "--max-memory") options.maxMemoryBytes = Number(argv[++i]);
    else if (a === "--timeout") options.timeoutMs = Number(argv[++i]) * 1000;
    else if (a.startsWith("--")) {
      process.stderr.write(`py: unknown option ${a}\n`);
      return 2;
    } else file = a;
  }
  if (file === undefined) {
    process.stderr.write("usage: py [--max-steps N] [--max-memory BYTES] [--timeout SECONDS] FILE.py\n");
    return 2;
  }
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch {
    process.stderr.write(`python3: can't open file '${file}': [Errno 2] No such file or directory\n`);
    return 2;
  }
  const r = runSource(source, { ...options, filename: file });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return r.exitCode;
}

process.exitCode = main(process.argv.slice(2));
