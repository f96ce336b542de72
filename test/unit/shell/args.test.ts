import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { parseShellArgs } from "../../../src-main/shell/args";
import { defaultDataDir } from "../../../src-main/shell/data-dir";

describe("the data folder", () => {
  test("follows XDG_DATA_HOME on Linux, and ignores a relative one", () => {
    expect(defaultDataDir({ XDG_DATA_HOME: "/data/me" }, "linux")).toBe("/data/me/heapwise");
    expect(defaultDataDir({ XDG_DATA_HOME: "relative/dir" }, "linux")).toBe(path.join(os.homedir(), ".local", "share", "heapwise"));
    expect(defaultDataDir({}, "linux")).toBe(path.join(os.homedir(), ".local", "share", "heapwise"));
  });

  test("uses the platform's folder elsewhere", () => {
    expect(defaultDataDir({}, "darwin")).toBe(path.join(os.homedir(), "Library", "Application Support", "Heapwise"));
    expect(defaultDataDir({ APPDATA: "C:\\Users\\me\\AppData\\Roaming" }, "win32")).toBe(path.join("C:\\Users\\me\\AppData\\Roaming", "Heapwise"));
  });
});

describe("shell arguments", () => {
  test("--data-dir is made absolute; the window opens unless --no-open", () => {
    const args = parseShellArgs(["--data-dir", "some/where"]);
    expect(args.dataDir).toBe(path.resolve("some/where"));
    expect(args.open).toBe(true);
    expect(parseShellArgs(["--no-open"]).open).toBe(false);
  });

  test("switches that are not ours (Electron's, Chromium's) are ignored", () => {
    expect(() => parseShellArgs(["out/main/index.js", "--enable-logging", "--no-open"])).not.toThrow();
  });

  test("a bad port is refused", () => {
    expect(() => parseShellArgs(["--port", "70000"])).toThrow(/port/);
    expect(() => parseShellArgs(["--port", "abc"])).toThrow(/port/);
    expect(parseShellArgs(["--port", "8123"]).port).toBe(8123);
  });
});
