// Text for the scene's drawings: one monospace font, sized and coloured per use.

import { Text, type TextStyleOptions } from "pixi.js";

const FONT = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";

export function style(size: number, fill: number, weight: TextStyleOptions["fontWeight"] = "normal"): TextStyleOptions {
  return { fontFamily: FONT, fontSize: size, fill, fontWeight: weight };
}

/** Text rendered at twice the scale it is drawn at, so it stays sharp when the world is scaled up. */
export function makeText(text: string, textStyle: TextStyleOptions): Text {
  return new Text({ text, style: textStyle, resolution: 2 * Math.min(window.devicePixelRatio || 1, 2) });
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A one-character glyph per kind of object, so types can be told apart at a glance. */
export function glyphOf(type: string): string {
  switch (type) {
    case "list":
      return "[ ]";
    case "tuple":
      return "( )";
    case "dict":
      return "{:}";
    case "set":
    case "frozenset":
      return "{ }";
    case "int":
    case "float":
    case "complex":
    case "bool":
      return "#";
    case "str":
    case "bytes":
    case "bytearray":
      return "\"";
    case "function":
    case "method":
    case "builtin_function_or_method":
      return "ƒ";
    case "generator":
      return "⟳";
    case "module":
      return "▣";
    case "type":
      return "◆";
    default:
      return "●";
  }
}
