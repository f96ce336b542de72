// The browser shell's host: serves the built renderer and the API to one local Chromium window.
// Loopback only (127.0.0.1), a random port, and a per-launch secret token that is the first path
// segment of every URL (http://127.0.0.1:PORT/TOKEN/...), so every asset request and the WebSocket
// carry it without cookies. Requests with a wrong token, Host or Origin, a method other than
// GET/HEAD, or a path that leaves the renderer folder are refused.

import { randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import path from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { MAX_API_MESSAGE_BYTES } from "../api/contract";
import type { Dispatch } from "../services/dispatch";

export interface BrowserHostOptions {
  /** The built renderer (out/renderer): index.html and its assets. */
  rendererDir: string;
  dispatch: Dispatch;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
  log?: (message: string) => void;
}

export interface BrowserHost {
  /** The URL to open: http://127.0.0.1:PORT/TOKEN/ */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = "127.0.0.1";
/** The API's WebSocket lives at /TOKEN/api. */
export const API_PATH = "api";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".ico": "image/x-icon",
};

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString("base64url");
  const rendererDir = path.resolve(options.rendererDir);
  const log = options.log ?? (() => {});
  const sockets = new Set<WebSocket>();
  // The largest message is a classroom pack upload (8 MiB as base64, about 12 MiB); the contract
  // computes the bound from the pack limits so the two cannot drift apart.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_API_MESSAGE_BYTES });

  const server = createServer((req, res) => {
    void serveHttp(req, res).catch((error: unknown) => {
      log(`[heapwise] request failed: ${String(error)}`);
      if (!res.headersSent) refuse(res, 500, "Internal error");
      else res.destroy();
    });
  });

  let port = 0;
  const allowedHosts = () => [`${LOOPBACK}:${port}`, `localhost:${port}`];
  const allowedOrigins = () => [`http://${LOOPBACK}:${port}`, `http://localhost:${port}`];

  /** The request's path below the token, or null when the token, Host or Origin is wrong. */
  function authorise(req: IncomingMessage, requireOrigin: boolean): string[] | null {
    if (!allowedHosts().includes(req.headers.host ?? "")) return null;
    const origin = req.headers.origin;
    if (origin === undefined ? requireOrigin : !allowedOrigins().includes(origin)) return null;
    const rawPath = (req.url ?? "").split("?")[0] ?? "";
    const segments = rawPath.split("/").slice(1);
    const first = segments.shift();
    if (first === undefined || !sameSecret(first, token)) return null;
    return segments;
  }

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const segments = authorise(req, false);
    if (!segments) return refuse(res, 403, "Forbidden");
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "Method not allowed");
    if (segments.length === 0) {
      // /TOKEN without the slash: the renderer's relative asset URLs need the trailing slash.
      res.writeHead(308, { Location: `/${token}/`, "Cache-Control": "no-store" });
      res.end();
      return;
    }
    const file = resolveInside(rendererDir, segments);
    if (!file) return refuse(res, 404, "Not found");
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) return refuse(res, 404, "Not found");
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      "Content-Type": CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": info.size,
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const segments = authorise(req, true);
    if (!segments || segments.length !== 1 || segments[0] !== API_PATH) {
      socket.write("HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on("close", () => sockets.delete(ws));
      // A protocol error (e.g. a message over ws's size limit) is emitted as 'error'; unhandled,
      // it would take the whole host down. Drop only that connection.
      ws.on("error", () => ws.terminate());
      ws.on("message", (data, isBinary) => {
        if (isBinary) return ws.close(1003, "text only");
        void answer(ws, data.toString());
      });
    });
  });

  async function answer(ws: WebSocket, text: string): Promise<void> {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      return ws.close(1007, "not JSON");
    }
    if (!isCall(message)) return ws.close(1008, "not a call");
    const envelope = await options.dispatch(message.channel, message.payload);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: message.id, envelope }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, LOOPBACK, () => {
      server.off("error", reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK}:${port}/${token}/`,
    port,
    token,
    close: () => closeServer(server, wss, sockets),
  };
}

/** One API call over the WebSocket: `id` pairs it with its reply. */
interface Call {
  id: number;
  channel: unknown;
  payload: unknown;
}

function isCall(value: unknown): value is Call {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "number" && "channel" in value;
}

/**
 * Maps URL path segments to a file inside `root`, or null when they would leave it. Each segment is
 * percent-decoded once; a decoded segment that is empty, "." or "..", or that holds a slash,
 * backslash or NUL, is refused outright rather than normalised.
 */
export function resolveInside(root: string, segments: string[]): string | null {
  const decoded: string[] = [];
  for (const [index, raw] of segments.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // A trailing slash (the last segment empty) means the folder's index.html.
    if (segment === "" && index === segments.length - 1) {
      decoded.push("index.html");
      continue;
    }
    if (segment === "" || segment === "." || segment === ".." || /[\\/\0]/.test(segment)) return null;
    decoded.push(segment);
  }
  if (decoded.length === 0) decoded.push("index.html");
  const file = path.resolve(root, ...decoded);
  const relative = path.relative(root, file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return null;
  return file;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const SECURITY_HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  // The token is in every URL; never send it anywhere else.
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  // The page's own <meta> policy covers scripts and connections; framing can only be refused here.
  "Content-Security-Policy": "frame-ancestors 'none'; object-src 'none'; base-uri 'none'",
};

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" });
  res.end(text);
}

async function closeServer(server: Server, wss: WebSocketServer, sockets: Set<WebSocket>): Promise<void> {
  for (const ws of sockets) ws.terminate();
  wss.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
