import { defineConfig } from "vitest/config";

// Only for the pending hardening tests (bugs not fixed yet); CI never includes this folder.
export default defineConfig({
  test: { include: ["test/fuzz/pending/**/*.test.ts"], testTimeout: 180_000, pool: "forks" },
});
