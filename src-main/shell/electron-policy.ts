// The Electron shell's security decisions, as plain functions so they can be tested without the
// Electron binary (which cannot run on our machines). src-main/index.ts wires them in.

import { pathToFileURL } from "node:url";

/** The one page the app loads: the built renderer's index.html, as a file:// URL. */
export function appPageUrl(rendererDir: string): string {
  return pathToFileURL(`${rendererDir}/index.html`).href;
}

/**
 * Whether an IPC message comes from the app's own page. Any other file:// page (a file the player
 * downloaded, an HTML file inside a level pack) must not reach the API, so "starts with file://" is
 * not enough: the path must be exactly the app's page. The query and fragment are the page's own
 * business and are ignored.
 */
export function isAppPage(senderUrl: string | undefined, appPage: string): boolean {
  if (!senderUrl) return false;
  let sender: URL;
  let expected: URL;
  try {
    sender = new URL(senderUrl);
    expected = new URL(appPage);
  } catch {
    return false;
  }
  return sender.protocol === "file:" && sender.host === expected.host && sender.pathname === expected.pathname;
}

/**
 * Heapwise needs no browser permission at all (no camera, microphone, notifications, geolocation,
 * clipboard reads, MIDI ...), so every request and every check is refused.
 */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function denyPermissionCheck(): boolean {
  return false;
}
