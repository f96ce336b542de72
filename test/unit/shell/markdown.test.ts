// Level text Markdown (src-renderer/ui/markdown.ts): what a teacher writes comes out as structure,
// and nothing in it becomes HTML.
import { describe, expect, test } from "vitest";
import { markdownBlocks, markdownInline } from "../../../src-renderer/ui/markdown";

describe("level text Markdown", () => {
  test("paragraphs, code spans, bold and emphasis (what the built-in levels use)", () => {
    expect(markdownBlocks("A list `[1, 2]` has **one** *name*.\nSame paragraph.\n\nSecond.")).toEqual([
      {
        kind: "paragraph",
        children: [
          { kind: "text", text: "A list " },
          { kind: "code", text: "[1, 2]" },
          { kind: "text", text: " has " },
          { kind: "strong", children: [{ kind: "text", text: "one" }] },
          { kind: "text", text: " " },
          { kind: "em", children: [{ kind: "text", text: "name" }] },
          { kind: "text", text: ".\nSame paragraph." },
        ],
      },
      { kind: "paragraph", children: [{ kind: "text", text: "Second." }] },
    ]);
  });

  test("lists, fenced Python code, headings, quotes and tables keep their structure", () => {
    const blocks = markdownBlocks("## Try this\n\n1. run it\n2. **step**\n\n- a\n- b\n\n```python\nx = [1]\ny = x\n```\n\n> CPython only\n\n| name | refs |\n|---|---|\n| x | 2 |");
    expect(blocks.map((b) => b.kind)).toEqual(["heading", "list", "list", "code", "blockquote", "table"]);
    expect(blocks[0]).toEqual({ kind: "heading", depth: 2, children: [{ kind: "text", text: "Try this" }] });
    expect(blocks[1]).toEqual({
      kind: "list",
      ordered: true,
      start: 1,
      items: [[{ kind: "paragraph", children: [{ kind: "text", text: "run it" }] }], [{ kind: "paragraph", children: [{ kind: "strong", children: [{ kind: "text", text: "step" }] }] }]],
    });
    expect(blocks[3]).toEqual({ kind: "code", lang: "python", text: "x = [1]\ny = x" });
    expect(blocks[5]).toEqual({ kind: "table", header: [[{ kind: "text", text: "name" }], [{ kind: "text", text: "refs" }]], rows: [[[{ kind: "text", text: "x" }], [{ kind: "text", text: "2" }]]] });
  });

  test("raw HTML, block or inline, stays text; links keep only their text and address; images their alt", () => {
    expect(markdownBlocks("<script>alert(1)</script>")).toEqual([{ kind: "paragraph", children: [{ kind: "text", text: "<script>alert(1)</script>" }] }]);
    expect(markdownInline('a <img src=x onerror="alert(1)"> [docs](https://docs.python.org/3.13/) ![a cat](cat.png)')).toEqual([
      { kind: "text", text: "a " },
      { kind: "text", text: '<img src=x onerror="alert(1)">' },
      { kind: "text", text: " " },
      { kind: "link", href: "https://docs.python.org/3.13/", children: [{ kind: "text", text: "docs" }] },
      { kind: "text", text: " " },
      { kind: "text", text: "a cat" },
    ]);
  });

  test("character references are decoded as a browser would, escapes give their character", () => {
    expect(markdownInline("a &lt;b&gt; &amp; &#955; &#x3bb; \\*not em\\*")).toEqual([
      { kind: "text", text: "a <b> & λ λ " },
      { kind: "text", text: "*" },
      { kind: "text", text: "not em" },
      { kind: "text", text: "*" },
    ]);
  });
});
