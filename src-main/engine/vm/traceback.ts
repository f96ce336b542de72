// Uncaught exceptions printed the way CPython 3.13 prints them (traceback, source line, carets).
import { PyBaseException } from "../objects/exceptions";
import { interp } from "./interp";
import { PyList } from "../objects/list";
import { PyStr } from "../objects/str";
import { str as strOf, repr } from "./abstract";
import { formatSyntaxError, PySyntaxError } from "../parse/index";
import { formatFrameSource } from "./traceback-frame";
import { tracebackPositions, type TracebackPosition } from "../objects/traceback";

export function formatException(exc: PyBaseException): string {
  let out = "";
  if (exc.cause !== null) {
    out += formatException(exc.cause) + "\nThe above exception was the direct cause of the following exception:\n\n";
  } else if (exc.context !== null && !exc.suppressContext) {
    out += formatException(exc.context) + "\nDuring handling of the above exception, another exception occurred:\n\n";
  }
  const syntax = (exc as unknown as { syntax?: PySyntaxError }).syntax;
  const positions = tracebackPositions(exc.traceback);
  if (syntax) {
    if (positions.length > 0 && positions.some((t) => t.name !== "<module>" || t.filename !== syntax.filename)) {
      out += "Traceback (most recent call last):\n" + frames(positions);
    }
    return out + formatSyntaxError(syntax);
  }
  if (positions.length > 0) out += "Traceback (most recent call last):\n" + frames(positions);
  const msg = strOf(exc) + (exc.suggest ? exc.suggest() : "");
  const name = exc.type.heapType && exc.type.module !== "builtins" && exc.type.module !== "__main__" ? `${exc.type.module}.${exc.type.qualname}` : exc.type.qualname;
  out += msg === "" ? `${name}\n` : `${name}: ${msg}\n`;
  return out + formatNotes(exc);
}

/** The exception's __notes__, one per line after its message (TracebackException.format). */
function formatNotes(exc: PyBaseException): string {
  const notes = exc.dict?.map.get("__notes__")?.value;
  if (!(notes instanceof PyList)) return notes === undefined ? "" : `${repr(notes)}\n`;
  let out = "";
  for (const note of notes.items) out += (note instanceof PyStr ? note.value : repr(note)) + "\n";
  return out;
}

/** StackSummary.format: frames oldest first; a frame repeated more than 3 times is summarised. */
function frames(positions: TracebackPosition[]): string {
  const RECURSIVE_CUTOFF = 3;
  let out = "";
  let lastKey: string | null = null;
  let count = 0;
  const repeated = (n: number): string => `  [Previous line repeated ${n} more time${n > 1 ? "s" : ""}]\n`;
  for (let i = positions.length - 1; i >= 0; i--) {
    const t = positions[i];
    const key = `${t.filename}\0${t.lineno}\0${t.name}`;
    if (key !== lastKey) {
      if (count > RECURSIVE_CUTOFF) out += repeated(count - RECURSIVE_CUTOFF);
      lastKey = key;
      count = 0;
    }
    count++;
    if (count > RECURSIVE_CUTOFF) continue;
    out += `  File "${t.filename}", line ${t.lineno}, in ${t.name}\n`;
    out += formatFrameSource(interp.sources.get(t.filename), t);
  }
  if (count > RECURSIVE_CUTOFF) out += repeated(count - RECURSIVE_CUTOFF);
  return out;
}

