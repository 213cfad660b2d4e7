import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own process: the engine holds native SQLite handles and servers hold ports.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
