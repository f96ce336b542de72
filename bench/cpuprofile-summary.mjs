// Summarises a V8 .cpuprofile (node --cpu-prof): self time and inclusive time per function.
//   node bench/cpuprofile-summary.mjs FILE.cpuprofile [top=30] [--under FUNCTION]
// --under keeps only the samples taken inside FUNCTION (e.g. gc_collect_main: the collections).
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const underAt = args.indexOf("--under");
const under = underAt >= 0 ? args.splice(underAt, 2)[1] : null;
const [file, topArg] = args;
const top = Number(topArg ?? 30);
const prof = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const hits = new Map();
const deltas = prof.timeDeltas;
const isUnder = (id) => {
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur).callFrame.functionName === under) return true;
  return false;
};
for (let i = 0; i < prof.samples.length; i++) {
  const id = prof.samples[i];
  if (under && !isUnder(id)) continue;
  hits.set(id, (hits.get(id) ?? 0) + (deltas[i] ?? 0));
}
const label = (n) => {
  const cf = n.callFrame;
  const file = cf.url.split("/").pop();
  return `${cf.functionName || "(anon)"} ${file}:${cf.lineNumber + 1}`;
};
const self = new Map();
const incl = new Map();
let total = 0;
for (const [id, us] of hits) {
  total += us;
  const n = byId.get(id);
  const l = label(n);
  self.set(l, (self.get(l) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const cl = label(byId.get(cur));
    if (seen.has(cl)) continue;
    seen.add(cl);
    incl.set(cl, (incl.get(cl) ?? 0) + us);
  }
}
const show = (title, m) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [l, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${l}`);
  }
};
show("self time", self);
show("inclusive time", incl);

// Hot source lines (from positionTicks) of the functions with the most self time.
const lineHits = new Map();
for (const n of prof.nodes) {
  if (under && !isUnder(n.id)) continue;
  for (const pt of n.positionTicks ?? []) {
    const k = `${n.callFrame.url.split("/").pop()}:${pt.line} (${n.callFrame.functionName || "anon"})`;
    lineHits.set(k, (lineHits.get(k) ?? 0) + pt.ticks);
  }
}
if (lineHits.size > 0) {
  const ticks = [...lineHits.values()].reduce((a, b) => a + b, 0);
  console.log(`\nhot lines (${ticks} ticks)`);
  for (const [k, t] of [...lineHits].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${String(t).padStart(8)} ${((100 * t) / ticks).toFixed(1).padStart(5)}%  ${k}`);
}
