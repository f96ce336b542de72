// The tracemalloc module. As in CPython it has two halves:
// - the native one (Modules/_tracemalloc.c): start/stop/is_tracing/get_traced_memory/reset_peak/
//   clear_traces/get_traceback_limit/get_tracemalloc_memory/_get_object_traceback, over the
//   interpreter's Tracemalloc (heap.tracer, fed by the allocator hook in heap/heap.ts), plus the
//   snapshot work (_snapshot_*), done natively by tracemalloc/snapshot.ts so millions of traces
//   never become Python objects;
// - the Python one (tracemalloc_py.ts: Snapshot, Statistic, StatisticDiff, Traceback, Frame,
//   Filter, DomainFilter, take_snapshot...), run at import under tracemalloc.py's file name, so the
//   objects it makes are attributed to tracemalloc.py and Filter(True, __file__) leaves them out,
//   exactly as with CPython's Lib/tracemalloc.py.
import { allocObject, builtinType, decref, PyObject } from "../objects/object";
import { newInt, False, True, PyInt } from "../objects/int";
import { newTuple, PyTuple } from "../objects/tuple";
import { newList, PyList } from "../objects/list";
import { newStr, PyStr } from "../objects/str";
import { PyFloat } from "../objects/float";
import { None } from "../objects/singletons";
import { allExceptionTypes, raise } from "../objects/exceptions";
import type { PyModule } from "../objects/module";
import { heap } from "../heap/heap";
import { interp } from "../vm/interp";
import { typeError } from "../vm/errors";
import { compileAndRun } from "../vm/run";
import { nativeModule } from "./util";
import {
  _format_size,
  DomainFilter,
  Filter,
  Snapshot,
  TracemallocError,
  type BaseFilter,
  type RawFrame,
  type Statistic,
  type StatisticDiff,
} from "../tracemalloc/index";
import { TRACEMALLOC_PY, TRACEMALLOC_PY_FILENAME } from "./tracemalloc_py";

/** The native Snapshot data a Python-level Snapshot holds in `_data`. */
const snapshotDataType = builtinType({ name: "_SnapshotData", module: "tracemalloc" });

class PySnapshotData extends PyObject {
  constructor(
    readonly snapshot: Snapshot,
    /** Stands for the Python list of trace tuples CPython's snapshot holds (_Traces._traces). */
    private readonly tracesList: PyList,
  ) {
    super(snapshotDataType);
  }
  override dealloc(): void {
    heap.free(this.addr);
    decref(this.tracesList);
  }
}

/**
 * CPython's _get_traces() and filter_traces() start by making a list (PyList_New: usually a
 * free-list object, which the ref tracer re-attributes to tracemalloc.py) and the Snapshot keeps
 * it. The list is made before the traces are read, as there. Its items are not modelled.
 */
function wrapSnapshot(make: () => Snapshot): PySnapshotData {
  const list = newList([]);
  let snapshot: Snapshot;
  try {
    snapshot = guarded(make);
  } catch (e) {
    decref(list);
    throw e;
  }
  const o = new PySnapshotData(snapshot, list);
  allocObject(o, 24, false);
  return o;
}

function snapshotOf(o: PyObject): Snapshot {
  if (!(o instanceof PySnapshotData)) typeError("expected snapshot data");
  return o.snapshot;
}

/** Runs tracemalloc/ code, turning its TracemallocError into the Python exception it names. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TracemallocError) raise(allExceptionTypes().get(e.pyType)!, e.message);
    if (e instanceof RangeError && /index out of range/.test(e.message)) raise(allExceptionTypes().get("IndexError")!, e.message);
    throw e;
  }
}

function intArg(o: PyObject | undefined, name: string): number {
  if (!(o instanceof PyInt)) typeError(`'${o?.type.name ?? "NoneType"}' object cannot be interpreted as an integer (${name})`);
  return Number(o.value);
}

function strArg(o: PyObject | undefined): string {
  if (!(o instanceof PyStr)) typeError(`expected str, got ${o?.type.name ?? "nothing"}`);
  return o.value;
}

function truthy(o: PyObject | undefined): boolean {
  if (o === undefined || o === None || o === False) return false;
  if (o instanceof PyInt) return o.value !== 0 && o.value !== 0n;
  return true;
}

/** Frames (most recent first) as a tuple of (filename, lineno) tuples, as _tracemalloc returns. */
function framesToPy(frames: readonly RawFrame[]): PyTuple {
  return newTuple(frames.map(([filename, lineno]) => newTuple([newStr(filename), newInt(lineno)])));
}

function framesFromPy(o: PyObject): RawFrame[] {
  if (!(o instanceof PyTuple) && !(o instanceof PyList)) typeError("frames must be a tuple");
  return o.items.map((f): RawFrame => {
    if (!(f instanceof PyTuple) || f.items.length !== 2) typeError("a frame must be a (filename: str, lineno: int) tuple");
    return [strArg(f.items[0]), intArg(f.items[1], "lineno")];
  });
}

function statisticsToPy(stats: readonly Statistic[]): PyList {
  // Statistic tracebacks hold their frames oldest first; _tracemalloc order is most recent first.
  return newList(stats.map((s) => newTuple([framesToPy(s.traceback.frames.slice().reverse()), newInt(s.size), newInt(s.count)])));
}

function diffsToPy(diffs: readonly StatisticDiff[]): PyList {
  return newList(
    diffs.map((d) =>
      newTuple([
        framesToPy(d.traceback.frames.slice().reverse()),
        newInt(d.size),
        newInt(d.size_diff),
        newInt(d.count),
        newInt(d.count_diff),
      ]),
    ),
  );
}

/** Filter specs from the Python half: (is_filter, inclusive, pattern, lineno, all_frames, domain). */
function filtersFromPy(o: PyObject): BaseFilter[] {
  if (!(o instanceof PyList)) typeError("filters must be a list");
  return o.items.map((spec) => {
    const [isFilter, inclusive, pattern, lineno, allFrames, domain] = (spec as PyTuple).items;
    if (!truthy(isFilter)) return new DomainFilter(truthy(inclusive), intArg(domain, "domain"));
    return new Filter(
      truthy(inclusive),
      strArg(pattern),
      lineno === None ? null : intArg(lineno, "lineno"),
      truthy(allFrames),
      domain === None ? null : intArg(domain, "domain"),
    );
  });
}

function getline(filename: string, lineno: number): string {
  const lines = interp.sources.get(filename);
  return lines?.[lineno - 1] ?? "";
}

export function makeTracemallocModule(): PyModule {
  const tracer = () => heap.tracer;
  const m = nativeModule("tracemalloc", {
    _SnapshotData: snapshotDataType,
    start(_s, args) {
      const nframe = args.length > 0 ? intArg(args[0], "nframe") : 1;
      guarded(() => tracer().start(nframe));
      return None;
    },
    stop() {
      tracer().stop();
      return None;
    },
    is_tracing() {
      return tracer().is_tracing() ? True : False;
    },
    get_traced_memory() {
      const [current, peak] = tracer().get_traced_memory();
      return newTuple([newInt(current), newInt(peak)]);
    },
    reset_peak() {
      tracer().reset_peak();
      return None;
    },
    clear_traces() {
      tracer().clear_traces();
      return None;
    },
    get_traceback_limit() {
      return newInt(tracer().get_traceback_limit());
    },
    get_tracemalloc_memory() {
      return newInt(tracer().get_tracemalloc_memory());
    },
    _get_object_traceback(_s, args) {
      const o = args[0];
      if (o === undefined) typeError("_get_object_traceback() takes exactly one argument (0 given)");
      const record = tracer().getTracebackRecord(o.addr);
      return record === null ? None : framesToPy(record.frames);
    },
    _format_size(_s, args) {
      const size = args[0] instanceof PyFloat ? args[0].value : intArg(args[0], "size");
      return newStr(_format_size(size, truthy(args[1])));
    },
    _getline(_s, args) {
      return newStr(getline(strArg(args[0]), intArg(args[1], "lineno")));
    },
    _snapshot_take() {
      return wrapSnapshot(() => Snapshot.take(tracer()));
    },
    _snapshot_from_traces(_s, args) {
      const traces = args[0];
      if (!(traces instanceof PyList) && !(traces instanceof PyTuple)) typeError("traces must be a list");
      const rows = traces.items.map((t) => {
        const [domain, size, frames, total] = (t as PyTuple).items;
        return [intArg(domain, "domain"), intArg(size, "size"), framesFromPy(frames), total === None || total === undefined ? null : intArg(total, "total_nframe")] as const;
      });
      const limit = intArg(args[1], "traceback_limit");
      return wrapSnapshot(() => Snapshot.fromRaw(rows, limit));
    },
    _snapshot_limit(_s, args) {
      return newInt(snapshotOf(args[0]).traceback_limit);
    },
    _snapshot_len(_s, args) {
      return newInt(snapshotOf(args[0]).traceCount);
    },
    _snapshot_trace(_s, args) {
      const trace = guarded(() => snapshotOf(args[0]).trace(intArg(args[1], "index")));
      const [domain, size, frames, total] = trace.raw;
      return newTuple([newInt(domain), newInt(size), framesToPy(frames), total === null ? None : newInt(total)]);
    },
    _snapshot_filter(_s, args) {
      const filters = filtersFromPy(args[1]);
      const source = snapshotOf(args[0]);
      return wrapSnapshot(() => source.filter_traces(filters));
    },
    _snapshot_statistics(_s, args) {
      const key = strArg(args[1]);
      return statisticsToPy(guarded(() => snapshotOf(args[0]).statistics(key, truthy(args[2]))));
    },
    _snapshot_compare(_s, args) {
      const key = strArg(args[2]);
      return diffsToPy(guarded(() => snapshotOf(args[0]).compare_to(snapshotOf(args[1]), key, truthy(args[3]))));
    },
  });
  decref(compileAndRun(TRACEMALLOC_PY, TRACEMALLOC_PY_FILENAME, "exec", m.dict, m.dict));
  return m;
}
