// The heap scene: draws one HeapSnapshot with Pixi. A plain class that Svelte never looks inside;
// the bridge component (ui/HeapView.svelte) creates it and hands it snapshots. Each snapshot is
// drawn from scratch: the skeleton's scenes are small, and a full redraw can never show stale refs.

import "pixi.js/unsafe-eval"; // lets Pixi run under a Content-Security-Policy without 'unsafe-eval'
import { Application, Container, Graphics, Text, type TextStyleOptions } from "pixi.js";
import type { HeapSnapshot } from "../../src-main/api/index";
import { layoutHeap, NAME_BOX, OBJECT_BOX, positionsOf, refcountBadgeText, type Arrow, type HeapLayout } from "./layout";
import { PALETTE } from "./palette";

const FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
const OUTPUT_LINES = 6;
const OUTPUT_LINE_HEIGHT = 18;
const MAX_SCALE = 1.3;

function style(size: number, fill: number, weight: TextStyleOptions["fontWeight"] = "normal"): TextStyleOptions {
  return { fontFamily: FONT, fontSize: size, fill, fontWeight: weight };
}

export class HeapScene {
  private readonly world = new Container();
  private readonly output = new Container();
  private last: HeapSnapshot | null = null;
  /** The positions objects were last drawn at, so they stay put from step to step. */
  private positions = new Map<number, { x: number; y: number }>();
  private readonly resizeObserver: ResizeObserver;

  private constructor(
    private readonly app: Application,
    private readonly host: HTMLElement,
  ) {
    app.stage.addChild(this.world, this.output);
    this.resizeObserver = new ResizeObserver(() => this.redraw());
    this.resizeObserver.observe(host);
  }

  /**
   * Creates the Pixi application inside `host` (WebGL first, then Pixi's canvas renderer). The scene
   * only changes when a snapshot arrives or the host resizes, so it renders on those and not on
   * every animation frame (software WebGL would otherwise keep a CPU core busy and the page slow).
   */
  static async create(host: HTMLElement): Promise<HeapScene> {
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
    return new HeapScene(app, host);
  }

  /** The renderer Pixi chose ("webgl", "canvas", ...). */
  get rendererName(): string {
    return this.app.renderer.name;
  }

  show(snapshot: HeapSnapshot): void {
    this.last = snapshot;
    this.redraw();
  }

  destroy(): void {
    this.resizeObserver.disconnect();
    this.app.destroy({ removeView: true }, { children: true });
  }

  private redraw(): void {
    const width = Math.max(1, this.host.clientWidth);
    const height = Math.max(1, this.host.clientHeight);
    if (width !== this.app.screen.width || height !== this.app.screen.height) this.app.renderer.resize(width, height);
    for (const child of this.world.removeChildren()) child.destroy({ children: true });
    for (const child of this.output.removeChildren()) child.destroy({ children: true });
    const snapshot = this.last;
    if (snapshot?.finished && snapshot.frames.length === 0) {
      // The engine shows no frames once the module has run to its end; say so rather than go blank.
      const done = makeText(snapshot.error ? "The program stopped with an error." : "The program has finished.", style(15, PALETTE.mutedText));
      done.position.set(24, 24);
      this.world.scale.set(1);
      this.world.addChild(done);
      this.drawOutput(snapshot);
    } else if (snapshot) {
      const layout = layoutHeap(snapshot, this.positions);
      this.positions = positionsOf(layout);
      this.drawArrows(layout.arrows);
      this.drawNames(layout);
      this.drawObjects(layout);
      this.drawOutput(snapshot);
      this.fitWorld(layout);
    }
    this.app.render();
  }

  private drawNames(layout: HeapLayout): void {
    let lastFrame: string | null = null;
    for (const placed of layout.names) {
      if (placed.frame !== lastFrame && layout.names.some((n) => n.frame !== placed.frame)) {
        const label = makeText(placed.frame, style(11, PALETTE.frameLabel));
        label.position.set(placed.x, placed.y - 15);
        this.world.addChild(label);
      }
      lastFrame = placed.frame;
      const box = new Graphics()
        .roundRect(placed.x, placed.y, NAME_BOX.width, NAME_BOX.height, 8)
        .fill(PALETTE.nameFill)
        .stroke({ width: 2, color: PALETTE.nameStroke });
      const text = makeText(placed.name, style(16, PALETTE.text, "bold"));
      text.anchor.set(0.5);
      text.position.set(placed.x + NAME_BOX.width / 2, placed.y + NAME_BOX.height / 2);
      this.world.addChild(box, text);
    }
  }

  private drawObjects(layout: HeapLayout): void {
    for (const placed of layout.objects) {
      const { view, x, y } = placed;
      const isModule = view.type === "module";
      const box = new Graphics()
        .roundRect(x, y, OBJECT_BOX.width, OBJECT_BOX.height, 6)
        .fill(isModule ? PALETTE.moduleFill : PALETTE.objectFill)
        .stroke({ width: 2, color: PALETTE.objectStroke });
      const type = makeText(view.type, style(11, PALETTE.mutedText));
      type.position.set(x + 10, y + 6);
      const repr = makeText(clip(view.repr, 20), style(15, PALETTE.text));
      repr.position.set(x + 10, y + 22);
      this.world.addChild(box, type, repr);
      this.drawBadge(x + OBJECT_BOX.width, y, refcountBadgeText(view), view.immortal);
    }
  }

  /** The refcount badge: a pill on the box's top-right corner showing ob_refcnt. */
  private drawBadge(right: number, top: number, text: string, immortal: boolean): void {
    const label = makeText(text, style(13, PALETTE.badgeText, "bold"));
    const width = Math.max(26, label.width + 14);
    const pill = new Graphics()
      .roundRect(right - width + 8, top - 11, width, 22, 11)
      .fill(immortal ? PALETTE.badgeImmortal : PALETTE.badgeFill);
    label.anchor.set(0.5);
    label.position.set(right - width / 2 + 8, top);
    this.world.addChild(pill, label);
  }

  private drawArrows(arrows: Arrow[]): void {
    const lines = new Graphics();
    for (const arrow of arrows) {
      const color = arrow.label ? PALETTE.refArrow : PALETTE.arrow;
      const alpha = arrow.faint ? 0.3 : 1;
      const { from, to } = arrow;
      // The arrowhead points right for "right" routes and left for the others.
      const sign = arrow.route === "right" ? 1 : -1;
      const tip = { x: to.x - sign * 9, y: to.y };
      switch (arrow.route) {
        case "right": {
          const bend = Math.max(30, (to.x - from.x) / 2);
          lines.moveTo(from.x, from.y).bezierCurveTo(from.x + bend, from.y, tip.x - bend, to.y, tip.x, tip.y);
          break;
        }
        case "loop": {
          const reach = 40 + Math.min(60, Math.abs(to.y - from.y) / 4);
          lines.moveTo(from.x, from.y).bezierCurveTo(from.x + reach, from.y, tip.x + reach, to.y, tip.x, tip.y);
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
      lines.stroke({ width: arrow.faint ? 1.5 : 2.5, color, alpha });
      lines.poly([to.x, to.y, to.x - sign * 11, to.y - 6, to.x - sign * 11, to.y + 6]).fill({ color, alpha });
      if (arrow.label && !arrow.faint) {
        const label = makeText(arrow.label, style(11, PALETTE.refArrow));
        const midX = arrow.route === "loop" ? Math.max(from.x, to.x) + 30 : (from.x + to.x) / 2 - label.width / 2;
        label.position.set(midX, (from.y + to.y) / 2 - 16);
        this.world.addChild(label);
      }
    }
    this.world.addChild(lines);
  }

  /** The program's printed output, in a strip along the bottom of the canvas. */
  private drawOutput(snapshot: HeapSnapshot): void {
    const { width, height } = this.app.screen;
    const stripHeight = OUTPUT_LINES * OUTPUT_LINE_HEIGHT + 30;
    const strip = new Graphics().rect(0, height - stripHeight, width, stripHeight).fill(PALETTE.outputFill);
    const title = makeText("printed output", style(11, PALETTE.mutedText));
    title.position.set(12, height - stripHeight + 6);
    const lines = (snapshot.stdout + snapshot.stderr).split("\n");
    if (lines.at(-1) === "") lines.pop();
    const shown = lines.slice(-OUTPUT_LINES).join("\n");
    const text = makeText(shown || " ", { ...style(14, PALETTE.outputText), lineHeight: OUTPUT_LINE_HEIGHT });
    text.position.set(12, height - stripHeight + 24);
    this.output.addChild(strip, title, text);
  }

  /** Scales the drawing to fit above the output strip (a small heap grows a little, up to MAX_SCALE). */
  private fitWorld(layout: HeapLayout): void {
    const { width, height } = this.app.screen;
    const available = height - (OUTPUT_LINES * OUTPUT_LINE_HEIGHT + 30);
    const scale = Math.min(MAX_SCALE, width / layout.width, available / layout.height);
    this.world.scale.set(scale > 0 ? scale : 1);
  }
}

/** Text rendered at twice the scale it is drawn at, so it stays sharp when the world is scaled up. */
function makeText(text: string, textStyle: TextStyleOptions): Text {
  return new Text({ text, style: textStyle, resolution: 2 * Math.min(window.devicePixelRatio || 1, 2) });
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
