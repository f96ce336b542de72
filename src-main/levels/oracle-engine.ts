/**
 * CPython 3.13 itself as an engine, for authors and for the checker's `--oracle` mode: replaying
 * every reference solution on the real interpreter verifies the facts a level relies on, and
 * comparing that with our engine shows where the engine still differs. Never used by the game.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import type { RunOptions, RunResult } from "../engine/facade-types";

export function cpythonCommand(): { command: string; env: NodeJS.ProcessEnv } {
  return { command: process.env.HEAPWISE_ORACLE ?? "python3", env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" } };
}

export const oracleEngine = {
  runSource(source: string, options: RunOptions = {}): RunResult {
    const dir = mkdtempSync(join(tmpdir(), "heapwise-oracle-"));
    try {
      const filename = options.filename ?? "main.py";
      writeFileSync(join(dir, filename), source);
      const { command, env } = cpythonCommand();
      const child = spawnSync(command, [filename], { cwd: dir, env, encoding: "utf8", timeout: options.timeoutMs ?? 60_000 });
      const stderr = child.stderr ?? "";
      const exitCode = child.status ?? 1;
      const result: RunResult = { stdout: child.stdout ?? "", stderr, exitCode, steps: 0 };
      if (exitCode !== 0) {
        const last = stderr.trimEnd().split("\n").pop() ?? "";
        const match = /^(\w+(?:\.\w+)*): ?(.*)$/.exec(last);
        const lineMatch = [...stderr.matchAll(new RegExp(`File "[^"]*${filename}", line (\\d+)`, "g"))].pop();
        result.error = {
          type: match?.[1] ?? "Error",
          message: match?.[2] ?? last,
          ...(lineMatch ? { line: Number(lineMatch[1]) } : {}),
        };
      }
      return result;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
