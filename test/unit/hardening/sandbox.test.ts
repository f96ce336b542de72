// No reach outside the engine. Two halves:
// 1. The engine bundle (what the worker and the runner load) contains only src-main/engine code and
//    imports nothing: no node built-ins, no electron, no packages. Without an import, a program has
//    nothing to touch files, processes, the network or the environment with.
// 2. Every door a Python program would try (open, os.system, subprocess, socket, importlib,
//    __import__, exec...) is absent, and refused with the very text CPython 3.13 gives for a missing
//    module, name or attribute. The expected texts come from the oracle at test time, with the
//    module, name or attribute removed there first.
import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { relative, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { runSource } from "../../../src-main/engine/index";

const repo = resolve(import.meta.dirname, "../../..");

function oracleAvailable(): boolean {
  const r = spawnSync("python3", ["-c", "import sys; print(sys.version_info[:2])"], { env: { ...process.env, PYENV_VERSION: "3.13.0" }, encoding: "utf8" });
  return r.status === 0 && r.stdout.trim() === "(3, 13)";
}

/** The last line CPython 3.13 writes to stderr for `source` (after `setup`, which hides something). */
function cpythonLastLine(setup: string, source: string): string {
  // CPython's "Did you mean" names what its real module holds; the engine's hold other things.
  const r = spawnSync("python3", ["-I", "-c", `${setup}\nexec(${JSON.stringify(source)})`], {
    env: { ...process.env, PYENV_VERSION: "3.13.0" },
    encoding: "utf8",
  });
  return (r.stderr.trimEnd().split("\n").at(-1) ?? "").replace(/\. Did you mean: '\w+'\?$/, "");
}

function engineLastLine(source: string): string {
  const r = runSource(source, { maxSteps: 100_000 });
  return r.stderr.trimEnd().split("\n").at(-1) ?? "";
}

describe("the engine bundle imports nothing from the host", () => {
  test("every input is engine source and no import is left external", async () => {
    const result = await build({
      entryPoints: [resolve(repo, "src-main/engine/index.ts")],
      bundle: true,
      write: false,
      platform: "neutral",
      format: "esm",
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => relative(repo, resolve(repo, p)));
    expect(inputs.length).toBeGreaterThan(50);
    // The parser's pure-JS packages are the only code from outside the engine folder.
    expect(inputs.filter((p) => !p.startsWith("src-main/engine/") && !p.startsWith("node_modules/@lezer/"))).toEqual([]);
    const output = Object.values(result.metafile.outputs)[0];
    expect(output.imports).toEqual([]);
  });

  test("no engine source names a host global (process, require, globalThis, fetch, Function, eval)", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = resolve(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith(".ts")) {
          const code = readFileSync(path, "utf8")
            .replace(/\/\*[\s\S]*?\*\//g, "")
            .replace(/\/\/.*$/gm, "")
            .replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, '""')
            // The Python builtins' own definitions (`eval(_s, args) {`) and type-only imports are not calls.
            .replace(/^\s*(eval|exec)\(.*\)\s*\{$/gm, "")
            .replace(/import\(""\)\./g, "");
          const hit = /\b(process\.|require\(|globalThis|fetch\(|new Function\(|(?<![.\w])eval\(|import\()/.exec(code);
          if (hit) offenders.push(`${relative(repo, path)}: ${hit[0]}`);
        }
      }
    };
    walk(resolve(repo, "src-main/engine"));
    expect(offenders).toEqual([]);
  });
});

const MISSING_MODULES = ["subprocess", "socket", "importlib", "ctypes", "io", "pathlib", "shutil", "multiprocessing", "threading", "signal", "urllib.request", "http.client", "select", "pickle", "marshal", "posix", "_posixsubprocess"];
const HIDE_STDLIB = "import sys; sys.path[:] = []; sys.meta_path[:] = [m for m in sys.meta_path if m.__name__ == 'BuiltinImporter' and False]; [sys.modules.pop(k) for k in list(sys.modules) if k.split('.')[0] not in ('sys', 'builtins')]";

describe.skipIf(!oracleAvailable())("doors to the host are refused as CPython refuses what is missing", () => {
  for (const module of MISSING_MODULES) {
    test(`import ${module}`, () => {
      const program = `import ${module}\n`;
      expect(engineLastLine(program)).toBe(cpythonLastLine(HIDE_STDLIB, program));
      expect(engineLastLine(program)).toBe(`ModuleNotFoundError: No module named '${module.split(".")[0]}'`);
    });
  }

  const tricks: [string, string][] = [
    ["__import__('subprocess')", HIDE_STDLIB],
    ["__builtins__.__import__('socket')", HIDE_STDLIB],
    ["exec('import socket')", HIDE_STDLIB],
    ["eval(\"__import__('ctypes')\")", HIDE_STDLIB],
    ["from subprocess import run", HIDE_STDLIB],
    ["from importlib import import_module", HIDE_STDLIB],
  ];
  for (const [program, setup] of tricks) {
    test(program, () => {
      expect(engineLastLine(program + "\n")).toBe(cpythonLastLine(setup, program));
    });
  }

  for (const name of ["open", "breakpoint", "help"]) {
    test(`${name} is not a builtin`, () => {
      const program = `${name}('/etc/passwd')`;
      expect(engineLastLine(program + "\n")).toBe(cpythonLastLine(`import builtins; del builtins.${name}`, program));
    });
  }

  for (const attr of ["system", "popen", "environ", "getcwd", "listdir", "remove", "open", "fork", "execv", "kill", "getenv", "putenv", "chdir", "scandir"]) {
    test(`os.${attr} is absent`, () => {
      const program = `import os\nos.${attr}`;
      expect(engineLastLine(program + "\n")).toBe(cpythonLastLine(`import os; del os.${attr}`, program));
    });
  }

  for (const attr of ["exists", "isfile", "isdir", "getsize", "realpath", "abspath", "expanduser", "expandvars"]) {
    test(`os.path.${attr} (which would read the host) is absent`, () => {
      const program = `import os.path\nos.path.${attr}('/etc')`;
      expect(engineLastLine(program + "\n")).toBe(cpythonLastLine(`import posixpath; del posixpath.${attr}`, program));
    });
  }

  test("what os.path offers is string work only, and agrees with CPython", () => {
    const program = "import os\nprint(os.path.basename('/etc/passwd'), os.path.dirname('/no/such/dir/f.py'), os.path.join('a', 'b', '/c', 'd'), os.sep)\n";
    const cpython = spawnSync("python3", ["-c", program], { env: { ...process.env, PYENV_VERSION: "3.13.0" }, encoding: "utf8" });
    expect(runSource(program).stdout).toBe(cpython.stdout);
  });

  test("sys._getframe shows only the program's own frames, ending at its module", () => {
    // Frames are the engine's objects: the chain holds the player's code and nothing of the host.
    const program = "import sys\ndef f():\n    names = []\n    frame = sys._getframe()\n    while frame is not None:\n        names.append((frame.f_code.co_name, frame.f_code.co_filename))\n        frame = frame.f_back\n    return names\nprint(f())\n";
    expect(runSource(program).stdout).toBe("[('f', 'main.py'), ('<module>', 'main.py')]\n");
  });

  for (const attr of ["modules", "path", "executable", "stdin", "settrace", "setprofile"]) {
    test(`sys.${attr} is absent`, () => {
      const program = `import sys\nsys.${attr}`;
      expect(engineLastLine(program + "\n")).toBe(`AttributeError: module 'sys' has no attribute '${attr}'`);
    });
  }
});
