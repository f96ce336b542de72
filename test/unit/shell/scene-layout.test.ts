import { describe, expect, test } from "vitest";
import type { HeapSnapshot, ObjectView } from "../../../src-main/api/index";
import { layoutHeap, NAME_BOX, OBJECT_BOX, positionsOf, refcountBadgeText, refcountDescription } from "../../../src-renderer/scene/layout";

function object(id: number, type: string, repr: string, refcount: number, refs: ObjectView["refs"] = []): ObjectView {
  return { id, type, repr, refcount, immortal: false, size: 56, refs };
}

function snapshot(locals: { name: string; target: number }[], objects: ObjectView[]): HeapSnapshot {
  return {
    line: 5,
    finished: false,
    frames: [{ name: "<module>", line: 5, locals }],
    objects,
    truncated: false,
    stdout: "2\n",
    stderr: "",
    steps: 10,
  };
}

describe("the heap layout", () => {
  test("two names for one list: two arrows to the same box", () => {
    const list = object(100, "list", "[]", 2);
    const layout = layoutHeap(snapshot([{ name: "a", target: 100 }, { name: "b", target: 100 }], [list]));
    expect(layout.names.map((n) => n.name)).toEqual(["a", "b"]);
    expect(layout.objects).toHaveLength(1);
    const box = layout.objects[0]!;
    const nameArrows = layout.arrows.filter((a) => a.key.startsWith("name:"));
    expect(nameArrows).toHaveLength(2);
    for (const arrow of nameArrows) {
      expect(arrow.to).toEqual({ x: box.x, y: box.y + OBJECT_BOX.height / 2 });
      expect(arrow.from.x).toBe(layout.names[0]!.x + NAME_BOX.width);
    }
    // Names on the left, objects to their right.
    expect(box.x).toBeGreaterThan(layout.names[0]!.x + NAME_BOX.width);
  });

  test("objects referred to by objects go one column further, with labelled arrows", () => {
    const inner = object(2, "int", "7", 3);
    const outer = object(1, "list", "[7]", 1, [{ label: "[0]", target: 2 }]);
    const layout = layoutHeap(snapshot([{ name: "xs", target: 1 }], [outer, inner]));
    const [first, second] = [layout.objects.find((o) => o.view.id === 1)!, layout.objects.find((o) => o.view.id === 2)!];
    expect(second.x).toBeGreaterThan(first.x);
    expect(layout.arrows.find((a) => a.label === "[0]")).toBeDefined();
  });

  test("boxes in one column never overlap", () => {
    const objects = Array.from({ length: 6 }, (_, i) => object(i + 1, "list", `[${i}]`, 1));
    const locals = objects.map((o, i) => ({ name: `n${i}`, target: o.id }));
    const layout = layoutHeap(snapshot(locals, objects));
    const ys = layout.objects.map((o) => o.y).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(OBJECT_BOX.height);
  });

  test("modules are shown but not opened up", () => {
    const attr = object(3, "builtin_function_or_method", "<built-in function getrefcount>", 1);
    const sys = object(2, "module", "<module 'sys' (built-in)>", 5, [{ label: ".getrefcount", target: 3 }]);
    const layout = layoutHeap(snapshot([{ name: "sys", target: 2 }], [sys, attr]));
    expect(layout.objects.map((o) => o.view.id)).toEqual([2]);
    expect(layout.hidden).toBe(1);
  });

  test("the badge shows ob_refcnt, and the words say what getrefcount would print", () => {
    const list = object(1, "list", "[]", 1);
    expect(refcountBadgeText(list)).toBe("1");
    expect(refcountDescription(list)).toBe("refcount 1 (sys.getrefcount would show 2)");
    expect(refcountBadgeText({ ...list, immortal: true })).toBe("∞");
  });
});

describe("the layout from step to step", () => {
  test("an object that stays keeps its place when a name above it goes", () => {
    const list = object(100, "list", "[]", 1);
    const other = object(200, "dict", "{}", 1);
    const first = layoutHeap(snapshot([{ name: "d", target: 200 }, { name: "a", target: 100 }], [other, list]));
    const listBefore = first.objects.find((o) => o.view.id === 100)!;
    const second = layoutHeap(snapshot([{ name: "a", target: 100 }], [list]), positionsOf(first));
    const listAfter = second.objects.find((o) => o.view.id === 100)!;
    expect(listAfter.y).toBe(listBefore.y);
    // Without the previous positions it would move up to the first row.
    const fresh = layoutHeap(snapshot([{ name: "a", target: 100 }], [list]));
    expect(fresh.objects[0]!.y).toBeLessThan(listBefore.y);
  });
});
