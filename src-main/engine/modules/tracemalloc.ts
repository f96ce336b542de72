// tracemalloc (interim): traces the allocator's blocks between start() and stop() and reports
// (current, peak). The full module (snapshots, statistics) comes from src-main/engine/tracemalloc/.
import { newInt, False, True } from "../objects/int";
import { newTuple } from "../objects/tuple";
import { None } from "../objects/singletons";
import { PyModule } from "../objects/module";
import { nativeModule } from "./util";
import { interp } from "../vm/interp";
import type { ObjectAllocator } from "../heap/allocator";

class TracingAllocator implements ObjectAllocator {
  readonly traces = new Map<number, number>();
  current = 0;
  peak = 0;
  constructor(readonly inner: ObjectAllocator) {}
  malloc(size: number): number {
    const a = this.inner.malloc(size);
    this.traces.set(a, size);
    this.current += size;
    if (this.current > this.peak) this.peak = this.current;
    return a;
  }
  realloc(address: number, newSize: number): number {
    const old = this.traces.get(address);
    const a = this.inner.realloc(address, newSize);
    if (old !== undefined) {
      this.traces.delete(address);
      this.current -= old;
    }
    this.traces.set(a, newSize);
    this.current += newSize;
    if (this.current > this.peak) this.peak = this.current;
    return a;
  }
  free(address: number): void {
    const old = this.traces.get(address);
    if (old !== undefined) {
      this.traces.delete(address);
      this.current -= old;
    }
    this.inner.free(address);
  }
}

export function makeTracemallocModule(): PyModule {
  const tracer = (): TracingAllocator | null => (interp.heap.allocator instanceof TracingAllocator ? interp.heap.allocator : null);
  return nativeModule("tracemalloc", {
    start() {
      if (!tracer()) interp.heap.allocator = new TracingAllocator(interp.heap.allocator);
      return None;
    },
    stop() {
      const t = tracer();
      if (t) interp.heap.allocator = t.inner;
      return None;
    },
    is_tracing() {
      return tracer() ? True : False;
    },
    get_traced_memory() {
      const t = tracer();
      return newTuple([newInt(t ? t.current : 0), newInt(t ? t.peak : 0)]);
    },
    reset_peak() {
      const t = tracer();
      if (t) t.peak = t.current;
      return None;
    },
    clear_traces() {
      const t = tracer();
      if (t) {
        t.traces.clear();
        t.current = t.peak = 0;
      }
      return None;
    },
  });
}
