// Electron's main process and preload, read as TypeScript source (the Electron binary cannot run
// here, and index.ts does not export its window options): the window's webPreferences, navigation
// and new-window handlers, the IPC sender check, the preload's surface, and the renderer's CSP.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const repo = resolve(import.meta.dirname, "../../..");

function sourceOf(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(resolve(repo, path), "utf8"), ts.ScriptTarget.Latest, true);
}

function findAll(node: ts.Node, match: (n: ts.Node) => boolean, out: ts.Node[] = []): ts.Node[] {
  if (match(node)) out.push(node);
  node.forEachChild((child) => void findAll(child, match, out));
  return out;
}

/** Calls whose callee ends in `.name` (or is `name`). */
function callsTo(root: ts.Node, name: string): ts.CallExpression[] {
  return findAll(root, (n) => ts.isCallExpression(n) && calleeName(n) === name) as ts.CallExpression[];
}
function calleeName(call: ts.CallExpression): string {
  const e = call.expression;
  return ts.isPropertyAccessExpression(e) ? e.name.text : ts.isIdentifier(e) ? e.text : "";
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of object.properties) if (ts.isPropertyAssignment(p) && p.name.getText() === name) return p.initializer;
  return undefined;
}

const main = sourceOf("src-main/index.ts");

describe("the Electron window", () => {
  const windows = findAll(main, (n) => ts.isNewExpression(n) && n.expression.getText() === "BrowserWindow") as ts.NewExpression[];

  test("every BrowserWindow is isolated and sandboxed, without Node", () => {
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) {
      const options = w.arguments?.[0];
      expect(options && ts.isObjectLiteralExpression(options)).toBe(true);
      const prefs = property(options as ts.ObjectLiteralExpression, "webPreferences");
      expect(prefs && ts.isObjectLiteralExpression(prefs)).toBe(true);
      const get = (name: string) => property(prefs as ts.ObjectLiteralExpression, name)?.getText();
      expect(get("contextIsolation")).toBe("true");
      expect(get("sandbox")).toBe("true");
      expect(get("nodeIntegration")).toBe("false");
      for (const dangerous of ["nodeIntegrationInWorker", "nodeIntegrationInSubFrames", "webviewTag", "allowRunningInsecureContent", "experimentalFeatures", "enableBlinkFeatures"]) {
        expect([undefined, "false"], dangerous).toContain(get(dangerous));
      }
      expect([undefined, "true"]).toContain(get("webSecurity"));
    }
  });

  test("navigation away from the app is prevented", () => {
    const handlers = findAll(main, (n) => ts.isCallExpression(n) && calleeName(n) === "on" && n.arguments[0]?.getText() === '"will-navigate"') as ts.CallExpression[];
    expect(handlers).toHaveLength(1);
    expect(callsTo(handlers[0].arguments[1], "preventDefault")).toHaveLength(1);
  });

  test("every new-window request is denied", () => {
    const handlers = callsTo(main, "setWindowOpenHandler");
    expect(handlers).toHaveLength(1);
    const handler = handlers[0].arguments[0];
    const returns = findAll(handler, (n) => ts.isReturnStatement(n)) as ts.ReturnStatement[];
    expect(returns.length).toBeGreaterThan(0);
    for (const r of returns) expect(r.expression?.getText().replace(/\s/g, "")).toBe('{action:"deny"}');
  });

  test("every IPC handler checks the sender before dispatching, and dispatch validates the payload", () => {
    const handles = callsTo(main, "handle").filter((c) => c.expression.getText().startsWith("ipcMain"));
    expect(handles.length).toBeGreaterThan(0);
    for (const h of handles) {
      const body = h.arguments[1];
      const text = body.getText();
      expect(text).toMatch(/senderFrame/);
      expect(text.indexOf("senderFrame")).toBeLessThan(text.indexOf("dispatch("));
    }
    // The dispatcher is the zod-validating one (test/unit/shell/api-schemas.test.ts proves it refuses bad payloads).
    expect(readFileSync(resolve(repo, "src-main/services/dispatch.ts"), "utf8")).toMatch(/requestSchemas\[channel\]\.safeParse\(payload\)/);
  });

  test("the IPC sender check accepts only the app's own page (isAppPage), not any file:// URL", () => {
    expect(main.getText()).not.toMatch(/senderFrame\?*\.url\.startsWith/);
    for (const h of callsTo(main, "handle").filter((c) => c.expression.getText().startsWith("ipcMain"))) {
      expect(callsTo(h.arguments[1], "isAppPage")).toHaveLength(1);
    }
  });

  test("a permission handler denies every request and every check (camera, notifications, ...)", () => {
    const requests = callsTo(main, "setPermissionRequestHandler");
    expect(requests).toHaveLength(1);
    expect(requests[0].arguments[0].getText()).toBe("denyPermissionRequest");
    const checks = callsTo(main, "setPermissionCheckHandler");
    expect(checks).toHaveLength(1);
    expect(checks[0].arguments[0].getText()).toBe("denyPermissionCheck");
  });

  test("shell.openExternal is never called: nothing in the app links out", () => {
    expect(callsTo(main, "openExternal")).toEqual([]);
    const fromElectron = findAll(main, (n) => ts.isImportDeclaration(n) && n.moduleSpecifier.getText() === '"electron"');
    expect(fromElectron).toHaveLength(1);
    expect(fromElectron[0].getText()).not.toMatch(/\bshell\b/);
  });

  test("ipcMain.on (fire-and-forget, unanswered, unchecked) is not used", () => {
    expect(callsTo(main, "on").filter((c) => c.expression.getText().startsWith("ipcMain"))).toEqual([]);
  });
});

describe("the preload", () => {
  const preload = sourceOf("src-main/preload/index.ts");

  test("exposes one frozen object of named methods, never ipcRenderer itself", () => {
    const exposes = callsTo(preload, "exposeInMainWorld");
    expect(exposes).toHaveLength(1);
    expect(exposes[0].arguments[1].getText()).toMatch(/^Object\.freeze\(/);
    const uses = findAll(preload, (n) => ts.isIdentifier(n) && n.text === "ipcRenderer" && !ts.isImportSpecifier(n.parent));
    expect(uses.length).toBeGreaterThan(0);
    // The only use: ipcRenderer.invoke(channel, request), with the channel from the fixed METHODS table.
    for (const u of uses) {
      expect(ts.isPropertyAccessExpression(u.parent) && u.parent.name.text === "invoke").toBe(true);
    }
    const invokes = callsTo(preload, "invoke");
    expect(invokes).toHaveLength(1);
    expect(invokes[0].arguments[0].getText()).toBe("channel");
    expect(preload.getText()).toMatch(/const channel = METHODS\[method\]/);
  });
});

/** Directive name -> its sources, from a CSP string. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name, sources);
  }
  return directives;
}

function cspOf(html: string): string | null {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1] ?? null;
}

describe("the renderer's Content Security Policy", () => {
  const pages = ["src-renderer/index.html", "out/renderer/index.html"].filter((p) => p.startsWith("src-") || existsSync(resolve(repo, p)));
  for (const page of pages) {
    test(`${page} carries a strict CSP`, () => {
      const html = readFileSync(resolve(repo, page), "utf8");
      const policy = cspOf(html);
      expect(policy).not.toBeNull();
      const csp = parseCsp(policy!);
      expect(csp.get("default-src")).toEqual(["'self'"]);
      expect(csp.get("script-src")).toEqual(["'self'"]);
      expect(csp.get("object-src")).toEqual(["'none'"]);
      expect(csp.get("base-uri")).toEqual(["'none'"]);
      expect(csp.get("form-action")).toEqual(["'none'"]);
      for (const [name, sources] of csp) {
        for (const bad of ["'unsafe-eval'", "*", "http:", "https:", "data:"].filter((b) => !(b === "data:" && (name === "img-src" || name === "font-src")))) {
          expect(sources, `${name} allows ${bad}`).not.toContain(bad);
        }
      }
      // Connections only to itself and the loopback API socket.
      for (const source of csp.get("connect-src") ?? []) expect(source).toMatch(/^('self'|ws:\/\/(127\.0\.0\.1|localhost):\*)$/);
      // No inline scripts (they would be blocked anyway; a page relying on one would be broken).
      expect(findInlineScripts(html)).toEqual([]);
    });
  }
});

function findInlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter((m) => !/\bsrc=/.test(m[1]) && m[2].trim() !== "").map((m) => m[0].slice(0, 80));
}
