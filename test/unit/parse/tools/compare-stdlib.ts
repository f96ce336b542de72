/**
 * Compares parseModule with CPython's ast.parse on standard-library modules (see stdlib_asts.py).
 * Prints the first differing field of each module that differs, then counts.
 */
import { readFileSync } from "node:fs";
import { parseModule, PySyntaxError } from "../../../../src-main/engine/parse";
import { toGoldenJson } from "../normalize";

const rows: { file: string; ast: unknown }[] = JSON.parse(readFileSync(process.argv[2], "utf8"));

function firstDiff(a: unknown, b: unknown, path: string): string | null {
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return a === b ? null : `${path}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = a as unknown[], y = b as unknown[];
    if (x.length !== y.length) return `${path}: length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) {
      const d = firstDiff(x[i], y[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const x = a as Record<string, unknown>, y = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
    const d = firstDiff(x[k], y[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}

let same = 0, different = 0, failed = 0;
for (const row of rows) {
  try {
    const d = firstDiff(toGoldenJson(parseModule(readFileSync(row.file, "utf8"), row.file, { scopeChecks: false })), row.ast, "");
    if (d) {
      different++;
      console.log("DIFF", row.file, d);
    } else same++;
  } catch (e) {
    failed++;
    console.log("FAIL", row.file, e instanceof PySyntaxError ? `${e.msg} (line ${e.lineno})` : String(e));
  }
}
console.log({ same, different, failed });
