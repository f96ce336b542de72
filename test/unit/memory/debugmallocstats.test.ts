// sys._debugmallocstats() text: the model's formatting against CPython 3.13's own output
// (fixtures/debugmallocstats_cpython.txt, from fixtures/make_debugmallocstats_golden.py), and the
// model's figures against its own heap.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ARENA_SIZE, Pymalloc } from "../../../src-main/engine/heap/pymalloc";
import {
  debugAllocatorStatsLine,
  debugmallocstats,
  printone,
  pymalloc_print_stats,
} from "../../../src-main/engine/heap/pymalloc-stats";

const cpython = readFileSync(join(__dirname, "fixtures", "debugmallocstats_cpython.txt"), "utf8");
const cpythonLines = cpython.split("\n").slice(0, -1);
const TABLE_ROW = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)$/;
const FREELIST = /^\s*(\d+) (.+)s \* (\d+) bytes each =\s*[\d,]+$/;
const FIGURE = /^(.*?)\s*=\s*([\d,]+)$/;

/** A line with its numbers and padding abstracted away: same shape, same text. */
function shape(line: string): string {
  return line.replace(/[\d,]*\d/g, "N").replace(/ +/g, " ");
}

describe("formatting, re-derived from CPython's output", () => {
  it("printone() reproduces every 'msg = value' line", () => {
    const lines = cpythonLines.filter((l) => FIGURE.test(l) && !FREELIST.test(l));
    expect(lines.length).toBeGreaterThan(15);
    for (const line of lines) {
      const [, msg, value] = FIGURE.exec(line)!;
      expect(printone(msg!, Number(value!.replace(/,/g, "")))).toBe(line + "\n");
    }
  });

  it("_PyDebugAllocatorStats() reproduces the free-list lines", () => {
    const lines = cpythonLines.filter((l) => FREELIST.test(l));
    expect(lines.length).toBe(24);
    for (const line of lines) {
      const [, n, name, size] = FREELIST.exec(line)!;
      expect(debugAllocatorStatsLine(name!, Number(n), Number(size))).toBe(line + "\n");
    }
  });

  it("the model's report has CPython's lines, in CPython's order", () => {
    const heap = new Pymalloc();
    for (let i = 0; i < 5000; i++) heap.malloc(16 + (i % 500));
    const tuples = Array.from({ length: 20 }, (_, i) => i % 3);
    const ours = debugmallocstats(heap, { dicts: 1, dictKeys: 2, floats: 3, lists: 4, tuples })
      .split("\n")
      .slice(0, -1);
    const withoutRows = (lines: string[]): string[] => lines.filter((l) => !TABLE_ROW.test(l)).map(shape);
    expect(withoutRows(ours)).toEqual(withoutRows(cpythonLines));
    const rowShape = (l: string): string => l.replace(/\d+/g, (d) => "9".repeat(d.length));
    const cpythonRow = cpythonLines.find((l) => TABLE_ROW.test(l))!;
    expect(ours.filter((l) => TABLE_ROW.test(l)).every((l) => l.length === cpythonRow.length)).toBe(true);
    expect(rowShape(ours.find((l) => TABLE_ROW.test(l))!).length).toBe(rowShape(cpythonRow).length);
  });
});

describe("the model's figures", () => {
  function figures(text: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const line of text.split("\n")) {
      const m = FIGURE.exec(line);
      if (m) out.set(m[1]!, Number(m[2]!.replace(/,/g, "")));
    }
    return out;
  }

  it("accounts for every arena byte and counts blocks per class", () => {
    const heap = new Pymalloc();
    const blocks: number[] = [];
    for (let i = 0; i < 40000; i++) blocks.push(heap.malloc(24 + (i % 7) * 40));
    for (let i = 0; i < blocks.length; i += 3) heap.free(blocks[i]!);
    const text = pymalloc_print_stats(heap);
    const f = figures(text);
    const narenas = heap.narenas_currently_allocated;
    expect(f.get("# arenas allocated current")).toBe(narenas);
    expect(f.get("Total")).toBe(655360); // the last Total: arena map, one mid and one bot node
    const firstTotal = Number(/^Total\s*=\s*([\d,]+)$/m.exec(text)![1]!.replace(/,/g, ""));
    expect(firstTotal).toBe(narenas * ARENA_SIZE);
    let inUse = 0;
    for (const line of text.split("\n")) {
      const m = TABLE_ROW.exec(line);
      if (m) inUse += Number(m[4]);
    }
    expect(inUse).toBe(heap.getAllocatedBlocks());
    expect(f.get("# bytes lost to arena alignment")).toBe(
      heap.arenas.filter((a) => a.address !== 0 && a.address % 16384 !== 0).length * 16384,
    );
  });

  it("counts reclaimed arenas", () => {
    const heap = new Pymalloc();
    const blocks: number[] = [];
    for (let i = 0; i < 200000; i++) blocks.push(heap.malloc(32));
    for (const b of blocks) heap.free(b);
    const f = figures(pymalloc_print_stats(heap));
    expect(f.get("# arenas allocated total")).toBe(7);
    expect(f.get("# arenas highwater mark")).toBe(7);
    expect(f.get("# arenas reclaimed")).toBe(6);
    expect(f.get("# arenas allocated current")).toBe(1);
    expect(f.get("# bytes in allocated blocks")).toBe(0);
  });
});
