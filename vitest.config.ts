import { defineConfig } from "vitest/config";

// Unit, fidelity and level tests. The end-to-end tests drive Chromium and run separately (npm run test:e2e).
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/fidelity/**/*.test.ts", "test/levels/**/*.test.ts"],
    testTimeout: 60_000,
    pool: "forks",
  },
});
