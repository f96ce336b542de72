// Runs one program the way the game does (line by line, then to the end) and judges how it ended.
// Acceptable: output, a Python exception, or a limit the engine named. Not acceptable: a JavaScript
// exception escaping the facade, an internal error dressed as a RuntimeError, a run that went on
// past its limits, or a refcount that disagrees with the references the heap holds.
import type { EngineProbe } from "./bundle";
import type { RefcountViolation } from "./engine-probe";

export const FUZZ_LIMITS = {
  maxSteps: 200_000,
  maxMemoryBytes: 64 * 1024 * 1024,
  maxOutputBytes: 100_000,
  recursionLimit: 200,
  timeoutMs: 10_000,
} as const;

export type Verdict =
  | { ok: true; ending: "finished" | "python-error" | "limit"; steps: number }
  | { ok: false; problem: "js-exception" | "internal-error" | "past-limits" | "refcount" | "unnamed-error" | "crash" | "hang"; detail: string };

/** Line steps audited per program (the rest runs to the end unaudited, to bound the cost). */
const AUDITED_LINES = 120;

export function judgeProgram(probe: EngineProbe, source: string, options: { audit?: boolean } = {}): Verdict {
  const audit = options.audit ?? true;
  let session;
  try {
    session = new probe.EngineSession(source, FUZZ_LIMITS);
    for (let line = 0; line < AUDITED_LINES && !session.finished; line++) {
      session.stepLine();
      if (audit && !session.finished) {
        const broken = probe.auditRefcounts(session);
        if (broken.length > 0) return { ok: false, problem: "refcount", detail: `after line step ${line + 1}: ${describeViolations(broken)}` };
      }
    }
    const end = session.runToEnd();
    // An internal error the program caught (`except Exception`) is still an engine bug.
    if (end.stdout.includes("internal engine error")) return { ok: false, problem: "internal-error", detail: `caught by the program: ${end.stdout.split("\n").find((l) => l.includes("internal engine error"))}` };
    const error = end.error;
    if (error === undefined) return { ok: true, ending: "finished", steps: end.steps };
    if (error.message.startsWith("internal engine error")) return { ok: false, problem: "internal-error", detail: `${error.type}: ${error.message} (line ${error.line})` };
    if (error.limit === "time") return { ok: false, problem: "past-limits", detail: `ran ${FUZZ_LIMITS.timeoutMs} ms without reaching its step limit (${end.steps} steps)` };
    if (error.limit !== undefined) return { ok: true, ending: "limit", steps: end.steps };
    if (!/^[A-Z]\w*(Error|Exception|Exit|Iteration|Interrupt|Warning)$/.test(error.type) || !/^\w*(Error|Exception|Exit|Iteration|Interrupt|Warning)\b/m.test(end.stderr)) {
      return { ok: false, problem: "unnamed-error", detail: `${error.type}: ${error.message}` };
    }
    return { ok: true, ending: "python-error", steps: end.steps };
  } catch (e) {
    return { ok: false, problem: "js-exception", detail: e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? "").split("\n").slice(1, 6).join("\n")}` : String(e) };
  }
}

function describeViolations(vs: RefcountViolation[]): string {
  return vs
    .slice(0, 3)
    .map((v) => `${v.kind} ${v.type} ${v.repr} refcnt=${v.refcnt} found=${v.counted} held by [${v.holders.join(", ")}]`)
    .join("; ");
}
