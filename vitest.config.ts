import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    // One PostgreSQL server for the store tests (NHISCAN_TEST_POSTGRES, else a throwaway one).
    globalSetup: ["test/helpers/postgres-setup.ts"],
    hookTimeout: 60_000,
    // The JSON results let .ci/run print a plain "N passed, N failed" closing line.
    reporters: ["default", "json"],
    outputFile: { json: "test-results/vitest.json" },
  },
});
