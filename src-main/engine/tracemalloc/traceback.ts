// Tracebacks at two levels, as in CPython:
// - TracebackRecord: the C-level traceback_t, interned (one object per distinct stack), frames most
//   recent first, with total_nframe. Traces point at these; grouping is by object identity.
// - Frame and Traceback: the Python-level classes of Lib/tracemalloc.py (oldest frame first), with
//   their exact str(), repr(), ordering and format().
import { compareStr, pyStrip, pyStrRepr, TracemallocError } from "./format";

/** (filename, lineno), as _tracemalloc returns a frame. */
export type RawFrame = readonly [filename: string, lineno: number];

/** One interned traceback_t. */
export interface TracebackRecord {
  /** Position in its table; stable for the table's lifetime. */
  readonly id: number;
  /** At most nframe frames, most recent first (never empty). */
  readonly frames: readonly RawFrame[];
  /** Frames on the stack when it was taken (capped at 65535); null for Traceback(frames) built
   *  without it. */
  readonly total_nframe: number | null;
  /** Interned "lineno" key: the most recent frame. */
  readonly lineId: number;
}

export const UNKNOWN_FILENAME = "<unknown>";
/** MAX_NFRAME: frames and total_nframe are uint16 in C. */
export const MAX_NFRAME = 65535;

/** Interns tracebacks and lines: equal stacks give the same record, equal frames the same lineId. */
export class TracebackTable {
  readonly records: TracebackRecord[] = [];
  /** lines[lineId] = the frame. */
  readonly lines: RawFrame[] = [];
  private readonly byKey = new Map<string, TracebackRecord>();
  private readonly lineByKey = new Map<string, number>();
  private readonly filenames = new Set<string>();

  intern(frames: readonly RawFrame[], total_nframe: number | null): TracebackRecord {
    const key = tracebackKey(frames) + "#" + (total_nframe ?? "");
    let record = this.byKey.get(key);
    if (record === undefined) {
      const own = frames.map((f) => [f[0], f[1]] as const);
      for (const f of own) this.filenames.add(f[0]);
      record = { id: this.records.length, frames: own, total_nframe, lineId: this.internLine(own[0]!) };
      this.records.push(record);
      this.byKey.set(key, record);
    }
    return record;
  }

  internLine(frame: RawFrame): number {
    const key = frameKey(frame);
    let id = this.lineByKey.get(key);
    if (id === undefined) {
      id = this.lines.length;
      this.lines.push([frame[0], frame[1]]);
      this.lineByKey.set(key, id);
    }
    return id;
  }

  /** The lineId of a frame, if any traceback used it. */
  lineIdOf(filename: string, lineno: number): number | undefined {
    return this.lineByKey.get(frameKey([filename, lineno]));
  }

  get size(): number {
    return this.records.length;
  }

  get filenameCount(): number {
    return this.filenames.size;
  }
}

export function frameKey(frame: RawFrame): string {
  return frame[0] + "\u0000" + frame[1];
}

/** A key equal for equal frame tuples (what tracemalloc.py's dicts compare). */
export function tracebackKey(frames: readonly RawFrame[]): string {
  let key = "";
  for (const f of frames) key += f[0] + "\u0000" + f[1] + "\u0001";
  return key;
}

/** Lib/tracemalloc.py's Frame. */
export class Frame {
  constructor(readonly frame: RawFrame) {}

  get filename(): string {
    return this.frame[0];
  }

  get lineno(): number {
    return this.frame[1];
  }

  equals(other: Frame): boolean {
    return this.frame[0] === other.frame[0] && this.frame[1] === other.frame[1];
  }

  /** < on the (filename, lineno) tuples: negative, zero or positive. */
  compare(other: Frame): number {
    return compareRawFrames(this.frame, other.frame);
  }

  str(): string {
    return `${this.filename}:${this.lineno}`;
  }

  repr(): string {
    return `<Frame filename=${pyStrRepr(this.filename)} lineno=${this.lineno}>`;
  }
}

export function compareRawFrames(a: RawFrame, b: RawFrame): number {
  return compareStr(a[0], b[0]) || a[1] - b[1];
}

/** Reads a source line the way linecache.getline does ('' when unknown). */
export type LineSource = (filename: string, lineno: number) => string;

/**
 * Lib/tracemalloc.py's Traceback: a sequence of Frames from the oldest to the most recent.
 * Built from frames most recent first (as _tracemalloc stores them), like the Python constructor.
 */
export class Traceback {
  /** Oldest first. */
  readonly frames: readonly RawFrame[];

  constructor(
    mostRecentFirst: readonly RawFrame[],
    readonly total_nframe: number | null = null,
  ) {
    this.frames = mostRecentFirst.slice().reverse();
  }

  get length(): number {
    return this.frames.length;
  }

  /** self[index] with Python's negative indexes; IndexError as a TracemallocError is not needed:
   *  callers check the length. */
  at(index: number): Frame {
    const i = index < 0 ? this.frames.length + index : index;
    const frame = this.frames[i];
    if (frame === undefined) throw new RangeError("tuple index out of range");
    return new Frame(frame);
  }

  /** self[start:stop] as Frames, with Python's slice rules (step 1). */
  slice(start?: number, stop?: number): Frame[] {
    const n = this.frames.length;
    const norm = (v: number | undefined, dflt: number): number =>
      v === undefined ? dflt : v < 0 ? Math.max(0, n + v) : Math.min(n, v);
    const from = norm(start, 0);
    const to = norm(stop, n);
    const out: Frame[] = [];
    for (let i = from; i < to; i++) out.push(new Frame(this.frames[i]!));
    return out;
  }

  contains(frame: Frame): boolean {
    return this.frames.some((f) => f[0] === frame.filename && f[1] === frame.lineno);
  }

  equals(other: Traceback): boolean {
    return compareFrameTuples(this.frames, other.frames) === 0;
  }

  /** < on the frame tuples (oldest first). */
  compare(other: Traceback): number {
    return compareFrameTuples(this.frames, other.frames);
  }

  /** str(): the first (oldest) frame. */
  str(): string {
    if (this.frames.length === 0) throw new RangeError("tuple index out of range");
    return this.at(0).str();
  }

  repr(): string {
    const items = this.frames.map((f) => new Frame(f).repr());
    const tuple = items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    return this.total_nframe === null ? `<Traceback ${tuple}>` : `<Traceback ${tuple} total_nframe=${this.total_nframe}>`;
  }

  /** Traceback.format(limit=None, most_recent_first=False). */
  format(limit: number | null = null, most_recent_first = false, getline: LineSource = () => ""): string[] {
    let frames: Frame[];
    if (limit !== null) frames = limit > 0 ? this.slice(-limit) : this.slice(undefined, limit);
    else frames = this.slice();
    if (most_recent_first) frames.reverse();
    const lines: string[] = [];
    for (const frame of frames) {
      lines.push(`  File "${frame.filename}", line ${frame.lineno}`);
      const line = pyStrip(getline(frame.filename, frame.lineno));
      if (line) lines.push(`    ${line}`);
    }
    return lines;
  }
}

export function compareFrameTuples(a: readonly RawFrame[], b: readonly RawFrame[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareRawFrames(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** Validate a raw frames value coming from Python code (Snapshot/Traceback constructors). */
export function checkRawFrames(frames: readonly RawFrame[]): void {
  for (const f of frames) {
    if (!Array.isArray(f) || f.length !== 2 || typeof f[0] !== "string" || typeof f[1] !== "number") {
      throw new TracemallocError("TypeError", "a frame must be a (filename: str, lineno: int) tuple");
    }
  }
}
