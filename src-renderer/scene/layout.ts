// Where things go in the heap scene: pure data in, positions out (no Pixi, no DOM), so it can be
// unit-tested and so the accessible heap list and the canvas describe the same objects.
//
// The design:
// - Which objects are shown: breadth-first from the frames' names, up to MAX_DEPTH steps and
//   MAX_PER_DEPTH objects per step. An object's depth is the length of its shortest path from a name.
//   Modules, types and builtins are shown but not followed, and large containers are collapsed to a
//   summary until the player opens them (COLLAPSE_AT). What is left out is counted in `hidden`; the
//   caps keep a 10,000-object heap as cheap to lay out and draw as a small one.
// - Names (the frames' boxes) are fixed in a column on the left.
// - Objects are placed by a d3-force simulation (a well-kept library, not a solver of our own).
//   Each object's x is held (d3's fx) at the column of its depth, so the picture reads left to
//   right; the simulation finds the heights: forceY pulls an object towards the name that refers to
//   it (deeper objects: towards their breadth-first parent, siblings spread around it in reference
//   order), forceLink keeps referring objects level with each other, forceCollide keeps boxes apart.
//   (x was first left free with a strong forceX towards the column, but forceCollide is not scaled
//   by alpha while forceX is: a crowded column buckled into two lanes half a column apart, and its
//   arrows turned into loops. Held columns read better.) The boxes are wide and flat, and
//   forceCollide only knows circles, so the simulation runs in a space squeezed horizontally (x
//   times SQUEEZE_X): there a box with the room it needs around it is a square, one circle stands
//   for it, and neighbouring columns are just out of each other's reach.
// - The simulation runs synchronously for a fixed number of ticks (`.stop()`, then `.tick(TICKS)`):
//   no timers, and deterministic: d3-force's only randomness (the jiggle that separates coincident
//   nodes) comes from its `randomSource`, set here to a fixed-seed generator (d3-force 3 already
//   seeds its own per simulation; setting it says so and does not depend on that), and the nodes are
//   built in breadth-first order, so the same snapshot always gives the same picture.
// - Steadiness: objects in `previous` (the last layout's positions, see positionsOf) are pinned
//   there (d3's fx/fy); only new objects move, pushed around the pinned ones. When nothing is new
//   the simulation is skipped: a redraw of the same snapshot (resize, pan) costs next to nothing.
//   One exception: an object whose depth changed (a string first seen through a function's
//   parameter, kept afterwards by an object's attribute) moves to its new column, at its old height
//   where there is room. Pinned in its old column, it left arrows looping within one column, back
//   and forth, and the picture no longer read left to right.
// - forceCollide is soft (boxes may still touch after a fixed number of ticks, and pinned boxes do
//   not give way), and its circles are only an approximation of the boxes, so a final pass
//   (separateBoxes) guarantees what the picture needs: no two boxes overlap (with room for the badge
//   and arrows between them), and no object sits on the names' column. It places the pinned boxes
//   first (they never overlap one another: they come from a layout that had none) and moves a new
//   box only as far up or down as it must.
// - Arrows are routed from the actual positions: "right" when the target lies wholly to the right
//   of the source, "left" when wholly to its left, "loop" (out of the right edge and back into the
//   target's right edge) when they share a column (or for a self-reference). An object's references
//   leave its edge in the order of their targets' heights, so its arrows do not cross each other.

import { forceCollide, forceLink, forceSimulation, forceY, type SimulationNodeDatum } from "d3-force";
import type { HeapSnapshot, ObjectView } from "../../src-main/api/index";

export const NAME_BOX = { width: 90, height: 34 };
export const OBJECT_BOX = { width: 190, height: 50 };
const MARGIN = 24;
const COLUMN_GAP = 90;
const ROW_GAP = 22;
const FRAME_GAP = 30;
const MAX_DEPTH = 3;
/** At most this many objects of one depth are shown (the others are counted in `hidden`). */
const MAX_PER_DEPTH = 12;
/** From one depth's column to the next, and from one row to the next (box and gap). */
const COLUMN_PITCH = OBJECT_BOX.width + COLUMN_GAP;
const ROW_PITCH = OBJECT_BOX.height + ROW_GAP;
/** The least room kept between two boxes by the final pass (the badge sticks out above and right). */
const MIN_GAP_X = 40;
const MIN_GAP_Y = 16;
/**
 * The simulation's squeeze of x: a box with the room around it (OBJECT_BOX.width + MIN_GAP_X by
 * ROW_PITCH) becomes a square, so one collision circle (diameter ROW_PITCH) stands for it. Columns
 * are a little further apart than that, so boxes in neighbouring columns do not push each other.
 */
const SQUEEZE_X = ROW_PITCH / (OBJECT_BOX.width + MIN_GAP_X);
/** The left edge of the first object column; no object goes further left (the names are there). */
const FIRST_COLUMN_X = MARGIN + NAME_BOX.width + COLUMN_GAP;
const TICKS = 160;
/** The forces' strengths (d3's scale: forceY's pull per tick, times alpha; forceCollide's share of an overlap undone). */
const Y_STRENGTH = 0.1;
const LINK_STRENGTH = 0.05;
const COLLIDE_STRENGTH = 0.7;

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
  /** Breadth-first distance from the names (0: a name refers to it). */
  depth: number;
}

export interface Arrow {
  key: string;
  /** Start point, on the edge of a name or object box. */
  from: { x: number; y: number };
  /** End point, on the edge of the target object where the arrowhead goes. */
  to: { x: number; y: number };
  /**
   * Chosen from where the boxes are:
   * "right": from the source's right edge into the target's left edge (the target lies to the right);
   * "loop": out of the right edge and back into the right edge of a box above or below (the two
   * share a column), or of the same box;
   * "left": from the source's left edge back into the right edge of a box further left.
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

/** Where an object was drawn; the type tells a reused address (a new object) from the same object. */
export interface PreviousPosition {
  x: number;
  y: number;
  type?: string;
}

/** Where each object was drawn, for the next layout's `previous`. */
export function positionsOf(layout: HeapLayout): Map<number, PreviousPosition> {
  return new Map(layout.objects.map((o) => [o.view.id, { x: o.x, y: o.y, type: o.view.type }] as const));
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

/** Containers with more references than this are drawn collapsed (a summary) until expanded. */
export const COLLAPSE_AT = 8;

const CONTAINERS = new Set(["list", "tuple", "dict", "set", "frozenset"]);

/** Whether a container is drawn as its summary only (its elements are not followed). */
export function isCollapsed(view: ObjectView, expanded: ReadonlySet<number>): boolean {
  return CONTAINERS.has(view.type) && (view.summary?.count ?? view.refs.length) > COLLAPSE_AT && !expanded.has(view.id);
}

/** One object in the simulation: x and y are its box's centre in the squeezed space. */
interface Node extends SimulationNodeDatum {
  id: number;
  depth: number;
  /** Its depth's column, and where forceY pulls it (box centre, squeezed space). */
  targetX: number;
  targetY: number;
  pinned: boolean;
}

/** The names, and the objects shown breadth-first from them (see the header), in that order. */
function selectObjects(snapshot: HeapSnapshot, expanded: ReadonlySet<number>) {
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

  // Breadth-first from the names: each object's depth is its shortest path; `parent` is the object
  // it was first reached from (none for depth 0).
  const depthOf = new Map<number, number>();
  const parentOf = new Map<number, number>();
  const order: number[] = [];
  let frontier = unique(names.map((n) => n.target)).filter((id) => byId.has(id));
  for (let depth = 0; depth < MAX_DEPTH && frontier.length > 0; depth++) {
    const level: number[] = [];
    for (const id of frontier) {
      if (depthOf.has(id) || level.length >= MAX_PER_DEPTH) continue;
      depthOf.set(id, depth);
      level.push(id);
    }
    order.push(...level);
    const next: number[] = [];
    for (const id of level) {
      const view = byId.get(id)!;
      if (!isExpandable(view) || isCollapsed(view, expanded)) continue;
      for (const ref of inIndexOrder(view.refs)) {
        if (!byId.has(ref.target) || depthOf.has(ref.target) || parentOf.has(ref.target)) continue;
        parentOf.set(ref.target, id);
        next.push(ref.target);
      }
    }
    frontier = unique(next);
  }
  const hidden = snapshot.objects.length - depthOf.size;

  return { names, order, byId, depthOf, parentOf, hidden, namesHeight: y };
}

/**
 * What the layout shows, without placing it (no simulation): the names, the objects in the
 * layout's order with their depths, and how many are left out. For the accessible heap list,
 * which describes the same objects as the canvas but needs no positions.
 */
export function shownHeap(
  snapshot: HeapSnapshot,
  expanded: ReadonlySet<number> = new Set(),
): { names: PlacedName[]; objects: { view: ObjectView; depth: number }[]; hidden: number } {
  const { names, order, byId, depthOf, hidden } = selectObjects(snapshot, expanded);
  return { names, objects: order.map((id) => ({ view: byId.get(id)!, depth: depthOf.get(id)! })), hidden };
}

/**
 * `previous` (the last layout's object positions, from positionsOf) keeps the picture steady from
 * one step to the next: an object drawn before stays where it was (unless its depth changed);
 * only new objects are placed.
 * `expanded` lists the large containers the player opened.
 */
export function layoutHeap(
  snapshot: HeapSnapshot,
  previous?: ReadonlyMap<number, PreviousPosition>,
  expanded: ReadonlySet<number> = new Set(),
): HeapLayout {
  const { names, order, byId, depthOf, parentOf, hidden, namesHeight } = selectObjects(snapshot, expanded);
  const position = placeObjects(order, byId, depthOf, parentOf, names, previous, expanded);
  const objects: PlacedObject[] = order.map((id) => ({ view: byId.get(id)!, ...position.get(id)!, depth: depthOf.get(id)! }));
  const arrows = routeArrows(names, objects, position, expanded);
  markCycles(arrows);
  const width = Math.max(MARGIN * 2 + NAME_BOX.width, ...objects.map((o) => o.x + OBJECT_BOX.width + MARGIN));
  const height = Math.max(namesHeight, ...objects.map((o) => o.y + OBJECT_BOX.height + MARGIN));
  return { names, objects, arrows, hidden, width, height };
}

/** The left edge of the column for objects of `depth`. */
function columnX(depth: number): number {
  return FIRST_COLUMN_X + depth * COLUMN_PITCH;
}

/** The top-left corner of each object's box: pinned where it was, or placed by the simulation. */
function placeObjects(
  order: number[],
  byId: ReadonlyMap<number, ObjectView>,
  depthOf: ReadonlyMap<number, number>,
  parentOf: ReadonlyMap<number, number>,
  names: PlacedName[],
  previous: ReadonlyMap<number, PreviousPosition> | undefined,
  expanded: ReadonlySet<number>,
): Map<number, { x: number; y: number }> {
  const toSimX = (x: number) => (x + OBJECT_BOX.width / 2) * SQUEEZE_X;
  const toSimY = (y: number) => y + OBJECT_BOX.height / 2;
  /** Where the object was drawn last time, unless that was another object at the same address. */
  const drawnBefore = (id: number): PreviousPosition | undefined => {
    const before = previous?.get(id);
    return before && (before.type === undefined || before.type === byId.get(id)!.type) ? before : undefined;
  };
  /** Its last position, when it is still in the column of its depth (it is pinned there). */
  const kept = (id: number): PreviousPosition | undefined => {
    const before = drawnBefore(id);
    return before && Math.abs(before.x - columnX(depthOf.get(id)!)) < COLUMN_PITCH / 2 ? before : undefined;
  };

  // Where each object is pulled: its depth's column, and the height of the name that refers to it
  // (or of its parent, with siblings spread above and below). Computed in breadth-first order, so a
  // parent's height is known before its children's.
  const nodes: Node[] = [];
  const nodeOf = new Map<number, Node>();
  const children = new Map<number, number[]>();
  for (const id of order) {
    const parent = parentOf.get(id);
    if (parent !== undefined && depthOf.get(id)! > 0) children.set(parent, [...(children.get(parent) ?? []), id]);
  }
  let free = 0;
  for (const id of order) {
    const depth = depthOf.get(id)!;
    let anchorY: number;
    const firstName = depth === 0 ? names.find((n) => n.target === id) : undefined;
    if (firstName) anchorY = firstName.y + NAME_BOX.height / 2;
    else {
      const parent = nodeOf.get(parentOf.get(id)!)!;
      const siblings = children.get(parent.id)!;
      // Siblings spread around their parent's height, in the order of the references; none is
      // pulled above the top margin (the whole group moves down instead).
      const top = Math.max(MARGIN + OBJECT_BOX.height / 2, parent.targetY - ((siblings.length - 1) / 2) * ROW_PITCH);
      anchorY = top + siblings.indexOf(id) * ROW_PITCH;
    }
    const before = kept(id);
    const node: Node = { id, depth, targetX: toSimX(columnX(depth)), targetY: anchorY, pinned: before !== undefined };
    if (before) {
      node.fx = node.x = toSimX(Math.max(FIRST_COLUMN_X, before.x));
      node.fy = node.y = toSimY(before.y);
      // A pinned object's children gather around where it is, not where it would have gone.
      node.targetY = node.y;
    } else {
      // x is held in the depth's column (see the header for why it is not merely pulled there).
      node.fx = node.x = node.targetX;
      // An object whose depth changed moves straight across to its new column: its height is held
      // too, and only the final pass moves it (up or down) if a box is in the way there.
      const moved = drawnBefore(id);
      if (moved) node.fy = node.y = node.targetY = toSimY(moved.y);
      else node.y = anchorY;
      free++;
    }
    nodes.push(node);
    nodeOf.set(id, node);
  }

  if (free > 0) {
    const links: { source: Node; target: Node }[] = [];
    for (const node of nodes) {
      const view = byId.get(node.id)!;
      if (!isExpandable(view) || isCollapsed(view, expanded)) continue;
      for (const ref of view.refs) {
        const target = nodeOf.get(ref.target);
        if (target && target !== node && ref.label !== "__class__") links.push({ source: node, target });
      }
    }
    const simulation = forceSimulation<Node>(nodes)
      .stop()
      .randomSource(seededRandom(1))
      .alphaDecay(1 - Math.pow(0.001, 1 / TICKS))
      .force("y", forceY<Node>((n) => n.targetY).strength(Y_STRENGTH))
      .force("link", forceLink<Node, { source: Node; target: Node }>(links).distance(COLUMN_PITCH * SQUEEZE_X).strength(LINK_STRENGTH))
      .force("collide", forceCollide<Node>(ROW_PITCH / 2).strength(COLLIDE_STRENGTH).iterations(2));
    simulation.tick(TICKS);
  }

  // Back to real coordinates (top-left corners), then the guarantee: no overlaps.
  const placed = nodes.map((n) => {
    const before = n.pinned ? kept(n.id)! : null;
    return {
      id: n.id,
      pinned: n.pinned,
      x: before ? before.x : Math.round(n.x! / SQUEEZE_X - OBJECT_BOX.width / 2),
      y: before ? before.y : Math.round(n.y! - OBJECT_BOX.height / 2),
    };
  });
  return separateBoxes(placed);
}

/**
 * The final pass: no box overlaps another (nor comes closer than MIN_GAP_X / MIN_GAP_Y), none is
 * left of the first object column or above the top margin. Pinned boxes are placed first and stay
 * (they come from a layout without overlaps); each new box keeps its x and takes the free height
 * nearest the simulation's: its own, or just above or below a box it would overlap. Just below the
 * lowest such box is always free, so every box finds a place.
 */
function separateBoxes(boxes: { id: number; pinned: boolean; x: number; y: number }[]): Map<number, { x: number; y: number }> {
  const done: { x: number; y: number }[] = [];
  const result = new Map<number, { x: number; y: number }>();
  const sameColumn = (a: { x: number }, b: { x: number }) =>
    a.x < b.x + OBJECT_BOX.width + MIN_GAP_X && b.x < a.x + OBJECT_BOX.width + MIN_GAP_X;
  const clashes = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    sameColumn(a, b) && a.y < b.y + OBJECT_BOX.height + MIN_GAP_Y && b.y < a.y + OBJECT_BOX.height + MIN_GAP_Y;
  // New boxes go from the top down, so that when they are pushed about they keep their order.
  const ordered = [...boxes.filter((b) => b.pinned), ...boxes.filter((b) => !b.pinned).sort((a, b) => a.y - b.y || a.x - b.x)];
  for (const box of ordered) {
    const x = Math.max(FIRST_COLUMN_X, box.x);
    const wanted = Math.max(MARGIN, box.y);
    const near = done.filter((d) => sameColumn(d, { x }));
    const candidates = [wanted];
    for (const d of near) candidates.push(d.y + OBJECT_BOX.height + ROW_GAP, d.y - OBJECT_BOX.height - ROW_GAP);
    let best: number | null = null;
    for (const candidate of candidates) {
      if (candidate < MARGIN || near.some((d) => clashes(d, { x, y: candidate }))) continue;
      const distance = Math.abs(candidate - wanted);
      if (best === null || distance < Math.abs(best - wanted) || (distance === Math.abs(best - wanted) && candidate > best)) best = candidate;
    }
    const spot = { x, y: best ?? wanted };
    done.push(spot);
    result.set(box.id, spot);
  }
  return result;
}

/** A fixed-seed linear congruential generator (the constants d3-force's own uses). */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(1664525, state) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Arrows from names and objects, each attached to the box edges that face the way it goes. */
function routeArrows(
  names: PlacedName[],
  objects: PlacedObject[],
  position: ReadonlyMap<number, { x: number; y: number }>,
  expanded: ReadonlySet<number>,
): Arrow[] {
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
    const shown = placed.view.refs.map((ref, index) => ({ ref, index })).filter(({ ref }) => position.has(ref.target));
    // Each reference leaves from its own point along the edge, so their arrows can be told apart;
    // the points go down in the order of the targets' heights, so the arrows do not cross.
    const slots = [...shown].sort((a, b) => position.get(a.ref.target)!.y - position.get(b.ref.target)!.y || a.index - b.index);
    shown.forEach(({ ref }, index) => {
      const target = position.get(ref.target)!;
      const route: Arrow["route"] =
        target.x >= placed.x + OBJECT_BOX.width ? "right" : target.x + OBJECT_BOX.width <= placed.x ? "left" : "loop";
      const slot = slots.findIndex((s) => s.index === shown[index]!.index);
      const fromY = placed.y + (OBJECT_BOX.height * (slot + 1)) / (shown.length + 1);
      // Loops come back in low on the right edge, below the references going out.
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
  return arrows;
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

/**
 * References in the order of their indexes when they have them ("[0]", "[1]"...): the snapshot
 * lists them as tp_traverse visits them, and a tuple's traverse goes from the last item back.
 */
function inIndexOrder(refs: ObjectView["refs"]): ObjectView["refs"] {
  const index = (label: string) => {
    const match = /^\[(\d+)\]$/.exec(label);
    return match ? Number(match[1]) : null;
  };
  if (!refs.every((ref) => index(ref.label) !== null)) return refs;
  return [...refs].sort((a, b) => index(a.label)! - index(b.label)!);
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
