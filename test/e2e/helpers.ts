// Starting the browser shell's host and a headless Chromium for the end-to-end tests.

import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OUTPUT_DIR = path.join(ROOT, "test", "output");
export const CHROMIUM = process.env.HEAPWISE_CHROMIUM ?? "/usr/bin/chromium";

const HEADLESS_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `heapwise-${prefix}-`));
}

export interface RunningHost {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts out/main/browser-shell.js with --no-open and waits for the line that names its URL. */
export async function startHost(dataDir: string): Promise<RunningHost> {
  const child = spawn(process.execPath, [path.join(ROOT, "out", "main", "browser-shell.js"), "--no-open", "--data-dir", dataDir], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host printed no URL within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Heapwise browser shell: (http:\/\/127\.0\.0\.1:\d+\/\S+\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited (code ${code}) before printing its URL:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export async function launchBrowser(): Promise<BrowserContext> {
  const userDataDir = tempDir("chromium");
  mkdirSync(OUTPUT_DIR, { recursive: true });
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: HEADLESS_FLAGS,
    viewport: { width: 1280, height: 820 },
  });
}

/**
 * How much of the heap canvas is drawn on: the share of its pixels (as the screen shows them) that
 * differ from its most common colour, the background. A blank canvas gives about 0 (only the zoom
 * buttons laid over it); any heap gives far more (at least the printed-output strip). An open
 * dialog is hidden for the shot, so this measures the picture beneath it.
 */
export async function heapCanvasInk(page: Page): Promise<number> {
  return (await heapCanvasPixels(page)).ink;
}

/**
 * The heap canvas's ink (see heapCanvasInk) and the share of its pixels that are pure black, a
 * colour neither palette uses: what WebGL shows for a texture that was never (re)uploaded.
 */
export async function heapCanvasPixels(page: Page): Promise<{ ink: number; black: number }> {
  // The page-side code is sent as text: this program is type-checked without the DOM's types.
  const setDialogVisibility = (value: string) =>
    page.evaluate(`document.querySelectorAll("[role=dialog]").forEach((d) => (d.style.visibility = ${JSON.stringify(value)}))`);
  await setDialogVisibility("hidden");
  const shot = await page.getByTestId("heap-canvas").screenshot();
  await setDialogVisibility("");
  return page.evaluate<{ ink: number; black: number }>(`(async () => {
    const image = new Image();
    image.src = "data:image/png;base64,${shot.toString("base64")}";
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, image.width, image.height).data;
    const counts = new Map();
    for (let i = 0; i < pixels.length; i += 4) {
      const rgb = (pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2];
      counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
    }
    const total = pixels.length / 4;
    return { ink: 1 - Math.max(...counts.values()) / total, black: (counts.get(0) ?? 0) / total };
  })()`);
}
