// The heap scene: draws one HeapSnapshot with Pixi. A plain class that Svelte never looks inside;
// the bridge component (ui/HeapView.svelte) creates it and hands it snapshots. Each snapshot is
// drawn from scratch: the skeleton's scenes are small, and a full redraw can never show stale refs.

import "pixi.js/unsafe-eval"; // lets Pixi run under a Content-Security-Policy without 'unsafe-eval'
import { Application, Container, Graphics } from "pixi.js";
import type { HeapSnapshot, ObjectView } from "../../src-main/api/index";
import {
  isCollapsed,
  layoutHeap,
  NAME_BOX,
  OBJECT_BOX,
  positionsOf,
  refcountBadgeText,
  type Arrow,
  type HeapLayout,
  type PreviousPosition,
} from "./layout";
import { PALETTE, type ScenePalette } from "./palette";
import { changesBetween, type HeapChanges } from "./changes";
import { clip, glyphOf, makeText, style } from "./text";
import { collectionVisuals, garbageFirstOrder, placeOutsideObjects, type CollectionFrame } from "./collection-view";
import { drawCollection, type AnimatedPart } from "./collection-overlay";

/** How long allocations, frees and refcount changes animate. */
const ANIMATION_MS = 450;

const OUTPUT_LINES = 6;
const OUTPUT_LINE_HEIGHT = 18;
const MAX_SCALE = 1.3;
const CAPTION_LINE_HEIGHT = 18;

/** Where a cuttable arrow is on screen (CSS pixels inside the host), for the overlay buttons. */
export interface CutTarget {
  cutId: string;
  x: number;
  y: number;
  description: string;
}

export interface SceneOptions {
  /** Arrows the player may cut, by the object they start at and their label. */
  cuttable?: { cutId: string; fromObject: number; label: string; description: string }[];
  /** Told where the cuttable arrows are after each drawing. */
  onCutTargets?: (targets: CutTarget[]) => void;
  /** Colour-blind-safe colours. */
  palette?: ScenePalette;
  /** Changes appear at once instead of animating. */
  reducedMotion?: boolean;
  /** Large containers the player opened up (the others show a summary). */
  expanded?: ReadonlySet<number>;
  /** A click on a large container asks to open or close it. */
  onToggle?: (id: number) => void;
  /** A collection being played phase by phase (GCPlayback's state); drawn from its first phase on. */
  collection?: CollectionFrame | null;
}

/** How far the player has zoomed and panned (on top of the fit-to-canvas scale). */
interface ViewTransform {
  zoom: number;
  panX: number;
  panY: number;
}

export class HeapScene {
  private readonly world = new Container();
  private readonly output = new Container();
  private last: HeapSnapshot | null = null;
  /** The positions objects were last drawn at, so they stay put from step to step. */
  private positions = new Map<number, PreviousPosition>();
  private readonly resizeObserver: ResizeObserver;
  private options: SceneOptions = {};
  private view: ViewTransform = { zoom: 1, panX: 0, panY: 0 };
  private fitScale = 1;
  /** Screen pixels kept free above the world for captions. */
  private worldTop = 0;
  private colors: ScenePalette = PALETTE;
  /** Cuttable arrows' midpoints in world coordinates (the overlay's buttons follow pan and zoom). */
  private cutTargets: CutTarget[] = [];
  private rebuildTimer: ReturnType<typeof setTimeout> | null = null;
  /** What the last new snapshot changed, animated for ANIMATION_MS from animationStart. */
  private changes: HeapChanges | null = null;
  private animationStart = 0;
  private animationFrame: number | null = null;
  /** Display objects that animate, with how: fade in (alloc), fade out (free) or a pulse (incref/decref). */
  private animated: AnimatedPart[] = [];
  /** The collection phase last shown ("collection:phase"), and whether its changes still animate. */
  private shownPhase = "";
  private phaseIsNew = false;
  /** The WebGL context is lost (the GPU process restarted, the driver reset): nothing can be drawn. */
  private contextLost = false;
  private contextRestores = 0;
  private destroyed = false;
  private app: Application;

  private constructor(
    app: Application,
    private readonly host: HTMLElement,
  ) {
    this.app = app;
    this.resizeObserver = new ResizeObserver(() => this.redraw());
    this.resizeObserver.observe(host);
    this.attach(app);
  }

  /** Puts the drawing on `app`'s stage and listens to its canvas. */
  private attach(app: Application): void {
    app.stage.addChild(this.world, this.output);
    this.listenForPanAndZoom(app.canvas);
    this.listenForContextLoss(app);
  }

  /**
   * A WebGL context can be lost at any time (a GPU reset, too many contexts, a driver update). Pixi's
   * GlContextSystem calls preventDefault on "webglcontextlost" (without it the browser never gives
   * the context back) and, on "webglcontextrestored", has its systems rebuild their GL state. That is
   * not enough here. This scene renders only on demand, so nothing would redraw it; and, redrawn on
   * the restored renderer (Pixi 8.22, headless Chromium), some texts came out as black boxes, again
   * at every later redraw: this scene makes its texts anew each time, from Pixi's pooled text
   * textures, and some of those pooled textures stayed bad after the restore. (Pixi's own fix for
   * texts after a restore, pixijs#11685, covers texts that live through it.) So: while the context
   * is lost nothing is rendered, and once the browser gives it back the scene moves to a new Pixi
   * application (a new canvas and context, nothing shared with the old renderer) and is redrawn
   * there from the last snapshot. The end-to-end test "drawn again after the WebGL context is lost"
   * fails on black pixels when the scene only redraws on the restored renderer.
   */
  private listenForContextLoss(app: Application): void {
    if (app.renderer.name !== "webgl") return;
    const canvas = app.canvas;
    canvas.addEventListener("webglcontextlost", () => {
      if (app !== this.app) return;
      this.contextLost = true;
      if (this.animationFrame !== null) cancelAnimationFrame(this.animationFrame);
      this.animationFrame = null;
      canvas.dataset.contextLost = "true";
    });
    canvas.addEventListener("webglcontextrestored", () => {
      if (app !== this.app || this.destroyed) return;
      void this.replaceApplication();
    });
  }

  /** Draws from now on into a new Pixi application in place of the current one (see listenForContextLoss). */
  private async replaceApplication(): Promise<void> {
    let fresh: Application;
    try {
      fresh = await createApplication(this.host);
    } catch (error) {
      // No new renderer (WebGL gone again?): the restored one will do, black boxes or not.
      console.error("Heapwise: no new renderer after the WebGL context came back", error);
      this.contextLost = false;
      this.redraw();
      return;
    }
    if (this.destroyed) {
      fresh.destroy({ removeView: true }, { children: true });
      return;
    }
    const old = this.app;
    // What was drawn belongs to the old renderer: it goes with it, and redraw() makes it anew.
    for (const child of this.world.removeChildren()) child.destroy({ children: true });
    for (const child of this.output.removeChildren()) child.destroy({ children: true });
    old.stage.removeChildren();
    old.destroy({ removeView: true }, { children: true });
    this.app = fresh;
    this.attach(fresh);
    this.contextLost = false;
    this.contextRestores++;
    fresh.canvas.dataset.contextLost = "false";
    fresh.canvas.dataset.contextRestores = String(this.contextRestores);
    this.redraw();
  }

  /** Renders the stage, unless the WebGL context is lost (it is redrawn when it comes back). */
  private render(): void {
    if (!this.contextLost) this.app.render();
  }

  static async create(host: HTMLElement): Promise<HeapScene> {
    return new HeapScene(await createApplication(host), host);
  }

  /** The renderer Pixi chose ("webgl", "canvas", ...). */
  get rendererName(): string {
    return this.app.renderer.name;
  }

  show(snapshot: HeapSnapshot, options: SceneOptions = {}): void {
    if (snapshot !== this.last) {
      // Only a step forward animates: going back in time (or a new run) shows the heap as it is.
      const forward = this.last !== null && snapshot.steps > this.last.steps;
      this.changes = options.reducedMotion || !forward ? null : changesBetween(this.last, snapshot, this.positions);
      this.animationStart = performance.now();
    }
    const collection = options.collection;
    const phaseKey = collection && collection.phaseIndex >= 0 ? `${collection.start.collection}:${collection.phaseIndex}` : "";
    if (phaseKey !== this.shownPhase) {
      this.shownPhase = phaseKey;
      this.phaseIsNew = phaseKey !== "" && !options.reducedMotion;
      this.animationStart = performance.now();
    }
    this.last = snapshot;
    this.options = options;
    this.colors = options.palette ?? PALETTE;
    this.redraw();
  }

  /** Plays the current changes to their end, rendering each animation frame, then stops. */
  private animate(): void {
    if (this.animationFrame !== null) cancelAnimationFrame(this.animationFrame);
    this.animationFrame = null;
    if (this.animated.length === 0) return;
    const tick = () => {
      const t = Math.min(1, (performance.now() - this.animationStart) / ANIMATION_MS);
      for (const { target, kind } of this.animated) {
        if (target.destroyed) continue;
        if (kind === "in") {
          target.alpha = t;
        } else if (kind === "out") {
          target.alpha = 1 - t;
        } else {
          target.alpha = 1 - t;
          target.scale.set(1 + 0.6 * t);
        }
      }
      this.render();
      if (t < 1) this.animationFrame = requestAnimationFrame(tick);
      else {
        this.animationFrame = null;
        this.changes = null;
        this.phaseIsNew = false;
      }
    };
    tick();
  }

  /** Zooms by `factor` around a point of the canvas (its centre when not given). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const point = at ?? { x: this.app.screen.width / 2, y: this.app.screen.height / 2 };
    const zoom = Math.min(6, Math.max(0.2, this.view.zoom * factor));
    const applied = zoom / this.view.zoom;
    this.view = { zoom, panX: point.x - (point.x - this.view.panX) * applied, panY: point.y - (point.y - this.view.panY) * applied };
    this.moveView();
  }

  panBy(dx: number, dy: number): void {
    this.view = { ...this.view, panX: this.view.panX + dx, panY: this.view.panY + dy };
    this.moveView();
  }

  /**
   * Panning and zooming only move the drawing (one render, nothing rebuilt); once the view rests,
   * the scene is rebuilt so culling draws what has come into view.
   */
  private moveView(): void {
    this.world.scale.set(this.fitScale * this.view.zoom);
    this.world.position.set(this.view.panX, this.view.panY + this.worldTop);
    this.options.onCutTargets?.(this.cutTargets.map((t) => this.toScreen(t)));
    this.render();
    if (this.rebuildTimer !== null) clearTimeout(this.rebuildTimer);
    this.rebuildTimer = setTimeout(() => {
      this.rebuildTimer = null;
      this.redraw();
    }, 150);
  }

  private toScreen(target: CutTarget): CutTarget {
    const scale = this.world.scale.x;
    return { ...target, x: this.world.position.x + target.x * scale, y: this.world.position.y + target.y * scale };
  }

  resetView(): void {
    this.view = { zoom: 1, panX: 0, panY: 0 };
    this.redraw();
  }

  destroy(): void {
    this.destroyed = true;
    if (this.rebuildTimer !== null) clearTimeout(this.rebuildTimer);
    if (this.animationFrame !== null) cancelAnimationFrame(this.animationFrame);
    this.resizeObserver.disconnect();
    this.app.destroy({ removeView: true }, { children: true });
  }

  /** Wheel zooms, dragging pans; the host handles the keys (see HeapView). */
  private listenForPanAndZoom(canvas: HTMLCanvasElement): void {
    canvas.addEventListener(
      "wheel",
      (event) => {
        event.preventDefault();
        const rect = canvas.getBoundingClientRect();
        this.zoomBy(event.deltaY < 0 ? 1.15 : 1 / 1.15, { x: event.clientX - rect.left, y: event.clientY - rect.top });
      },
      { passive: false },
    );
    let drag: { x: number; y: number } | null = null;
    canvas.addEventListener("pointerdown", (event) => {
      drag = { x: event.clientX, y: event.clientY };
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      drag = { x: event.clientX, y: event.clientY };
      this.panBy(dx, dy);
    });
    const end = () => (drag = null);
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
  }

  private redraw(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    if (width !== this.app.screen.width || height !== this.app.screen.height) this.app.renderer.resize(width, height);
    for (const child of this.world.removeChildren()) child.destroy({ children: true });
    for (const child of this.output.removeChildren()) child.destroy({ children: true });
    this.animated = [];
    this.app.renderer.background.color = this.colors.background;
    const snapshot = this.last;
    let targets: CutTarget[] = [];
    let drawnObjects = 0;
    let gcStates = "";
    if (snapshot?.finished && snapshot.frames.length === 0) {
      // Nothing is left to show (the program stopped before it bound a name); say so rather than go blank.
      const done = makeText(snapshot.error ? "The program stopped with an error." : "The program has finished.", style(15, this.colors.mutedText));
      done.position.set(24, 24);
      this.world.scale.set(1);
      this.world.position.set(0, 0);
      this.worldTop = 0;
      this.world.addChild(done);
      this.drawOutput(snapshot);
    } else if (snapshot) {
      const layout = layoutHeap(snapshot, this.positions, this.options.expanded);
      this.positions = positionsOf(layout);
      const collection = this.options.collection;
      const played = collection && collection.phaseIndex >= 0 ? collection : null;
      const visuals = played ? collectionVisuals(played) : null;
      const outside = played && visuals ? placeOutsideObjects(layout, visuals, garbageFirstOrder(played)) : null;
      // Captions in screen space (the finished note, the phase shown) get a band of their own above the heap.
      const captionLines = (snapshot.finished ? 1 : 0) + (played ? 1 : 0);
      this.fitWorld(outside?.width ?? layout.width, outside?.height ?? layout.height, captionLines * CAPTION_LINE_HEIGHT);
      const visible = this.visibleWorldRect();
      const cuttable = this.options.cuttable ?? [];
      const cutArrows = new Map<Arrow, (typeof cuttable)[number]>();
      for (const arrow of layout.arrows) {
        const cut = cuttable.find((c) => c.fromObject === arrow.source && c.label === arrow.label);
        if (cut) cutArrows.set(arrow, cut);
      }
      this.drawArrows(layout.arrows.filter((a) => intersects(arrowBounds(a), visible)), cutArrows);
      this.drawNames(layout);
      this.drawObjects(layout, visible);
      drawnObjects = layout.objects.length;
      if (played && visuals && outside) {
        const counts = drawCollection({
          world: this.world,
          layout,
          frame: played,
          visuals,
          outside,
          colors: this.colors,
          animated: this.phaseIsNew ? this.animated : null,
        });
        drawnObjects += outside.placed.length;
        gcStates = Object.entries(counts).map(([state, count]) => `${state}:${count}`).join(" ");
        this.drawPhaseCaption(played, snapshot.finished ? 6 + CAPTION_LINE_HEIGHT : 6);
      }
      if (snapshot.finished) this.drawFinishedNote(snapshot);
      this.drawOutput(snapshot);
      targets = [...cutArrows].map(([arrow, cut]) => ({ cutId: cut.cutId, description: cut.description, ...arrowMidpoint(arrow) }));
    }
    this.cutTargets = targets;
    // What was drawn, on the canvas element, for the end-to-end tests (they cannot look inside Pixi).
    this.app.canvas.dataset.drawnObjects = String(drawnObjects);
    this.app.canvas.dataset.gcPhase = this.options.collection?.phases[this.options.collection.phaseIndex]?.phase ?? "";
    this.app.canvas.dataset.gcStates = gcStates;
    this.app.canvas.dataset.animatedParts = String(this.animated.length);
    this.animate();
    this.options.onCutTargets?.(targets.map((t) => this.toScreen(t)));
    this.render();
  }

  /** The part of the world the canvas shows: only what lies in it is drawn. */
  private visibleWorldRect(): Rect {
    const scale = this.world.scale.x || 1;
    const { width, height } = this.app.screen;
    return { x: -this.world.position.x / scale, y: -this.world.position.y / scale, width: width / scale, height: height / scale };
  }

  /** Which collection phase the picture shows, in screen space at the top left. */
  private drawPhaseCaption(frame: CollectionFrame, y: number): void {
    const phase = frame.phases[frame.phaseIndex];
    if (!phase) return;
    const caption = makeText(
      `collection ${frame.start.collection}, generation ${frame.start.generation}: ${phase.phase} (${frame.phaseIndex + 1}/${frame.phases.length})`,
      style(13, this.colors.text, "bold"),
    );
    const backing = new Graphics().roundRect(6, y - 2, caption.width + 12, caption.height + 4, 4).fill({ color: this.colors.background, alpha: 0.85 });
    caption.position.set(12, y);
    this.output.addChild(backing, caption);
  }

  private drawFinishedNote(snapshot: HeapSnapshot): void {
    const note = makeText(
      snapshot.error ? "Stopped by an error: the globals as they were" : "Finished: the globals stay alive until Python shuts down",
      style(12, this.colors.mutedText),
    );
    note.position.set(12, 6);
    this.output.addChild(note);
  }

  private drawNames(layout: HeapLayout): void {
    const c = this.colors;
    let lastFrame: string | null = null;
    for (const placed of layout.names) {
      if (placed.frame !== lastFrame && layout.names.some((n) => n.frame !== placed.frame)) {
        const label = makeText(placed.frame, style(11, c.frameLabel));
        label.position.set(placed.x, placed.y - 15);
        this.world.addChild(label);
      }
      lastFrame = placed.frame;
      const box = new Graphics()
        .roundRect(placed.x, placed.y, NAME_BOX.width, NAME_BOX.height, 8)
        .fill(c.nameFill)
        .stroke({ width: 2, color: c.nameStroke });
      const text = makeText(clip(placed.name, 9), style(16, c.text, "bold"));
      text.anchor.set(0.5);
      text.position.set(placed.x + NAME_BOX.width / 2, placed.y + NAME_BOX.height / 2);
      this.world.addChild(box, text);
    }
  }

  /**
   * One glyph per object: a box whose outline is the GC ring (coloured by generation, grey when the
   * collector does not track it), the type with a small glyph, a short value, the size in bytes, and
   * the refcount badge (∞ and a violet badge for immortal objects).
   */
  private drawObjects(layout: HeapLayout, visible: Rect): void {
    const c = this.colors;
    for (const placed of layout.objects) {
      const { view, x, y } = placed;
      if (!intersects({ x, y: y - 12, width: OBJECT_BOX.width + 10, height: OBJECT_BOX.height + 12 }, visible)) continue;
      const isModule = view.type === "module";
      const ring = gcRingColor(view, c);
      const box = new Graphics()
        .roundRect(x, y, OBJECT_BOX.width, OBJECT_BOX.height, 6)
        .fill(isModule ? c.moduleFill : c.objectFill)
        .stroke({ width: view.gc?.tracked ? 3 : 2, color: ring });
      const header = makeText(`${glyphOf(view.type)} ${clip(view.type, 14)}`, style(11, c.mutedText));
      header.position.set(x + 10, y + 5);
      const size = makeText(`${view.size} B`, style(10, c.mutedText));
      size.anchor.set(1, 0);
      size.position.set(x + OBJECT_BOX.width - 30, y + 6);
      const collapsed = isCollapsed(view, this.options.expanded ?? new Set());
      const foldable = collapsed || (this.options.expanded?.has(view.id) ?? false);
      const value = collapsed ? summaryText(view) : view.repr;
      const repr = makeText(clip(value, 20), style(15, c.text));
      repr.position.set(x + 10, y + 22);
      const group = new Container();
      group.addChild(box, header, size, repr);
      if (foldable) {
        const sign = makeText(collapsed ? "⊕ open" : "⊖ close", style(10, c.mutedText));
        sign.anchor.set(1, 1);
        sign.position.set(x + OBJECT_BOX.width - 6, y + OBJECT_BOX.height - 3);
        group.addChild(sign);
        group.eventMode = "static";
        group.cursor = "pointer";
        group.on("pointertap", () => this.options.onToggle?.(view.id));
      }
      this.world.addChild(group);
      this.drawBadge(x + OBJECT_BOX.width, y, refcountBadgeText(view), view.immortal);
      const changes = this.changes;
      if (!changes) continue;
      if (changes.added.has(view.id)) this.animated.push({ target: group, kind: "in" });
      const up = changes.increfs.has(view.id);
      if (up || changes.decrefs.has(view.id)) {
        // A ring that swells out of the badge: green for an incref, red for a decref.
        const pulse = new Container();
        pulse.position.set(x + OBJECT_BOX.width - 4, y);
        pulse.addChild(new Graphics().circle(0, 0, 14).stroke({ width: 3, color: up ? c.gen0 : c.badgeFill }));
        this.world.addChild(pulse);
        this.animated.push({ target: pulse, kind: "pulse" });
      }
    }
    // Freed objects fade out where they were.
    for (const freed of this.changes?.freed ?? []) {
      if (!intersects({ x: freed.x, y: freed.y, width: OBJECT_BOX.width, height: OBJECT_BOX.height }, visible)) continue;
      const ghost = new Container();
      ghost.addChild(
        new Graphics().roundRect(freed.x, freed.y, OBJECT_BOX.width, OBJECT_BOX.height, 6).stroke({ width: 2, color: c.untracked }),
      );
      const label = makeText(`${freed.type} freed`, style(13, c.mutedText));
      label.position.set(freed.x + 10, freed.y + 16);
      ghost.addChild(label);
      this.world.addChild(ghost);
      this.animated.push({ target: ghost, kind: "out" });
    }
  }

  /** The refcount badge: a pill on the box's top-right corner showing ob_refcnt. */
  private drawBadge(right: number, top: number, text: string, immortal: boolean): void {
    const c = this.colors;
    const label = makeText(text, style(13, c.badgeText, "bold"));
    const width = Math.max(26, label.width + 14);
    const pill = new Graphics()
      .roundRect(right - width + 8, top - 11, width, 22, 11)
      .fill(immortal ? c.badgeImmortal : c.badgeFill);
    label.anchor.set(0.5);
    label.position.set(right - width / 2 + 8, top);
    this.world.addChild(pill, label);
  }

  private drawArrows(arrows: Arrow[], cuttable: Map<Arrow, { cutId: string }>): void {
    const c = this.colors;
    const lines = new Graphics();
    const labels = new Container();
    for (const arrow of arrows) {
      const cut = cuttable.has(arrow);
      const color = cut ? c.cutArrow : arrow.cyclic ? c.cycleArrow : arrow.label ? c.refArrow : c.arrow;
      const alpha = arrow.faint ? 0.3 : 1;
      const { from, to } = arrow;
      // The arrowhead points right for "right" routes and left for the others; loops' heads are
      // smaller (several loops may end on one box's edge).
      const sign = arrow.route === "right" ? 1 : -1;
      const head = arrow.route === "loop" ? { length: 9, half: 4 } : { length: 11, half: 6 };
      const tip = { x: to.x - sign * (head.length - 2), y: to.y };
      switch (arrow.route) {
        case "right": {
          const bend = Math.max(30, (to.x - from.x) / 2);
          lines.moveTo(from.x, from.y).bezierCurveTo(from.x + bend, from.y, tip.x - bend, to.y, tip.x, tip.y);
          break;
        }
        case "loop": {
          // Out to its lane, along it, and back in (layout.ts gives each loop a lane of its own).
          const laneX = arrow.laneX ?? Math.max(from.x, to.x) + 30;
          const down = to.y >= from.y ? 1 : -1;
          const r = Math.max(0, Math.min(8, Math.abs(to.y - from.y) / 2, laneX - Math.max(from.x, tip.x)));
          lines
            .moveTo(from.x, from.y)
            .lineTo(laneX - r, from.y)
            .quadraticCurveTo(laneX, from.y, laneX, from.y + down * r)
            .lineTo(laneX, to.y - down * r)
            .quadraticCurveTo(laneX, to.y, laneX - r, to.y)
            .lineTo(tip.x, tip.y);
          break;
        }
        case "left": {
          const bend = Math.max(30, (from.x - to.x) / 2);
          lines.moveTo(from.x, from.y).bezierCurveTo(from.x - bend, from.y, tip.x + bend, to.y, tip.x, tip.y);
          break;
        }
        default: {
          const unknownRoute: never = arrow.route;
          throw new Error(`unknown route ${String(unknownRoute)}`);
        }
      }
      lines.stroke({ width: arrow.faint ? 1.5 : cut ? 3.5 : 2.5, color, alpha });
      lines
        .poly([to.x, to.y, to.x - sign * head.length, to.y - head.half, to.x - sign * head.length, to.y + head.half])
        .fill({ color, alpha });
      if (arrow.label && arrow.labelAt) {
        const label = makeText(arrow.label, style(11, color));
        label.anchor.set(0.5);
        label.position.set(arrow.labelAt.x, arrow.labelAt.y);
        // The label covers the lines under it (its loop's lane and its neighbours') so it can be read.
        const backing = new Graphics()
          .roundRect(arrow.labelAt.x - label.width / 2 - 2, arrow.labelAt.y - label.height / 2, label.width + 4, label.height, 3)
          .fill({ color: c.background, alpha: 0.85 });
        labels.addChild(backing, label);
      }
    }
    this.world.addChildAt(lines, 0);
    this.world.addChildAt(labels, 1);
  }

  /** The program's printed output, in a strip along the bottom of the canvas. */
  private drawOutput(snapshot: HeapSnapshot): void {
    const c = this.colors;
    const { width, height } = this.app.screen;
    const stripHeight = OUTPUT_LINES * OUTPUT_LINE_HEIGHT + 30;
    const strip = new Graphics().rect(0, height - stripHeight, width, stripHeight).fill(c.outputFill);
    const title = makeText("printed output", style(11, c.mutedText));
    title.position.set(12, height - stripHeight + 6);
    const lines = (snapshot.stdout + snapshot.stderr).split("\n");
    if (lines.at(-1) === "") lines.pop();
    const shown = lines.slice(-OUTPUT_LINES).join("\n");
    const text = makeText(shown || " ", { ...style(14, c.outputText), lineHeight: OUTPUT_LINE_HEIGHT });
    text.position.set(12, height - stripHeight + 24);
    this.output.addChild(strip, title, text);
  }

  /** Scales the drawing to fit above the output strip (a small heap grows a little), then applies the player's zoom and pan. */
  private fitWorld(worldWidth: number, worldHeight: number, top = 0): void {
    const { width, height } = this.app.screen;
    const available = height - (OUTPUT_LINES * OUTPUT_LINE_HEIGHT + 30) - top;
    // A big heap is not shrunk below a readable size: the player pans and zooms instead.
    const scale = Math.max(0.45, Math.min(MAX_SCALE, width / worldWidth, available / worldHeight));
    this.fitScale = scale > 0 ? scale : 1;
    this.worldTop = top;
    this.world.scale.set(this.fitScale * this.view.zoom);
    this.world.position.set(this.view.panX, this.view.panY + top);
  }
}

/**
 * Creates a Pixi application inside `host` (WebGL first, then Pixi's canvas renderer). The scene
 * only changes when a snapshot arrives or the host resizes, so it renders on those and not on
 * every animation frame (software WebGL would otherwise keep a CPU core busy and the page slow).
 */
async function createApplication(host: HTMLElement): Promise<Application> {
  const app = new Application();
  await app.init({
    autoStart: false,
    width: Math.max(1, host.clientWidth),
    height: Math.max(1, host.clientHeight),
    background: PALETTE.background,
    antialias: true,
    autoDensity: true,
    resolution: Math.min(window.devicePixelRatio || 1, 2),
    preference: ["webgl", "canvas"],
  });
  app.ticker.stop();
  app.canvas.style.display = "block";
  app.canvas.setAttribute("aria-hidden", "true");
  app.canvas.dataset.renderer = app.renderer.name;
  host.appendChild(app.canvas);
  return app;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && a.x + a.width > b.x && a.y < b.y + b.height && a.y + a.height > b.y;
}

function arrowBounds(arrow: Arrow): Rect {
  if (arrow.route === "loop") {
    const x = Math.min(arrow.from.x, arrow.to.x);
    const y = Math.min(arrow.from.y, arrow.to.y, arrow.labelAt?.y ?? Infinity) - 10;
    const right = Math.max(arrow.laneX ?? x, (arrow.labelAt?.x ?? x) + 60);
    const bottom = Math.max(arrow.from.y, arrow.to.y, arrow.labelAt?.y ?? -Infinity) + 10;
    return { x, y, width: right - x + 1, height: bottom - y + 1 };
  }
  const reach = arrow.route === "right" ? 0 : 100;
  const x = Math.min(arrow.from.x, arrow.to.x) - reach;
  const y = Math.min(arrow.from.y, arrow.to.y);
  return { x, y, width: Math.abs(arrow.to.x - arrow.from.x) + 2 * reach + 1, height: Math.abs(arrow.to.y - arrow.from.y) + 1 };
}

/** About where the arrow's curve is halfway (exact for the symmetric "right" curves, and on a loop's lane). */
function arrowMidpoint(arrow: Arrow): { x: number; y: number } {
  const { from, to } = arrow;
  if (arrow.route === "loop") return { x: arrow.laneX ?? Math.max(from.x, to.x) + 30, y: (from.y + to.y) / 2 };
  return { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
}

/** The GC ring: the generation's colour, grey when the collector does not track the object. */
function gcRingColor(view: ObjectView, c: ScenePalette): number {
  const gc = view.gc;
  if (!gc || !gc.tracked || gc.generation === null) return c.untracked;
  switch (gc.generation) {
    case 0:
      return c.gen0;
    case 1:
      return c.gen1;
    case 2:
      return c.gen2;
    case "permanent":
      return c.permanent;
  }
}

/** "10,000 int": what a large container holds, when its references were not all listed. */
function summaryText(view: ObjectView): string {
  const count = view.summary?.count ?? view.refs.length;
  return `${count.toLocaleString("en")} ${view.summary?.elementType ?? "items"}`;
}

