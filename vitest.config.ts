// One vitest run, three projects: pure unit tests, integration tests against a real FerretDB (or
// MONGODB_URI), and browser tests driving Debian's Chromium.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: [
            "shared/src/**/*.test.ts",
            "server/src/**/*.test.ts",
            "client/src/**/*.test.ts",
            // Pure helpers of the bench (no servers: those are measured by `pnpm bench`).
            "tests/bench/**/*.test.ts",
          ],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          sequence: { groupOrder: 1 },
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/utils/globalSetup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: more workers only contend for CPU with FerretDB.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: "browser",
          sequence: { groupOrder: 2 },
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/utils/globalSetup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
