// The engine's public contract: what the worker, the level checker, the runner CLI and the
// renderer (through main) may rely on. Pure types, no runtime code, so every runtime can import it.
// The engine facade (./index.ts) implements it.

/** Limits a run is held to. Each one, when reached, ends the run with a clear error naming it. */
export interface RunLimits {
  /** Bytecode instructions executed. */
  maxSteps?: number;
  /** Simulated heap bytes (what the engine's allocator has handed out). */
  maxMemoryBytes?: number;
  /** Characters written to stdout + stderr. */
  maxOutputBytes?: number;
  /** Python recursion limit (sys.getrecursionlimit()); CPython's default is 1000. */
  recursionLimit?: number;
  /**
   * Nested frames the engine keeps, whatever sys.setrecursionlimit says (each costs real memory
   * the simulated heap does not count); past it the run ends with the memory limit. Off when absent.
   */
  maxStackDepth?: number;
  /** Wall-clock milliseconds. The only non-deterministic limit; off when absent. */
  timeoutMs?: number;
}

export interface RunOptions extends RunLimits {
  /** The script's file name as Python sees it (__file__, tracebacks). Default "main.py". */
  filename?: string;
  /**
   * EngineSession only: trace the program's allocations per source line from its first line (the
   * editor gutter's bytes, HeapSnapshot.lineBytes; the memory meter then shows traced bytes).
   * Independent of the program's own tracemalloc. Default true for sessions.
   */
  traceLines?: boolean;
  /** EngineSession only: include HeapSnapshot.privateHeap (arenas/pools/blocks) in every snapshot. */
  privateHeap?: boolean;
}

/** Per-call choices for EngineSession.snapshot(). */
export interface SnapshotRequest {
  /** Include the pymalloc occupancy view (HeapSnapshot.privateHeap). */
  privateHeap?: boolean;
}

/** Bytes still allocated by one line of the player's file (the most recent frame of each block). */
export interface LineBytes {
  line: number;
  bytes: number;
  blocks: number;
}

/** pymalloc's private heap: arenas -> pools -> blocks (Objects/obmalloc.c's structures). */
export interface PrivateHeapView {
  arenas: {
    /** Position in the arena_object vector. */
    index: number;
    address: number;
    ntotalpools: number;
    nfreepools: number;
    /** Pools never carved from this arena yet. */
    untouchedPools: number;
    /** Position in usable_arenas (0 = the arena the next new pool comes from); null when full. */
    usableRank: number | null;
    pools: {
      address: number;
      /** used: some blocks allocated; full: no free block; empty: back on its arena's free list. */
      state: "used" | "full" | "empty";
      /** Size class index (block size = 16 * (szidx + 1)); null when empty. */
      szidx: number | null;
      blockSize: number;
      usedBlocks: number;
      freeBlocks: number;
      /** Blocks never handed out yet. */
      virginBlocks: number;
    }[];
  }[];
  /** Blocks from the C allocator (requests over 512 bytes). */
  rawBlocks: number;
  arenasAllocatedTotal: number;
  arenasHighwater: number;
  /** sys.getallocatedblocks() */
  allocatedBlocks: number;
}

/** Which limit stopped a run, if any. */
export type LimitName = "steps" | "memory" | "output" | "time" | "cancelled";

export interface PythonErrorInfo {
  /** The exception type name, e.g. "NameError", "SyntaxError". */
  type: string;
  /** str(exception). */
  message: string;
  /** 1-based line in the player's file where it was raised, when known. */
  line?: number;
  /** Set when the error is a limit the engine enforced rather than a Python exception. */
  limit?: LimitName;
}

/** The outcome of running a program to its end (or to an error or limit). */
export interface RunResult {
  stdout: string;
  /** Tracebacks in CPython's format, limit messages. */
  stderr: string;
  /** 0 on normal exit, 1 on an uncaught exception or a limit, as python3 would. */
  exitCode: number;
  error?: PythonErrorInfo;
  /** Instructions executed. */
  steps: number;
  /** tracemalloc-style figures for the whole run (bytes), when the engine tracks them. */
  memory?: { current: number; peak: number };
}

/** One reference out of an object, labelled the way a learner reads it. */
export interface RefView {
  /** "[0]", ".name", "['key']", "key", "cell", "__class__", "gi_frame" ... */
  label: string;
  /** Target object id (ObjectView.id). */
  target: number;
}

export interface ObjectView {
  /** Stable identity for the object's lifetime: the value id() returns. */
  id: number;
  /** type(obj).__name__ */
  type: string;
  /** A short repr or summary, at most ~40 characters. */
  repr: string;
  /** What sys.getrefcount would report minus its own argument (i.e. the real ob_refcnt); immortal objects report 4294967295 - 1 no: see `immortal`. */
  refcount: number;
  immortal: boolean;
  /** sys.getsizeof(obj). */
  size: number;
  /** Outgoing references. Large containers list only the first `refs` entries and set `summary`. */
  refs: RefView[];
  /** Present when refs were truncated: total element count and the element type when uniform. */
  summary?: { count: number; elementType?: string };
  /** Cyclic-GC view; absent for types the collector never tracks. */
  gc?: { tracked: boolean; generation: 0 | 1 | 2 | "permanent" | null };
}

export interface FrameView {
  /** The code object's name: "<module>", "f", "<genexpr>" ... */
  name: string;
  /** Current line in this frame. */
  line: number;
  /** Local names bound in this frame (module frames: the globals the player made). */
  locals: { name: string; target: number }[];
}

export interface HeapSnapshot {
  /** Line about to run in the innermost frame, or null when finished. */
  line: number | null;
  finished: boolean;
  /** Outermost first. */
  frames: FrameView[];
  /** Every object reachable from the frames (and from live generators), up to a cap. */
  objects: ObjectView[];
  /** True when objects were capped. */
  truncated: boolean;
  stdout: string;
  stderr: string;
  steps: number;
  error?: PythonErrorInfo;
  /**
   * The memory meter (bytes, requested sizes as tracemalloc counts them): with traceLines, what
   * the program allocated since its first line (current and peak); otherwise the whole heap's.
   */
  memory?: { current: number; peak: number };
  /** With traceLines: bytes still allocated per line of the player's file, by line number. */
  lineBytes?: LineBytes[];
  /** The program's own tracemalloc figures, while it is tracing (tracemalloc.start()). */
  tracemalloc?: { current: number; peak: number };
  /** Only when asked (RunOptions.privateHeap or snapshot({ privateHeap: true })). */
  privateHeap?: PrivateHeapView;
  /**
   * With EngineSession.recordEvents(true): what changed since the previous step's snapshot
   * (net per step; see src-main/engine/events.ts for what a diff can and cannot show).
   */
  events?: EngineEvent[];
}

/** Compact event log entries for animation. */
export type EngineEvent =
  | { kind: "alloc"; id: number; type: string; size: number }
  | { kind: "free"; id: number }
  | { kind: "incref"; id: number; refcount: number }
  | { kind: "decref"; id: number; refcount: number }
  | { kind: "bind"; frame: number; name: string; id: number }
  | { kind: "unbind"; frame: number; name: string }
  | { kind: "line"; line: number };
