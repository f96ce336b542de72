// `npm start` on a machine without Electron's binary: one line says so, then the browser shell runs.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { ROOT, tempDir } from "./helpers";

const electronInstalled = existsSync(path.join(ROOT, "node_modules", "electron", "path.txt"));

test("without Electron's binary, npm start says so in one line and starts the browser shell", { skip: electronInstalled ? "Electron's binary is installed here" : false, timeout: 60_000 }, async () => {
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "start.mjs"), "--skip-build", "--no-open", "--data-dir", tempDir("start")], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL within 20 s:\n${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Heapwise browser shell: http:\/\/127\.0\.0\.1:\d+\//.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      child.once("exit", (code) => reject(new Error(`start.mjs exited (${code}):\n${output}`)));
    });
    const lines = output.split("\n");
    assert.equal(lines[0], "Electron is not available on this machine (no binary); opening Heapwise in Chromium instead.");
    assert.equal(lines.filter((l) => /Electron/.test(l)).length, 1, "the fallback is announced once");
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
});
