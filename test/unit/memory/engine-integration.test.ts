// The engine running on pymalloc + tracemalloc: ids come from pymalloc blocks, the program's
// tracemalloc module sees the VM's lines, and sessions report the memory meter, bytes per line and
// (only when asked) the private heap.
import { describe, expect, it } from "vitest";
import { EngineSession, runSource } from "../../../src-main/engine/index";
import { ARENA_SIZE, POOL_SIZE } from "../../../src-main/engine/heap/pymalloc";

function out(source: string): string[] {
  const r = runSource(source, { filename: "t.py" });
  expect(r.stderr).toBe("");
  return r.stdout.trim().split("\n");
}

describe("pymalloc as the engine's allocator", () => {
  it("gives small objects addresses inside 16 KiB pools of 1 MiB arenas, 16-byte aligned", () => {
    const [a, b] = out("x = object()\ny = object()\nprint(id(x))\nprint(id(y))").map(Number);
    expect(a % 16).toBe(0);
    expect(Math.floor(a / POOL_SIZE)).toBe(Math.floor(b / POOL_SIZE));
    expect(Math.abs(a - b)).toBeLessThan(ARENA_SIZE);
  });

  it("reuses a freed block for the next object of its size class", () => {
    expect(out('n = int("5")\ns = "a" * (n * 20)\ni = id(s)\ndel s\nt = "b" * (n * 20)\nprint(id(t) == i)')).toEqual(["True"]);
  });

  it("sys.getallocatedblocks counts blocks as they are allocated and freed", () => {
    const [grew, back] = out(
      "import sys, gc\ngc.collect()\na = sys.getallocatedblocks()\nx = [str(i) * 3 for i in range(1000, 1100)]\nb = sys.getallocatedblocks()\ndel x\nc = sys.getallocatedblocks()\nprint(b - a)\nprint(c - a)",
    ).map(Number);
    expect(grew).toBeGreaterThanOrEqual(102); // 100 strings, the list, its item array
    expect(back).toBeLessThan(grew - 90);
  });

  it("sys._debugmallocstats writes pymalloc's table to stderr", () => {
    const r = runSource("import sys\nsys._debugmallocstats()\n", { filename: "t.py" });
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Small block threshold = 512, in 32 size classes\./);
    expect(r.stderr).toMatch(/free 1-sized PyTupleObjects \* 32 bytes each/);
  });
});

describe("the tracemalloc module over the VM", () => {
  it("attributes allocations to the lines that made them, most recent frame first", () => {
    const lines = out(
      [
        "import tracemalloc",
        "tracemalloc.start(3)",
        "def inner():",
        '    return "ab" * int("500")',
        "def outer():",
        "    return inner()",
        "x = outer()",
        "tb = tracemalloc.get_object_traceback(x)",
        "print([f.lineno for f in tb])",
        "s = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(True, __file__)])",
        "st = s.statistics('lineno')[0]",
        "print(st.traceback[0].lineno, st.size, st.count)",
        "print(tracemalloc.get_traceback_limit(), tracemalloc.is_tracing())",
      ].join("\n"),
    );
    // CPython 3.13 prints the same for this program.
    expect(lines).toEqual(["[7, 6, 4]", "4 1041 1", "3 True"]);
  });

  it("raises what CPython raises", () => {
    const r = runSource("import tracemalloc\ntracemalloc.take_snapshot()\n", { filename: "t.py" });
    expect(r.error?.type).toBe("RuntimeError");
    expect(r.error?.message).toBe("the tracemalloc module must be tracing memory allocations to take a snapshot");
    const v = runSource("import tracemalloc\ntracemalloc.start(0)\n", { filename: "t.py" });
    expect(v.error?.type).toBe("ValueError");
  });
});

describe("EngineSession memory views", () => {
  const source = "a = [0] * 100\nb = 'x' * int('300')\ndel a\nc = 1\n";

  it("reports the memory meter and bytes per line of the player's file", () => {
    const s = new EngineSession(source, { filename: "main.py" });
    let snap = s.stepLine();
    while (snap.line !== 3) snap = s.stepLine();
    // Line 1: the list objects come from the free list CPython's start-up leaves (untraced); only
    // the 100-item array is new. Line 2: the 300-character str (341) and the globals' keys table,
    // which grows from 16 to 32 slots when `b` is the 11th name (400).
    expect(snap.lineBytes).toEqual([
      { line: 1, bytes: 800, blocks: 1 },
      { line: 2, bytes: 341 + 400, blocks: 2 },
    ]);
    expect(snap.memory?.current).toBe(800 + 741);
    snap = s.stepLine();
    expect(snap.lineBytes).toEqual([{ line: 2, bytes: 741, blocks: 2 }]);
    expect(snap.memory).toEqual({ current: 741, peak: 800 + 741 });
    expect(snap.privateHeap).toBeUndefined();
  });

  it("builds the private heap view only when asked", () => {
    const s = new EngineSession(source, { filename: "main.py" });
    s.stepLine();
    const view = s.snapshot({ privateHeap: true }).privateHeap!;
    expect(view.arenas.length).toBeGreaterThan(0);
    const pools = view.arenas.flatMap((a) => a.pools);
    expect(pools.some((p) => p.blockSize === 64 && p.usedBlocks > 0)).toBe(true); // the list object
    expect(view.allocatedBlocks).toBe(pools.reduce((n, p) => n + p.usedBlocks, 0) + view.rawBlocks);
  });

  it("shows the program's own tracemalloc figures while it traces", () => {
    const s = new EngineSession("import tracemalloc\ntracemalloc.start()\nx = [0] * 10\ny = 1\n", { filename: "main.py" });
    let snap = s.stepLine();
    while (snap.line !== 4) snap = s.stepLine();
    // The 10-item array and the globals' keys table growing to 32 slots; CPython 3.13 prints the
    // same (480, 480) for this program.
    expect(snap.tracemalloc).toEqual({ current: 80 + 400, peak: 80 + 400 });
  });
});
