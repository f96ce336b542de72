/**
 * Parse speed on a ~2,000-line file built from the fidelity corpus. Reports CPU time (less
 * sensitive to a busy machine than wall time) for lezer alone and for parseModule.
 *
 *   npx tsx test/unit/parse/tools/measure-speed.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { parser } from "@lezer/python";
import { parseModule } from "../../../../src-main/engine/parse";

const dir = "/work/shared/fidelity/public";
let src = "";
for (const f of readdirSync(dir).filter((f) => f.endsWith(".py"))) src += readFileSync(`${dir}/${f}`, "utf8") + "\n";
while (src.split("\n").length < 2000) src += src;
let text = src.split("\n").slice(0, 2000).join("\n");
text = text.slice(0, text.lastIndexOf("\ndef ")) + "\n";

const cpu = (f: () => void): number => {
  const start = process.cpuUsage();
  f();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};
const median = (a: number[]): string => [...a].sort((x, y) => x - y)[a.length >> 1].toFixed(1);
const lezer: number[] = [];
const full: number[] = [];
for (let i = 0; i < 25; i++) {
  lezer.push(cpu(() => parser.parse(text)));
  full.push(cpu(() => parseModule(text, "big.py")));
}
console.log(`${text.split("\n").length} lines: median CPU ms, lezer ${median(lezer)}, parseModule ${median(full)}`);
