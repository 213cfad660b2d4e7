import { configDefaults, defineConfig } from 'vitest/config';

// One `vitest run` for everything. Two projects only so that the end-to-end files get their own
// globalSetup (build the renderer if stale, check for Chromium) and timeouts; `npx vitest run
// test/web` and the like still filter across both.
export default defineConfig({
  test: {
    // Each file gets its own process: the engine holds native SQLite handles and servers hold ports.
    pool: 'forks',
    // The console report, plus a machine-readable one that .ci/run summarises in one line.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest-report.json' }]],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'test/e2e/**'],
          setupFiles: ['test/renderer/clock-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // After the unit group: Chromium and the SQLite/HTTP suites on two cores at once make
          // for slow, timing-sensitive pages.
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
