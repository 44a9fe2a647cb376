// `pnpm test:soak`: the fuzz and fault suites with soak-sized parameters (ten times the fuzz inputs, 30
// SIGKILL rounds), which take too long for `pnpm test`. The suites read `inject("soak")`.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: fileURLToPath(new URL("..", import.meta.url)),
    projects: [
      {
        test: {
          name: "soak",
          include: ["tests/integration/fuzz-*.test.ts", "tests/integration/faults-*.test.ts"],
          globalSetup: ["tests/utils/globalSetup.ts"],
          provide: { soak: true },
          testTimeout: 1_800_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
