// Starts the main-process services both shells share, and returns the one dispatch function their
// transports call.

import path from "node:path";
import type { ShellKind } from "../api/index";
import { EngineClient } from "../worker/engine-client";
import { createDispatch, type Dispatch } from "./dispatch";
import { createHandlers } from "./handlers";
import { LevelCatalog } from "./level-catalog";
import { ProgressKeeper } from "./progress-keeper";

export interface ServicesOptions {
  shell: ShellKind;
  dataDir: string;
  /** The app's root: levels/ is read from here. */
  appRoot: string;
  /** The built engine worker (out/main/engine-worker.js). */
  workerPath: string;
}

export interface Services {
  dispatch: Dispatch;
  /** The progress store's notice, for the shell to print as well. */
  notice: string | null;
  dispose(): Promise<void>;
}

export function startServices(options: ServicesOptions): Services {
  // Installed classroom packs live beside the progress file, in the player's data folder.
  const catalog = new LevelCatalog(path.join(options.appRoot, "levels"), path.join(options.dataDir, "packs"));
  const progress = new ProgressKeeper(options.dataDir);
  const engine = new EngineClient({ workerPath: options.workerPath });
  engine.warm();
  const dispatch = createDispatch(createHandlers({ shell: options.shell, dataDir: options.dataDir, catalog, progress, engine }));
  return {
    dispatch,
    notice: progress.notice,
    async dispose() {
      await engine.dispose();
      progress.close();
    },
  };
}
