// Sizes CPython refuses whatever the machine get CPython's own exception and text, decided before
// the engine builds anything; a size CPython would try to allocate meets the memory limit first,
// which names itself (SECURITY.md P2). Runs in-process: nothing here may build a large JS value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { loadEngineProbe, type EngineProbe } from "../../fuzz/bundle";

let probe: EngineProbe;
beforeAll(async () => {
  probe = await loadEngineProbe();
});

const fixtures = join(import.meta.dirname, "fixtures");
const lastLine = (stderr: string) => stderr.trimEnd().split("\n").at(-1);
const LIMIT = 1_000_000;
const MEMORY_LIMIT_LINE = `MemoryLimitExceeded: the program used more than ${LIMIT} bytes of simulated heap (memory limit)`;

describe("big and negative sizes", () => {
  test("the overflow checks CPython applies give its exception and text", () => {
    const source = readFileSync(join(fixtures, "size-errors.py"), "utf8");
    const r = probe.runSource(source, { maxMemoryBytes: LIMIT, maxSteps: 1_000_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(readFileSync(join(fixtures, "size-errors.cpython-3.13.out"), "utf8"));
  });

  // CPython would allocate these (gigabytes): the memory limit refuses them before the JS value is made.
  for (const expr of ["'a' * 10**8", "b'ab' * 10**8", "'x'.ljust(10**8)", "'x'.center(10**8, '*')", "'x'.zfill(10**8)", "'\\t'.expandtabs(10**8)", "'{:>100000000}'.format(1)", "f'{1.5:.100000000f}'", "'%100000000d' % 1", "bytes(10**8)", "bytearray(10**8)", "list(range(10**8))", "[None] * 10**8", "(0,) * 10**8"]) {
    test(`${expr} meets the memory limit at once`, () => {
      const started = performance.now();
      const r = probe.runSource(`${expr}\n`, { maxMemoryBytes: LIMIT, maxSteps: 1_000_000 });
      expect(r.error).toMatchObject({ type: "MemoryLimitExceeded", limit: "memory" });
      expect(lastLine(r.stderr)).toBe(MEMORY_LIMIT_LINE);
      // Building 10**8 items first (what the engine did) takes seconds; refusing takes microseconds.
      expect(performance.now() - started).toBeLessThan(500);
    });
  }

  test("without a memory limit, a result larger than the engine can build is MemoryError", () => {
    const r = probe.runSource("try:\n    bytearray(2**31)\nexcept MemoryError as e:\n    print('MemoryError', repr(e))\ntry:\n    'ab' * 2**40\nexcept MemoryError:\n    print('MemoryError')\n", { maxSteps: 1_000_000 });
    expect(r.stdout).toBe("MemoryError MemoryError()\nMemoryError\n");
  });
});
