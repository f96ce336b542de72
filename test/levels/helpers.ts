/** Shared by the level tests: is CPython 3.13 (the oracle) available here? */
import { spawnSync } from "node:child_process";
import { cpythonCommand } from "../../src-main/levels/oracle-engine";

export function oracleAvailable(): boolean {
  const { command, env } = cpythonCommand();
  const probe = spawnSync(command, ["-c", "import sys; print(sys.version_info[:2] == (3, 13))"], { env, encoding: "utf8" });
  return probe.status === 0 && probe.stdout.trim() === "True";
}
