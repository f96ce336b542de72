// Command-line options shared by both shells.

import { parseArgs } from "node:util";
import path from "node:path";
import { defaultDataDir } from "./data-dir";

export interface ShellArgs {
  dataDir: string;
  /** Browser shell: start the host and print its URL, but open no window (tests, remote use). */
  open: boolean;
  /** Browser shell: the port to listen on; 0 picks a free one. */
  port: number;
}

export const USAGE = `Usage: npm start -- [--data-dir DIR] [--no-open] [--port N]
  --data-dir DIR  where progress is kept (default: ${defaultDataDir()})
  --no-open       browser shell only: print the URL instead of opening Chromium
  --port N        browser shell only: listen on port N (default: a free port)`;

export function parseShellArgs(argv: string[]): ShellArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      "data-dir": { type: "string" },
      "no-open": { type: "boolean", default: false },
      port: { type: "string", default: "0" },
    },
    // Electron and Chromium add switches of their own; ignore what is not ours.
    strict: false,
    allowPositionals: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0-65535, not ${String(values.port)}`);
  const dataDir = typeof values["data-dir"] === "string" ? path.resolve(values["data-dir"]) : defaultDataDir();
  return { dataDir, open: values["no-open"] !== true, port };
}
