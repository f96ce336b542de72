// Just enough Markdown for level texts (paragraphs, `code`, **bold**, *emphasis*), turned into
// plain tokens that Svelte renders as text: level packs may come from anyone, so no HTML is built
// from them.

export type InlineToken = { kind: "text" | "code" | "strong" | "em"; text: string };

const INLINE = /`([^`]+)`|\*\*([^*]+)\*\*|\*([^*]+)\*/g;

export function paragraphs(markdown: string): InlineToken[][] {
  return markdown
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p !== "")
    .map(inlineTokens);
}

export function inlineTokens(text: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  let last = 0;
  for (const match of text.matchAll(INLINE)) {
    if (match.index > last) tokens.push({ kind: "text", text: text.slice(last, match.index) });
    if (match[1] !== undefined) tokens.push({ kind: "code", text: match[1] });
    else if (match[2] !== undefined) tokens.push({ kind: "strong", text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: "em", text: match[3] });
    last = match.index + match[0].length;
  }
  if (last < text.length) tokens.push({ kind: "text", text: text.slice(last) });
  return tokens;
}
