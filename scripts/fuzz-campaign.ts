// `npm run -s fuzz -- [--runs N] [--seed S] [--save DIR] [--no-audit]`: a long fuzz campaign
// against the engine, judged as in the CI property test (test/unit/hardening/fuzz.test.ts): a third
// generated programs, a third generated programs that also try edge sizes ([0] * 2**62, bytes(-1)),
// a third mutated corpus programs. Programs run in a child process, so a crash of the engine
// (a V8 fatal error aborts the whole process) or a hang in native code (past a watchdog) is
// recorded and the campaign goes on with a fresh child. Prints the programs run, the endings, the
// failures by kind with an example each; with --save, writes each failing program to DIR.
import fc from "fast-check";
import { fork, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEngineProbe } from "../test/fuzz/bundle";
import { programArbitrary, programWithSizesArbitrary } from "../test/fuzz/program-gen";
import { loadCorpus, mutantArbitrary } from "../test/fuzz/mutate";
import { FUZZ_LIMITS, judgeProgram, type Verdict } from "../test/fuzz/judge";

interface CampaignOptions {
  runs: number;
  seed: number;
  save: string | null;
  audit: boolean;
}

/** A program taking this long past its own time limit is hung in native code. */
const WATCHDOG_MS = FUZZ_LIMITS.timeoutMs + 50_000;

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

interface Job {
  index: number;
  source: string;
  audit: boolean;
}

/** The child: judges each program it is sent and answers with the verdict. */
async function child(): Promise<void> {
  const probe = await loadEngineProbe();
  process.on("message", (job: Job) => {
    const verdict = judgeProgram(probe, job.source, { audit: job.audit });
    process.send!({ index: job.index, verdict });
  });
  process.send!({ ready: true });
}

/** Runs programs one at a time in a child process; restarts it after a crash or a hang. */
class Judge {
  private worker: ChildProcess | null = null;
  private stderrTail = "";

  async judge(job: Job): Promise<Verdict> {
    const worker = this.worker ?? (await this.start());
    return new Promise<Verdict>((resolve) => {
      const done = (verdict: Verdict) => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        resolve(verdict);
      };
      const onMessage = (reply: { index: number; verdict: Verdict }) => {
        if (reply.index === job.index) done(reply.verdict);
      };
      const onExit = (code: number | null, signal: string | null) => {
        this.worker = null;
        done({ ok: false, problem: "crash", detail: `the engine process ended (code ${code}, signal ${signal}): ${fatalLines(this.stderrTail)}` });
      };
      const timer = setTimeout(() => {
        this.worker = null;
        worker.off("exit", onExit);
        worker.kill("SIGKILL");
        done({ ok: false, problem: "hang", detail: `no verdict after ${WATCHDOG_MS / 1000} s (limits: ${JSON.stringify(FUZZ_LIMITS)})` });
      }, WATCHDOG_MS);
      worker.on("message", onMessage);
      worker.on("exit", onExit);
      worker.send(job);
    });
  }

  private start(): Promise<ChildProcess> {
    this.stderrTail = "";
    const worker = fork(fileURLToPath(import.meta.url), ["--child"], { execArgv: process.execArgv, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    worker.stderr?.on("data", (chunk: Buffer) => (this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000)));
    this.worker = worker;
    return new Promise((resolve, reject) => {
      worker.once("message", () => resolve(worker));
      worker.once("exit", (code) => reject(new Error(`fuzz: the engine process did not start (code ${code}): ${this.stderrTail}`)));
    });
  }

  stop(): void {
    this.worker?.kill();
    this.worker = null;
  }
}

/** The lines of a crashed process's stderr that say why (V8 prints "# Fatal error" then the reason). */
function fatalLines(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.replace(/^#\s*/, "").trim()).filter((l) => l !== "" && !/^(npm warn|Fatal error in , line 0$)/.test(l));
  const reason = lines.find((l) => /fatal|invalid|error|out of memory/i.test(l));
  return reason ?? lines.slice(-3).join(" / ");
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const third = Math.ceil(options.runs / 3);
  const generated = fc.sample(programArbitrary, { numRuns: third, seed: options.seed }).map((source, i) => ({ name: `generated #${i}`, source }));
  const sized = fc.sample(programWithSizesArbitrary, { numRuns: third, seed: options.seed + 2 }).map((source, i) => ({ name: `generated with sizes #${i}`, source }));
  const mutants = fc.sample(mutantArbitrary(loadCorpus()), { numRuns: Math.max(0, options.runs - 2 * third), seed: options.seed + 1 });
  const programs = [...generated, ...sized, ...mutants].slice(0, options.runs);
  const endings = new Map<string, number>();
  const failures: { name: string; source: string; verdict: Extract<Verdict, { ok: false }> }[] = [];
  const judge = new Judge();
  const started = Date.now();
  try {
    for (const [index, program] of programs.entries()) {
      const verdict = await judge.judge({ index, source: program.source, audit: options.audit });
      const key = verdict.ok ? verdict.ending : verdict.problem;
      endings.set(key, (endings.get(key) ?? 0) + 1);
      if (!verdict.ok) failures.push({ ...program, verdict });
      if ((index + 1) % 500 === 0) process.stderr.write(`fuzz: ${index + 1}/${programs.length} programs, ${failures.length} failures\n`);
    }
  } finally {
    judge.stop();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`fuzz campaign: seed ${options.seed}, ${programs.length} programs (${generated.length} generated, ${sized.length} with edge sizes, ${mutants.length} corpus mutants) in ${seconds} s`);
  console.log(`endings: ${[...endings].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(`failures: ${failures.length}`);
  const byProblem = new Map<string, typeof failures>();
  for (const f of failures) byProblem.set(f.verdict.problem, [...(byProblem.get(f.verdict.problem) ?? []), f]);
  for (const [problem, list] of byProblem) {
    console.log(`\n== ${problem}: ${list.length}`);
    // Distinct details first: the same bug tends to show up many times.
    const distinct = new Map<string, (typeof list)[number]>();
    for (const f of list) {
      const head = f.verdict.detail.split("\n")[0].replace(/0x[0-9a-f]+|-?\b\d{4,}\b/g, "N");
      if (!distinct.has(head)) distinct.set(head, f);
    }
    for (const [head, f] of [...distinct].slice(0, 10)) console.log(`- ${head}\n  e.g. ${f.name}`);
  }
  if (options.save !== null && failures.length > 0) {
    mkdirSync(options.save, { recursive: true });
    failures.forEach((f, i) => writeFileSync(join(options.save!, `${f.verdict.problem}-${i}.py`), `# ${f.name}\n# ${f.verdict.detail.split("\n").join("\n# ")}\n${f.source}`));
    console.log(`\nfailing programs written to ${options.save}`);
  }
  return failures.length === 0 ? 0 : 1;
}

if (process.argv.includes("--child")) {
  void child();
} else {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 2;
    },
  );
}
