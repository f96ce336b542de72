// RunResult.error.type names the parser's own class for a program that does not compile
// (SECURITY.md P9: an IndentationError used to be typed SyntaxError; only stderr was right), and
// exec() raises that class, as CPython does.
import { beforeAll, describe, expect, test } from "vitest";
import { loadEngineProbe, type EngineProbe } from "../../fuzz/bundle";

let probe: EngineProbe;
beforeAll(async () => {
  probe = await loadEngineProbe();
});

const lastLine = (stderr: string) => stderr.trimEnd().split("\n").at(-1);

describe("syntax error classes", () => {
  const cases = [
    { source: "if 1:\nprint(1)\n", type: "IndentationError", line: "IndentationError: expected an indented block after 'if' statement on line 1" },
    { source: "x = 1\n    y = 2\n", type: "IndentationError", line: "IndentationError: unexpected indent" },
    { source: "if 1:\n\tx = 1\n        y = 2\n", type: "TabError", line: "TabError: inconsistent use of tabs and spaces in indentation" },
    { source: "x = = 1\n", type: "SyntaxError", line: "SyntaxError: invalid syntax" },
  ];
  for (const c of cases) {
    test(`${JSON.stringify(c.source)} is a ${c.type}`, () => {
      const r = probe.runSource(c.source, {});
      expect(lastLine(r.stderr)).toBe(c.line);
      expect(r.error?.type).toBe(c.type);
    });
  }

  test("exec raises the same classes (CPython 3.13's output)", () => {
    const r = probe.runSource(
      [
        "for src in ['if 1:\\nprint(1)', 'if 1:\\n\\tx = 1\\n        y = 2\\n', '  x = 1', 'x = = 1']:",
        "    try:",
        "        exec(src)",
        "    except IndentationError as e:",
        "        print(type(e).__name__, isinstance(e, SyntaxError))",
        "    except SyntaxError as e:",
        "        print(type(e).__name__)",
        "print(issubclass(TabError, IndentationError))",
        "",
      ].join("\n"),
      {},
    );
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("IndentationError True\nTabError True\nIndentationError True\nSyntaxError\nTrue\n");
  });
});
