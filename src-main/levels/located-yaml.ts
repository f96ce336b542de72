/**
 * YAML parsing that remembers where every value came from, so a problem found later (by zod, by a
 * cross-check, by the Python parser inside a `code: |` block) can be reported at file:line:col.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import type { LocatedError } from "./errors";

export interface LocatedYaml {
  file: string;
  /** The plain JavaScript value (undefined when the YAML itself is broken). */
  value: unknown;
  /** YAML syntax problems, already located. */
  errors: LocatedError[];
  /** Where the value at `path` starts; falls back to the nearest existing parent. */
  at(path: readonly PropertyKey[], message: string): LocatedError;
  /** Where the key `key` of the mapping at `path` is written (for unknown keys). */
  atKey(path: readonly PropertyKey[], key: string, message: string): LocatedError;
  /**
   * Where line `codeLine` (1-based) and column `codeColumn` (1-based) of the multi-line text at
   * `path` are in the YAML file. Exact for `|` blocks; other scalars map to where they start.
   */
  atTextPosition(path: readonly PropertyKey[], codeLine: number, codeColumn: number, message: string): LocatedError;
}

export function parseLocatedYaml(file: string, source: string): LocatedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const errors: LocatedError[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
    return { file, line: pos.line, column: pos.col, message: yamlMessage(e.code, e.message, source, e.pos[0]) };
  });
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS(); // throws on alias bombs (yaml's maxAliasCount)
    } catch (error) {
      errors.push({ file, line: 1, column: 1, message: `YAML: ${firstLine((error as Error).message)}; write the values out instead of repeating aliases (*name)` });
    }
  }

  const position = (offset: number) => lineCounter.linePos(offset);
  const locate = (offset: number, message: string): LocatedError => {
    const p = position(offset);
    return { file, line: p.line, column: p.col, message };
  };

  return {
    file,
    value,
    errors,
    at(path, message) {
      const { node } = walk(doc, path);
      return locate(node?.range?.[0] ?? 0, message);
    },
    atKey(path, key, message) {
      const { node, complete } = walk(doc, path);
      if (complete && isMap(node)) {
        for (const pair of node.items) {
          if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
            return locate(pair.key.range[0], message);
          }
        }
      }
      return locate(node?.range?.[0] ?? 0, message);
    },
    atTextPosition(path, codeLine, codeColumn, message) {
      const { node, complete } = walk(doc, path);
      if (!complete || !isScalar(node) || !node.range) return locate(node?.range?.[0] ?? 0, message);
      if (node.type !== "BLOCK_LITERAL") return locate(node.range[0], message);
      // A `|` block: its text starts on the line after the indicator, every line indented alike.
      const header = position(node.range[0]);
      const bodyStartLine = header.line + 1;
      const lines = source.split(/\r?\n/);
      let indent = 0;
      for (let i = bodyStartLine - 1; i < lines.length; i++) {
        const l = lines[i] ?? "";
        if (l.trim() !== "") {
          indent = l.length - l.trimStart().length;
          break;
        }
      }
      return { file, line: bodyStartLine + codeLine - 1, column: indent + codeColumn, message };
    },
  };
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}

/** yaml's message without its own "at line L, column C:" tail (we already say where). */
function yamlMessage(code: string, message: string, source: string, offset: number): string {
  if (code === "DUPLICATE_KEY") {
    const key = /^[^:\n]*/.exec(source.slice(offset))?.[0].trim() ?? "";
    return `key ${JSON.stringify(key)} appears twice in the same mapping; keep one`;
  }
  const first = message.split("\n")[0] ?? message;
  return `YAML syntax: ${first.replace(/ at line \d+, column \d+:?$/, "")}`;
}

/** Follows `path` through the document's nodes as far as it exists. */
function walk(doc: Document, path: readonly PropertyKey[]): { node: Node | null; complete: boolean } {
  let node = doc.contents as Node | null;
  for (const key of path) {
    let next: Node | null = null;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === String(key)) {
          next = (pair.value as Node | null) ?? (pair.key as Node);
          break;
        }
      }
    } else if (isSeq(node) && typeof key === "number") {
      next = (node.items[key] as Node | undefined) ?? null;
    }
    if (next === null) return { node, complete: false };
    node = next;
  }
  return { node, complete: true };
}
