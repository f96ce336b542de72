import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import WebSocket from "ws";
import { MAX_API_MESSAGE_BYTES } from "../../../src-main/api/contract";
import { base64Length, PACK_LIMITS } from "../../../src-main/levels/pack-limits";
import { resolveInside, startBrowserHost, type BrowserHost } from "../../../src-main/shell/browser-host";

const TOKEN = "test-token-0123456789abcdef";
let host: BrowserHost;
let root: string;
const dispatched: unknown[] = [];

beforeAll(async () => {
  const base = mkdtempSync(path.join(os.tmpdir(), "heapwise-host-"));
  root = path.join(base, "renderer");
  mkdirSync(path.join(root, "assets"), { recursive: true });
  writeFileSync(path.join(root, "index.html"), "<!doctype html><title>Heapwise</title>");
  writeFileSync(path.join(root, "assets", "app.js"), "console.log('hi')");
  writeFileSync(path.join(base, "secret.txt"), "SECRET");
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

function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: host.port, path: pathname, method: "GET", headers: { Host: `127.0.0.1:${host.port}`, ...headers } },
      (response) => {
        let body = "";
        response.on("data", (chunk) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
    request.end();
  });
}

describe("the browser shell's host", () => {
  test("listens on loopback and puts the token in the URL", () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/${TOKEN}/`);
  });

  test("serves the renderer with the token", async () => {
    const index = await get(`/${TOKEN}/`);
    expect(index.status).toBe(200);
    expect(index.body).toContain("<title>Heapwise</title>");
    expect((await get(`/${TOKEN}/assets/app.js`)).status).toBe(200);
  });

  test.each(["/", "/index.html", "/assets/app.js", `/${TOKEN.slice(0, -1)}/index.html`, `/${TOKEN}x/index.html`, `/wrong/${TOKEN}/index.html`])(
    "refuses %s (no or wrong token)",
    async (pathname) => {
      const response = await get(pathname);
      expect(response.status).toBe(403);
      expect(response.body).not.toContain("Heapwise</title>");
    },
  );

  test.each([`evil.example:${0}`, "127.0.0.1", "127.0.0.1:1", "attacker.localhost"])("refuses Host %s (DNS rebinding)", async (hostHeader) => {
    const response = await get(`/${TOKEN}/`, { Host: hostHeader });
    expect(response.status).toBe(403);
  });

  test("refuses a foreign Origin and accepts its own", async () => {
    expect((await get(`/${TOKEN}/`, { Origin: "http://evil.example" })).status).toBe(403);
    expect((await get(`/${TOKEN}/`, { Origin: "null" })).status).toBe(403);
    expect((await get(`/${TOKEN}/`, { Origin: `http://127.0.0.1:${host.port}` })).status).toBe(200);
  });

  test.each([
    `/${TOKEN}/../secret.txt`,
    `/${TOKEN}/%2e%2e/secret.txt`,
    `/${TOKEN}/assets/%2e%2e/%2e%2e/secret.txt`,
    `/${TOKEN}/..%2fsecret.txt`,
    `/${TOKEN}/assets%2f..%2f..%2fsecret.txt`,
    `/${TOKEN}/%2e%2e%5csecret.txt`,
    `/${TOKEN}/assets/app.js%00.html`,
    `/${TOKEN}/%E0%A4%A`,
  ])("refuses path traversal %s", async (pathname) => {
    const response = await get(pathname);
    expect([403, 404]).toContain(response.status);
    expect(response.body).not.toContain("SECRET");
  });

  test("resolveInside keeps every path inside the root", () => {
    expect(resolveInside(root, ["assets", "app.js"])).toBe(path.join(root, "assets", "app.js"));
    expect(resolveInside(root, [""])).toBe(path.join(root, "index.html"));
    expect(resolveInside(root, [".."])).toBeNull();
    expect(resolveInside(root, ["assets", "..", "..", "secret.txt"])).toBeNull();
    expect(resolveInside(root, ["%2e%2e", "secret.txt"])).toBeNull();
    expect(resolveInside(root, ["a%2f..%2f..%2fsecret.txt"])).toBeNull();
    expect(resolveInside(root, ["", "etc", "passwd"])).toBeNull();
  });

  test("refuses methods other than GET and HEAD", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = http.request(
        { host: "127.0.0.1", port: host.port, path: `/${TOKEN}/`, method: "POST", headers: { Host: `127.0.0.1:${host.port}` } },
        (response) => resolve(response.statusCode ?? 0),
      );
      request.on("error", reject);
      request.end("x");
    });
    expect(status).toBe(405);
  });
});

describe("the API WebSocket", () => {
  function connect(pathname: string, origin: string | undefined): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}${pathname}`, origin ? { origin } : {});
      ws.once("open", () => resolve(ws));
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }
  const ownOrigin = () => `http://127.0.0.1:${host.port}`;

  test("refuses a connection without the token", async () => {
    await expect(connect("/api", ownOrigin())).rejects.toThrow(/403|socket hang up|closed/);
    await expect(connect("/wrong-token/api", ownOrigin())).rejects.toThrow(/403|socket hang up|closed/);
  });

  test("refuses a connection from a foreign or missing Origin", async () => {
    await expect(connect(`/${TOKEN}/api`, "http://evil.example")).rejects.toThrow();
    await expect(connect(`/${TOKEN}/api`, undefined)).rejects.toThrow();
  });

  test("answers a call over a connection with token and Origin", async () => {
    const ws = await connect(`/${TOKEN}/api`, ownOrigin());
    const reply = await new Promise<unknown>((resolve) => {
      ws.once("message", (data) => resolve(JSON.parse(data.toString())));
      ws.send(JSON.stringify({ id: 7, channel: "session:close", payload: { sessionId: "s1" } }));
    });
    ws.close();
    expect(reply).toEqual({ id: 7, envelope: { ok: true, value: { closed: true } } });
    expect(dispatched).toContainEqual({ channel: "session:close", payload: { sessionId: "s1" } });
  });

  test("carries a classroom pack upload at the size limit (an 8 MiB zip as base64)", async () => {
    const ws = await connect(`/${TOKEN}/api`, ownOrigin());
    const payload = { pack: { kind: "zip", name: "big.zip", base64: "A".repeat(base64Length(PACK_LIMITS.maxZipBytes)) }, replace: false };
    const message = JSON.stringify({ id: 8, channel: "packs:install", payload });
    expect(message.length).toBeGreaterThan(1024 * 1024 * 8);
    expect(message.length).toBeLessThanOrEqual(MAX_API_MESSAGE_BYTES);
    const reply = await new Promise<unknown>((resolve) => {
      ws.once("message", (data) => resolve(JSON.parse(data.toString())));
      ws.send(message);
    });
    ws.close();
    expect(reply).toMatchObject({ id: 8, envelope: { ok: true } });
    expect(dispatched).toContainEqual({ channel: "packs:install", payload });
  });
});
