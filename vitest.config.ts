import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    // CI keeps a JSON summary so its log can end with "N passed, N failed".
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'out/test-results.json' }]] : ['default'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          // Integration files share one PostgreSQL and Redis (each with its own schema or prefix); run them one at a time
          // so the 2-core machine is not oversubscribed by Chromium and crawlers.
          fileParallelism: false,
        },
      },
    ],
  },
});
