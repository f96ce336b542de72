/**
 * Facts read from the player's code without running it: how many statements it has, and whether
 * it calls a given function (gc.collect). Uses the engine's parser (CPython's ast shapes) when it
 * is there, and a careful line scan otherwise.
 */
import { parseProgram } from "./engine-port";

const STATEMENT_KINDS = new Set([
  "FunctionDef", "AsyncFunctionDef", "ClassDef", "Return", "Delete", "Assign", "TypeAlias", "AugAssign",
  "AnnAssign", "For", "AsyncFor", "While", "If", "With", "AsyncWith", "Match", "Raise", "Try", "TryStar",
  "Assert", "Import", "ImportFrom", "Global", "Nonlocal", "Expr", "Pass", "Break", "Continue",
]);

type AnyNode = { kind?: unknown; [field: string]: unknown };

function* walk(value: unknown): Generator<AnyNode> {
  if (Array.isArray(value)) {
    for (const item of value) yield* walk(item);
  } else if (value !== null && typeof value === "object") {
    const node = value as AnyNode;
    if (typeof node.kind === "string") yield node;
    for (const key of Object.keys(node)) if (key !== "kind") yield* walk(node[key]);
  }
}

/** Statements as Python's ast counts them (every simple and compound statement, nested ones too). */
export function countStatements(source: string): number {
  const parsed = parseProgram(source);
  if (parsed.ok) {
    let n = 0;
    for (const node of walk(parsed.module.body)) if (STATEMENT_KINDS.has(node.kind as string)) n++;
    return n;
  }
  // Without the parser: non-blank, non-comment lines, plus `;`-separated parts.
  let n = 0;
  for (const line of stripStringsAndComments(source).split("\n")) {
    if (line.trim() === "") continue;
    n += line.split(";").filter((part) => part.trim() !== "").length;
  }
  return n;
}

/** Whether the code calls `dotted` (e.g. "gc.collect"), also through `import gc as g` or `from gc import collect`. */
export function callsName(source: string, dotted: string): boolean {
  const parsed = parseProgram(source);
  if (parsed.ok) {
    const aliases = new Map<string, string>(); // local name -> dotted name it stands for
    for (const node of walk(parsed.module.body)) {
      if (node.kind === "Import") {
        for (const alias of node.names as { name: string; asname: string | null }[]) {
          aliases.set(alias.asname ?? alias.name.split(".")[0]!, alias.asname ? alias.name : alias.name.split(".")[0]!);
        }
      } else if (node.kind === "ImportFrom" && typeof node.module === "string") {
        for (const alias of node.names as { name: string; asname: string | null }[]) {
          aliases.set(alias.asname ?? alias.name, `${node.module}.${alias.name}`);
        }
      }
    }
    for (const node of walk(parsed.module.body)) {
      if (node.kind !== "Call") continue;
      const name = dottedNameOf(node.func);
      if (name === null) continue;
      const [head, ...rest] = name.split(".");
      const resolved = [aliases.get(head!) ?? head, ...rest].join(".");
      if (resolved === dotted || name === dotted) return true;
    }
    return false;
  }
  const parts = dotted.split(".").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(^|[^\\w.])${parts.join("\\s*\\.\\s*")}\\s*\\(`);
  const last = parts[parts.length - 1]!;
  const bare = parts.length > 1 ? new RegExp(`from\\s+${parts.slice(0, -1).join("\\.")}\\s+import[^\\n]*\\b${last}\\b`) : null;
  const code = stripStringsAndComments(source);
  return pattern.test(code) || (bare !== null && bare.test(code) && new RegExp(`(^|[^\\w.])${last}\\s*\\(`).test(code));
}

function dottedNameOf(node: unknown): string | null {
  const n = node as AnyNode | null;
  if (n === null || typeof n !== "object") return null;
  if (n.kind === "Name") return n.id as string;
  if (n.kind === "Attribute") {
    const base = dottedNameOf(n.value);
    return base === null ? null : `${base}.${n.attr as string}`;
  }
  return null;
}

/** Blanks out string literals and comments, keeping line structure (a fallback only). */
function stripStringsAndComments(source: string): string {
  return source
    .replace(/("""|''')[\s\S]*?\1/g, (m) => m.replace(/[^\n]/g, " "))
    .replace(/(["'])(?:\\.|(?!\1)[^\\\n])*\1/g, (m) => " ".repeat(m.length))
    .replace(/#[^\n]*/g, "");
}
