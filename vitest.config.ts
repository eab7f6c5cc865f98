import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The parse cache defaults to the user's cache folder; tests keep theirs under the temp directory.
    env: { LOKET_CACHE_DIR: join(tmpdir(), 'loket-test-cache') },
  },
});
