/**
 * Judging an attempt: build the program the attempt stands for, run it on the engine, and check
 * every goal against what the engine did. A level is won by reaching its goal state, never by
 * typing the expected steps; the correct answers are not stored in the level.
 */
import type { RunResult } from "../engine/facade-types";
import { ENGINE_FAILURE, runProgram } from "./engine-port";
import { callsName, countStatements } from "./python-source";
import { probeKey, runWithProbes, startupCollections, type ProbeAnswers, type ProbeRequest } from "./probes";
import type { Goal, Level, StarRule } from "./schema";
import type { LoadedPack } from "./load";

export interface Attempt {
  /** The player's code (edit, sandbox). Ignored by predict, pick-line and cut levels, whose code is fixed. */
  code: string;
  /** predict: one entry per printed line. */
  predictions?: string[];
  /** pick-line: 1-based. */
  chosenLine?: number;
  /** cut: ids of the arrows cut, in the order they were cut. */
  cuts?: string[];
  hintsUsed?: number;
}

export interface AttemptResult {
  won: boolean;
  /** 0 when not won; otherwise 1 + the star rules met. */
  stars: number;
  /** The most the level can give (1 + its star rules). */
  maxStars: number;
  /** Plain sentences for the player: what failed, or what was achieved. */
  messages: string[];
  /** The run of the program the attempt stands for (without any probes). */
  run: RunResult;
  /** The program that was run. */
  program: string;
  figures: { peakBytes?: number; statements?: number; cuts?: number };
}

/** The Python program an attempt stands for. */
export function programFor(level: Level, attempt: Attempt): { program: string; problems: string[] } {
  switch (level.kind) {
    case "predict":
    case "pick-line":
      return { program: level.code, problems: [] };
    case "edit": {
      const problems = lockedLineProblems(level.code, attempt.code, level.locked_lines ?? []);
      return { program: attempt.code, problems };
    }
    case "sandbox":
      return { program: attempt.code, problems: [] };
    case "cut": {
      const problems: string[] = [];
      const statements: string[] = [];
      const seen = new Set<string>();
      for (const id of attempt.cuts ?? []) {
        const option = level.cuts.find((c) => c.id === id);
        if (option === undefined) problems.push(`There is no arrow "${id}" to cut in this level.`);
        else if (seen.has(id)) problems.push(`The arrow ${option.from} ${option.label} was cut twice.`);
        else statements.push(option.statement);
        seen.add(id);
      }
      const lines = splitLines(level.code);
      const at = Math.min(level.insert_after_line, lines.length);
      const program = [...lines.slice(0, at), ...statements, ...lines.slice(at)].join("\n") + "\n";
      return { program, problems };
    }
  }
}

export function evaluateAttempt(_pack: LoadedPack | null, level: Level, attempt: Attempt): AttemptResult {
  const { program, problems } = programFor(level, attempt);
  const maxStars = 1 + (level.stars?.length ?? 0);
  const run = runProgram(program);
  const messages: string[] = [...problems];
  const figures: AttemptResult["figures"] = { statements: countStatements(program) };
  if (level.kind === "cut") figures.cuts = (attempt.cuts ?? []).length;

  if (run.error) {
    const where = run.error.line !== undefined ? ` (line ${run.error.line})` : "";
    messages.push(
      run.error.type === ENGINE_FAILURE
        ? `${run.error.message}.`
        : run.error.limit !== undefined
          ? `The program was stopped: ${run.error.message}${where}.`
          : `The program raised ${run.error.type}: ${run.error.message}${where}.`,
    );
  }

  // One extra run with all the probes the goals and stars need.
  const requests = probeRequests(level);
  const probes: ProbeAnswers | null = requests.length > 0 && !run.error ? runWithProbes(program, requests) : null;
  if (probes) {
    const peak = Number(probes.values.get("peak"));
    if (Number.isFinite(peak) && probes.values.get("tracing") === "True") figures.peakBytes = peak;
  }

  let allGoals = problems.length === 0 && !run.error;
  if (!run.error) {
    for (const goal of level.goals) {
      const verdict = checkGoal(goal, { level, attempt, program, run, probes, figures });
      if (!verdict.ok) {
        allGoals = false;
        messages.push(verdict.message);
      }
    }
  }

  let stars = 0;
  if (allGoals) {
    stars = 1;
    messages.unshift("Goal reached!");
    for (const rule of level.stars ?? []) {
      const met = starMet(rule, figures, attempt);
      if (met.ok) stars++;
      messages.push(met.message);
    }
  }
  return { won: allGoals, stars, maxStars, messages, run, program, figures };
}

// ---------------------------------------------------------------------------------------------

interface GoalContext {
  level: Level;
  attempt: Attempt;
  program: string;
  run: RunResult;
  probes: ProbeAnswers | null;
  figures: AttemptResult["figures"];
}

type Verdict = { ok: true } | { ok: false; message: string };
const pass: Verdict = { ok: true };
const fail = (message: string): Verdict => ({ ok: false, message });

function checkGoal(goal: Goal, ctx: GoalContext): Verdict {
  switch (goal.type) {
    case "output_equals":
      return trimFinalNewline(ctx.run.stdout) === trimFinalNewline(goal.text)
        ? pass
        : fail("The program's output is not the one asked for.");
    case "output_contains":
      return ctx.run.stdout.includes(goal.text) ? pass : fail(`The output should contain ${JSON.stringify(goal.text)}.`);
    case "predictions_match_output": {
      const printed = outputLines(ctx.run.stdout);
      const predictions = ctx.attempt.predictions ?? [];
      if (predictions.length === 0) return fail("Make your predictions first.");
      if (predictions.length !== printed.length) {
        return fail(`The program printed ${printed.length} line${printed.length === 1 ? "" : "s"}, and you made ${predictions.length} prediction${predictions.length === 1 ? "" : "s"}.`);
      }
      const wrong = predictions.flatMap((p, i) => (normalise(p) === normalise(printed[i]!) ? [] : [i]));
      if (wrong.length === 0) return pass;
      return fail(wrong.map((i) => `Prediction ${i + 1}: you said ${predictions[i]!.trim()}, the program printed ${printed[i]}.`).join(" "));
    }
    case "prediction_equals_engine_value": {
      const prediction = ctx.attempt.predictions?.[goal.prediction];
      if (prediction === undefined) return fail(`Prediction ${goal.prediction + 1} is missing.`);
      const key = probeKey({ kind: "value", key: String(goal.prediction), expression: goal.expression });
      const value = probeValue(ctx.probes, key);
      if (!value.ok) return value;
      return normalise(prediction) === normalise(value.value)
        ? pass
        : fail(`Prediction ${goal.prediction + 1}: you said ${prediction.trim()}, but ${goal.expression} is ${value.value}.`);
    }
    case "no_call":
      return callsName(ctx.program, goal.name) ? fail(`Solve it without calling ${goal.name}().`) : pass;
    case "peak_traced_bytes_at_most": {
      const peak = peakOf(ctx.probes);
      if (!peak.ok) return peak;
      return peak.bytes <= goal.bytes
        ? pass
        : fail(`The traced peak was ${peak.bytes} bytes; the budget is ${goal.bytes} bytes.`);
    }
    case "objects_freed_by_refcount": {
      if (callsName(ctx.program, "gc.collect")) return fail(`Free the ${goal.class} objects without calling gc.collect().`);
      const live = probeValue(ctx.probes, probeKey({ kind: "live_instances", className: goal.class }));
      if (!live.ok) return live;
      if (Number(live.value) !== 0) return fail(`${live.value} ${goal.class} object${live.value === "1" ? " is" : "s are"} still alive when the program ends.`);
      const collections = probeValue(ctx.probes, "collections");
      if (!collections.ok) return collections;
      const baseline = startupCollections();
      if (baseline === null) return fail("The engine could not report gc.get_stats(); the goal cannot be checked.");
      if (Number(collections.value) !== baseline) return fail("The cyclic collector ran during the program: reference counting alone must free them.");
      return pass;
    }
    case "all_freed_after_collect": {
      const live = probeValue(ctx.probes, probeKey({ kind: "live_after_collect", className: goal.class }));
      if (!live.ok) return live;
      return Number(live.value) === 0
        ? pass
        : fail(`Even after gc.collect(), ${live.value} ${goal.class} object${live.value === "1" ? " is" : "s are"} still reachable.`);
    }
    case "chosen_line_is_top_allocator": {
      if (ctx.attempt.chosenLine === undefined) return fail("Point at a line first.");
      const top = probeValue(ctx.probes, "top-line");
      if (!top.ok) return top;
      return Number(top.value) === ctx.attempt.chosenLine
        ? pass
        : fail(`Line ${ctx.attempt.chosenLine} is not the line holding the most traced memory.`);
    }
  }
}

function starMet(rule: StarRule, figures: AttemptResult["figures"], attempt: Attempt): { ok: boolean; message: string } {
  switch (rule.type) {
    case "statements_at_most": {
      const n = figures.statements ?? Infinity;
      return { ok: n <= rule.count, message: `★ ${n} statement${n === 1 ? "" : "s"} (star at ${rule.count} or fewer).` };
    }
    case "peak_bytes_at_most": {
      const peak = figures.peakBytes;
      if (peak === undefined) return { ok: false, message: `★ The traced peak could not be read (star at ${rule.bytes} bytes or less).` };
      return { ok: peak <= rule.bytes, message: `★ Traced peak ${peak} bytes (star at ${rule.bytes} or less).` };
    }
    case "cuts_at_most": {
      const n = figures.cuts ?? 0;
      return { ok: n <= rule.count, message: `★ ${n} cut${n === 1 ? "" : "s"} (star at ${rule.count} or fewer).` };
    }
    case "no_hints": {
      const used = attempt.hintsUsed ?? 0;
      return { ok: used === 0, message: used === 0 ? "★ No hints used." : `★ ${used} hint${used === 1 ? "" : "s"} used (star for none).` };
    }
  }
}

/** The probes a level's goals and star rules need. */
export function probeRequests(level: Level): ProbeRequest[] {
  const requests: ProbeRequest[] = [];
  const add = (r: ProbeRequest) => {
    if (!requests.some((x) => probeKey(x) === probeKey(r))) requests.push(r);
  };
  for (const goal of level.goals) {
    switch (goal.type) {
      case "peak_traced_bytes_at_most":
        add({ kind: "peak" });
        break;
      case "objects_freed_by_refcount":
        add({ kind: "live_instances", className: goal.class });
        add({ kind: "collections" });
        break;
      case "all_freed_after_collect":
        add({ kind: "live_after_collect", className: goal.class });
        break;
      case "chosen_line_is_top_allocator":
        add({ kind: "top_line" });
        break;
      case "prediction_equals_engine_value":
        add({ kind: "value", key: String(goal.prediction), expression: goal.expression });
        break;
      case "output_equals":
      case "output_contains":
      case "predictions_match_output":
      case "no_call":
        break;
    }
  }
  for (const rule of level.stars ?? []) if (rule.type === "peak_bytes_at_most") add({ kind: "peak" });
  return requests;
}

function probeValue(probes: ProbeAnswers | null, key: string): { ok: true; value: string } | { ok: false; message: string } {
  if (probes === null || !probes.ran) return { ok: false, message: "The checks after the program could not run." };
  const failure = probes.failures.get(key);
  if (failure !== undefined) return { ok: false, message: `The check after the program failed: ${failure}.` };
  const value = probes.values.get(key);
  if (value === undefined) return { ok: false, message: "The check after the program printed nothing." };
  return { ok: true, value };
}

function peakOf(probes: ProbeAnswers | null): { ok: true; bytes: number } | { ok: false; message: string } {
  const peak = probeValue(probes, "peak");
  if (!peak.ok) {
    return probes?.failures.get("peak")?.startsWith("NameError")
      ? { ok: false, message: "Keep `import tracemalloc` and tracemalloc.start(): the budget is measured with it." }
      : peak;
  }
  if (probes?.values.get("tracing") !== "True") return { ok: false, message: "tracemalloc must still be tracing when the program ends (keep tracemalloc.start(), no stop())." };
  return { ok: true, bytes: Number(peak.value) };
}

// ---------------------------------------------------------------------------------------------

function lockedLineProblems(original: string, edited: string, locked: number[]): string[] {
  const originalLines = splitLines(original);
  const editedLines = splitLines(edited).map((l) => l.trimEnd());
  const problems: string[] = [];
  let from = 0;
  for (const n of [...locked].sort((a, b) => a - b)) {
    const wanted = (originalLines[n - 1] ?? "").trimEnd();
    const found = editedLines.indexOf(wanted, from);
    if (found < 0) problems.push(`Line ${n} (${wanted.trim()}) is locked: keep it, unchanged and in its place.`);
    else from = found + 1;
  }
  return problems;
}

function splitLines(code: string): string[] {
  const lines = code.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function outputLines(stdout: string): string[] {
  return splitLines(stdout);
}

function trimFinalNewline(text: string): string {
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** Predictions are compared as trimmed text, with inner runs of spaces made single. */
function normalise(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}
