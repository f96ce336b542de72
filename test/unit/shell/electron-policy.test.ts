// The Electron shell's security decisions (src-main/shell/electron-policy.ts), run for real.
import { describe, expect, test } from "vitest";
import { appPageUrl, denyPermissionCheck, denyPermissionRequest, isAppPage } from "../../../src-main/shell/electron-policy";

describe("isAppPage: which frames may call the API", () => {
  const page = appPageUrl("/opt/Heapwise/out/renderer");

  test("the app's own page, with or without a query or fragment", () => {
    expect(page).toBe("file:///opt/Heapwise/out/renderer/index.html");
    expect(isAppPage(page, page)).toBe(true);
    expect(isAppPage(`${page}#/level/1.1`, page)).toBe(true);
    expect(isAppPage(`${page}?profile=2`, page)).toBe(true);
  });

  test("refuses any other local file, and look-alikes", () => {
    for (const other of [
      "file:///home/player/Downloads/evil.html",
      "file:///opt/Heapwise/out/renderer/other.html",
      "file:///opt/Heapwise/out/renderer/index.html.evil.html",
      "file:///opt/Heapwise/out/renderer/../renderer2/index.html",
      "file://remote-host/opt/Heapwise/out/renderer/index.html",
    ]) {
      expect(isAppPage(other, page), other).toBe(false);
    }
  });

  test("refuses web pages, missing and malformed URLs", () => {
    for (const other of ["https://example.com/opt/Heapwise/out/renderer/index.html", "http://127.0.0.1/index.html", "about:blank", "data:text/html,hi", "", "not a url"]) {
      expect(isAppPage(other, page), other).toBe(false);
    }
    expect(isAppPage(undefined, page)).toBe(false);
  });

  test("a path with spaces or non-ASCII characters still matches itself", () => {
    const spaced = appPageUrl("/home/Zoë Ångström/Heapwise app/out/renderer");
    expect(isAppPage(spaced, spaced)).toBe(true);
    expect(isAppPage(spaced, page)).toBe(false);
  });
});

describe("permissions", () => {
  test("every request is refused through the callback, and every check answers false", () => {
    for (const permission of ["media", "notifications", "geolocation", "clipboard-read", "midiSysex", "openExternal", "fullscreen"]) {
      let granted: boolean | undefined;
      denyPermissionRequest({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
    }
    expect(denyPermissionCheck()).toBe(false);
  });
});
