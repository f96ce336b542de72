// Mutations of the fidelity corpus programs: delete, duplicate or swap lines, change literals.
// Real programs mutated a little reach states generated programs rarely do (half-built cycles,
// a finalizer whose attribute was never set, a del of a name bound two lines later).
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const CORPUS_DIR = join(import.meta.dirname, "..", "fidelity", "corpus");

export function loadCorpus(dir = CORPUS_DIR): { name: string; source: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".py"))
    .sort()
    .map((name) => ({ name, source: readFileSync(join(dir, name), "utf8") }));
}

export type Mutation =
  | { kind: "delete"; at: number }
  | { kind: "duplicate"; at: number }
  | { kind: "swap"; at: number }
  | { kind: "int"; at: number; value: string }
  | { kind: "str"; at: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((at) => ({ kind: "delete" as const, at })),
  fc.nat().map((at) => ({ kind: "duplicate" as const, at })),
  fc.nat().map((at) => ({ kind: "swap" as const, at })),
  fc.tuple(fc.nat(), fc.constantFrom("0", "1", "-1", "2", "100", "10**6", "2**63", "-10**9")).map(([at, value]) => ({ kind: "int" as const, at, value })),
  fc.tuple(fc.nat(), fc.constantFrom('""', '"x"', "'\\n'", '"é" * 3')).map(([at, value]) => ({ kind: "str" as const, at, value })),
);

export function applyMutation(source: string, m: Mutation): string {
  const lines = source.split("\n");
  if (lines.length === 0) return source;
  const i = m.at % lines.length;
  switch (m.kind) {
    case "delete":
      lines.splice(i, 1);
      break;
    case "duplicate":
      lines.splice(i, 0, lines[i]);
      break;
    case "swap":
      if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]];
      break;
    case "int":
      lines[i] = lines[i].replace(/\b\d+\b/, m.value);
      break;
    case "str":
      lines[i] = lines[i].replace(/"[^"\\]*"|'[^'\\]*'/, m.value);
      break;
    default: {
      const unknown: never = m;
      throw new Error(`unknown mutation ${JSON.stringify(unknown)}`);
    }
  }
  return lines.join("\n");
}

/** A corpus program with 1..4 mutations applied. */
export function mutantArbitrary(corpus: { name: string; source: string }[]): fc.Arbitrary<{ name: string; source: string }> {
  return fc.tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([program, ms]) => ({
    name: `${program.name} with ${ms.map((m) => `${m.kind}@${m.at}`).join(", ")}`,
    source: ms.reduce(applyMutation, program.source),
  }));
}
