// tracemalloc for the Heapwise engine: CPython 3.13's _tracemalloc (tracer.ts) and the Python-level
// classes of Lib/tracemalloc.py (snapshot.ts, traceback.ts), as plain TypeScript over plain data.
//
// ## Where it is wired in (done)
//
// - heap/heap.ts: every Heap has `tracer` (the program's tracemalloc) wrapping pymalloc with a
//   TracingAllocator, an optional `lineTracer` (enableLineTracing(): the game's per-line bytes),
//   and reuseBlock() (free-list reuse -> traceRef on both tracers);
// - vm/tracemalloc-frames.ts: the traceback provider over the VM's frames (installed by Interp);
// - modules/tracemalloc.ts + tracemalloc_py.ts: the Python module (native half + Lib/tracemalloc.py
//   half run under tracemalloc.py's file name, so its own objects are attributed there);
// - modules/sys.ts: getallocatedblocks, _debugmallocstats; memory-view.ts: HeapSnapshot.memory,
//   lineBytes, tracemalloc and privateHeap for the game.
//
// ## How the VM hooks in
//
// 1. One Tracemalloc per interpreter, given a traceback provider:
//
//        const tracer = new Tracemalloc(() => vm.currentTracemallocFrames());
//
//    The provider returns the Python stack, most recent frame first, as [co_filename, lineno]
//    pairs (lineno < 0 becomes 0). It is only called while tracing is on, once per allocation, so
//    make it cheap: return the SAME array object while the stack and line are unchanged (the tracer
//    then reuses the interned traceback) and a new array when anything changes; never mutate one.
//    An empty array means "no Python frame" and gives CPython's ('<unknown>', 0) traceback.
//
// 2. Wrap the heap's allocator once, for the whole run, and give the wrapper to the object model:
//
//        const heap = new Pymalloc();                       // heap/pymalloc.ts
//        const allocator = new TracingAllocator(heap, tracer);
//
//    Every PyObject_Malloc/Realloc/Free the object model makes (GC pre-header included, item arrays
//    and dict keys as separate blocks, list growth as realloc) then goes through tracemalloc exactly
//    as in CPython: malloc adds a trace of the requested size, realloc replaces the old trace (the
//    traceback becomes the realloc's), free removes it; peak is updated after each change.
//
// 3. When an object is (re)initialised in a block that already exists (free-list reuse of a list,
//    dict, tuple or float; CPython's _Py_NewReference -> _PyTraceMalloc_TraceRef), call
//    tracer.traceRef(blockAddress) so get_object_traceback() and snapshots show the new line.
//    blockAddress is the malloc'd block: the object's address minus its pre-header (GC head 16,
//    plus 16 for managed dict/weakref instances).
//
// 4. The Python-level module maps onto this API:
//
//        tracemalloc.start(nframe=1)      tracer.start(nframe)              (TracemallocError -> ValueError)
//        tracemalloc.stop()               tracer.stop()
//        tracemalloc.is_tracing()         tracer.is_tracing()
//        tracemalloc.get_traced_memory()  tracer.get_traced_memory()        -> [current, peak]
//        tracemalloc.reset_peak()         tracer.reset_peak()
//        tracemalloc.clear_traces()       tracer.clear_traces()
//        tracemalloc.get_traceback_limit() tracer.get_traceback_limit()
//        tracemalloc.get_tracemalloc_memory() tracer.get_tracemalloc_memory()
//        tracemalloc.get_object_traceback(obj)  get_object_traceback(tracer, blockAddress) -> Traceback | null
//        tracemalloc.take_snapshot()      take_snapshot(tracer)             (RuntimeError when not tracing)
//        tracemalloc.Snapshot(traces, limit)     Snapshot.fromRaw(traces, limit)
//        snapshot.traces / len / [i]      snapshot.traceCount, snapshot.trace(i), snapshot.tracesRepr()
//        snapshot.filter_traces(filters) / .statistics(key, cumulative) / .compare_to(old, key, cumulative)
//        tracemalloc.Filter(...) / DomainFilter(...)  new Filter(...) / new DomainFilter(...)
//        Statistic, StatisticDiff, Trace, Traceback, Frame: .str() / .repr() give str() / repr();
//        Traceback.format(limit, most_recent_first, getline) takes a linecache.getline stand-in.
//
//    Errors are thrown as TracemallocError { pyType, message }: raise pyType(message) in Python.
//    Snapshot.dump/load (pickle) are not modelled.
//
// 5. Attribution inside tracemalloc itself: in CPython, objects that take_snapshot(), statistics()
//    etc. allocate are made by code in Lib/tracemalloc.py, so their traces' most recent frame is in
//    tracemalloc.py and Filter(True, __file__) drops them. When the VM implements these natively,
//    have the provider report a frame such as [".../lib/python3.13/tracemalloc.py", lineno] on top
//    of the stack while they allocate; otherwise those objects count against the caller's line.
//
// 6. For the game: tracer.get_traced_memory() is O(1) after any step; tracer.lineStats() and
//    tracer.lineStat(file, line) give the bytes/blocks traced now per most-recent frame, kept up to
//    date incrementally (equal to statistics('lineno') of an unfiltered snapshot).
import { Snapshot } from "./snapshot";
import { Traceback } from "./traceback";
import type { Tracemalloc } from "./tracer";

export { _format_size, formatFixed, pyStrRepr, TracemallocError } from "./format";
export { fnmatch } from "./fnmatch";
export { DomainFilter, Filter, Snapshot, Statistic, StatisticDiff, Trace, _normalize_filename } from "./snapshot";
export type { BaseFilter, KeyType } from "./snapshot";
export { Frame, MAX_NFRAME, Traceback, TracebackTable, UNKNOWN_FILENAME } from "./traceback";
export type { LineSource, RawFrame, TracebackRecord } from "./traceback";
export { DEFAULT_DOMAIN, Tracemalloc, TracingAllocator } from "./tracer";
export type { LineStat, TraceRow, TracebackProvider } from "./tracer";

/** tracemalloc.take_snapshot() */
export function take_snapshot(tracer: Tracemalloc): Snapshot {
  return Snapshot.take(tracer);
}

/** tracemalloc.get_object_traceback(obj), given the object's block address. */
export function get_object_traceback(tracer: Tracemalloc, blockAddress: number): Traceback | null {
  const record = tracer.getTracebackRecord(blockAddress);
  return record === null ? null : new Traceback(record.frames);
}
