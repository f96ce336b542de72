// The writer the kill test (crash.test.ts) kills. It opens the store in argv[2] and writes until it
// is killed, printing "ack <kind> <key>" only after each write's transaction has committed.
// Run: node --import tsx crash-child.ts DATA_DIR RUN_ID (the test bundles it with esbuild first)
import { writeSync } from "node:fs";
import { openProgressStore } from "../../../src-main/progress";

const [dataDir, runId] = process.argv.slice(2);
if (!dataDir || !runId) throw new Error("usage: crash-child.ts DATA_DIR RUN_ID");

// writeSync: the ack must be in the pipe before the next write starts, never buffered behind it.
const say = (line: string) => writeSync(1, `${line}\n`);

const { store, notice } = openProgressStore(dataDir);
if (notice) say(`notice ${notice}`);
const player = store.ensureDefaultProfile();
say("ready");
for (let seq = 0; ; seq++) {
  const key = `r${runId}s${seq}`;
  if (seq % 10 === 9) {
    store.createProfile(key);
    say(`ack profile ${key}`);
  } else {
    const won = seq % 3 === 0;
    store.recordAttempt(player.id, {
      packId: "crash", levelId: `level-${seq % 4}`, outcome: won ? "won" : "lost", stars: won ? 1 + (seq % 3) : 0,
      figures: { peakBytes: 1000 + seq, statements: seq % 7 }, hintsUsed: seq % 2, code: `${key}\n${"#".repeat(seq % 500)}`,
    });
    say(`ack attempt ${key}`);
  }
}
