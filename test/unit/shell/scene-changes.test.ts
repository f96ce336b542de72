import { describe, expect, test } from "vitest";
import type { HeapSnapshot, ObjectView } from "../../../src-main/api/index";
import { changesBetween } from "../../../src-renderer/scene/changes";

function object(id: number, type: string, refcount: number, immortal = false): ObjectView {
  return { id, type, repr: "", refcount, immortal, size: 56, refs: [] };
}

function snapshot(objects: ObjectView[], truncated = false): HeapSnapshot {
  return { line: 1, finished: false, frames: [], objects, truncated, stdout: "", stderr: "", steps: 0 };
}

describe("changes between snapshots", () => {
  test("finds allocations, frees (where they were drawn), increfs and decrefs", () => {
    const before = snapshot([object(1, "list", 1), object(2, "list", 2), object(3, "int", 1), object(4, "str", 9, true)]);
    const after = snapshot([object(1, "list", 2), object(2, "list", 1), object(4, "str", 9, true), object(5, "dict", 1)]);
    const drawn = new Map([[3, { x: 10, y: 20 }]]);
    const changes = changesBetween(before, after, drawn);
    expect([...changes.added]).toEqual([5]);
    expect([...changes.increfs]).toEqual([1]);
    expect([...changes.decrefs]).toEqual([2]);
    expect(changes.freed).toEqual([{ id: 3, type: "int", x: 10, y: 20 }]);
  });

  test("a reused address with another type is a new object; a truncated snapshot frees nothing", () => {
    const changes = changesBetween(snapshot([object(1, "list", 1), object(2, "int", 1)]), snapshot([object(1, "tuple", 1)], true), new Map([[2, { x: 0, y: 0 }]]));
    expect([...changes.added]).toEqual([1]);
    expect(changes.freed).toEqual([]);
  });

  test("the first snapshot animates nothing", () => {
    const changes = changesBetween(null, snapshot([object(1, "list", 1)]), new Map());
    expect(changes.added.size + changes.increfs.size + changes.decrefs.size + changes.freed.length).toBe(0);
  });
});
