// Lib/tracemalloc.py's Snapshot, Filter, DomainFilter, Statistic, StatisticDiff, Trace and _Traces,
// over plain data. Grouping first sums traces per interned traceback record and only then per
// key, so statistics() over millions of traces costs one pass plus work per distinct traceback.
import { _format_size, formatInt, pyStrRepr, TracemallocError } from "./format";
import { fnmatch } from "./fnmatch";
import { checkRawFrames, TracebackTable, Traceback, tracebackKey, type RawFrame, type TracebackRecord } from "./traceback";
import type { Tracemalloc, TraceRow } from "./tracer";

export type KeyType = "traceback" | "filename" | "lineno";

/** Statistic(traceback, size, count). */
export class Statistic {
  constructor(
    readonly traceback: Traceback,
    public size: number,
    public count: number,
  ) {}

  str(): string {
    let text = `${this.traceback.str()}: size=${_format_size(this.size, false)}, count=${formatInt(this.count)}`;
    if (this.count) text += `, average=${_format_size(this.size / this.count, false)}`;
    return text;
  }

  repr(): string {
    return `<Statistic traceback=${this.traceback.repr()} size=${formatInt(this.size)} count=${formatInt(this.count)}>`;
  }

  equals(other: Statistic): boolean {
    return this.traceback.equals(other.traceback) && this.size === other.size && this.count === other.count;
  }
}

/** StatisticDiff(traceback, size, size_diff, count, count_diff). */
export class StatisticDiff {
  constructor(
    readonly traceback: Traceback,
    readonly size: number,
    readonly size_diff: number,
    readonly count: number,
    readonly count_diff: number,
  ) {}

  str(): string {
    let text =
      `${this.traceback.str()}: size=${_format_size(this.size, false)} (${_format_size(this.size_diff, true)}), ` +
      `count=${formatInt(this.count)} (${formatInt(this.count_diff, true)})`;
    if (this.count) text += `, average=${_format_size(this.size / this.count, false)}`;
    return text;
  }

  repr(): string {
    return (
      `<StatisticDiff traceback=${this.traceback.repr()} size=${formatInt(this.size)} (${formatInt(this.size_diff, true)}) ` +
      `count=${formatInt(this.count)} (${formatInt(this.count_diff, true)})>`
    );
  }

  equals(other: StatisticDiff): boolean {
    return (
      this.traceback.equals(other.traceback) &&
      this.size === other.size &&
      this.size_diff === other.size_diff &&
      this.count === other.count &&
      this.count_diff === other.count_diff
    );
  }
}

/** Trace((domain, size, frames, total_nframe)). */
export class Trace {
  constructor(
    readonly domain: number,
    readonly size: number,
    private readonly record: TracebackRecord,
  ) {}

  get traceback(): Traceback {
    return new Traceback(this.record.frames, this.record.total_nframe);
  }

  /** The raw (domain, size, frames most recent first, total_nframe) tuple. */
  get raw(): [number, number, readonly RawFrame[], number | null] {
    return [this.domain, this.size, this.record.frames, this.record.total_nframe];
  }

  str(): string {
    return `${this.traceback.str()}: ${_format_size(this.size, false)}`;
  }

  repr(): string {
    return `<Trace domain=${this.domain} size=${_format_size(this.size, false)}, traceback=${this.traceback.repr()}>`;
  }
}

/** What Filter/DomainFilter match against: a trace's domain and its traceback record. */
interface FilterTarget {
  domain: number;
  record: TracebackRecord;
}

export type BaseFilter = Filter | DomainFilter;

/** _normalize_filename(): os.path.normcase (identity on POSIX) and '.pyc' -> '.py'. */
export function _normalize_filename(filename: string): string {
  return filename.endsWith(".pyc") ? filename.slice(0, -1) : filename;
}

/** Filter(inclusive, filename_pattern, lineno=None, all_frames=False, domain=None). */
export class Filter {
  readonly kind = "Filter";
  readonly filename_pattern: string;

  constructor(
    public inclusive: boolean,
    filename_pattern: string,
    public lineno: number | null = null,
    public all_frames = false,
    public domain: number | null = null,
  ) {
    this.filename_pattern = _normalize_filename(filename_pattern);
  }

  _match_frame_impl(filename: string, lineno: number): boolean {
    if (!fnmatch(_normalize_filename(filename), this.filename_pattern)) return false;
    return this.lineno === null ? true : lineno === this.lineno;
  }

  _match_traceback(frames: readonly RawFrame[]): boolean {
    if (this.all_frames) {
      return frames.some((f) => this._match_frame_impl(f[0], f[1])) ? this.inclusive : !this.inclusive;
    }
    const [filename, lineno] = frames[0]!;
    return this._match_frame_impl(filename, lineno) !== !this.inclusive;
  }

  _match(target: FilterTarget, cache?: Map<TracebackRecord, boolean>): boolean {
    let res = cache?.get(target.record);
    if (res === undefined) {
      res = this._match_traceback(target.record.frames);
      cache?.set(target.record, res);
    }
    if (this.domain !== null) {
      return this.inclusive ? res && target.domain === this.domain : res || target.domain !== this.domain;
    }
    return res;
  }
}

/** DomainFilter(inclusive, domain). */
export class DomainFilter {
  readonly kind = "DomainFilter";

  constructor(
    public inclusive: boolean,
    readonly domain: number,
  ) {}

  _match(target: FilterTarget): boolean {
    return (target.domain === this.domain) !== !this.inclusive;
  }
}

/** Snapshot(traces, traceback_limit). Traces are kept as parallel arrays. */
export class Snapshot {
  private constructor(
    private readonly domains: Uint32Array,
    private readonly sizes: Float64Array,
    private readonly records: TracebackRecord[],
    readonly traceback_limit: number,
  ) {}

  /** take_snapshot(): RuntimeError when not tracing. */
  static take(tracer: Tracemalloc): Snapshot {
    if (!tracer.is_tracing()) {
      throw new TracemallocError(
        "RuntimeError",
        "the tracemalloc module must be tracing memory allocations to take a snapshot",
      );
    }
    const n = tracer.traceCount;
    const domains = new Uint32Array(n);
    const sizes = new Float64Array(n);
    const records = new Array<TracebackRecord>(n);
    let i = 0;
    tracer.forEachTrace((domain, size, record) => {
      domains[i] = domain;
      sizes[i] = size;
      records[i++] = record;
    });
    return new Snapshot(domains, sizes, records, tracer.get_traceback_limit());
  }

  static fromRows(rows: readonly TraceRow[], traceback_limit: number): Snapshot {
    const domains = new Uint32Array(rows.length);
    const sizes = new Float64Array(rows.length);
    const records = new Array<TracebackRecord>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      domains[i] = row.domain;
      sizes[i] = row.size;
      records[i] = row.traceback;
    }
    return new Snapshot(domains, sizes, records, traceback_limit);
  }

  /** tracemalloc.Snapshot(traces, traceback_limit) from Python: traces are
   *  (domain, size, frames most recent first, total_nframe) tuples. */
  static fromRaw(
    traces: readonly (readonly [number, number, readonly RawFrame[], number | null])[],
    traceback_limit: number,
  ): Snapshot {
    const table = new TracebackTable();
    const rows: TraceRow[] = traces.map(([domain, size, frames, total]) => {
      checkRawFrames(frames);
      return { domain, size, traceback: table.intern(frames, total) };
    });
    return Snapshot.fromRows(rows, traceback_limit);
  }

  /** len(snapshot.traces) */
  get traceCount(): number {
    return this.sizes.length;
  }

  /** snapshot.traces[index] */
  trace(index: number): Trace {
    const i = index < 0 ? this.sizes.length + index : index;
    if (i < 0 || i >= this.sizes.length) throw new RangeError("list index out of range");
    return new Trace(this.domains[i]!, this.sizes[i]!, this.records[i]!);
  }

  /** repr(snapshot.traces) */
  tracesRepr(): string {
    return `<Traces len=${this.sizes.length}>`;
  }

  /** filter_traces(filters): a new Snapshot; an empty list copies every trace. */
  filter_traces(filters: readonly BaseFilter[]): Snapshot {
    if (filters.length === 0) {
      return new Snapshot(this.domains.slice(), this.sizes.slice(), this.records.slice(), this.traceback_limit);
    }
    const include = filters.filter((f) => f.inclusive);
    const exclude = filters.filter((f) => !f.inclusive);
    const caches = new Map<BaseFilter, Map<TracebackRecord, boolean>>();
    for (const f of filters) caches.set(f, new Map());
    const match = (f: BaseFilter, target: FilterTarget): boolean =>
      f.kind === "Filter" ? f._match(target, caches.get(f)) : f._match(target);
    const keep: number[] = [];
    for (let i = 0; i < this.sizes.length; i++) {
      const target = { domain: this.domains[i]!, record: this.records[i]! };
      if (include.length > 0 && !include.some((f) => match(f, target))) continue;
      if (exclude.length > 0 && exclude.some((f) => !match(f, target))) continue;
      keep.push(i);
    }
    const domains = new Uint32Array(keep.length);
    const sizes = new Float64Array(keep.length);
    const records = new Array<TracebackRecord>(keep.length);
    keep.forEach((from, to) => {
      domains[to] = this.domains[from]!;
      sizes[to] = this.sizes[from]!;
      records[to] = this.records[from]!;
    });
    return new Snapshot(domains, sizes, records, this.traceback_limit);
  }

  /** _group_by(key_type, cumulative): key -> Statistic, in first-seen order. */
  _group_by(key_type: string, cumulative: boolean): Map<string, Statistic> {
    if (key_type !== "traceback" && key_type !== "filename" && key_type !== "lineno") {
      throw new TracemallocError("ValueError", `unknown key_type: ${pyStrRepr(key_type)}`);
    }
    if (cumulative && key_type !== "lineno" && key_type !== "filename") {
      throw new TracemallocError("ValueError", `cumulative mode cannot by used with key type ${pyStrRepr(key_type)}`);
    }
    // Sum per traceback record first.
    const perRecord = new Map<TracebackRecord, { size: number; count: number }>();
    for (let i = 0; i < this.sizes.length; i++) {
      const record = this.records[i]!;
      const agg = perRecord.get(record);
      if (agg === undefined) perRecord.set(record, { size: this.sizes[i]!, count: 1 });
      else {
        agg.size += this.sizes[i]!;
        agg.count += 1;
      }
    }
    const stats = new Map<string, Statistic>();
    const add = (frames: readonly RawFrame[], size: number, count: number): void => {
      const key = tracebackKey(frames);
      const stat = stats.get(key);
      if (stat === undefined) stats.set(key, new Statistic(new Traceback(frames), size, count));
      else {
        stat.size += size;
        stat.count += count;
      }
    };
    for (const [record, agg] of perRecord) {
      const frames = record.frames;
      if (!cumulative) {
        if (key_type === "traceback") add(frames, agg.size, agg.count);
        else if (key_type === "lineno") add(frames.slice(0, 1), agg.size, agg.count);
        else add([[frames[0]![0], 0]], agg.size, agg.count);
      } else {
        for (const frame of frames) {
          add(key_type === "lineno" ? [frame] : [[frame[0], 0]], agg.size, agg.count);
        }
      }
    }
    return stats;
  }

  /** statistics(key_type, cumulative=False): sorted by (size, count, traceback), largest first. */
  statistics(key_type: string, cumulative = false): Statistic[] {
    const statistics = [...this._group_by(key_type, cumulative).values()];
    statistics.sort(
      (a, b) => b.size - a.size || b.count - a.count || b.traceback.compare(a.traceback),
    );
    return statistics;
  }

  /** compare_to(old_snapshot, key_type, cumulative=False): StatisticDiffs sorted by
   *  (|size_diff|, size, |count_diff|, count, traceback), largest first. */
  compare_to(old_snapshot: Snapshot, key_type: string, cumulative = false): StatisticDiff[] {
    const newGroup = this._group_by(key_type, cumulative);
    const oldGroup = old_snapshot._group_by(key_type, cumulative);
    const statistics: StatisticDiff[] = [];
    for (const [key, stat] of newGroup) {
      const previous = oldGroup.get(key);
      if (previous !== undefined) {
        oldGroup.delete(key);
        statistics.push(
          new StatisticDiff(stat.traceback, stat.size, stat.size - previous.size, stat.count, stat.count - previous.count),
        );
      } else {
        statistics.push(new StatisticDiff(stat.traceback, stat.size, stat.size, stat.count, stat.count));
      }
    }
    for (const stat of oldGroup.values()) {
      statistics.push(new StatisticDiff(stat.traceback, 0, 0 - stat.size, 0, 0 - stat.count));
    }
    statistics.sort(
      (a, b) =>
        Math.abs(b.size_diff) - Math.abs(a.size_diff) ||
        b.size - a.size ||
        Math.abs(b.count_diff) - Math.abs(a.count_diff) ||
        b.count - a.count ||
        b.traceback.compare(a.traceback),
    );
    return statistics;
  }
}
