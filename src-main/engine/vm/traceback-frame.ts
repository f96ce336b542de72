// One traceback frame's source lines and carets, as CPython 3.13's traceback.py prints them
// (StackSummary.format_frame_summary): the instruction's lines dedented, `~` under the operands
// and `^` under the operator / brackets ("anchors") of a binary operation, subscript or call,
// plain `^` elsewhere, and no carets at all when they would only underline the whole statement.
import { parseModule, type Expr, type Module } from "../parse/index";

export interface FramePosition {
  lineno: number;
  endLineno: number;
  /** UTF-8 byte offsets, -1 when unknown. */
  colStart: number;
  colEnd: number;
}

interface Anchors {
  leftEndLine: number;
  leftEndOffset: number;
  rightStartLine: number;
  rightStartOffset: number;
  primary: string;
  secondary: string;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder("utf-8");

/** traceback._byte_offset_to_character_offset */
function byteToCharOffset(line: string, offset: number): number {
  const bytes = utf8.encode(line);
  return utf8Decoder.decode(bytes.subarray(0, Math.max(0, offset))).length;
}

function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

/** traceback._display_width: wide (East Asian W/F) characters take two columns. */
function displayWidth(line: string, offset = line.length): number {
  let w = 0;
  for (let i = 0; i < offset && i < line.length; i++) w += isWide(line[i]) ? 2 : 1;
  return w;
}

/** textwrap.dedent */
export function dedent(text: string): string {
  const lines = text.split("\n").map((l) => (/^[ \t]+$/.test(l) ? "" : l));
  let margin: string | null = null;
  for (const l of lines) {
    if (l === "") continue;
    const indent = /^[ \t]*/.exec(l)![0];
    if (margin === null) margin = indent;
    else {
      let i = 0;
      while (i < margin.length && i < indent.length && margin[i] === indent[i]) i++;
      margin = margin.slice(0, i);
    }
  }
  if (!margin) return lines.join("\n");
  const m = margin;
  return lines.map((l) => (l.startsWith(m) ? l.slice(m.length) : l)).join("\n");
}

/** textwrap.indent(text, prefix, lambda line: True) */
function indentAll(text: string, prefix: string): string {
  return text.split(/(?<=\n)/).filter((l) => l !== "").map((l) => prefix + l).join("");
}

function tryParse(source: string): Module | null {
  try {
    return parseModule(source, "<traceback>", { scopeChecks: false, warnings: [] });
  } catch {
    return null;
  }
}

const isSpace = (ch: string): boolean => /\s/.test(ch);

/** traceback._extract_caret_anchors_from_line_segment */
function extractAnchors(segment: string): Anchors | null {
  const tree = tryParse(`(\n${segment}\n)`);
  if (!tree || tree.body.length !== 1) return null;
  const lines = segment.split(/\r\n|\r|\n/);
  const normalize = (lineno: number, offset: number): number => byteToCharOffset(lines[lineno], offset);
  const nextValidChar = (lineno: number, col: number): [number, number] => {
    while (lineno < lines.length && col >= lines[lineno].length) {
      col = 0;
      lineno++;
    }
    if (!(lineno < lines.length && col < lines[lineno].length)) throw new Error("no valid char");
    return [lineno, col];
  };
  const increment = (lineno: number, col: number) => nextValidChar(lineno, col + 1);
  const nextline = (lineno: number) => nextValidChar(lineno + 1, 0);
  const incrementUntil = (lineno: number, col: number, stop: (ch: string) => boolean): [number, number] => {
    for (;;) {
      const ch = lines[lineno][col];
      if (ch === "\\" || ch === "#") [lineno, col] = nextline(lineno);
      else if (!stop(ch)) [lineno, col] = increment(lineno, col);
      else return [lineno, col];
    }
  };
  const setupPositions = (e: Expr, forceValid = true): [number, number] => {
    const lineno = e.end_lineno - 2;
    const col = normalize(lineno, e.end_col_offset);
    return forceValid ? nextValidChar(lineno, col) : [lineno, col];
  };
  const anchors = (a: number, b: number, c: number, d: number): Anchors => ({
    leftEndLine: a, leftEndOffset: b, rightStartLine: c, rightStartOffset: d, primary: "~", secondary: "^",
  });

  const statement = tree.body[0];
  if (statement.kind !== "Expr") return null;
  const expr = statement.value;
  switch (expr.kind) {
    case "BinOp": {
      let [lineno, col] = setupPositions(expr.left);
      [lineno, col] = incrementUntil(lineno, col, (x) => !isSpace(x) && x !== ")");
      let rightCol = col + 1;
      if (
        rightCol < lines[lineno].length &&
        (expr.right.lineno - 2 > lineno || rightCol < normalize(expr.right.lineno - 2, expr.right.col_offset)) &&
        !isSpace(lines[lineno][rightCol]) &&
        !"\\#".includes(lines[lineno][rightCol])
      ) {
        rightCol++;
      }
      return anchors(lineno, col, lineno, rightCol);
    }
    case "Subscript":
    case "Call": {
      const inner = expr.kind === "Subscript" ? expr.value : expr.func;
      const bracket = expr.kind === "Subscript" ? "[" : "(";
      let [ll, lc] = setupPositions(inner);
      [ll, lc] = incrementUntil(ll, lc, (x) => x === bracket);
      const [rl, rc] = setupPositions(expr, false);
      return anchors(ll, lc, rl, rc);
    }
    default:
      return null;
  }
}

/** StackSummary._should_show_carets */
function shouldShowCarets(startOffset: number, endOffset: number, allLines: string[], anchors: Anchors | null): boolean {
  const tree = tryParse(allLines.join("\n"));
  if (tree) {
    if (tree.body.length === 0) return false;
    const statement = tree.body[0];
    let value: Expr | null = null;
    if (statement.kind === "Return" && statement.value?.kind === "Call" && statement.value.func.kind === "Name") {
      value = statement.value;
    } else if (statement.kind === "Assign" && statement.value.kind === "Call" && statement.targets.length === 1 && statement.targets[0].kind === "Name") {
      value = statement.value;
    }
    if (
      value !== null && value.lineno === 1 && value.end_lineno === allLines.length &&
      value.col_offset === startOffset && value.end_col_offset === endOffset
    ) {
      return false;
    }
  }
  if (anchors) return true;
  return allLines[0].slice(0, startOffset).trimStart() !== "" || allLines[allLines.length - 1].slice(endOffset).trimEnd() !== "";
}

/**
 * The lines printed under `  File "...", line N, in name` for one frame, or "" when the source
 * is unavailable. `sourceLines` are the file's lines (without newlines).
 */
export function formatFrameSource(sourceLines: readonly string[] | undefined, pos: FramePosition): string {
  if (!sourceLines) return "";
  const endLineno = pos.endLineno >= pos.lineno ? pos.endLineno : pos.lineno;
  const original: string[] = [];
  for (let n = pos.lineno; n <= endLineno; n++) original.push((sourceLines[n - 1] ?? "").trimEnd());
  const originalText = original.join("\n") + "\n";
  const dedented = dedent(originalText);
  if (dedented.trim() === "") return "";
  if (pos.colStart < 0 || pos.colEnd < 0) return "    " + original[0].trim() + "\n";

  const firstLine = original[0];
  const lastLine = original[endLineno - pos.lineno];
  let startOffset = byteToCharOffset(firstLine, pos.colStart);
  let endOffset = byteToCharOffset(lastLine, pos.colEnd);
  const allLines = dedented.split("\n").slice(0, endLineno - pos.lineno + 1);
  const dedentChars = firstLine.length - allLines[0].length;
  startOffset = Math.max(0, startOffset - dedentChars);
  endOffset = Math.max(0, endOffset - dedentChars);
  const dpStart = displayWidth(allLines[0], startOffset);
  const dpEnd = displayWidth(allLines[allLines.length - 1], endOffset);

  const joined = allLines.join("\n");
  const segment = joined.slice(startOffset, joined.length - (allLines[allLines.length - 1].length - endOffset));
  let anchors: Anchors | null = null;
  try {
    anchors = extractAnchors(segment);
  } catch {
    anchors = null;
  }
  const showCarets = shouldShowCarets(startOffset, endOffset, allLines, anchors);

  const significant = new Set<number>([0, allLines.length - 1]);
  let leftEnd = 0;
  let rightStart = 0;
  let primary = "^";
  let secondary = "^";
  if (anchors) {
    leftEnd = anchors.leftEndOffset + (anchors.leftEndLine === 0 ? startOffset : 0);
    rightStart = anchors.rightStartOffset + (anchors.rightStartLine === 0 ? startOffset : 0);
    leftEnd = displayWidth(allLines[anchors.leftEndLine], leftEnd);
    rightStart = displayWidth(allLines[anchors.rightStartLine], rightStart);
    primary = anchors.primary;
    secondary = anchors.secondary;
    for (let d = -1; d <= 1; d++) {
      significant.add(anchors.leftEndLine + d);
      significant.add(anchors.rightStartLine + d);
    }
  }
  significant.delete(-1);
  significant.delete(allLines.length);

  const result: string[] = [];
  const outputLine = (lineno: number): void => {
    const line = allLines[lineno];
    result.push(line + "\n");
    if (!showCarets) return;
    const numSpaces = line.length - line.trimStart().length;
    const numCarets = lineno === allLines.length - 1 ? dpEnd : displayWidth(line);
    let carets = "";
    for (let col = 0; col < numCarets; col++) {
      if (col < numSpaces || (lineno === 0 && col < dpStart)) carets += " ";
      else if (
        anchors &&
        (lineno > anchors.leftEndLine || (lineno === anchors.leftEndLine && col >= leftEnd)) &&
        (lineno < anchors.rightStartLine || (lineno === anchors.rightStartLine && col < rightStart))
      ) {
        carets += secondary;
      } else carets += primary;
    }
    result.push(carets + "\n");
  };
  const sig = [...significant].sort((a, b) => a - b);
  sig.forEach((lineno, i) => {
    if (i > 0) {
      const diff = lineno - sig[i - 1];
      if (diff === 2) outputLine(lineno - 1);
      else if (diff > 2) result.push(`...<${diff - 1} lines>...\n`);
    }
    outputLine(lineno);
  });
  return indentAll(dedent(result.join("")), "    ");
}
