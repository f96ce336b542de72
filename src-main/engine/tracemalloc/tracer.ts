// The C half of tracemalloc (Python/tracemalloc.c): the trace table, traced/peak memory, and the
// allocator hooks. TracingAllocator wraps any ObjectAllocator the way tracemalloc.start() swaps
// the PyMem/PyObject allocators for tracemalloc_malloc/realloc/free.
//
// Storage is built to stay cheap with millions of traces: an open-addressing table from address to
// (size, traceback id) in typed arrays (address-table.ts); tracebacks are interned records. Per-line
// totals (what statistics('lineno') reports, unfiltered) are kept up to date on every change.
import { NOT_A_BLOCK, type ObjectAllocator } from "../heap/allocator";
import { AddressTable } from "./address-table";
import { TracemallocError } from "./format";
import { MAX_NFRAME, TracebackTable, UNKNOWN_FILENAME, type RawFrame, type TracebackRecord } from "./traceback";

/**
 * The current Python stack, most recent frame first, as (co_filename, f_lineno) pairs; lineno < 0
 * is reported as 0. Return the same array object while the stack is unchanged (the tracer then
 * skips re-interning); never mutate an array after returning it. A provider may stop after
 * `limit` frames (the tracer's max_nframe) and give the whole stack's frame count as `total`
 * (traceback_get_frames' total_nframe): walking a deep stack on every allocation is quadratic.
 */
export type TracebackProvider = (limit: number) => StackFrames;
export type StackFrames = readonly RawFrame[] & { readonly total?: number };

export const DEFAULT_DOMAIN = 0;

/** One trace as a snapshot stores it. */
export interface TraceRow {
  domain: number;
  size: number;
  traceback: TracebackRecord;
}

/** Bytes and blocks currently traced for one source line (the most recent frame of the trace). */
export interface LineStat {
  filename: string;
  lineno: number;
  size: number;
  count: number;
}

// _Py_hashtable_t geometry (64-bit), for get_tracemalloc_memory().
const HASHTABLE_STRUCT = 72;
const HASHTABLE_ENTRY = 32;
const HASHTABLE_MIN_SIZE = 16;
const HASHTABLE_HIGH = 0.5;
const HASHTABLE_LOW = 0.1;
const HASHTABLE_REHASH_FACTOR = 2.0 / (HASHTABLE_LOW + HASHTABLE_HIGH);

/** The bucket count of a _Py_hashtable_t, following its grow/shrink rule. */
class HashtableSizeModel {
  nentries = 0;
  nbuckets = HASHTABLE_MIN_SIZE;

  added(): void {
    this.nentries++;
    if (this.nentries / this.nbuckets > HASHTABLE_HIGH) this.rehash();
  }

  removed(): void {
    this.nentries--;
    if (this.nentries / this.nbuckets < HASHTABLE_LOW) this.rehash();
  }

  clear(): void {
    this.nentries = 0;
    this.nbuckets = HASHTABLE_MIN_SIZE;
  }

  get bytes(): number {
    return HASHTABLE_STRUCT + this.nbuckets * 8 + this.nentries * HASHTABLE_ENTRY;
  }

  private rehash(): void {
    const wanted = Math.floor(this.nentries * HASHTABLE_REHASH_FACTOR);
    let size = HASHTABLE_MIN_SIZE;
    while (size < wanted) size <<= 1;
    this.nbuckets = size;
  }
}

export class Tracemalloc {
  tracing = false;
  /** get_traceback_limit(): kept after stop(), as in CPython. */
  max_nframe = 1;
  traced_memory = 0;
  peak_traced_memory = 0;

  private tracebacks = new TracebackTable();
  /** Domain 0 traces. */
  private readonly traces = new AddressTable();
  /** Other domains (PyTraceMalloc_Track): rare, kept simple. */
  private readonly otherDomains = new Map<number, Map<number, { size: number; traceback: TracebackRecord }>>();
  /** Per lineId: traced bytes and blocks. */
  private lineSize: number[] = [];
  private lineCount: number[] = [];
  private readonly tracesTable = new HashtableSizeModel();
  private lastFrames: readonly RawFrame[] | null = null;
  private lastRecord: TracebackRecord | null = null;
  private emptyTraceback: TracebackRecord;

  constructor(private readonly provider: TracebackProvider) {
    this.emptyTraceback = this.tracebacks.intern([[UNKNOWN_FILENAME, 0]], 1);
  }

  // ---- the module's functions ----------------------------------------------------------------

  /** tracemalloc.start(nframe=1): does nothing (not even change the limit) when already tracing. */
  start(nframe = 1): void {
    if (!Number.isInteger(nframe) || nframe < 1 || nframe > MAX_NFRAME) {
      throw new TracemallocError("ValueError", `the number of frames must be in range [1; ${MAX_NFRAME}]`);
    }
    if (this.tracing) return;
    this.max_nframe = nframe;
    this.tracing = true;
  }

  /** tracemalloc.stop(): stops tracing and clears every trace. */
  stop(): void {
    if (!this.tracing) return;
    this.tracing = false;
    this.clearTables();
  }

  is_tracing(): boolean {
    return this.tracing;
  }

  get_traceback_limit(): number {
    return this.max_nframe;
  }

  /** (current, peak); (0, 0) when not tracing. */
  get_traced_memory(): [number, number] {
    return this.tracing ? [this.traced_memory, this.peak_traced_memory] : [0, 0];
  }

  reset_peak(): void {
    if (this.tracing) this.peak_traced_memory = this.traced_memory;
  }

  clear_traces(): void {
    if (this.tracing) this.clearTables();
  }

  /**
   * get_tracemalloc_memory(): the bytes of tracemalloc's own hash tables, by CPython's formula
   * (_Py_hashtable_size of the tracebacks, filenames and traces tables). The figure follows the
   * model's traces only, so it is smaller than a real interpreter's.
   */
  get_tracemalloc_memory(): number {
    if (!this.tracing) return 0;
    const fixedTable = (n: number): number => {
      const model = new HashtableSizeModel();
      for (let i = 0; i < n; i++) model.added();
      return model.bytes;
    };
    let size = fixedTable(this.tracebacks.size - 1); // the empty traceback is not in the table
    size += fixedTable(this.tracebacks.filenameCount - 1);
    size += this.tracesTable.bytes;
    for (const traces of this.otherDomains.values()) size += fixedTable(traces.size);
    return size;
  }

  /** _get_object_traceback(): the frames (most recent first) of the block at `address`, or null. */
  getTracebackRecord(address: number, domain = DEFAULT_DOMAIN): TracebackRecord | null {
    if (!this.tracing) return null;
    if (domain !== DEFAULT_DOMAIN) return this.otherDomains.get(domain)?.get(address)?.traceback ?? null;
    const i = this.traces.find(address);
    return i < 0 ? null : this.tracebacks.records[this.traces.tracebacks[i]!]!;
  }

  /** The size traced for the block at `address` (domain 0), or null. */
  getTracedSize(address: number): number | null {
    const i = this.traces.find(address);
    return i < 0 ? null : this.traces.sizes[i]!;
  }

  /** Number of traces. */
  get traceCount(): number {
    let n = this.traces.count;
    for (const traces of this.otherDomains.values()) n += traces.size;
    return n;
  }

  /** _get_traces(): every trace (domain 0 first, in table order). Empty when not tracing. */
  getTraces(): TraceRow[] {
    const rows: TraceRow[] = [];
    this.forEachTrace((domain, size, traceback) => rows.push({ domain, size, traceback }));
    return rows;
  }

  /** Visit every trace without building rows (what take_snapshot uses). */
  forEachTrace(visit: (domain: number, size: number, traceback: TracebackRecord) => void): void {
    if (!this.tracing) return;
    const records = this.tracebacks.records;
    const { keys, sizes, tracebacks } = this.traces;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== 0) visit(DEFAULT_DOMAIN, sizes[i]!, records[tracebacks[i]!]!);
    }
    for (const [domain, traces] of this.otherDomains) {
      for (const trace of traces.values()) visit(domain, trace.size, trace.traceback);
    }
  }

  // ---- per-line figures for the game ----------------------------------------------------------

  /** Bytes and blocks traced now per most-recent frame (statistics('lineno') of all traces), in
   *  no particular order; lines with nothing traced are left out. */
  lineStats(): LineStat[] {
    const out: LineStat[] = [];
    const lines = this.tracebacks.lines;
    for (let id = 0; id < this.lineCount.length; id++) {
      const count = this.lineCount[id]!;
      if (count > 0) out.push({ filename: lines[id]![0], lineno: lines[id]![1], size: this.lineSize[id]!, count });
    }
    return out;
  }

  /** One line's current figures. */
  lineStat(filename: string, lineno: number): { size: number; count: number } {
    const id = this.tracebacks.lineIdOf(filename, lineno);
    if (id === undefined) return { size: 0, count: 0 };
    return { size: this.lineSize[id] ?? 0, count: this.lineCount[id] ?? 0 };
  }

  // ---- hooks called by TracingAllocator and the VM ---------------------------------------------

  /** tracemalloc_alloc: a new block. */
  onMalloc(ptr: number, size: number): void {
    if (this.tracing) this.add_trace(DEFAULT_DOMAIN, ptr, size);
  }

  /** tracemalloc_realloc: the old trace goes (if the block moved) and the new one replaces it. */
  onRealloc(ptr: number, ptr2: number, newSize: number): void {
    if (!this.tracing) return;
    if (ptr !== 0 && ptr2 !== ptr) this.remove_trace(DEFAULT_DOMAIN, ptr);
    this.add_trace(DEFAULT_DOMAIN, ptr2, newSize);
  }

  /** tracemalloc_free */
  onFree(ptr: number): void {
    if (this.tracing && ptr !== 0) this.remove_trace(DEFAULT_DOMAIN, ptr);
  }

  /**
   * _PyTraceMalloc_TraceRef(CREATE): an object was (re)initialised in an already-traced block, e.g.
   * taken from a free list: its trace gets the current traceback. `blockAddress` is the start of the
   * block (object address minus its pre-header). The size does not change.
   */
  traceRef(blockAddress: number): void {
    if (!this.tracing) return;
    const i = this.traces.find(blockAddress);
    if (i < 0) return;
    const record = this.currentTraceback();
    const old = this.tracebacks.records[this.traces.tracebacks[i]!]!;
    if (old === record) return;
    const size = this.traces.sizes[i]!;
    this.countLine(old.lineId, -size, -1);
    this.countLine(record.lineId, size, 1);
    this.traces.tracebacks[i] = record.id;
  }

  /** PyTraceMalloc_Track(domain, ptr, size): -2 when not tracing. */
  track(domain: number, ptr: number, size: number): number {
    if (!this.tracing) return -2;
    this.add_trace(domain, ptr, size);
    return 0;
  }

  /** PyTraceMalloc_Untrack(domain, ptr): -2 when not tracing. */
  untrack(domain: number, ptr: number): number {
    if (!this.tracing) return -2;
    this.remove_trace(domain, ptr);
    return 0;
  }

  // ---- internals -------------------------------------------------------------------------------

  /** traceback_new(): the current stack, cut to max_nframe frames, interned. */
  private currentTraceback(): TracebackRecord {
    const frames = this.provider(this.max_nframe);
    if (frames === this.lastFrames && this.lastRecord !== null) return this.lastRecord;
    let record: TracebackRecord;
    if (frames.length === 0) record = this.emptyTraceback;
    else {
      const kept = frames.length > this.max_nframe ? frames.slice(0, this.max_nframe) : frames;
      const clean = kept.map((f): RawFrame => (f[1] < 0 ? [f[0], 0] : f));
      record = this.tracebacks.intern(clean, Math.min(frames.total ?? frames.length, MAX_NFRAME));
    }
    this.lastFrames = frames;
    this.lastRecord = record;
    return record;
  }

  private add_trace(domain: number, ptr: number, size: number): void {
    const traceback = this.currentTraceback();
    if (domain !== DEFAULT_DOMAIN) {
      let traces = this.otherDomains.get(domain);
      if (traces === undefined) this.otherDomains.set(domain, (traces = new Map()));
      const old = traces.get(ptr);
      if (old !== undefined) {
        this.traced_memory -= old.size;
        this.countLine(old.traceback.lineId, -old.size, -1);
      }
      traces.set(ptr, { size, traceback });
    } else {
      const traces = this.traces;
      const i = traces.claim(ptr);
      if (!traces.lastWasNew) {
        // The block is already traced (a realloc in place): replace its trace.
        const oldSize = traces.sizes[i]!;
        this.traced_memory -= oldSize;
        this.countLine(this.tracebacks.records[traces.tracebacks[i]!]!.lineId, -oldSize, -1);
      } else {
        this.tracesTable.added();
      }
      traces.sizes[i] = size;
      traces.tracebacks[i] = traceback.id;
    }
    this.countLine(traceback.lineId, size, 1);
    this.traced_memory += size;
    if (this.traced_memory > this.peak_traced_memory) this.peak_traced_memory = this.traced_memory;
  }

  private remove_trace(domain: number, ptr: number): void {
    if (domain !== DEFAULT_DOMAIN) {
      const traces = this.otherDomains.get(domain);
      const trace = traces?.get(ptr);
      if (traces === undefined || trace === undefined) return;
      traces.delete(ptr);
      this.traced_memory -= trace.size;
      this.countLine(trace.traceback.lineId, -trace.size, -1);
      return;
    }
    const traces = this.traces;
    const i = traces.find(ptr);
    if (i < 0) return;
    const size = traces.sizes[i]!;
    const lineId = this.tracebacks.records[traces.tracebacks[i]!]!.lineId;
    traces.removeAt(i);
    this.tracesTable.removed();
    this.traced_memory -= size;
    this.countLine(lineId, -size, -1);
  }

  private countLine(lineId: number, size: number, count: number): void {
    while (this.lineSize.length <= lineId) {
      this.lineSize.push(0);
      this.lineCount.push(0);
    }
    this.lineSize[lineId]! += size;
    this.lineCount[lineId]! += count;
  }

  /** tracemalloc_clear_traces(): traces, tracebacks and filenames go; memory figures go to 0. */
  private clearTables(): void {
    this.traces.clear();
    this.otherDomains.clear();
    this.tracesTable.clear();
    this.tracebacks = new TracebackTable();
    this.emptyTraceback = this.tracebacks.intern([[UNKNOWN_FILENAME, 0]], 1);
    this.lineSize = [];
    this.lineCount = [];
    this.lastFrames = null;
    this.lastRecord = null;
    this.traced_memory = 0;
    this.peak_traced_memory = 0;
  }
}

/**
 * An ObjectAllocator that reports every call to a Tracemalloc. Install it once, in place of the
 * heap's allocator, for the whole run: it costs one `tracing` check per call while tracing is off.
 */
export class TracingAllocator implements ObjectAllocator {
  constructor(
    readonly inner: ObjectAllocator,
    readonly tracer: Tracemalloc,
  ) {}

  malloc(size: number): number {
    const ptr = this.inner.malloc(size);
    this.tracer.onMalloc(ptr, size);
    return ptr;
  }

  realloc(address: number, newSize: number): number {
    const ptr2 = this.inner.realloc(address, newSize);
    this.tracer.onRealloc(address, ptr2, newSize);
    return ptr2;
  }

  free(address: number): number {
    const size = this.inner.free(address);
    if (size !== NOT_A_BLOCK) this.tracer.onFree(address);
    return size;
  }

  blockSize(address: number): number {
    return this.inner.blockSize(address);
  }

  get blockCount(): number {
    return this.inner.blockCount;
  }
}
