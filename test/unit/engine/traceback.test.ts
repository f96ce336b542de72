// Traceback source lines and carets (CPython 3.13 traceback.py rules), "Did you mean" suggestions,
// and the compiler's SyntaxWarning checks.
import { describe, expect, it } from "vitest";
import { dedent, formatFrameSource } from "../../../src-main/engine/vm/traceback-frame";
import { closestName, levenshteinDistance } from "../../../src-main/engine/vm/suggestions";
import { checkCaller, checkIndex, checkSubscripter } from "../../../src-main/engine/compile/warnings";
import { parseModule, type Expr } from "../../../src-main/engine/parse/index";
import { runSource } from "../../../src-main/engine/index";

const at = (lines: string[], lineno: number, colStart: number, colEnd: number, endLineno = lineno) =>
  formatFrameSource(lines, { lineno, endLineno, colStart, colEnd });

describe("formatFrameSource", () => {
  it("anchors a binary operation: ~ under operands, ^ under the operator", () => {
    expect(at(["print(1/0)"], 1, 6, 9)).toBe("    print(1/0)\n          ~^~\n");
    expect(at(["x = 1 + 'a'"], 1, 4, 11)).toBe("    x = 1 + 'a'\n        ~~^~~~~\n");
  });
  it("anchors subscripts and calls at their brackets", () => {
    expect(at(["    return x[3]"], 1, 11, 15)).toBe("    return x[3]\n           ~^^^\n");
    expect(at(["f(1, 2, 3)"], 1, 0, 10)).toBe("    f(1, 2, 3)\n    ~^^^^^^^^^\n");
  });
  it("shows no carets when they would underline the whole statement", () => {
    expect(at(["    return r(n + 1)"], 1, 11, 19)).toBe("    return r(n + 1)\n");
    expect(at(["x = int('abc')"], 1, 4, 14)).toBe("    x = int('abc')\n");
    expect(at(["raise E('custom', 2)"], 1, 0, 20)).toBe("    raise E('custom', 2)\n");
  });
  it("prints every line of a multi-line range with its carets", () => {
    expect(at(["x = (1,", "     2) + None"], 1, 4, 14, 2)).toBe("    x = (1,\n        ~~~\n         2) + None\n         ~~~^~~~~~\n");
  });
  it("prints only the first line when columns are unknown", () => {
    expect(at(["  a = b"], 1, -1, -1)).toBe("    a = b\n");
  });
  it("dedents like textwrap.dedent", () => {
    expect(dedent("    a\n      b\n")).toBe("a\n  b\n");
    expect(dedent("  a\n   \n  b")).toBe("a\n\nb");
  });
});

describe("suggestions", () => {
  it("weighs case changes half of other edits", () => {
    expect(levenshteinDistance("Value", "value", 10)).toBe(1);
    expect(levenshteinDistance("valeu", "value", 10)).toBe(4);
  });
  it("suggests the closest name within a third of the characters, first on ties", () => {
    expect(closestName(["count", "print"], "coutn")).toBe("count");
    expect(closestName(["alpha", "beta"], "zzzz")).toBeNull();
    expect(closestName(["ab", "ac"], "aa")).toBe("ab");
  });
  it("appends the hint to the printed NameError only", () => {
    const r = runSource("count = 1\ntry:\n    coutn\nexcept NameError as e:\n    print(e)\nprint(coutn)\n", { filename: "t.py" });
    expect(r.stdout).toBe("name 'coutn' is not defined\n");
    expect(r.stderr.endsWith("NameError: name 'coutn' is not defined. Did you mean: 'count'?\n")).toBe(true);
  });
});

describe("compiler SyntaxWarning checks", () => {
  const expr = (src: string): Expr => {
    const s = parseModule(src, "t.py").body[0];
    if (s.kind !== "Expr") throw new Error("not an expression");
    return s.value;
  };
  it("flags calling and subscripting literals", () => {
    const call = expr("(1, 2)(3)");
    expect(call.kind === "Call" && checkCaller(call.func)?.message).toBe("'tuple' object is not callable; perhaps you missed a comma?");
    const sub = expr("None[0]");
    expect(sub.kind === "Subscript" && checkSubscripter(sub.value)?.message).toBe("'NoneType' object is not subscriptable; perhaps you missed a comma?");
    const idx = expr("[1, 2][1.5]");
    expect(idx.kind === "Subscript" && checkIndex(idx.value, idx.slice)?.message).toBe("list indices must be integers or slices, not float; perhaps you missed a comma?");
  });
  it("leaves ordinary calls and integer indexes alone", () => {
    const call = expr("f(3)");
    expect(call.kind === "Call" && checkCaller(call.func)).toBeNull();
    const idx = expr("[1, 2][0]");
    expect(idx.kind === "Subscript" && checkIndex(idx.value, idx.slice)).toBeNull();
  });
});
