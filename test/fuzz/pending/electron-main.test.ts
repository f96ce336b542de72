// Electron main-process protections that src-main/index.ts lacks today (see docs/SECURITY.md).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const text = readFileSync(resolve(import.meta.dirname, "../../../src-main/index.ts"), "utf8");
const main = ts.createSourceFile("index.ts", text, ts.ScriptTarget.Latest, true);

function calls(node: ts.Node, name: string, out: ts.CallExpression[] = []): ts.CallExpression[] {
  if (ts.isCallExpression(node)) {
    const e = node.expression;
    if ((ts.isPropertyAccessExpression(e) ? e.name.text : e.getText()) === name) out.push(node);
  }
  node.forEachChild((c) => void calls(c, name, out));
  return out;
}

describe("pending: Electron main", () => {
  test("a permission request handler denies every permission (camera, notifications, ...)", () => {
    const handlers = calls(main, "setPermissionRequestHandler");
    expect(handlers).toHaveLength(1);
    expect(handlers[0].arguments[0].getText()).toMatch(/callback\(false\)|\(\s*false\s*\)/);
    expect(calls(main, "setPermissionCheckHandler")).toHaveLength(1);
  });

  test("shell.openExternal is never given a URL from page content without an allowlist", () => {
    for (const call of calls(main, "openExternal")) {
      const argument = call.arguments[0].getText();
      const literal = /^["'`]/.test(argument);
      let fn: ts.Node = call;
      while (!ts.isArrowFunction(fn) && !ts.isFunctionLike(fn) && fn.parent) fn = fn.parent;
      const allowlisted = new RegExp(`\\.(has|includes)\\(${argument}\\)`).test(fn.getText());
      expect(literal || allowlisted, `openExternal(${argument})`).toBe(true);
    }
  });

  test("IPC accepts only the app's own page, not any file:// URL", () => {
    expect(text).not.toMatch(/senderFrame\?*\.url\.startsWith\("file:\/\/"\)/);
  });
});
