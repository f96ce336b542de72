// `npm run -s fuzz -- [--runs N] [--seed S] [--save DIR] [--no-audit]`: a long fuzz campaign
// against the engine (generated programs and mutated corpus programs, half each), judged as in
// the CI property test (test/unit/hardening/fuzz.test.ts). Prints the programs run, the failures
// by kind and the first few failing programs; with --save, writes each failing program to DIR.
import fc from "fast-check";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadEngineProbe } from "../test/fuzz/bundle";
import { programArbitrary } from "../test/fuzz/program-gen";
import { loadCorpus, mutantArbitrary } from "../test/fuzz/mutate";
import { judgeProgram, type Verdict } from "../test/fuzz/judge";

interface CampaignOptions {
  runs: number;
  seed: number;
  save: string | null;
  audit: boolean;
}

function parseArgs(argv: string[]): CampaignOptions {
  const options: CampaignOptions = { runs: 1000, seed: Date.now() % 2 ** 31, save: null, audit: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") options.runs = Number(argv[++i]);
    else if (a === "--seed") options.seed = Number(argv[++i]);
    else if (a === "--save") options.save = argv[++i] ?? null;
    else if (a === "--no-audit") options.audit = false;
    else throw new Error(`fuzz: unknown option ${a} (use --runs N, --seed S, --save DIR, --no-audit)`);
  }
  if (!Number.isInteger(options.runs) || options.runs < 1) throw new Error("fuzz: --runs needs a positive integer");
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const probe = await loadEngineProbe();
  const half = Math.ceil(options.runs / 2);
  const generated = fc.sample(programArbitrary, { numRuns: half, seed: options.seed }).map((source, i) => ({ name: `generated #${i}`, source }));
  const mutants = fc.sample(mutantArbitrary(loadCorpus()), { numRuns: options.runs - half, seed: options.seed + 1 });
  const endings = new Map<string, number>();
  const failures: { name: string; source: string; verdict: Extract<Verdict, { ok: false }> }[] = [];
  const started = Date.now();
  for (const [i, program] of [...generated, ...mutants].entries()) {
    const verdict = judgeProgram(probe, program.source, { audit: options.audit });
    const key = verdict.ok ? verdict.ending : verdict.problem;
    endings.set(key, (endings.get(key) ?? 0) + 1);
    if (!verdict.ok) failures.push({ ...program, verdict });
    if ((i + 1) % 500 === 0) process.stderr.write(`fuzz: ${i + 1}/${options.runs} programs, ${failures.length} failures\n`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz campaign: seed ${options.seed}, ${options.runs} programs (${half} generated, ${options.runs - half} corpus mutants) in ${seconds} s`);
  console.log(`endings: ${[...endings].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(`failures: ${failures.length}`);
  const byProblem = new Map<string, typeof failures>();
  for (const f of failures) byProblem.set(f.verdict.problem, [...(byProblem.get(f.verdict.problem) ?? []), f]);
  for (const [problem, list] of byProblem) {
    console.log(`\n== ${problem}: ${list.length}`);
    // Distinct details first: the same bug tends to show up many times.
    const distinct = new Map<string, (typeof list)[number]>();
    for (const f of list) {
      const head = f.verdict.detail.split("\n")[0].replace(/0x[0-9a-f]+|\b\d{6,}\b/g, "N");
      if (!distinct.has(head)) distinct.set(head, f);
    }
    for (const [head, f] of [...distinct].slice(0, 8)) console.log(`- ${head}\n  e.g. ${f.name}`);
  }
  if (options.save !== null && failures.length > 0) {
    mkdirSync(options.save, { recursive: true });
    failures.forEach((f, i) => writeFileSync(join(options.save!, `${f.verdict.problem}-${i}.py`), `# ${f.name}\n# ${f.verdict.detail.split("\n").join("\n# ")}\n${f.source}`));
    console.log(`\nfailing programs written to ${options.save}`);
  }
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
