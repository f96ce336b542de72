/**
 * Errors that point at a place in a pack: `file:line:col: message`, in plain words, so a teacher can
 * fix a pack without reading our code. Also turns zod issues into such sentences.
 */
import type { z } from "zod";

export interface LocatedError {
  /** The file as the user named it: `levels/heapwise/01-references/01-getrefcount.yaml`. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export function formatLocatedError(error: LocatedError): string {
  return `${error.file}:${error.line}:${error.column}: ${error.message}`;
}

/** `goals[0].bytes`, or `the file` for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "the file" : out;
}

/** How a value the teacher wrote reads back to them. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "nothing (an empty value)";
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${quote(value.slice(0, 40))}... (${value.length} characters)` : quote(value);
    return shown;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping (key: value lines)";
  return String(value);
}

/** JSON-style quoting that also spells out invisible and direction-changing characters. */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007F-\u009F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069\uFEFF]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const typeWords: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value lines)",
};

/** One zod issue as a sentence that starts with the key's path. */
export function describeIssue(issue: z.core.$ZodIssue & { input?: unknown }, allowedKeys?: readonly string[]): string {
  const where = formatPath(issue.path);
  const custom = issue.message.startsWith("must") || issue.message.startsWith("may");
  const input = issue.input;
  switch (issue.code) {
    case "invalid_type": {
      const should = custom ? issue.message : `must be ${typeWords[issue.expected] ?? issue.expected}`;
      if (input === undefined) return `${where} is missing: it ${should}`;
      return `${where} ${should}, got ${describeValue(input)}`;
    }
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => `"${k}"`).join(", ");
      const owner = issue.path.length === 0 ? "" : ` in ${where}`;
      const guess = issue.keys.length === 1 ? closestKey(issue.keys[0]!, allowedKeys ?? []) : null;
      const hint = guess ? `did you mean "${guess}"?` : "see docs/AUTHORING.md for the keys allowed here";
      return `unknown key${issue.keys.length > 1 ? "s" : ""} ${keys}${owner} (${hint})`;
    }
    case "invalid_union": {
      const disc = (issue as { discriminator?: string; options?: unknown[] }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (disc !== undefined && options !== undefined) {
        const list = options.map(String).join(", ");
        const got = input !== null && typeof input === "object" ? (input as Record<string, unknown>)[disc] : undefined;
        if (got === undefined) return `${where} is missing: it must be one of ${list}`;
        return `${where} must be one of ${list}, got ${describeValue(got)}`;
      }
      return `${where} does not match any allowed form`;
    }
    case "invalid_value": {
      if (custom) return `${where} ${issue.message}, got ${describeValue(input)}`;
      const list = issue.values.map((v) => JSON.stringify(v)).join(", ");
      return `${where} must be one of ${list}, got ${describeValue(input)}`;
    }
    case "too_small":
    case "too_big":
    case "invalid_format":
    case "not_multiple_of":
    case "custom":
    case "invalid_key":
    case "invalid_element":
      if (custom) {
        const shown = input === undefined || Array.isArray(input) || (typeof input === "object" && input !== null) ? "" : `, got ${describeValue(input)}`;
        return `${where} ${issue.message}${shown}`;
      }
      return `${where}: ${issue.message}`;
  }
}

/** The allowed key nearest to a misspelt one (at most 2 edits away), or null. */
export function closestKey(key: string, allowed: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
