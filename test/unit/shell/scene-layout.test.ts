import { describe, expect, test } from "vitest";
import type { HeapSnapshot, ObjectView } from "../../../src-main/api/index";
import { labelSize, layoutHeap, NAME_BOX, OBJECT_BOX, positionsOf, refcountBadgeText, refcountDescription, shownHeap } from "../../../src-renderer/scene/layout";

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

/** Ten names, each referring to a list of four ints: fifty objects. */
function fiftyObjects(): { locals: { name: string; target: number }[]; objects: ObjectView[] } {
  const objects: ObjectView[] = [];
  const locals: { name: string; target: number }[] = [];
  for (let i = 0; i < 10; i++) {
    const items = [0, 1, 2, 3].map((k) => 1000 + i * 10 + k);
    for (const id of items) objects.push(object(id, "int", String(id), 1));
    objects.push(object(100 + i, "list", `[${i}, ...]`, 1, items.map((target, k) => ({ label: `[${k}]`, target }))));
    locals.push({ name: `n${i}`, target: 100 + i });
  }
  return { locals, objects };
}

function overlapping(layout: ReturnType<typeof layoutHeap>): string[] {
  const boxes = [
    ...layout.names.map((n) => ({ what: `name ${n.name}`, x: n.x, y: n.y, ...NAME_BOX })),
    ...layout.objects.map((o) => ({ what: `object ${o.view.id}`, x: o.x, y: o.y, ...OBJECT_BOX })),
  ];
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i]!, boxes[j]!];
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) found.push(`${a.what} / ${b.what}`);
    }
  }
  return found;
}

describe("the force-directed placement", () => {
  test("is deterministic: the same snapshot gives the same positions", () => {
    const { locals, objects } = fiftyObjects();
    const first = layoutHeap(snapshot(locals, objects));
    const second = layoutHeap(snapshot(locals, objects));
    expect(second.objects.map((o) => [o.view.id, o.x, o.y])).toEqual(first.objects.map((o) => [o.view.id, o.x, o.y]));
    expect(second.arrows).toEqual(first.arrows);
    // And so do the same previous positions.
    const again = layoutHeap(snapshot(locals, objects), positionsOf(first));
    expect(positionsOf(again)).toEqual(positionsOf(first));
  });

  test("no two boxes overlap on a 50-object heap (and the caps count what is left out)", () => {
    const { locals, objects } = fiftyObjects();
    const layout = layoutHeap(snapshot(locals, objects));
    expect(layout.objects.length).toBeGreaterThan(12);
    expect(layout.objects.length + layout.hidden).toBe(50);
    expect(overlapping(layout)).toEqual([]);
    for (const o of layout.objects) {
      expect(o.x).toBeGreaterThanOrEqual(layout.names[0]!.x + NAME_BOX.width);
      expect(o.y).toBeGreaterThanOrEqual(0);
      expect(o.x + OBJECT_BOX.width).toBeLessThanOrEqual(layout.width);
      expect(o.y + OBJECT_BOX.height).toBeLessThanOrEqual(layout.height);
    }
  });

  test("nothing overlaps while a heap grows step by step, each step laid out from the last", () => {
    const { locals, objects } = fiftyObjects();
    let previous: ReturnType<typeof positionsOf> | undefined;
    for (let i = 1; i <= 10; i++) {
      const shown = objects.filter((o) => (o.id >= 1000 ? Math.floor((o.id - 1000) / 10) : o.id - 100) < i);
      const layout = layoutHeap(snapshot(locals.slice(0, i), shown), previous);
      expect(overlapping(layout), `step ${i}`).toEqual([]);
      previous = positionsOf(layout);
    }
  });

  test("is steady: a new object moves none of the objects already drawn", () => {
    const { locals, objects } = fiftyObjects();
    const before = layoutHeap(snapshot(locals.slice(0, 2), objects));
    expect(before.objects).toHaveLength(10);
    // One more object, referred to by the first list (so it lands among the ones drawn).
    const extra = object(5000, "str", "'new'", 1);
    const grown = objects.map((o) => (o.id === 100 ? { ...o, refs: [...o.refs, { label: "[4]", target: 5000 }] } : o));
    const after = layoutHeap(snapshot(locals.slice(0, 2), [...grown, extra]), positionsOf(before));
    for (const old of before.objects) {
      const now = after.objects.find((o) => o.view.id === old.view.id)!;
      expect(Math.hypot(now.x - old.x, now.y - old.y), `object ${old.view.id}`).toBeLessThanOrEqual(3);
    }
    expect(after.objects.some((o) => o.view.id === 5000)).toBe(true);
    expect(overlapping(after)).toEqual([]);
    // Laid out afresh, the same snapshot does move things: the steadiness comes from `previous`.
    const fresh = layoutHeap(snapshot(locals.slice(0, 2), [...grown, extra]));
    const moved = before.objects.filter((old) => {
      const now = fresh.objects.find((o) => o.view.id === old.view.id)!;
      return now.x !== old.x || now.y !== old.y;
    });
    expect(moved.length).toBeGreaterThan(0);
  });

  test("an address reused by an object of another type is placed afresh", () => {
    const first = layoutHeap(snapshot([{ name: "a", target: 1 }], [object(1, "list", "[]", 1)]));
    const moved = new Map([[1, { x: first.objects[0]!.x, y: 500, type: "list" }]]);
    expect(layoutHeap(snapshot([{ name: "a", target: 1 }], [object(1, "list", "[]", 1)]), moved).objects[0]).toMatchObject({ x: first.objects[0]!.x, y: 500 });
    const reused = layoutHeap(snapshot([{ name: "a", target: 1 }], [object(1, "dict", "{}", 1)]), moved).objects[0]!;
    expect({ x: reused.x, y: reused.y }).toEqual({ x: first.objects[0]!.x, y: first.objects[0]!.y });
  });

  test("a cycle is marked cyclic, and the arrows out of it are not", () => {
    const a = object(1, "Node", "<Node a>", 2, [{ label: ".ref", target: 2 }, { label: ".value", target: 3 }]);
    const b = object(2, "Node", "<Node b>", 2, [{ label: ".ref", target: 1 }]);
    const value = object(3, "int", "7", 1);
    const layout = layoutHeap(snapshot([{ name: "a", target: 1 }, { name: "b", target: 2 }], [a, b, value]));
    const arrow = (label: string, source: number) => layout.arrows.find((x) => x.label === label && x.source === source)!;
    expect(arrow(".ref", 1).cyclic).toBe(true);
    expect(arrow(".ref", 2).cyclic).toBe(true);
    expect(arrow(".value", 1).cyclic).toBe(false);
    expect(layout.arrows.filter((x) => x.source === null).every((x) => !x.cyclic)).toBe(true);
    // Both Nodes hang off names (one column), so their arrows to each other loop round the right edges.
    expect(arrow(".ref", 1).route).toBe("loop");
    expect(arrow(".value", 1).route).toBe("right");
    const self = layoutHeap(snapshot([{ name: "x", target: 9 }], [object(9, "list", "[[...]]", 2, [{ label: "[0]", target: 9 }])]));
    expect(self.arrows.find((x) => x.label === "[0]")).toMatchObject({ cyclic: true, route: "loop" });
  });

  test("objects go left to right by depth, and routes follow where the boxes are", () => {
    // root -> a -> b -> c, and b refers back to the root: depths 0, 1, 2, and c is past the
    // three columns shown (hidden).
    const root = object(1, "dict", "{...}", 2, [{ label: "['a']", target: 2 }]);
    const a = object(2, "list", "[...]", 1, [{ label: "[0]", target: 3 }]);
    const b = object(3, "list", "[...]", 1, [{ label: "[0]", target: 1 }, { label: "[1]", target: 4 }]);
    const c = object(4, "int", "5", 1);
    const layout = layoutHeap(snapshot([{ name: "root", target: 1 }], [root, a, b, c]));
    const at = (id: number) => layout.objects.find((o) => o.view.id === id)!;
    expect(at(1).depth).toBe(0);
    expect(at(2).depth).toBe(1);
    expect(at(3).depth).toBe(2);
    expect(layout.hidden).toBe(1);
    expect(at(1).x + OBJECT_BOX.width).toBeLessThan(at(2).x);
    expect(at(2).x + OBJECT_BOX.width).toBeLessThan(at(3).x);
    const arrow = (source: number, label: string) => layout.arrows.find((x) => x.source === source && x.label === label)!;
    expect(arrow(1, "['a']")).toMatchObject({ route: "right", from: { x: at(1).x + OBJECT_BOX.width }, to: { x: at(2).x } });
    // The reference back to the root goes left: out of b's left edge, into the root's right edge.
    expect(arrow(3, "[0]")).toMatchObject({ route: "left", from: { x: at(3).x }, to: { x: at(1).x + OBJECT_BOX.width } });
    expect(arrow(3, "[0]").cyclic).toBe(true);
    // A 50-object heap keeps the order too: every depth-1 box lies right of every depth-0 box.
    const { locals, objects } = fiftyObjects();
    const big = layoutHeap(snapshot(locals, objects));
    const rightmost0 = Math.max(...big.objects.filter((o) => o.depth === 0).map((o) => o.x + OBJECT_BOX.width));
    const leftmost1 = Math.min(...big.objects.filter((o) => o.depth === 1).map((o) => o.x));
    expect(leftmost1).toBeGreaterThan(rightmost0);
  });

  test("an object's references leave its edge in the order of their targets' heights", () => {
    const { locals, objects } = fiftyObjects();
    const layout = layoutHeap(snapshot(locals, objects));
    for (const placed of layout.objects) {
      const out = layout.arrows.filter((a) => a.source === placed.view.id);
      const byStart = [...out].sort((a, b) => a.from.y - b.from.y).map((a) => a.to.y);
      expect(byStart).toEqual([...byStart].sort((a, b) => a - b));
    }
  });

  test("a name's object lines up with the name when there is room", () => {
    const layout = layoutHeap(snapshot([{ name: "a", target: 1 }, { name: "b", target: 2 }, { name: "c", target: 3 }], [1, 2, 3].map((id) => object(id, "list", "[]", 1))));
    const c = layout.objects.find((o) => o.view.id === 3)!;
    const name = layout.names[2]!;
    // Names are closer together than boxes, so the third box sits a little lower than its name.
    expect(Math.abs(c.y + OBJECT_BOX.height / 2 - (name.y + NAME_BOX.height / 2))).toBeLessThan(OBJECT_BOX.height);
  });
});

test("a tuple's items go top to bottom in index order, though its snapshot lists them last first (tp_traverse's order)", () => {
  const pair = object(4, "tuple", "(2, 3)", 1, [{ label: "[1]", target: 6 }, { label: "[0]", target: 5 }]);
  const layout = layoutHeap(snapshot([{ name: "t", target: 4 }], [pair, object(5, "int", "2", 1), object(6, "int", "3", 1)]));
  const y = (id: number) => layout.objects.find((o) => o.view.id === id)!.y;
  expect(y(5)).toBeLessThan(y(6));
  // Each arrow still leaves from its own point, and they do not cross.
  const [first, second] = [layout.arrows.find((a) => a.label === "[0]")!, layout.arrows.find((a) => a.label === "[1]")!];
  expect(first.from.y).toBeLessThan(second.from.y);
});

test("an object whose depth changes moves to its new column, keeping its height where there is room", () => {
  // During Node.__init__, the string is its parameter `name` (depth 0); afterwards only self.name keeps it (depth 1).
  const text = object(9, "str", "'a'", 2);
  const node = object(1, "Node", "<Node object>", 2, [{ label: ".name", target: 9 }]);
  const during: HeapSnapshot = {
    ...snapshot([{ name: "other", target: 7 }], [object(7, "list", "[]", 1), node, text]),
    frames: [
      { name: "<module>", line: 5, locals: [{ name: "other", target: 7 }] },
      { name: "__init__", line: 3, locals: [{ name: "self", target: 1 }, { name: "name", target: 9 }] },
    ],
  };
  const first = layoutHeap(during);
  const at = (layout: ReturnType<typeof layoutHeap>, id: number) => layout.objects.find((o) => o.view.id === id)!;
  expect(at(first, 9).depth).toBe(0);
  const after = layoutHeap(snapshot([{ name: "other", target: 7 }, { name: "a", target: 1 }], [object(7, "list", "[]", 1), node, text]), positionsOf(first));
  expect(at(after, 9).depth).toBe(1);
  expect(at(after, 9).x).toBeGreaterThan(at(after, 1).x + OBJECT_BOX.width);
  expect(at(after, 9).y).toBe(at(first, 9).y);
  // The objects whose column did not change stay put.
  expect({ x: at(after, 1).x, y: at(after, 1).y }).toEqual({ x: at(first, 1).x, y: at(first, 1).y });
  expect(layoutHeap(snapshot([], []), positionsOf(after)).objects).toEqual([]);
  expect(after.arrows.find((a) => a.label === ".name")!.route).toBe("right");
});

test("the accessible list's selection (no placing) is the layout's: same names, same objects in the same order, same hidden count", () => {
  const { locals, objects } = fiftyObjects();
  for (const expanded of [new Set<number>(), new Set([100])]) {
    const layout = layoutHeap(snapshot(locals, objects), undefined, expanded);
    const shown = shownHeap(snapshot(locals, objects), expanded);
    expect(shown.names).toEqual(layout.names);
    expect(shown.objects.map((o) => [o.view.id, o.depth])).toEqual(layout.objects.map((o) => [o.view.id, o.depth]));
    expect(shown.hidden).toBe(layout.hidden);
  }
});

describe("references within one column (loops)", () => {
  // The e2e test's heap (screenshot 22): a <-> b, a list holding a, another list and itself, a
  // tuple holding a and the list; every one of them has a name, so all share the first column.
  function crowdedColumn() {
    const type = object(1, "type", "<class 'Node'>", 4);
    const a = object(2, "Node", "<Node a>", 4, [{ label: ".name", target: 7 }, { label: ".ref", target: 3 }, { label: "__class__", target: 1 }]);
    const b = object(3, "Node", "<Node b>", 3, [{ label: ".name", target: 8 }, { label: ".ref", target: 2 }, { label: "__class__", target: 1 }]);
    const xs = object(4, "list", "[...]", 3, [{ label: "[0]", target: 2 }, { label: "[1]", target: 6 }, { label: "[2]", target: 9 }, { label: "[3]", target: 4 }]);
    const pair = object(5, "tuple", "(...)", 1, [{ label: "[1]", target: 4 }, { label: "[0]", target: 2 }]);
    const inner = object(6, "list", "[...]", 1, [{ label: "[0]", target: 3 }]);
    const strings = [7, 8, 9].map((id) => object(id, "str", `'${id}'`, 1));
    const locals = [{ name: "Node", target: 1 }, { name: "a", target: 2 }, { name: "b", target: 3 }, { name: "xs", target: 4 }, { name: "pair", target: 5 }];
    return layoutHeap(snapshot(locals, [type, a, b, xs, pair, inner, ...strings]));
  }

  test("every loop of a column has its own lane: loops whose stretches overlap never share one, and all stay in the gap", () => {
    const layout = crowdedColumn();
    const at = (id: number) => layout.objects.find((o) => o.view.id === id)!;
    expect(new Set([1, 2, 3, 4, 5].map((id) => at(id).x)).size).toBe(1);
    const loops = layout.arrows.filter((a) => a.route === "loop" && a.source !== a.target);
    expect(loops.map((a) => a.label).sort()).toEqual([".ref", ".ref", "[0]", "[0]", "[1]", "__class__", "__class__"]);
    const stretch = (a: (typeof loops)[number]) => {
      const ys = [at(a.source!).y, at(a.target).y];
      return { top: Math.min(...ys), bottom: Math.max(...ys) };
    };
    for (const [i, one] of loops.entries()) {
      for (const other of loops.slice(i + 1)) {
        const [s, t] = [stretch(one), stretch(other)];
        if (s.top < t.bottom && t.top < s.bottom) expect(one.lane, `${one.key} and ${other.key}`).not.toBe(other.lane);
      }
    }
    // The two halves of the a <-> b cycle have the same ends, and still two lanes.
    const refs = loops.filter((a) => a.label === ".ref");
    expect(refs[0]!.laneX).not.toBe(refs[1]!.laneX);
    // A loop round a shorter one goes outside it.
    const around = loops.find((a) => a.source === 5 && a.label === "[0]")!;
    expect(around.laneX).toBeGreaterThan(Math.max(...refs.map((a) => a.laneX!)));
    const right = at(1).x + OBJECT_BOX.width;
    for (const loop of loops) {
      expect(loop.laneX).toBeGreaterThan(right);
      expect(loop.laneX).toBeLessThan(right + 90 - 10);
    }
  });

  test("no two arrows touch a box's edge at the same point", () => {
    const layout = crowdedColumn();
    for (const placed of layout.objects) {
      const right = placed.x + OBJECT_BOX.width;
      const ends = layout.arrows.flatMap((a) => [
        ...(a.source === placed.view.id && a.from.x === right ? [a.from.y] : []),
        ...(a.target === placed.view.id && a.to.x === right ? [a.to.y] : []),
      ]);
      expect(new Set(ends).size, `object ${placed.view.id}`).toBe(ends.length);
      for (const y of ends) expect(y > placed.y && y < placed.y + OBJECT_BOX.height).toBe(true);
    }
  });

  test("a self-reference is a tight loop of its own, inside the column's other loops", () => {
    const layout = crowdedColumn();
    const self = layout.arrows.find((a) => a.source === 4 && a.target === 4)!;
    expect(self).toMatchObject({ route: "loop", lane: -1, cyclic: true });
    const others = layout.arrows.filter((a) => a.route === "loop" && a !== self);
    expect(self.laneX!).toBeLessThan(Math.min(...others.map((a) => a.laneX!)));
    expect(Math.abs(self.to.y - self.from.y)).toBeLessThan(OBJECT_BOX.height);
  });

  test("labels do not sit on one another", () => {
    const layout = crowdedColumn();
    const boxes = layout.arrows
      .filter((a) => a.labelAt)
      .map((a) => ({ key: a.key, ...labelSize(a.label), x: a.labelAt!.x - labelSize(a.label).width / 2, y: a.labelAt!.y - labelSize(a.label).height / 2 }));
    expect(boxes.length).toBeGreaterThanOrEqual(9);
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.key} and ${b.key}`).toBe(true);
      }
    }
    // Faint references to the class have no label; names' arrows neither.
    expect(layout.arrows.filter((a) => a.faint || a.source === null).every((a) => a.labelAt === null)).toBe(true);
  });
});
