// The only place the renderer talks to the main process. In Electron the preload's bridge
// (window.heapwise) is there; in the browser shell it is not, and calls go over a WebSocket to the
// loopback host that served this page (the per-launch token is the first segment of our URL).

import { BRIDGE_GLOBAL, METHODS, type Channel, type MethodName } from "../src-main/api/channels";
import type { Envelope, HeapwiseApi, HeapwiseBridge, ShellKind } from "../src-main/api/index";

export class ApiCallError extends Error {
  override readonly name = "ApiCallError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function unwrap<T>(envelope: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (envelope.ok) return envelope.value;
  throw new ApiCallError(envelope.error.code, envelope.error.message);
}

function fromBridge(bridge: HeapwiseBridge): HeapwiseApi {
  const api = {} as Record<MethodName, (request: unknown) => Promise<unknown>>;
  for (const method of Object.keys(METHODS) as MethodName[]) {
    const call = bridge[method] as (request: unknown) => Promise<Envelope<Channel>>;
    api[method] = async (request) => unwrap(await call(request));
  }
  return api as unknown as HeapwiseApi;
}

/** Calls over one WebSocket to the browser shell's host; replies are paired by id. */
function overWebSocket(): HeapwiseApi {
  const url = new URL("api", window.location.href);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.search = "";
  url.hash = "";
  const pending = new Map<number, { resolve: (e: Envelope<Channel>) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.addEventListener("open", () => {
        socket = ws;
        resolve(ws);
      });
      ws.addEventListener("message", (event) => {
        const reply = JSON.parse(String(event.data)) as { id: number; envelope: Envelope<Channel> };
        const entry = pending.get(reply.id);
        if (!entry) return;
        pending.delete(reply.id);
        entry.resolve(reply.envelope);
      });
      ws.addEventListener("close", () => {
        const lost = new ApiCallError("disconnected", "The connection to Heapwise closed. Is it still running? Reload to reconnect.");
        for (const entry of pending.values()) entry.reject(lost);
        pending.clear();
        socket = null;
        opened = null;
        reject(lost);
      });
    });
    return opened;
  }

  const api = {} as Record<MethodName, (request: unknown) => Promise<unknown>>;
  for (const method of Object.keys(METHODS) as MethodName[]) {
    const channel = METHODS[method];
    api[method] = async (payload) => {
      const ws = socket ?? (await connect());
      const id = nextId++;
      const envelope = await new Promise<Envelope<Channel>>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        ws.send(JSON.stringify({ id, channel, payload }));
      });
      return unwrap(envelope);
    };
  }
  return api as unknown as HeapwiseApi;
}

export function createApi(): { api: HeapwiseApi; transport: ShellKind } {
  const bridge = (window as unknown as Record<string, HeapwiseBridge | undefined>)[BRIDGE_GLOBAL];
  return bridge ? { api: fromBridge(bridge), transport: "electron" } : { api: overWebSocket(), transport: "browser" };
}
