/**
 * Probes: small Python lines appended after the player's program, run by the same engine in the
 * program's own globals, that read facts a goal needs (tracemalloc's peak, live instances of a
 * class, the top allocating line). Every probe is plain Python, so its answer can be checked against
 * CPython 3.13 by running the same text there. Probe output lines start with a marker; the
 * player's own output is taken from a separate run without probes.
 */
import { randomBytes } from "node:crypto";
import { currentEngine, runProgram } from "./engine-port";

/** Every probe line starts with this plus a fresh nonce, so a program cannot print fake answers. */
export const PROBE_MARKER = "@@heapwise-probe";

export function freshMarker(): string {
  return `${PROBE_MARKER}-${randomBytes(8).toString("hex")}`;
}

export type ProbeRequest =
  | { kind: "peak" }
  | { kind: "live_instances"; className: string }
  | { kind: "collections" }
  | { kind: "live_after_collect"; className: string }
  | { kind: "top_line" }
  | { kind: "value"; key: string; expression: string };

export interface ProbeAnswers {
  /** False when the probe lines never ran (the program raised or hit a limit). */
  ran: boolean;
  /** key -> printed value (text after the key). */
  values: Map<string, string>;
  /** key -> "TypeName: message" when the probe's own expression raised. */
  failures: Map<string, string>;
}

export function probeKey(request: ProbeRequest): string {
  switch (request.kind) {
    case "peak":
      return "peak";
    case "live_instances":
      return `live:${request.className}`;
    case "collections":
      return "collections";
    case "live_after_collect":
      return `collected-live:${request.className}`;
    case "top_line":
      return "top-line";
    case "value":
      return `value:${request.key}`;
  }
}

/** One Python statement per request, in an order that keeps the readings honest. */
export function probeSource(requests: readonly ProbeRequest[], marker: string = PROBE_MARKER): string {
  const m = JSON.stringify(marker);
  const guarded = (key: string, expression: string) =>
    `try:\n    print(${m}, ${JSON.stringify(key)}, ${expression})\n` +
    `except BaseException as _hw_e:\n    print(${m} + "-error", ${JSON.stringify(key)}, type(_hw_e).__name__ + ": " + str(_hw_e))\n`;
  const byKind = (kind: ProbeRequest["kind"]) => requests.filter((r) => r.kind === kind);
  const lines: string[] = [];
  // The peak first, in one statement that binds no name and allocates nothing before the reading,
  // so nothing the probes do can raise it. The program itself must `import tracemalloc`.
  if (byKind("peak").length > 0) {
    lines.push(guarded("peak", `tracemalloc.get_traced_memory()[1]`));
    lines.push(guarded("tracing", `tracemalloc.is_tracing()`));
  }
  // The snapshot is taken before the probe allocates anything at its own line.
  if (byKind("top_line").length > 0) {
    lines.push(
      guarded("top-line", `tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, __file__)]).statistics("lineno")[0].traceback[0].lineno`),
    );
  }
  const needsGc = requests.some((r) => r.kind === "collections" || r.kind === "live_instances" || r.kind === "live_after_collect");
  if (needsGc) lines.push(`import gc as _hw_gc\n`);
  if (byKind("collections").length > 0) {
    lines.push(guarded("collections", `sum(_hw_s["collections"] for _hw_s in _hw_gc.get_stats())`));
  }
  for (const r of requests) {
    if (r.kind === "live_instances") {
      lines.push(guarded(probeKey(r), `sum(1 for _hw_o in _hw_gc.get_objects() if type(_hw_o).__name__ == ${JSON.stringify(r.className)})`));
    }
  }
  for (const r of requests) {
    if (r.kind === "value") lines.push(guarded(probeKey(r), `str(${r.expression})`));
  }
  // Collecting changes the heap, so it comes last.
  for (const r of requests) {
    if (r.kind === "live_after_collect") {
      lines.push(`_hw_gc.collect()\n`);
      lines.push(guarded(probeKey(r), `sum(1 for _hw_o in _hw_gc.get_objects() if type(_hw_o).__name__ == ${JSON.stringify(r.className)})`));
    }
  }
  return lines.join("");
}

/** The program with its probes appended (the program's line numbers are unchanged). */
export function withProbes(program: string, requests: readonly ProbeRequest[], marker: string = PROBE_MARKER): string {
  const body = program.endsWith("\n") || program === "" ? program : `${program}\n`;
  return body + probeSource(requests, marker);
}

export function readProbeOutput(stdout: string, marker: string = PROBE_MARKER): ProbeAnswers {
  const values = new Map<string, string>();
  const failures = new Map<string, string>();
  let ran = false;
  for (const line of stdout.split("\n")) {
    if (line.startsWith(`${marker}-error `)) {
      ran = true;
      const rest = line.slice(marker.length + 7);
      const space = rest.indexOf(" ");
      failures.set(rest.slice(0, space), rest.slice(space + 1));
    } else if (line.startsWith(`${marker} `)) {
      ran = true;
      const rest = line.slice(marker.length + 1);
      const space = rest.indexOf(" ");
      values.set(rest.slice(0, space), rest.slice(space + 1));
    }
  }
  return { ran, values, failures };
}

export function runWithProbes(program: string, requests: readonly ProbeRequest[]): ProbeAnswers & { stderr: string } {
  const marker = freshMarker();
  const result = runProgram(withProbes(program, requests, marker));
  return { ...readProbeOutput(result.stdout, marker), stderr: result.stderr };
}

const baselineCollections = new WeakMap<object, number | null>();

/** Collections an empty program reports on the current engine (CPython runs a few while starting up). */
export function startupCollections(): number | null {
  const engine = currentEngine();
  if (!baselineCollections.has(engine)) {
    const answers = runWithProbes("", [{ kind: "collections" }]);
    const value = Number(answers.values.get("collections"));
    baselineCollections.set(engine, answers.values.has("collections") && Number.isFinite(value) ? value : null);
  }
  return baselineCollections.get(engine) ?? null;
}
