// Draws a collection being played over the heap scene (the states come from collection-view.ts):
// each examined object gets a gc_refs tag while the collector counts, a bright ring once it is
// found reachable, a grey veil once it is found unreachable, "__del__ ran" and "tp_clear" marks,
// and freed objects fade to a dashed outline. Examined objects no name reaches (the garbage) are
// drawn in rows below the heap. The scene renders; this module only builds display objects.

import { Container, Graphics } from "pixi.js";
import { OBJECT_BOX, type HeapLayout } from "./layout";
import type { CollectionFrame, GCObjectState, GCObjectVisual, OutsidePlacement } from "./collection-view";
import type { ScenePalette } from "./palette";
import { clip, glyphOf, makeText, style } from "./text";

/** How a display object animates when its phase is new: fade in, fade out, or a swelling ring. */
export interface AnimatedPart {
  target: Container;
  kind: "in" | "out" | "pulse";
}

export interface CollectionDrawing {
  world: Container;
  layout: HeapLayout;
  frame: CollectionFrame;
  visuals: ReadonlyMap<number, GCObjectVisual>;
  outside: OutsidePlacement;
  colors: ScenePalette;
  /** Where the new phase's changes are to be animated (null: show them at once, e.g. reduced motion). */
  animated: AnimatedPart[] | null;
}

/** Draws the collection and returns how many drawn objects are in each state (the canvas exposes it for tests). */
export function drawCollection(d: CollectionDrawing): Record<GCObjectState, number> {
  const counts: Record<GCObjectState, number> = { examined: 0, reachable: 0, unreachable: 0, uncollectable: 0, freed: 0 };
  for (const placed of d.layout.objects) {
    const visual = d.visuals.get(placed.view.id);
    if (!visual) continue;
    drawState(d, visual, placed.x, placed.y);
    counts[visual.state]++;
  }
  if (d.outside.placed.length > 0) {
    const more = d.outside.omitted > 0 ? ` (and ${d.outside.omitted} more)` : "";
    const caption = makeText(`Examined by the collector, reached by no name shown${more}:`, style(12, d.colors.mutedText));
    caption.position.set(d.outside.placed[0]!.x, d.outside.captionY);
    d.world.addChild(caption);
  }
  for (const { visual, x, y } of d.outside.placed) {
    drawOutsideBox(d, visual, x, y);
    drawState(d, visual, x, y);
    counts[visual.state]++;
  }
  return counts;
}

/** A plain box for an object the layout lacks: the collector only told its type (and id). */
function drawOutsideBox(d: CollectionDrawing, visual: GCObjectVisual, x: number, y: number): void {
  const c = d.colors;
  const fadingOut = visual.state === "freed" && visual.changed && d.animated !== null;
  // A freed object leaves only its "freed" outline; the phase that frees it fades its box out.
  if (visual.state === "freed" && !fadingOut) return;
  const group = new Container();
  group.addChild(
    new Graphics().roundRect(x, y, OBJECT_BOX.width, OBJECT_BOX.height, 6).fill(c.objectFill).stroke({ width: 2, color: c.objectStroke }),
  );
  const header = makeText(`${glyphOf(visual.type)} ${clip(visual.type, 14)}`, style(11, c.mutedText));
  header.position.set(x + 10, y + 5);
  const refcnt = d.frame.start.objects.find((o) => o.id === visual.id)?.refcnt;
  const body = makeText(`at ${visual.id.toString(16)}${refcnt !== undefined ? `  rc ${refcnt}` : ""}`, style(13, c.text));
  body.position.set(x + 10, y + 22);
  group.addChild(header, body);
  d.world.addChild(group);
  if (fadingOut) d.animated?.push({ target: group, kind: "out" });
}

function drawState(d: CollectionDrawing, visual: GCObjectVisual, x: number, y: number): void {
  const c = d.colors;
  // Only what the phase shown changed animates; the rest is drawn as it stands.
  const animate = (target: Container, kind: AnimatedPart["kind"]) => {
    if (visual.changed) d.animated?.push({ target, kind });
  };
  const { width, height } = OBJECT_BOX;
  switch (visual.state) {
    case "examined":
      break;
    case "reachable": {
      // Lit: reached from outside the generation (a name, a frame, an older object).
      const ring = new Container();
      ring.addChild(new Graphics().roundRect(x - 5, y - 5, width + 10, height + 10, 9).stroke({ width: 3, color: c.gcReachable }));
      d.world.addChild(ring);
      animate(ring, "in");
      break;
    }
    case "unreachable":
    case "uncollectable": {
      // Greyed: nothing outside reaches it; a veil over the box.
      const veil = new Container();
      veil.addChild(
        new Graphics()
          .roundRect(x - 2, y - 2, width + 4, height + 4, 7)
          .fill({ color: c.gcUnreachable, alpha: 0.55 })
          .stroke({ width: 2, color: visual.state === "uncollectable" ? c.permanent : c.gcUnreachable }),
      );
      const word = makeText(visual.state, style(11, c.badgeText, "bold"));
      word.anchor.set(1, 1);
      word.position.set(x + width - 6, y + height - 4);
      veil.addChild(word);
      d.world.addChild(veil);
      animate(veil, "in");
      break;
    }
    case "freed": {
      const ghost = new Container();
      ghost.addChild(new Graphics().roundRect(x - 2, y - 2, width + 4, height + 4, 7).stroke({ width: 2, color: c.untracked }));
      const word = makeText("freed", style(13, c.mutedText, "bold"));
      word.anchor.set(1, 1);
      word.position.set(x + width - 6, y + height - 4);
      ghost.addChild(word);
      d.world.addChild(ghost);
      animate(ghost, "in");
      break;
    }
  }
  if (visual.gcRefs !== null) drawGcRefsTag(d, visual, x, y + height);
  const marks = [visual.finalized ? "__del__ ran" : "", visual.cleared ? "tp_clear" : ""].filter(Boolean).join(" · ");
  if (marks) {
    const mark = makeText(marks, style(11, c.cycleArrow, "bold"));
    mark.position.set(x + 4, y + height + 4);
    d.world.addChild(mark);
  }
}

/** A pill under the box's left corner: the collector's working count, gc_refs. */
function drawGcRefsTag(d: CollectionDrawing, visual: GCObjectVisual, x: number, bottom: number): void {
  const c = d.colors;
  const label = makeText(`gc_refs ${visual.gcRefs}`, style(12, c.badgeText, "bold"));
  const width = label.width + 14;
  const tag = new Container();
  tag.addChild(new Graphics().roundRect(x - 6, bottom - 10, width, 20, 10).fill(visual.gcRefs === 0 ? c.gcUnreachable : c.gcRefsFill));
  label.anchor.set(0, 0.5);
  label.position.set(x + 1, bottom);
  tag.addChild(label);
  d.world.addChild(tag);
  if (visual.gcRefsDropped && d.animated) {
    // The count just went down: a ring swells out of the tag, as for a decref.
    const pulse = new Container();
    pulse.position.set(x - 6 + width / 2, bottom);
    pulse.addChild(new Graphics().ellipse(0, 0, width / 2 + 4, 13).stroke({ width: 3, color: c.badgeFill }));
    d.world.addChild(pulse);
    d.animated.push({ target: pulse, kind: "pulse" });
  }
}
