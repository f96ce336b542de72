// The scene's colours (Pixi wants numbers; the CSS theme in ui/ mirrors these). Two palettes: the
// default one, and one safe for the common colour-vision deficiencies (Okabe-Ito hues), chosen in
// the settings.
export interface ScenePalette {
  background: number;
  nameFill: number;
  nameStroke: number;
  objectFill: number;
  objectStroke: number;
  moduleFill: number;
  text: number;
  mutedText: number;
  arrow: number;
  refArrow: number;
  /** References that lie on a cycle. */
  cycleArrow: number;
  /** Arrows the player may cut. */
  cutArrow: number;
  badgeFill: number;
  badgeImmortal: number;
  badgeText: number;
  outputFill: number;
  outputText: number;
  frameLabel: number;
  /** GC rings by generation; grey when the collector does not track the object. */
  gen0: number;
  gen1: number;
  gen2: number;
  permanent: number;
  untracked: number;
  /** A collection played in the scene: found reachable, found unreachable (the grey veil), the gc_refs tag. */
  gcReachable: number;
  gcUnreachable: number;
  gcRefsFill: number;
}

export const PALETTE: ScenePalette = {
  background: 0x14171f,
  nameFill: 0x233047,
  nameStroke: 0x5b8def,
  objectFill: 0x262b36,
  objectStroke: 0x8a93a6,
  moduleFill: 0x1d2029,
  text: 0xe8ecf3,
  mutedText: 0x9aa3b5,
  arrow: 0xf2b84b,
  refArrow: 0x7fc8a9,
  cycleArrow: 0xff7ab6,
  cutArrow: 0xff5d5d,
  badgeFill: 0xe0564f,
  badgeImmortal: 0x6c5fd1,
  badgeText: 0xffffff,
  outputFill: 0x0d0f14,
  outputText: 0xc8f7c5,
  frameLabel: 0x9aa3b5,
  gen0: 0x5fcf8a,
  gen1: 0x5b8def,
  gen2: 0xc792ea,
  permanent: 0xf2b84b,
  untracked: 0x6b7386,
  gcReachable: 0xffd166,
  gcUnreachable: 0x6b7386,
  gcRefsFill: 0x2f6fdb,
};

/** Okabe-Ito colours: told apart with protanopia, deuteranopia and tritanopia. */
export const COLOR_BLIND_PALETTE: ScenePalette = {
  ...PALETTE,
  nameStroke: 0x56b4e9,
  arrow: 0xe69f00,
  refArrow: 0x56b4e9,
  cycleArrow: 0xcc79a7,
  cutArrow: 0xd55e00,
  badgeFill: 0xd55e00,
  badgeImmortal: 0x0072b2,
  outputText: 0xf0e442,
  gen0: 0x009e73,
  gen1: 0x56b4e9,
  gen2: 0xcc79a7,
  permanent: 0xe69f00,
  untracked: 0x7a7a7a,
  gcReachable: 0xf0e442,
  gcUnreachable: 0x7a7a7a,
  gcRefsFill: 0x0072b2,
};

/** A light theme's scene colours. */
export const LIGHT_PALETTE: ScenePalette = {
  ...PALETTE,
  background: 0xf6f7fb,
  nameFill: 0xdde7fb,
  objectFill: 0xffffff,
  moduleFill: 0xeef0f4,
  text: 0x1b1f29,
  mutedText: 0x5a6273,
  outputFill: 0xe9ecf2,
  outputText: 0x1d5e2c,
  frameLabel: 0x5a6273,
  gcReachable: 0xd99a00,
};
