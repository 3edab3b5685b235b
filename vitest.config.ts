import { defineConfig } from "vitest/config";

// Two tiers: fast pure tests (engines, views, i18n) and integration tests against a real PostgreSQL
// (a fresh database per test file, copied from a migrated template; see src/db/test-db.ts).
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["src/**/*.test.ts", "src/**/*.test.tsx"], exclude: ["src/**/*.int.test.ts", "src/**/*.int.test.tsx"] },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "src/**/*.int.test.tsx"],
          globalSetup: ["src/db/test-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Several instances behind nginx on Debian's PostgreSQL 15 (src/cluster/cluster.ts): one cluster per
          // file, files one after another (each starts processes on a 2-core machine).
          name: "cluster",
          include: ["tests/cluster/**/*.cluster.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.e2e.ts"],
          globalSetup: ["src/db/test-global-setup.ts"],
          // A story with axe scans on every page takes 60-80 s on a quiet 2-core machine: room for a busy one.
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
