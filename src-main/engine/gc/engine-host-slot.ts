// The engine's GCHost, as an object that exists before the engine's objects do: heap/gcstate.ts
// hands it to the collector while the object model is still being loaded (an import cycle), and
// engine-host.ts fills in the methods when it loads. Nothing here imports engine code.
import type { GCHost, GCObject } from "./types";

function notReady(): never {
  throw new Error("the engine's GC host is not installed (import gc/engine-host.ts)");
}

/** Filled in by engine-host.ts (installEngineGCHost). */
export const engineGCHost: GCHost<GCObject> = {
  isGC: notReady,
  traverse: notReady,
  clear: notReady,
  hasFinalizer: notReady,
  finalize: notReady,
  hasLegacyFinalizer: notReady,
  kindOf: notReady,
  isImmortalRefcnt: notReady,
  typeName: notReady,
  address: notReady,
  incref: notReady,
  decref: notReady,
  isWeakref: notReady,
  weakrefsTo: notReady,
  clearWeakref: notReady,
  weakrefHasCallback: notReady,
  callWeakrefCallback: notReady,
  invokeCallbacks: notReady,
  appendGarbage: notReady,
  clearFreeLists: notReady,
  writeStderr: notReady,
};
