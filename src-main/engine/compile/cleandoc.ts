// _PyCompile_CleanDoc (Python/compile.c, new in 3.13): the compiler strips the common indentation
// of a docstring's lines, as inspect.cleandoc() does, but keeps its leading and trailing blank
// lines (so line numbers in it stay true). Tabs are expanded first. The first line loses its
// leading spaces; every later line loses up to `margin` spaces, the least indentation of the
// later lines that are not blank.
import { expandTabs } from "../objects/str";

export function cleanDoc(doc: string): string {
  const text = expandTabs(doc, 8);
  const lines = text.split("\n");
  let margin = Infinity;
  for (const line of lines.slice(1)) {
    const indent = line.length - line.replace(/^ +/, "").length;
    if (indent < line.length) margin = Math.min(margin, indent);
  }
  if (margin === Infinity) margin = 0;
  return [lines[0].replace(/^ +/, ""), ...lines.slice(1).map((line) => line.slice(Math.min(margin, line.length - line.replace(/^ +/, "").length)))].join("\n");
}
