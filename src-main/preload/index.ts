// The preload: exposes the API's named methods as window.heapwise and nothing else. No logic here;
// main validates every request. Only the channel names are bundled (see api/channels.ts).

import { contextBridge, ipcRenderer } from "electron";
import { BRIDGE_GLOBAL, METHODS, type MethodName } from "../api/channels";

const bridge = Object.fromEntries(
  (Object.keys(METHODS) as MethodName[]).map((method) => {
    const channel = METHODS[method];
    return [method, (request: unknown) => ipcRenderer.invoke(channel, request)];
  }),
);

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, Object.freeze(bridge));
