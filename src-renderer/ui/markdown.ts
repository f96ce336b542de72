// Level texts (intro, hints, "what you learned") are Markdown written by whoever made the pack, so
// anyone. `marked` does the parsing (its lexer only: it never builds HTML here); this module narrows
// its tokens to the few kinds Markdown.svelte renders, all as Svelte text nodes. Raw HTML in a pack
// is shown as the text it is, links show their text (the game never navigates or links out), and
// images show their alt text.

import { Lexer, type Token, type Tokens } from "marked";

export type MdInline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "br" }
  | { kind: "strong" | "em" | "del"; children: MdInline[] }
  | { kind: "link"; href: string; children: MdInline[] };

export type MdBlock =
  | { kind: "paragraph"; children: MdInline[] }
  | { kind: "heading"; depth: number; children: MdInline[] }
  | { kind: "code"; lang: string; text: string }
  | { kind: "list"; ordered: boolean; start: number; items: MdBlock[][] }
  | { kind: "blockquote"; children: MdBlock[] }
  | { kind: "table"; header: MdInline[][]; rows: MdInline[][][] }
  | { kind: "hr" };

export function markdownBlocks(source: string): MdBlock[] {
  return blocksOf(Lexer.lex(source, { gfm: true }));
}

export function markdownInline(source: string): MdInline[] {
  return inlineOf(Lexer.lexInline(source, { gfm: true }));
}

function blocksOf(tokens: Token[]): MdBlock[] {
  const blocks: MdBlock[] = [];
  for (const token of tokens) {
    const block = blockOf(token as Tokens.Generic);
    if (block) blocks.push(block);
  }
  return blocks;
}

function blockOf(token: Tokens.Generic): MdBlock | null {
  switch (token.type) {
    case "space":
    case "def":
      return null;
    case "paragraph":
      return { kind: "paragraph", children: inlineOf(token.tokens ?? []) };
    case "heading":
      return { kind: "heading", depth: (token as Tokens.Heading).depth, children: inlineOf(token.tokens ?? []) };
    case "code":
      return { kind: "code", lang: (token as Tokens.Code).lang ?? "", text: token.text ?? "" };
    case "blockquote":
      return { kind: "blockquote", children: blocksOf(token.tokens ?? []) };
    case "hr":
      return { kind: "hr" };
    case "list": {
      const list = token as Tokens.List;
      // A tight list item holds a bare "text" token (made a paragraph below) with the inline tokens.
      const items = list.items.map((item) => blocksOf(item.tokens));
      return { kind: "list", ordered: list.ordered, start: typeof list.start === "number" ? list.start : 1, items };
    }
    case "table": {
      const table = token as Tokens.Table;
      return {
        kind: "table",
        header: table.header.map((cell) => inlineOf(cell.tokens)),
        rows: table.rows.map((row) => row.map((cell) => inlineOf(cell.tokens))),
      };
    }
    case "text":
      // A block-level text token (inside a tight list item): its inline tokens, as a paragraph.
      return { kind: "paragraph", children: token.tokens ? inlineOf(token.tokens) : [{ kind: "text", text: decodeEntities(token.text ?? "") }] };
    default:
      // Raw HTML and anything else: shown as its source text, never interpreted.
      return { kind: "paragraph", children: [{ kind: "text", text: token.raw }] };
  }
}

function inlineOf(tokens: Token[]): MdInline[] {
  const out: MdInline[] = [];
  for (const raw of tokens) {
    const token = raw as Tokens.Generic;
    switch (token.type) {
      case "text":
        if (token.tokens && token.tokens.length > 0) out.push(...inlineOf(token.tokens));
        else out.push({ kind: "text", text: decodeEntities(token.text ?? "") });
        break;
      case "escape":
        out.push({ kind: "text", text: token.text ?? "" });
        break;
      case "codespan":
        out.push({ kind: "code", text: decodeEntities(token.text ?? "") });
        break;
      case "br":
        out.push({ kind: "br" });
        break;
      case "strong":
      case "em":
      case "del":
        out.push({ kind: token.type, children: inlineOf(token.tokens ?? []) });
        break;
      case "link":
        out.push({ kind: "link", href: (token as Tokens.Link).href, children: inlineOf(token.tokens ?? []) });
        break;
      case "image":
        out.push({ kind: "text", text: (token as Tokens.Image).text });
        break;
      default:
        // Inline HTML (`<b>`, `<script>`) and anything unknown: its source, as text.
        out.push({ kind: "text", text: token.raw });
    }
  }
  return out;
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** marked leaves character references in text as written; a browser would decode them, so do we. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
