// Where things go in the heap scene: pure data in, positions out (no Pixi, no DOM), so it can be
// unit-tested and so the accessible heap list and the canvas describe the same objects.
//
// Columns for the walking skeleton: the frames' names on the left, then the objects they refer to,
// then what those refer to, up to MAX_DEPTH columns. Modules are shown but not expanded (a module's
// namespace is large and not what a level is about).

import type { HeapSnapshot, ObjectView } from "../../src-main/api/index";

export const NAME_BOX = { width: 90, height: 34 };
export const OBJECT_BOX = { width: 190, height: 50 };
const MARGIN = 24;
const COLUMN_GAP = 90;
const ROW_GAP = 22;
const FRAME_GAP = 30;
const MAX_DEPTH = 3;
const MAX_PER_COLUMN = 12;

export interface PlacedName {
  key: string;
  frame: string;
  name: string;
  target: number;
  x: number;
  y: number;
}

export interface PlacedObject {
  view: ObjectView;
  x: number;
  y: number;
  depth: number;
}

export interface Arrow {
  key: string;
  /** Start point, on the edge of a name or object box. */
  from: { x: number; y: number };
  /** End point, on the edge of the target object where the arrowhead goes. */
  to: { x: number; y: number };
  /**
   * "right": into the target's left edge (the usual case, one column further on);
   * "loop": out of the right edge and back into the right edge of a box in the same column;
   * "left": from the source's left edge back into the right edge of a box in an earlier column.
   */
  route: "right" | "loop" | "left";
  /** The reference's label when it comes from an object ("[0]", ".x"); empty for names. */
  label: string;
  /** References every instance holds to its class: drawn faintly, they would crowd the picture. */
  faint: boolean;
  /** The object the reference starts at (null for a name). */
  source: number | null;
  target: number;
  /** Part of a reference cycle among the objects shown. */
  cyclic: boolean;
}

/** Where each object was drawn, for the next layout's `previous`. */
export function positionsOf(layout: HeapLayout): Map<number, { x: number; y: number }> {
  return new Map(layout.objects.map((o) => [o.view.id, { x: o.x, y: o.y }] as const));
}

export interface HeapLayout {
  names: PlacedName[];
  objects: PlacedObject[];
  arrows: Arrow[];
  /** Objects the snapshot has that the layout left out (deeper than MAX_DEPTH, or too many). */
  hidden: number;
  width: number;
  height: number;
}

/** Objects a learner follows into; modules and types are shown as boxes but not opened up. */
function isExpandable(view: ObjectView): boolean {
  return view.type !== "module" && view.type !== "type" && view.type !== "builtin_function_or_method";
}

/**
 * `previous` (the last layout's object positions) keeps the picture steady from one step to the
 * next: an object that stays in its column keeps its height unless that would overlap another.
 */
/** Containers with more references than this are drawn collapsed (a summary) until expanded. */
export const COLLAPSE_AT = 8;

const CONTAINERS = new Set(["list", "tuple", "dict", "set", "frozenset"]);

/** Whether a container is drawn as its summary only (its elements are not followed). */
export function isCollapsed(view: ObjectView, expanded: ReadonlySet<number>): boolean {
  return CONTAINERS.has(view.type) && (view.summary?.count ?? view.refs.length) > COLLAPSE_AT && !expanded.has(view.id);
}

export function layoutHeap(
  snapshot: HeapSnapshot,
  previous?: ReadonlyMap<number, { x: number; y: number }>,
  expanded: ReadonlySet<number> = new Set(),
): HeapLayout {
  const byId = new Map(snapshot.objects.map((view) => [view.id, view] as const));
  const names: PlacedName[] = [];
  let y = MARGIN;
  snapshot.frames.forEach((frame, frameIndex) => {
    for (const local of frame.locals) {
      names.push({ key: `${frameIndex}:${local.name}`, frame: frame.name, name: local.name, target: local.target, x: MARGIN, y });
      y += NAME_BOX.height + ROW_GAP;
    }
    y += FRAME_GAP - ROW_GAP;
  });

  // Breadth-first from the names: each object goes in the column of its shortest path.
  const depthOf = new Map<number, number>();
  const columns: number[][] = [];
  let frontier = unique(names.map((n) => n.target)).filter((id) => byId.has(id));
  let hidden = 0;
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const column: number[] = [];
    for (const id of frontier) {
      if (depthOf.has(id)) continue;
      if (column.length >= MAX_PER_COLUMN) continue;
      depthOf.set(id, depth);
      column.push(id);
    }
    columns.push(column);
    const next: number[] = [];
    for (const id of column) {
      const view = byId.get(id)!;
      if (!isExpandable(view) || isCollapsed(view, expanded)) continue;
      for (const ref of view.refs) if (byId.has(ref.target) && !depthOf.has(ref.target)) next.push(ref.target);
    }
    frontier = unique(next);
  }
  hidden = snapshot.objects.length - depthOf.size;

  const objects: PlacedObject[] = [];
  const position = new Map<number, { x: number; y: number }>();
  columns.forEach((column, depth) => {
    const x = MARGIN + NAME_BOX.width + COLUMN_GAP + depth * (OBJECT_BOX.width + COLUMN_GAP);
    column.forEach((id, row) => {
      // Line the first column up with the first name that refers to each object, when it can.
      const firstName = depth === 0 ? names.find((n) => n.target === id) : undefined;
      const stacked = MARGIN + row * (OBJECT_BOX.height + ROW_GAP);
      const before = previous?.get(id);
      const aligned = Math.max(stacked, firstName ? firstName.y - (OBJECT_BOX.height - NAME_BOX.height) / 2 : stacked);
      const yPos = before && before.x === x ? before.y : aligned;
      const view = byId.get(id)!;
      objects.push({ view, x, y: yPos, depth });
      position.set(id, { x, y: yPos });
    });
  });
  settleOverlaps(objects, position);

  const arrows: Arrow[] = [];
  for (const n of names) {
    const target = position.get(n.target);
    if (!target) continue;
    arrows.push({
      key: `name:${n.key}`,
      from: { x: n.x + NAME_BOX.width, y: n.y + NAME_BOX.height / 2 },
      to: { x: target.x, y: target.y + OBJECT_BOX.height / 2 },
      route: "right",
      label: "",
      faint: false,
      source: null,
      target: n.target,
      cyclic: false,
    });
  }
  for (const placed of objects) {
    if (!isExpandable(placed.view) || isCollapsed(placed.view, expanded)) continue;
    const shown = placed.view.refs.filter((ref) => position.has(ref.target));
    shown.forEach((ref, index) => {
      const target = position.get(ref.target)!;
      const route = target.x > placed.x ? "right" : target.x === placed.x ? "loop" : "left";
      // Each reference leaves from its own point along the edge, so their arrows can be told apart;
      // loops come back in low on the right edge, below the references going out.
      const fromY = placed.y + (OBJECT_BOX.height * (index + 1)) / (shown.length + 1);
      const toY = target.y + (route === "loop" ? OBJECT_BOX.height * 0.85 : OBJECT_BOX.height / 2);
      arrows.push({
        key: `ref:${placed.view.id}:${index}`,
        from: { x: route === "left" ? placed.x : placed.x + OBJECT_BOX.width, y: fromY },
        to: { x: route === "right" ? target.x : target.x + OBJECT_BOX.width, y: toY },
        route,
        label: ref.label,
        faint: ref.label === "__class__",
        source: placed.view.id,
        target: ref.target,
        cyclic: false,
      });
    });
  }

  markCycles(arrows);
  const width = Math.max(MARGIN * 2 + NAME_BOX.width, ...objects.map((o) => o.x + OBJECT_BOX.width + MARGIN));
  const height = Math.max(y, ...objects.map((o) => o.y + OBJECT_BOX.height + MARGIN));
  return { names, objects, arrows, hidden, width, height };
}

/** Pushes boxes in the same column down until none overlap, keeping their order. */
function settleOverlaps(objects: PlacedObject[], position: Map<number, { x: number; y: number }>): void {
  const byColumn = new Map<number, PlacedObject[]>();
  for (const o of objects) byColumn.set(o.depth, [...(byColumn.get(o.depth) ?? []), o]);
  for (const column of byColumn.values()) {
    column.sort((a, b) => a.y - b.y);
    for (let i = 1; i < column.length; i++) {
      const above = column[i - 1]!;
      const here = column[i]!;
      const minY = above.y + OBJECT_BOX.height + ROW_GAP;
      if (here.y < minY) {
        here.y = minY;
        position.set(here.view.id, { x: here.x, y: here.y });
      }
    }
  }
}

/**
 * Marks the references that lie on a cycle: an arrow a -> b is cyclic when a can be reached from b
 * again (both ends in one strongly connected component, found with Tarjan's algorithm).
 */
function markCycles(arrows: Arrow[]): void {
  const edges = new Map<number, number[]>();
  for (const a of arrows) {
    if (a.source === null || a.faint) continue;
    edges.set(a.source, [...(edges.get(a.source) ?? []), a.target]);
  }
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const component = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  let counter = 0;
  const strongConnect = (v: number): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      for (;;) {
        const w = stack.pop()!;
        onStack.delete(w);
        component.set(w, v);
        if (w === v) break;
      }
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) strongConnect(v);
  for (const a of arrows) {
    if (a.source === null || a.faint) continue;
    a.cyclic = a.source === a.target || (component.has(a.target) && component.get(a.source) === component.get(a.target));
  }
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

/** The badge's text: the object's reference count as CPython stores it (ob_refcnt). */
export function refcountBadgeText(view: ObjectView): string {
  return view.immortal ? "∞" : String(view.refcount);
}

/** The same fact in words, for the accessible heap list and the badge's tooltip. */
export function refcountDescription(view: ObjectView): string {
  if (view.immortal) return "immortal (its reference count never changes)";
  return `refcount ${view.refcount} (sys.getrefcount would show ${view.refcount + 1})`;
}
