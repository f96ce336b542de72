// The scene's colours (Pixi wants numbers; the CSS theme in ui/ mirrors these).
export const PALETTE = {
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
  badgeFill: 0xe0564f,
  badgeImmortal: 0x6c5fd1,
  badgeText: 0xffffff,
  outputFill: 0x0d0f14,
  outputText: 0xc8f7c5,
  frameLabel: 0x9aa3b5,
} as const;
