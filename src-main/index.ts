// Electron's main process: one window, sandboxed, with the preload's typed API as its only way
// out. Every IPC request goes through the same dispatch (and zod validation) as the browser shell.

import { app, BrowserWindow, dialog, ipcMain, session } from "electron";
import { CHANNELS } from "./api/channels";
import { startServices, type Services } from "./services/index";
import { appPathsFrom } from "./shell/app-paths";
import { parseShellArgs } from "./shell/args";
import { appPageUrl, denyPermissionCheck, denyPermissionRequest, isAppPage } from "./shell/electron-policy";

const paths = appPathsFrom(import.meta.url);
const args = parseShellArgs(process.argv.slice(1));
let services: Services | null = null;

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: "Heapwise",
    backgroundColor: "#14171f",
    show: false,
    webPreferences: {
      preload: paths.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once("ready-to-show", () => window.show());
  // The game never navigates away and never opens windows. Nothing in it links out (level text is
  // rendered without links), so no URL from page content is ever handed to shell.openExternal.
  window.webContents.on("will-navigate", (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => {
    return { action: "deny" };
  });
  void window.loadURL(appPageUrl(paths.rendererDir));
}

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler(denyPermissionRequest);
  session.defaultSession.setPermissionCheckHandler(denyPermissionCheck);
  const appPage = appPageUrl(paths.rendererDir);
  services = startServices({ shell: "electron", dataDir: args.dataDir, appRoot: paths.appRoot, workerPath: paths.workerFile });
  const dispatch = services.dispatch;
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      // Only our own page may call: a frame from anywhere else, another local file included, gets nothing.
      if (!isAppPage(event.senderFrame?.url, appPage)) return { ok: false, error: { code: "bad-request", message: "Not allowed." } };
      return dispatch(channel, payload);
    });
  }
  createWindow();
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}).catch((error: unknown) => {
  dialog.showErrorBox("Heapwise could not start", error instanceof Error ? error.message : String(error));
  app.quit();
});

app.on("window-all-closed", () => {
  void services?.dispose().finally(() => app.quit());
});
