// Opening the browser shell's page in Chromium's app mode (a window without tabs or address bar),
// with a profile of its own under the data folder.

import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium"];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.HEAPWISE_CHROMIUM;
  if (chosen) return existsSync(chosen) ? chosen : null;
  return CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

export function openInChromium(executable: string, url: string, dataDir: string): ChildProcess {
  const args = [
    `--app=${url}`,
    `--user-data-dir=${path.join(dataDir, "chromium-profile")}`,
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-sync",
    "--disable-background-networking",
    "--disable-component-update",
    "--window-size=1280,820",
  ];
  // Chromium refuses to start its sandbox as root (containers, live systems); it needs this there.
  if (process.getuid?.() === 0) args.push("--no-sandbox");
  return spawn(executable, args, { stdio: "ignore" });
}
