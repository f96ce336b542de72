// Where Heapwise keeps the player's progress when no --data-dir is given: the platform's per-user
// data folder (XDG_DATA_HOME on Linux). Both shells use the same folder, so progress made in the
// browser shell is there when Electron becomes available, and the other way round.

import os from "node:os";
import path from "node:path";

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  switch (platform) {
    case "darwin":
      return path.join(home, "Library", "Application Support", "Heapwise");
    case "win32":
      return path.join(env.APPDATA ?? path.join(home, "AppData", "Roaming"), "Heapwise");
    default: {
      const xdg = env.XDG_DATA_HOME;
      // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
      const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(home, ".local", "share");
      return path.join(base, "heapwise");
    }
  }
}
