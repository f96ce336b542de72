// The trace table behaves like a Map from address to (size, traceback id) through inserts,
// replacements, deletions (backward shift) and growth.
import { describe, expect, it } from "vitest";
import { AddressTable } from "../../../src-main/engine/tracemalloc/address-table";

describe("AddressTable", () => {
  it("agrees with a Map over a long random sequence", () => {
    const table = new AddressTable(16);
    const reference = new Map<number, [number, number]>();
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    // Few distinct addresses from two distant regions, so probe runs collide and wrap.
    const addresses = Array.from({ length: 3000 }, (_, i) =>
      i % 2 ? 0x7f3a_6c50_0030 + i * 16 : 0x55e4_1c6b_3010 + i * 48,
    );
    for (let step = 0; step < 60000; step++) {
      const address = addresses[rand(addresses.length)]!;
      if (rand(3) < 2) {
        const i = table.claim(address);
        expect(table.lastWasNew).toBe(!reference.has(address));
        table.sizes[i] = step;
        table.tracebacks[i] = step % 97;
        reference.set(address, [step, step % 97]);
      } else {
        const i = table.find(address);
        expect(i >= 0).toBe(reference.has(address));
        if (i >= 0) {
          table.removeAt(i);
          reference.delete(address);
        }
      }
    }
    expect(table.count).toBe(reference.size);
    for (const [address, [size, tb]] of reference) {
      const i = table.find(address);
      expect([table.sizes[i], table.tracebacks[i]]).toEqual([size, tb]);
    }
    let live = 0;
    for (const key of table.keys) if (key !== 0) live++;
    expect(live).toBe(reference.size);
  });
});
