// Uncaught exceptions printed the way CPython 3.13 prints them (traceback, source line, carets).
import { PyBaseException } from "../objects/exceptions";
import { interp } from "./interp";
import { str as strOf, repr } from "./abstract";
import { formatSyntaxError, PySyntaxError } from "../parse/index";

function utf8Slice(line: string, startByte: number, endByte: number): [number, number] {
  // Convert UTF-8 byte offsets to character offsets.
  const enc = new TextEncoder();
  let bytes = 0;
  let start = -1;
  let end = line.length;
  for (let i = 0; i <= line.length; i++) {
    if (bytes === startByte && start < 0) start = i;
    if (bytes === endByte) {
      end = i;
      break;
    }
    if (i < line.length) bytes += enc.encode(line[i]).length;
  }
  return [start < 0 ? 0 : start, end];
}

export function formatException(exc: PyBaseException): string {
  let out = "";
  if (exc.cause !== null) {
    out += formatException(exc.cause) + "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (exc.context !== null && !exc.suppressContext) {
    out += formatException(exc.context) + "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  const syntax = (exc as unknown as { syntax?: PySyntaxError }).syntax;
  if (syntax) {
    if (exc.traceback.length > 0 && exc.traceback.some((t) => t.name !== "<module>" || t.filename !== syntax.filename)) {
      out += "Traceback (most recent call last):\n" + frames(exc);
    }
    return out + formatSyntaxError(syntax);
  }
  if (exc.traceback.length > 0) out += "Traceback (most recent call last):\n" + frames(exc);
  const msg = strOf(exc);
  const name = exc.type.heapType && exc.type.module !== "builtins" && exc.type.module !== "__main__" ? `${exc.type.module}.${exc.type.qualname}` : exc.type.qualname;
  out += msg === "" ? `${name}\n` : `${name}: ${msg}\n`;
  return out;
}

function frames(exc: PyBaseException): string {
  let out = "";
  const entries = [...exc.traceback].reverse();
  let last = "";
  let repeat = 0;
  for (const t of entries) {
    const key = `${t.filename}:${t.lineno}:${t.name}`;
    if (key === last) {
      repeat++;
      if (repeat >= 3) continue;
    } else {
      if (repeat >= 3) out += `  [Previous line repeated ${repeat - 2} more time${repeat - 2 === 1 ? "" : "s"}]\n`;
      repeat = 0;
      last = key;
    }
    out += `  File "${t.filename}", line ${t.lineno}, in ${t.name}\n`;
    const lines = interp.sources.get(t.filename);
    const line = lines?.[t.lineno - 1];
    if (line !== undefined && line.trim() !== "") {
      const stripped = line.trimStart();
      const indent = line.length - stripped.length;
      const text = stripped.trimEnd();
      out += `    ${text}\n`;
      if (t.colStart >= 0 && t.endLineno === t.lineno) {
        const [a, b] = utf8Slice(line, t.colStart, t.colEnd);
        const s = a - indent;
        const e = b - indent;
        if (!(s <= 0 && e >= text.length) && e > s) out += "    " + " ".repeat(s) + "^".repeat(e - s) + "\n";
      }
    }
  }
  if (repeat >= 3) out += `  [Previous line repeated ${repeat - 2} more time${repeat - 2 === 1 ? "" : "s"}]\n`;
  return out;
}

void repr;
