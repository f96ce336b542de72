// The memory parts of a HeapSnapshot: the meter (current/peak), bytes per line of the player's
// file (the editor gutter), the program's own tracemalloc figures and, only when asked, pymalloc's
// arenas/pools/blocks. Everything here is O(lines) or O(pools), never O(objects).
import type { HeapSnapshot, LineBytes, PrivateHeapView } from "./facade-types";
import type { Heap } from "./heap/heap";
import { heapOccupancy } from "./heap/pymalloc-stats";

export type MemoryFields = Pick<HeapSnapshot, "memory" | "lineBytes" | "tracemalloc" | "privateHeap">;

export function memoryFields(heap: Heap, filename: string, privateHeap: boolean): MemoryFields {
  const fields: MemoryFields = {};
  const lines = heap.lineTracer;
  if (lines !== null) {
    const [current, peak] = lines.get_traced_memory();
    fields.memory = { current, peak };
    fields.lineBytes = lineBytes(heap, filename);
  } else {
    fields.memory = { current: heap.current, peak: heap.peak };
  }
  if (heap.tracer.is_tracing()) {
    const [current, peak] = heap.tracer.get_traced_memory();
    fields.tracemalloc = { current, peak };
  }
  if (privateHeap) fields.privateHeap = privateHeapView(heap);
  return fields;
}

/** Bytes and blocks allocated now by each line of `filename`, in line order. */
export function lineBytes(heap: Heap, filename: string): LineBytes[] {
  const tracer = heap.lineTracer;
  if (tracer === null) return [];
  const out: LineBytes[] = [];
  for (const stat of tracer.lineStats()) {
    if (stat.filename === filename) out.push({ line: stat.lineno, bytes: stat.size, blocks: stat.count });
  }
  return out.sort((a, b) => a.line - b.line);
}

export function privateHeapView(heap: Heap): PrivateHeapView | undefined {
  return heap.pymalloc === null ? undefined : heapOccupancy(heap.pymalloc);
}
