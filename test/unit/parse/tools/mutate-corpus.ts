/**
 * Makes syntax-error test sources by mutating random lines of Python files (deleting characters,
 * inserting tokens), as golden/fuzz-cases.json was made. Expected results always come from CPython
 * (golden/make_golden.py); this only proposes inputs.
 *
 *   npx tsx test/unit/parse/tools/mutate-corpus.ts <dir of .py files> <seed> <count> > cases.json
 */
import { readdirSync, readFileSync } from "node:fs";

const [dir, seedArg, countArg] = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith(".py")).map((f) => readFileSync(`${dir}/${f}`, "utf8"));
let seed = Number(seedArg ?? 1);
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const pieces = ["(", ")", "[", "]", "{", "}", ":", ",", "=", "==", " ", "\n", "    ", "\t", "'", '"', "#", "\\", "if ",
  "else", "def ", "return ", "lambda", "*", "**", ".", "0", "1.", "x", 'f"{', "}", "yield", "not ", "and ", "del ",
  "global x", "nonlocal y", "@", ";", "->", "async ", "await ", "class ", "try:", "except", "for ", "in ", "while "];
const cases: { source: string }[] = [];
for (let n = 0; n < Number(countArg ?? 100); n++) {
  const lines = files[Math.floor(rnd() * files.length)].split("\n");
  const start = Math.floor(rnd() * lines.length);
  let src = lines.slice(start, start + 1 + Math.floor(rnd() * 8)).join("\n") + "\n";
  for (let j = 0, k = 1 + Math.floor(rnd() * 2); j < k; j++) {
    const at = Math.floor(rnd() * src.length);
    src = rnd() < 0.4 ? src.slice(0, at) + src.slice(at + 1) : src.slice(0, at) + pieces[Math.floor(rnd() * pieces.length)] + src.slice(at);
  }
  cases.push({ source: src });
}
console.log(JSON.stringify(cases));
