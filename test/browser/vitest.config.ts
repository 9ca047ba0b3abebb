import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('../..', import.meta.url));

// Browser tests: Node drives Debian's Chromium (playwright-core, never a downloaded browser)
// against the real Worker under `wrangler dev`, with its own freshly seeded local D1 (see
// global-setup.ts). One browser at a time: files run one after another.
export default defineConfig({
  test: {
    root,
    include: ['test/browser/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/browser/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
