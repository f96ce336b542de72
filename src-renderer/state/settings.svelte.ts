// The player's display settings: theme, colour-blind-safe palette, font size, reduced motion.
// Kept in the browser's storage for this profile (main's progress store has a settings table the
// profile picker can move them to).

import { COLOR_BLIND_PALETTE, LIGHT_PALETTE, PALETTE, type ScenePalette } from "../scene/palette";

export type Theme = "dark" | "light";

interface Stored {
  theme: Theme;
  colorBlind: boolean;
  fontSize: number;
  reducedMotion: boolean;
}

const KEY = "heapwise.settings";

export class Settings {
  theme = $state<Theme>("dark");
  colorBlind = $state(false);
  fontSize = $state(15);
  reducedMotion = $state(false);

  constructor(private readonly storage: Storage | null = typeof localStorage === "undefined" ? null : localStorage) {
    const prefersReduced = typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
    this.reducedMotion = prefersReduced;
    try {
      const saved = JSON.parse(this.storage?.getItem(KEY) ?? "null") as Partial<Stored> | null;
      if (saved) {
        if (saved.theme === "dark" || saved.theme === "light") this.theme = saved.theme;
        if (typeof saved.colorBlind === "boolean") this.colorBlind = saved.colorBlind;
        if (typeof saved.fontSize === "number" && saved.fontSize >= 11 && saved.fontSize <= 26) this.fontSize = saved.fontSize;
        if (typeof saved.reducedMotion === "boolean") this.reducedMotion = saved.reducedMotion;
      }
    } catch {
      /* unreadable settings: keep the defaults */
    }
  }

  /** Takes the profile's stored settings (main's progress store); "system" follows the OS theme. */
  adopt(stored: { theme: "system" | "light" | "dark"; reducedMotion: boolean; fontSize: number } | null): void {
    if (!stored) return;
    const prefersLight = typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: light)").matches;
    this.theme = stored.theme === "system" ? (prefersLight ? "light" : "dark") : stored.theme;
    this.reducedMotion = stored.reducedMotion;
    if (stored.fontSize >= 11 && stored.fontSize <= 26) this.fontSize = stored.fontSize;
  }

  get scenePalette(): ScenePalette {
    const base = this.theme === "light" ? LIGHT_PALETTE : PALETTE;
    return this.colorBlind ? { ...COLOR_BLIND_PALETTE, ...pick(base) } : base;
  }

  save(): void {
    const stored: Stored = { theme: this.theme, colorBlind: this.colorBlind, fontSize: this.fontSize, reducedMotion: this.reducedMotion };
    this.storage?.setItem(KEY, JSON.stringify(stored));
  }
}

/** The theme's background and text colours, kept when the colour-blind hues are laid over it. */
function pick(p: ScenePalette): Partial<ScenePalette> {
  return { background: p.background, nameFill: p.nameFill, objectFill: p.objectFill, moduleFill: p.moduleFill, text: p.text, mutedText: p.mutedText, outputFill: p.outputFill, frameLabel: p.frameLabel };
}
