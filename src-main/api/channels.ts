// The names of the API's channels, and nothing else: the sandboxed preload bundles this file, and a
// sandboxed preload may only require('electron'), so no dependency may be imported here.

export const CHANNELS = [
  "app:info",
  "levels:list",
  "level:get",
  "session:start",
  "session:step",
  "session:stepBack",
  "session:seek",
  "session:advance",
  "session:close",
  "attempt:submit",
  "profiles:list",
  "profiles:create",
  "profiles:rename",
  "profiles:delete",
  "profiles:select",
  "settings:set",
  "progress:export",
  "progress:import",
  "packs:install",
  "packs:remove",
] as const;

export type Channel = (typeof CHANNELS)[number];

export function isChannel(value: unknown): value is Channel {
  return typeof value === "string" && (CHANNELS as readonly string[]).includes(value);
}

/** The API's named methods and the channel each one calls. The preload exposes exactly these. */
export const METHODS = {
  appInfo: "app:info",
  listLevels: "levels:list",
  getLevel: "level:get",
  startSession: "session:start",
  step: "session:step",
  stepBack: "session:stepBack",
  seek: "session:seek",
  advance: "session:advance",
  closeSession: "session:close",
  submitAttempt: "attempt:submit",
  listProfiles: "profiles:list",
  createProfile: "profiles:create",
  renameProfile: "profiles:rename",
  deleteProfile: "profiles:delete",
  selectProfile: "profiles:select",
  setSettings: "settings:set",
  exportProgress: "progress:export",
  importProgress: "progress:import",
  installPack: "packs:install",
  removePack: "packs:remove",
} as const satisfies Record<string, Channel>;

export type MethodName = keyof typeof METHODS;

/** The name the preload exposes its API under: `window.heapwise`. */
export const BRIDGE_GLOBAL = "heapwise";
