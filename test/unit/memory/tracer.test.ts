// The tracing layer (tracemalloc/tracer.ts): traces, current and peak, tracebacks, per-line totals,
// following Python/tracemalloc.c.
import { describe, expect, it } from "vitest";
import { Pymalloc } from "../../../src-main/engine/heap/pymalloc";
import {
  get_object_traceback,
  take_snapshot,
  Tracemalloc,
  TracemallocError,
  TracingAllocator,
  type RawFrame,
} from "../../../src-main/engine/tracemalloc";

/** A fake VM stack: set `stack` (most recent first) before each allocation. */
function setup(nframe = 1) {
  const vm = { stack: [["main.py", 1]] as RawFrame[] };
  const tracer = new Tracemalloc(() => vm.stack);
  const heap = new Pymalloc();
  const alloc = new TracingAllocator(heap, tracer);
  tracer.start(nframe);
  const at = (lineno: number, ...outer: RawFrame[]): void => {
    vm.stack = [["main.py", lineno], ...outer];
  };
  return { vm, tracer, heap, alloc, at };
}

describe("traced memory", () => {
  it("traces requested sizes and keeps the peak", () => {
    const { tracer, alloc } = setup();
    const a = alloc.malloc(56);
    const b = alloc.malloc(1041);
    expect(tracer.get_traced_memory()).toEqual([1097, 1097]);
    alloc.free(b);
    expect(tracer.get_traced_memory()).toEqual([56, 1097]);
    tracer.reset_peak();
    expect(tracer.get_traced_memory()).toEqual([56, 56]);
    alloc.free(a);
    expect(tracer.get_traced_memory()).toEqual([0, 56]);
  });

  it("replaces the trace on realloc: in place adds the difference, a move never counts both", () => {
    const { tracer, alloc, heap } = setup();
    const list = alloc.malloc(88);
    const grown = alloc.realloc(list, 120); // 88 -> class 96: moves (120 > 96)
    expect(grown).not.toBe(list);
    expect(tracer.get_traced_memory()).toEqual([120, 120]);
    const same = alloc.realloc(grown, 128); // still class 128: in place
    expect(same).toBe(grown);
    expect(tracer.get_traced_memory()).toEqual([128, 128]);
    expect(tracer.traceCount).toBe(1);
    expect(heap.getAllocatedBlocks()).toBe(1);
  });

  it("ignores blocks allocated before tracing started", () => {
    const { tracer, alloc } = setup();
    tracer.stop();
    const old = alloc.malloc(100);
    tracer.start();
    alloc.free(old);
    expect(tracer.get_traced_memory()).toEqual([0, 0]);
    const again = alloc.malloc(100);
    const moved = alloc.realloc(again, 10);
    expect(tracer.get_traced_memory()).toEqual([10, 100]);
    alloc.free(moved);
  });

  it("clear_traces() and stop() forget everything; stop() reports (0, 0)", () => {
    const { tracer, alloc } = setup();
    const a = alloc.malloc(64);
    tracer.clear_traces();
    expect(tracer.get_traced_memory()).toEqual([0, 0]);
    alloc.free(a); // no trace: nothing changes
    expect(tracer.get_traced_memory()).toEqual([0, 0]);
    alloc.malloc(64);
    tracer.stop();
    expect(tracer.is_tracing()).toBe(false);
    expect(tracer.get_traced_memory()).toEqual([0, 0]);
    expect(() => take_snapshot(tracer)).toThrow(TracemallocError);
  });

  it("start() validates nframe and keeps the old limit while already tracing", () => {
    const { tracer } = setup(3);
    tracer.start(7);
    expect(tracer.get_traceback_limit()).toBe(3);
    tracer.stop();
    expect(tracer.get_traceback_limit()).toBe(3);
    expect(() => tracer.start(0)).toThrow("the number of frames must be in range [1; 65535]");
    expect(() => tracer.start(65536)).toThrow(TracemallocError);
  });
});

describe("tracebacks", () => {
  it("keeps at most nframe frames, most recent first, and counts them all", () => {
    const { tracer, alloc, at } = setup(2);
    at(5, ["main.py", 9], ["main.py", 12]);
    const p = alloc.malloc(32);
    const tb = get_object_traceback(tracer, p)!;
    expect(tb.repr()).toBe("<Traceback (<Frame filename='main.py' lineno=9>, <Frame filename='main.py' lineno=5>)>");
    expect(tracer.getTracebackRecord(p)!.total_nframe).toBe(3);
  });

  it("uses ('<unknown>', 0) when there is no Python frame", () => {
    const { tracer, alloc, vm } = setup();
    vm.stack = [];
    const p = alloc.malloc(16);
    expect(get_object_traceback(tracer, p)!.str()).toBe("<unknown>:0");
  });

  it("a realloc takes the realloc's traceback; traceRef() re-dates a reused block", () => {
    const { tracer, alloc, at } = setup();
    at(3);
    const p = alloc.malloc(56);
    at(4);
    const q = alloc.realloc(p, 60); // in place
    expect(get_object_traceback(tracer, q)!.str()).toBe("main.py:4");
    at(8);
    tracer.traceRef(q);
    expect(get_object_traceback(tracer, q)!.str()).toBe("main.py:8");
    expect(tracer.lineStat("main.py", 8)).toEqual({ size: 60, count: 1 });
    expect(tracer.lineStat("main.py", 4)).toEqual({ size: 0, count: 0 });
  });
});

describe("per-line figures", () => {
  it("equal statistics('lineno') of a snapshot after any sequence of calls", () => {
    const { tracer, alloc, at } = setup(3);
    const live: number[] = [];
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let step = 0; step < 5000; step++) {
      at(1 + rand(12), ["main.py", 40 + rand(3)]);
      const op = rand(10);
      if (op < 6 || live.length === 0) live.push(alloc.malloc(1 + rand(700)));
      else if (op < 8) {
        const i = rand(live.length);
        live[i] = alloc.realloc(live[i]!, 1 + rand(700));
      } else {
        const i = rand(live.length);
        alloc.free(live[i]!);
        live.splice(i, 1);
      }
    }
    const fromSnapshot = take_snapshot(tracer)
      .statistics("lineno")
      .map((s) => `${s.traceback.str()} ${s.size} ${s.count}`)
      .sort();
    const incremental = tracer
      .lineStats()
      .map((l) => `${l.filename}:${l.lineno} ${l.size} ${l.count}`)
      .sort();
    expect(incremental).toEqual(fromSnapshot);
    const [current] = tracer.get_traced_memory();
    expect(tracer.lineStats().reduce((sum, l) => sum + l.size, 0)).toBe(current);
    expect(take_snapshot(tracer).traceCount).toBe(live.length);
  });
});
