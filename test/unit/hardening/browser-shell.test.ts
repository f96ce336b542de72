// The browser shell's refusals that test/unit/shell/browser-host.test.ts does not cover: a wrong
// Host (DNS rebinding) on HTTP and WebSocket, the token on every asset and in every shape, a
// request line with an absolute URL, binary and non-JSON WebSocket messages. Each
// refusal happens before the dispatcher sees anything.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { startBrowserHost, type BrowserHost } from "../../../src-main/shell/browser-host";

const TOKEN = "hardening-token-0123456789abcdefgh";
let host: BrowserHost;
const dispatched: unknown[] = [];

beforeAll(async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), "heapwise-hardening-host-"));
  const root = path.join(base, "renderer");
  mkdirSync(path.join(root, "assets"), { recursive: true });
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Heapwise</title>");
  writeFileSync(path.join(root, "assets", "app.js"), "console.log('hi')");
  host = await startBrowserHost({
    rendererDir: root,
    token: TOKEN,
    dispatch: async (channel, payload) => {
      dispatched.push({ channel, payload });
      return { ok: true, value: { closed: true } };
    },
  });
});
afterAll(async () => {
  await host?.close();
});

/** Sends one raw HTTP/1.1 request and returns the status code. */
function rawStatus(requestLine: string, headers: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, "127.0.0.1", () => {
      socket.write(`${requestLine}\r\n${headers.join("\r\n")}\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}
const ownHost = () => `Host: 127.0.0.1:${host.port}`;

function connect(pathname: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${pathname}`, { headers });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}
const ownOrigin = () => ({ Origin: `http://127.0.0.1:${host.port}` });

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once("close", (code) => resolve(code)));
}

describe("the browser shell refuses", () => {
  test("a foreign Host header (DNS rebinding), on pages and assets", async () => {
    expect(await rawStatus(`GET /${TOKEN}/ HTTP/1.1`, [ownHost()])).toBe(200);
    for (const hostHeader of [`Host: evil.example:${host.port}`, "Host: 127.0.0.1", `Host: 127.0.0.1:${host.port + 1}`, `Host: 0.0.0.0:${host.port}`, `Host: [::1]:${host.port}`]) {
      expect(await rawStatus(`GET /${TOKEN}/assets/app.js HTTP/1.1`, [hostHeader]), hostHeader).toBe(403);
    }
    expect(await rawStatus(`GET /${TOKEN}/ HTTP/1.1`, [])).toBe(400); // HTTP/1.1 without Host: node refuses
  });

  test("an asset request without the token, or with a token that is close but wrong", async () => {
    const wrong = [
      "/assets/app.js",
      "/index.html",
      `/${TOKEN.slice(0, -1)}/assets/app.js`,
      `/${TOKEN}x/assets/app.js`,
      `/${TOKEN.toUpperCase()}/assets/app.js`,
      `//${TOKEN}/assets/app.js`,
      `/x/${TOKEN}/assets/app.js`,
      `/assets/app.js?token=${TOKEN}`,
      `/${encodeURIComponent(TOKEN).replace(/a/g, "%61")}/assets/app.js`,
    ];
    for (const pathname of wrong) expect(await rawStatus(`GET ${pathname} HTTP/1.1`, [ownHost()]), pathname).toBe(403);
    expect(await rawStatus(`GET /${TOKEN}/assets/app.js HTTP/1.1`, [ownHost()])).toBe(200);
  });

  test("a request line with an absolute URL to another host", async () => {
    expect(await rawStatus(`GET http://evil.example/${TOKEN}/ HTTP/1.1`, [ownHost()])).toBe(403);
  });

  test("a WebSocket with a foreign Host, even with the right token and Origin", async () => {
    await expect(connect(`/${TOKEN}/api`, { ...ownOrigin(), Host: `evil.example:${host.port}` })).rejects.toThrow(/403|hang up|closed/);
  });

  test("a WebSocket on any path but /TOKEN/api", async () => {
    await expect(connect(`/${TOKEN}/`, ownOrigin())).rejects.toThrow(/403|hang up|closed/);
    await expect(connect(`/${TOKEN}/api/x`, ownOrigin())).rejects.toThrow(/403|hang up|closed/);
  });

  // Too large a message is in test/fuzz/pending/browser-shell.test.ts: today it crashes the host.
  test("WebSocket messages that are not JSON calls, or binary, without dispatching them", async () => {
    const before = dispatched.length;
    const notJson = await connect(`/${TOKEN}/api`, ownOrigin());
    notJson.send("{not json");
    expect(await closeCode(notJson)).toBe(1007);

    const notCall = await connect(`/${TOKEN}/api`, ownOrigin());
    notCall.send(JSON.stringify({ channel: "session:close", payload: {} })); // no id
    expect(await closeCode(notCall)).toBe(1008);

    const binary = await connect(`/${TOKEN}/api`, ownOrigin());
    binary.send(Buffer.from(JSON.stringify({ id: 1, channel: "app:info", payload: {} })));
    expect(await closeCode(binary)).toBe(1003);

    expect(dispatched.length).toBe(before);
  });
});
