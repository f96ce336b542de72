// The engine's processes leave it a core of its own: V8's background pool gets the other cores,
// at most Node's default of 4 and at least 1 (scripts/node-flags.mjs says why).
import { describe, expect, it } from "vitest";
import { v8PoolSizeFlag } from "../../../scripts/node-flags.mjs";

describe("v8PoolSizeFlag", () => {
  it("gives V8's background threads every core but the engine's, between 1 and 4", () => {
    expect([1, 2, 3, 4, 5, 8, 64].map((cores) => v8PoolSizeFlag(cores))).toEqual([
      "--v8-pool-size=1",
      "--v8-pool-size=1",
      "--v8-pool-size=2",
      "--v8-pool-size=3",
      "--v8-pool-size=4",
      "--v8-pool-size=4",
      "--v8-pool-size=4",
    ]);
  });
});
