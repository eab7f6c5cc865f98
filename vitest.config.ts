import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/install/**'] } },
      // Slow: packs the npm tarball and the MCP Bundle and installs them as a user would (a native build included).
      // Runs with `npm test`; `vitest run --project unit` leaves it out (the other Node lines in CI do).
      { extends: true, test: { name: 'install', include: ['test/install/**/*.test.ts'], testTimeout: 600_000, hookTimeout: 600_000 } },
    ],
  },
});
