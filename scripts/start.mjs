#!/usr/bin/env node
// `npm start`: builds the app, then opens it in Electron, or, where Electron's binary is missing
// (it cannot be downloaded on every machine), in the browser shell. Arguments after `--` are passed
// on (--data-dir DIR, --no-open, --port N). Detecting Electron never triggers its download.

import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { v8PoolSizeFlag } from "./node-flags.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const passOn = process.argv.slice(2);
const skipBuild = passOn.includes("--skip-build");
const shellArgs = passOn.filter((a) => a !== "--skip-build");

/** Electron's executable when its binary was installed, else null (reads only what install.js wrote). */
function electronBinary() {
  const pkg = path.join(root, "node_modules", "electron");
  const pathFile = path.join(pkg, "path.txt");
  if (!existsSync(pathFile)) return null;
  const executable = path.join(pkg, "dist", readFileSync(pathFile, "utf8").trim());
  return existsSync(executable) ? executable : null;
}

if (!skipBuild) {
  console.log("Building Heapwise...");
  const build = spawnSync(process.execPath, [path.join(root, "node_modules", "electron-vite", "bin", "electron-vite.js"), "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) {
    console.error("The build failed (see above).");
    process.exit(build.status ?? 1);
  }
}

const electron = electronBinary();
const [command, args] = electron
  ? [electron, [path.join(root, "out", "main", "index.js"), ...shellArgs]]
  : [process.execPath, [v8PoolSizeFlag(), path.join(root, "out", "main", "browser-shell.js"), ...shellArgs]];
if (!electron) console.log("Electron is not available on this machine (no binary); opening Heapwise in Chromium instead.");

const child = spawn(command, args, { cwd: root, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
