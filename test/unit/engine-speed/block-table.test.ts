// The heap's live-block table and the default allocator agree with a plain Map model.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { BlockTable } from "../../../src-main/engine/heap/block-table";
import { SimpleAllocator } from "../../../src-main/engine/heap/simple-allocator";
import { NOT_A_BLOCK } from "../../../src-main/engine/heap/allocator";

/** Mostly pool-like addresses, some unaligned, some on pages whose folded keys collide. */
function addressOf(slot: number): number {
  if (slot % 7 === 0) return 0x7f3a_0000_0000 + slot * 48 + 4;
  if (slot % 11 === 0) return 0x7f3a_0000_0000 + 2 ** 30 * 4096 + slot * 48;
  return 0x7f3a_0000_0000 + slot * 48;
}

describe("BlockTable", () => {
  it("behaves like a Map from address to size under random inserts and deletes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 300 }), fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.constant(2 ** 31 + 5))), { maxLength: 3000 }), (ops) => {
        const table = new BlockTable(16);
        const model = new Map<number, number>();
        for (const [insert, slot, size] of ops) {
          const address = addressOf(slot);
          if (insert) {
            table.set(address, size);
            model.set(address, size);
          } else {
            expect(table.delete(address)).toBe(model.get(address) ?? -1);
            model.delete(address);
          }
          expect(table.count).toBe(model.size);
        }
        for (let slot = 1; slot <= 300; slot++) {
          const address = addressOf(slot);
          expect(table.get(address)).toBe(model.get(address) ?? -1);
        }
      }),
    );
  });
});

describe("SimpleAllocator", () => {
  it("hands out distinct 16-byte aligned blocks and reuses a freed block of the same class first", () => {
    const a = new SimpleAllocator();
    const live = new Set<number>();
    for (const size of [1, 16, 17, 48, 56, 1000, 1024, 1025, 5000, 48, 56]) {
      const p = a.malloc(size);
      expect(p % 16).toBe(0);
      expect(live.has(p)).toBe(false);
      live.add(p);
    }
    const x = a.malloc(40);
    const y = a.malloc(40);
    a.free(x);
    a.free(y);
    expect(a.malloc(33)).toBe(y);
    expect(a.malloc(48)).toBe(x);
    const big = a.malloc(4000);
    a.free(big);
    expect(a.malloc(3990)).toBe(big);
  });

  it("realloc keeps the block while the rounded size is unchanged and moves it otherwise", () => {
    const a = new SimpleAllocator();
    const p = a.malloc(20);
    expect(a.realloc(p, 32)).toBe(p);
    const q = a.realloc(p, 33);
    expect(q).not.toBe(p);
    expect(a.malloc(30)).toBe(p);
    expect(a.free(q)).toBe(33);
    expect(a.free(q)).toBe(NOT_A_BLOCK);
    expect(a.free(12345)).toBe(NOT_A_BLOCK);
  });
});
