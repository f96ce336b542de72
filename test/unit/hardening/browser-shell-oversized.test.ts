// The browser shell host has no 'error' listener on its WebSockets: a message over maxPayload (or
// any protocol error) raises an unhandled 'error' event and takes the whole host process down.
// Run as a child process so the crash is observed rather than suffered.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";

const repo = resolve(import.meta.dirname, "../../..");
const script = `
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os"; import path from "node:path";
import WebSocket from "ws";
import { startBrowserHost } from "./src-main/shell/browser-host";
import { MAX_API_MESSAGE_BYTES } from "./src-main/api/contract";
const root = mkdtempSync(path.join(os.tmpdir(), "heapwise-pending-host-"));
writeFileSync(path.join(root, "index.html"), "x");
const host = await startBrowserHost({ rendererDir: root, token: "tok", dispatch: async () => ({ ok: true, value: null }) as never });
const ws = new WebSocket("ws://127.0.0.1:" + host.port + "/tok/api", { headers: { Origin: "http://127.0.0.1:" + host.port } });
ws.on("open", () => ws.send("x".repeat(MAX_API_MESSAGE_BYTES + 1)));
ws.on("close", (code) => setTimeout(async () => { console.log("alive after close " + code); await host.close(); }, 300));
`;

describe("the browser shell host survives bad WebSocket traffic", () => {
  test("a message larger than maxPayload closes that socket (1009) and the host stays up", () => {
    const run = spawnSync("npx", ["tsx", "--input-type=module", "-e", script], { cwd: repo, encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).not.toContain("Unhandled 'error' event");
    expect(run.stdout).toContain("alive after close 1009");
  });
});
