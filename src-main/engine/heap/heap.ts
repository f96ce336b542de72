// The heap of one interpreter: the allocator objects get memory from, CPython's free lists, the
// GC bookkeeping objects carry (tracked lists, count[0..2]), the deferred-dealloc queue and the
// memory limit. The engine runs one interpreter at a time on a thread; `heap` points at the
// interpreter currently executing (sessions switch it on entry), so objects never hold it.
import { NOT_A_BLOCK, type ObjectAllocator } from "./allocator";
import { Pymalloc } from "./pymalloc";
import { GCState } from "./gcstate";
import type { PyObject } from "../objects/object";
import { Tracemalloc, TracingAllocator, type TracebackProvider } from "../tracemalloc/tracer";
import type { RawFrame } from "../tracemalloc/traceback";

const NO_FRAMES: readonly RawFrame[] = [];

export type FreeListKind = "list" | "dict" | "float" | "tuple";

export class LimitExceeded extends Error {
  constructor(readonly limit: "steps" | "memory" | "output" | "time" | "cancelled", message: string) {
    super(message);
  }
}

export class Heap {
  /** What objects allocate through: the base allocator wrapped by the tracemalloc hook(s). */
  allocator: ObjectAllocator;
  /** The base allocator: pymalloc (arenas, pools, blocks) unless a test passes another one. */
  readonly base: ObjectAllocator;
  /** The base allocator when it is pymalloc, for sys._debugmallocstats and the occupancy view. */
  readonly pymalloc: Pymalloc | null;
  /** The program's tracemalloc (tracemalloc.start() etc.); traces nothing until started. */
  readonly tracer: Tracemalloc;
  /** The game's own tracer (per-line bytes for the gutter), when enableLineTracing() was called. */
  lineTracer: Tracemalloc | null = null;
  /** The Python stack for tracebacks, most recent frame first; the interpreter installs it. */
  tracebackProvider: TracebackProvider = () => NO_FRAMES;
  readonly gc = new GCState();
  /** Free lists of object addresses (CPython keeps the objects; we keep their blocks). */
  readonly freeLists = { list: [] as number[], dict: [] as number[], float: [] as number[], dictKeys: [] as number[] };
  readonly tupleFreeLists: number[][] = Array.from({ length: 21 }, () => []);
  /** sys.intern's table for this interpreter (3.13: the table's references are not counted). */
  readonly interned = new Map<string, PyObject>();
  /** Trashcan: objects whose dealloc was deferred to keep the JS stack shallow. */
  deallocDepth = 0;
  readonly pendingDealloc: PyObject[] = [];
  /** Bytes handed out now and at most (requested sizes), for the memory limit and reports. */
  current = 0;
  peak = 0;
  maxBytes = Infinity;
  /** Called on allocation events when the UI wants an event log. */
  onAlloc: ((address: number, size: number) => void) | null = null;
  onFree: ((address: number) => void) | null = null;

  constructor(allocator?: ObjectAllocator) {
    this.base = allocator ?? new Pymalloc();
    this.pymalloc = this.base instanceof Pymalloc ? this.base : null;
    this.tracer = new Tracemalloc((limit) => this.tracebackProvider(limit));
    this.allocator = new TracingAllocator(this.base, this.tracer);
  }

  /**
   * Trace every later allocation for the game (the editor gutter's bytes per line), independently
   * of the program's own tracemalloc. Call before the program allocates.
   */
  enableLineTracing(nframe = 1): Tracemalloc {
    if (this.lineTracer === null) {
      const lineTracer = new Tracemalloc((limit) => this.tracebackProvider(limit));
      lineTracer.start(nframe);
      this.lineTracer = lineTracer;
      this.allocator = new TracingAllocator(new TracingAllocator(this.base, lineTracer), this.tracer);
    }
    return this.lineTracer;
  }

  malloc(size: number): number {
    const next = this.current + size;
    if (next > this.maxBytes) {
      this.memoryLimitExceeded();
    }
    const address = this.allocator.malloc(size);
    this.current = next;
    if (next > this.peak) this.peak = next;
    if (this.onAlloc !== null) this.onAlloc(address, size);
    return address;
  }

  /**
   * Ends the run as malloc would if `size` more bytes were asked for now. For results whose size is
   * known before they are built (repeats, padding, bytes(n)): the JS string or array must not be
   * built first, since one that large takes the Node heap (or V8 itself) down.
   */
  ensureAvailable(size: number): void {
    if (this.current + size > this.maxBytes) this.memoryLimitExceeded();
  }

  private memoryLimitExceeded(): never {
    throw new LimitExceeded("memory", `the program used more than ${this.maxBytes} bytes of simulated heap (memory limit)`);
  }

  realloc(address: number, newSize: number): number {
    if (address === 0) return newSize === 0 ? 0 : this.malloc(newSize);
    const known = this.allocator.blockSize(address);
    const old = known === NOT_A_BLOCK ? 0 : known;
    if (newSize === 0) {
      this.free(address);
      return 0;
    }
    const next = this.current - old + newSize;
    if (next > this.maxBytes) {
      this.memoryLimitExceeded();
    }
    const moved = this.allocator.realloc(address, newSize);
    this.current = next;
    if (next > this.peak) this.peak = next;
    return moved;
  }

  /** Gives a block back; an address that is not a live block (0, freed already) is ignored. */
  free(address: number): void {
    // One lookup in the allocator both checks the block and tells its size.
    const size = this.allocator.free(address);
    if (size === NOT_A_BLOCK) return;
    this.current -= size;
    if (this.onFree !== null) this.onFree(address);
  }

  /**
   * A free-listed block is handed out again for a new object (_Py_NewReference): tracemalloc's
   * ref tracer re-attributes its trace to the current line, as CPython 3.13 does. Returns it.
   */
  reuseBlock(address: number): number {
    if (this.tracer.tracing) this.tracer.traceRef(address);
    if (this.lineTracer !== null) this.lineTracer.traceRef(address);
    return address;
  }

  /** The requested size of a live block, or null. */
  blockSize(address: number): number | null {
    const size = this.allocator.blockSize(address);
    return size === NOT_A_BLOCK ? null : size;
  }

  /** Number of live blocks the allocator has handed out. */
  get blockCount(): number {
    return this.allocator.blockCount;
  }

  /**
   * Fill the free lists as CPython 3.13's are when a script's first line runs (`python3 script.py`,
   * measured with sys._debugmallocstats()): start-up leaves freed lists, dicts, floats and tuples
   * behind, so a script's first objects of those types are not new allocations (tracemalloc and
   * gc.get_count() see that). The blocks come from the allocator like any object's, untraced.
   */
  seedStartupFreeLists(): void {
    const take = (size: number): number => this.malloc(size);
    for (let i = 0; i < STARTUP_FREELISTS.list; i++) this.freeLists.list.push(take(GC_HEAD + 40));
    for (let i = 0; i < STARTUP_FREELISTS.dict; i++) this.freeLists.dict.push(take(GC_HEAD + 48));
    for (let i = 0; i < STARTUP_FREELISTS.float; i++) this.freeLists.float.push(take(24));
    // 8-slot str-keyed keys objects: 32 + 8 + 5 * 16 bytes.
    for (let i = 0; i < STARTUP_FREELISTS.dictKeys; i++) this.freeLists.dictKeys.push(take(120));
    STARTUP_FREELISTS.tuples.forEach((count, i) => {
      const n = i + 1;
      for (let k = 0; k < count; k++) this.tupleFreeLists[n]!.push(take(GC_HEAD + 24 + 8 * n));
    });
  }

  /** Empty every free list (a full collection does this in 3.13). */
  clearFreeLists(): void {
    const { list: lists, dict, float, dictKeys } = this.freeLists;
    for (const list of [lists, dict, float, dictKeys, ...this.tupleFreeLists]) {
      for (const address of list) this.free(address);
      list.length = 0;
    }
  }
}

const GC_HEAD = 16;
/** Free-list lengths at a script's first line (CPython 3.13.0, 64-bit Linux); tuples by length 1..20. */
const STARTUP_FREELISTS = {
  list: 10,
  dict: 12,
  float: 5,
  dictKeys: 5,
  tuples: [5, 8, 4, 1, 0, 2, 5, 2, 3, 5, 2, 8, 2, 1, 1, 2, 2, 2, 1, 0],
};

export let heap: Heap = new Heap();

export function setCurrentHeap(h: Heap): void {
  heap = h;
}
