// Where the built app's parts are, from the built main-process file (out/main/*.js).

import path from "node:path";
import { fileURLToPath } from "node:url";

export interface AppPaths {
  /** The project (or packaged app) root: levels/ lives here. */
  appRoot: string;
  rendererDir: string;
  preloadFile: string;
  workerFile: string;
}

export function appPathsFrom(mainFileUrl: string): AppPaths {
  const mainDir = path.dirname(fileURLToPath(mainFileUrl));
  const outDir = path.resolve(mainDir, "..");
  return {
    appRoot: path.resolve(outDir, ".."),
    rendererDir: path.join(outDir, "renderer"),
    preloadFile: path.join(outDir, "preload", "index.cjs"),
    workerFile: path.join(mainDir, "engine-worker.js"),
  };
}
