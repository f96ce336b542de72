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
// - Loops get lanes (assignLanes): when several objects of one column refer to each other, each
//   loop has its own vertical stretch in the gap right of the column, the longer ones outside the
//   shorter ones, and its own points on the boxes' edges (placeEndpoints), so no two share a path;
//   a self-reference is a tight loop next to its box. Labels are placed here too (placeLabels), so
//   that they do not sit on one another; the scene only draws what this works out.

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
  /**
   * A loop's lane in the gap right of its column (see assignLanes): 0 is nearest the boxes, each
   * further lane is further out; -1 for a self-reference's tight loop. null for the other routes.
   */
  lane: number | null;
  /** A loop's outermost x: it goes out of `from` to here, up or down, and back into `to`. null for the other routes. */
  laneX: number | null;
  /** Where the label's centre goes (see placeLabels); null when no label is drawn (names, faint arrows). */
  labelAt: { x: number; y: number } | null;
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
  const width = Math.max(
    MARGIN * 2 + NAME_BOX.width,
    ...objects.map((o) => o.x + OBJECT_BOX.width + MARGIN),
    ...arrows.map((a) => (a.labelAt ? a.labelAt.x + labelSize(a.label).width / 2 : (a.laneX ?? 0)) + MARGIN / 2),
  );
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

/** Loops: the lane of a self-reference, and of a column's first and further lanes (from the boxes' right edge). */
const SELF_LOOP_REACH = 16;
const FIRST_LANE = 26;
const LANE_STEP = 10;
/** The gap's right part kept free of lanes (the arrowheads of arrows into the next column). */
const LANES_END = COLUMN_GAP - 14;
/** A label's estimated size (11px monospace text and a little room around it), for keeping labels apart. */
const LABEL_CHAR_WIDTH = 6.7;
const LABEL_HEIGHT = 14;

export function labelSize(label: string): { width: number; height: number } {
  return { width: label.length * LABEL_CHAR_WIDTH + 6, height: LABEL_HEIGHT };
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
      lane: null,
      laneX: null,
      labelAt: null,
    });
  }
  const refArrows: Arrow[] = [];
  for (const placed of objects) {
    if (!isExpandable(placed.view) || isCollapsed(placed.view, expanded)) continue;
    placed.view.refs.forEach((ref, index) => {
      const target = position.get(ref.target);
      if (!target) return;
      const route: Arrow["route"] =
        target.x >= placed.x + OBJECT_BOX.width ? "right" : target.x + OBJECT_BOX.width <= placed.x ? "left" : "loop";
      // The heights are set below, once every arrow touching an edge is known.
      refArrows.push({
        key: `ref:${placed.view.id}:${index}`,
        from: { x: route === "left" ? placed.x : placed.x + OBJECT_BOX.width, y: 0 },
        to: { x: route === "right" ? target.x : target.x + OBJECT_BOX.width, y: 0 },
        route,
        label: ref.label,
        faint: ref.label === "__class__",
        source: placed.view.id,
        target: ref.target,
        cyclic: false,
        lane: null,
        laneX: null,
        labelAt: null,
      });
    });
  }
  assignLanes(refArrows, position);
  placeEndpoints(refArrows, position);
  arrows.push(...refArrows);
  placeLabels(arrows);
  return arrows;
}

const centreY = (box: { y: number }) => box.y + OBJECT_BOX.height / 2;

/**
 * Gives each loop a lane of its own in the gap right of its column, so that no two loops share a
 * path: a self-reference gets a tight loop next to its box (lane -1); the other loops of a column,
 * shortest first, each take the lane just outside every shorter loop whose stretch of the column
 * overlaps theirs, so loops nest (a longer loop goes round a shorter one) instead of crossing.
 * References to the class (faint) go last, outermost. The lanes are spread over the gap, closer
 * together when a column needs many.
 */
function assignLanes(arrows: Arrow[], position: ReadonlyMap<number, { x: number; y: number }>): void {
  const columns = new Map<number, { arrow: Arrow; top: number; bottom: number }[]>();
  for (const arrow of arrows) {
    if (arrow.route !== "loop") continue;
    const source = position.get(arrow.source!)!;
    const target = position.get(arrow.target)!;
    const right = Math.max(source.x, target.x) + OBJECT_BOX.width;
    if (arrow.source === arrow.target) {
      arrow.lane = -1;
      arrow.laneX = right + SELF_LOOP_REACH;
      continue;
    }
    const [top, bottom] = [Math.min(centreY(source), centreY(target)), Math.max(centreY(source), centreY(target))];
    columns.set(right, [...(columns.get(right) ?? []), { arrow, top, bottom }]);
  }
  for (const [right, loops] of columns) {
    const order = [...loops].sort((a, b) => Number(a.arrow.faint) - Number(b.arrow.faint) || a.bottom - a.top - (b.bottom - b.top));
    const done: typeof loops = [];
    for (const loop of order) {
      const inside = done.filter((d) => d.top < loop.bottom && loop.top < d.bottom).map((d) => d.arrow.lane!);
      loop.arrow.lane = inside.length === 0 ? 0 : Math.max(...inside) + 1;
      done.push(loop);
    }
    const outermost = Math.max(...loops.map((l) => l.arrow.lane!));
    const step = outermost === 0 ? 0 : Math.min(LANE_STEP, (LANES_END - FIRST_LANE) / outermost);
    for (const { arrow } of loops) arrow.laneX = right + FIRST_LANE + arrow.lane! * step;
  }
}

/**
 * Where the arrows touch the boxes' right edges (and the left edges' outgoing arrows): each has its
 * own point, spread evenly down the edge. On a right edge, from top to bottom: the loops to boxes
 * above (inner lanes first), the arrows going right (and coming in from the right) in the order of
 * the other end's height, a self-reference, then the loops to boxes below (outer lanes first). So
 * nested loops do not cross where they leave or reach a box, and a box's arrows going right do not
 * cross each other. Names' arrows and arrows going right end in the middle of the left edge.
 */
function placeEndpoints(arrows: Arrow[], position: ReadonlyMap<number, { x: number; y: number }>): void {
  type End = { arrow: Arrow; end: "from" | "to"; group: number; key: number; order: number };
  const rightEdge = new Map<number, End[]>();
  const leftEdge = new Map<number, End[]>();
  const add = (edges: Map<number, End[]>, id: number, end: End) => edges.set(id, [...(edges.get(id) ?? []), end]);
  arrows.forEach((arrow, order) => {
    const source = arrow.source!;
    const otherY = (id: number) => centreY(position.get(id)!);
    switch (arrow.route) {
      case "right":
        add(rightEdge, source, { arrow, end: "from", group: 1, key: otherY(arrow.target), order });
        arrow.to.y = otherY(arrow.target);
        break;
      case "left":
        add(leftEdge, source, { arrow, end: "from", group: 1, key: otherY(arrow.target), order });
        add(rightEdge, arrow.target, { arrow, end: "to", group: 1, key: otherY(source), order });
        break;
      case "loop":
        if (source === arrow.target) {
          add(rightEdge, source, { arrow, end: "from", group: 2, key: 0, order });
          add(rightEdge, source, { arrow, end: "to", group: 2, key: 1, order });
        } else {
          for (const [id, other, end] of [[source, arrow.target, "from"], [arrow.target, source, "to"]] as const) {
            const above = otherY(other) < otherY(id);
            add(rightEdge, id, { arrow, end, group: above ? 0 : 3, key: above ? arrow.lane! : -arrow.lane!, order });
          }
        }
        break;
    }
  });
  for (const edges of [rightEdge, leftEdge]) {
    for (const [id, ends] of edges) {
      const box = position.get(id)!;
      ends.sort((a, b) => a.group - b.group || a.key - b.key || a.order - b.order);
      ends.forEach(({ arrow, end }, slot) => {
        arrow[end].y = box.y + (OBJECT_BOX.height * (slot + 1)) / (ends.length + 1);
      });
    }
  }
}

/**
 * Where each drawn label goes (its centre), each on its arrow where it covers no label placed
 * before it (or, when every spot is taken, where it covers least). Labels of arrows between columns
 * sit just above the arrow, at its middle when that is free. A loop's label goes on its lane, as
 * near the middle of the lane's stretch as it can (inner lanes first); a self-reference's label goes
 * just right of its tight loop.
 */
function placeLabels(arrows: Arrow[]): void {
  type Box = { x: number; y: number; width: number; height: number };
  const placed: Box[] = [];
  const overlap = (a: Box, b: Box) =>
    Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
    Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));
  const boxAt = (centre: { x: number; y: number }, size: { width: number; height: number }): Box => ({
    x: centre.x - size.width / 2,
    y: centre.y - size.height / 2,
    ...size,
  });
  const place = (arrow: Arrow, candidates: { x: number; y: number }[]) => {
    const size = labelSize(arrow.label);
    let best = candidates[0]!;
    let bestOverlap = Infinity;
    for (const candidate of candidates) {
      const covered = placed.reduce((sum, p) => sum + overlap(p, boxAt(candidate, size)), 0);
      if (covered < bestOverlap) [best, bestOverlap] = [candidate, covered];
      if (covered === 0) break;
    }
    arrow.labelAt = best;
    placed.push(boxAt(best, size));
  };
  const labelled = arrows.filter((a) => a.label && !a.faint);
  // Between columns: just above the curve (the scene's: level ends, bent halfway), at its middle
  // or, when that is taken, a little before or after it.
  for (const arrow of labelled) {
    if (arrow.route === "loop") continue;
    const { from, to } = arrow;
    const candidates = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map((t) => {
      const ease = t * t * (3 - 2 * t);
      const bend = Math.max(30, Math.abs(to.x - from.x) / 2) * Math.sign(to.x - from.x);
      const x = (1 - t) ** 3 * from.x + 3 * (1 - t) ** 2 * t * (from.x + bend) + 3 * (1 - t) * t * t * (to.x - bend) + t ** 3 * to.x;
      return { x, y: from.y + (to.y - from.y) * ease - 9 };
    });
    place(arrow, candidates);
  }
  // Loops: on the lane, at the middle of its stretch or as near it as is free (inner lanes first).
  const loops = labelled.filter((a) => a.route === "loop").sort((a, b) => a.lane! - b.lane!);
  for (const arrow of loops) {
    const size = labelSize(arrow.label);
    const laneX = arrow.laneX!;
    const right = Math.max(arrow.from.x, arrow.to.x);
    const top = Math.min(arrow.from.y, arrow.to.y);
    const bottom = Math.max(arrow.from.y, arrow.to.y);
    const middle = (top + bottom) / 2;
    const x =
      arrow.lane === -1
        ? laneX + 3 + size.width / 2
        : Math.min(Math.max(laneX, right + 2 + size.width / 2), Math.max(laneX, right + COLUMN_GAP - 2 - size.width / 2));
    const candidates: { x: number; y: number }[] = [{ x, y: middle }];
    const reach = Math.max((bottom - top) / 2, LABEL_HEIGHT);
    for (let offset = 4; offset <= reach; offset += 4) candidates.push({ x, y: middle - offset }, { x, y: middle + offset });
    place(arrow, candidates);
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
