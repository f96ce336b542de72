// Time travel in the worker: any point reached again (from a checkpoint, the recent window or a
// replay from the start) shows exactly the snapshot that point showed when it was first reached.

import { describe, expect, test } from "vitest";
import { Timeline } from "../../../src-main/worker/timeline";

const PROGRAM = `import gc
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print(gc.collect())
items = []
for i in range(40):
    items.append([i])
print(len(items))
`;

function forwardRun(source: string): ReturnType<Timeline["current"]>[] {
  const timeline = new Timeline(source, {});
  const frames = [timeline.current()];
  while (frames.at(-1)!.snapshot.finished === false) frames.push(timeline.step());
  return frames;
}

describe("the timeline", () => {
  test("stepping forward counts the points and finds the end", () => {
    const frames = forwardRun(PROGRAM);
    expect(frames.map((f) => f.index)).toEqual(frames.map((_, i) => i));
    const last = frames.at(-1)!;
    expect(last.end).toBe(last.index);
    expect(last.snapshot.stdout).toBe("2\n40\n");
    // Stepping past the end stays at the end.
    expect(frames[1]!.snapshot.line).toBe(2);
  });

  test("step back, seek and replay give the very snapshots of the forward run", () => {
    const forward = forwardRun(PROGRAM);
    const timeline = new Timeline(PROGRAM, {});
    timeline.advance(10_000);
    const end = forward.length - 1;
    for (let i = end - 1; i >= end - 5; i--) expect(timeline.stepBack().snapshot).toEqual(forward[i]!.snapshot);
    for (const target of [3, end, 1, Math.floor(end / 2), 0, end - 2]) {
      const frame = timeline.seek(target);
      expect(frame.index).toBe(target);
      expect(frame.snapshot).toEqual(forward[target]!.snapshot);
    }
  });

  test("the step that runs gc.collect() carries the collection's phase events", () => {
    const forward = forwardRun(PROGRAM);
    const withGC = forward.filter((f) => f.gc.some((e) => e.kind === "gc-start" && e.reason === "manual"));
    expect(withGC).toHaveLength(1);
    const phases = withGC[0]!.gc.flatMap((e) => (e.kind === "gc-phase" ? [e.phase] : []));
    expect(phases.slice(0, 4)).toEqual(["merge", "update_refs", "subtract_refs", "move_unreachable"]);
  });

  test("advance stops once the module's next line is past untilLine", () => {
    const timeline = new Timeline(PROGRAM, {});
    const frame = timeline.advance(10_000, 7);
    expect(frame.snapshot.line).toBe(8);
    expect(frame.snapshot.frames).toHaveLength(1);
  });

  test("a long run keeps few checkpoints and still reaches any point exactly", () => {
    const source = "total = 0\nfor i in range(3000):\n    total += i\nprint(total)\n";
    const timeline = new Timeline(source, {});
    const end = timeline.advance(60_000).index;
    expect(end).toBeGreaterThan(6000);
    const middle = timeline.seek(4001);
    expect(middle.index).toBe(4001);
    const fresh = new Timeline(source, {});
    expect(middle.snapshot).toEqual(fresh.seek(4001).snapshot);
    expect(timeline.stepBack().snapshot).toEqual(fresh.stepBack().snapshot);
  });
});
