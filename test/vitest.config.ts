import { fileURLToPath } from 'node:url';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { buildSeed } from '../db/seed/build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

// Every test runs inside workerd through the real Worker and a real (local) D1. Migrations and
// the seed are built here in Node and handed to the setup file as bindings, the pattern of
// workers-sdk's d1 example.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(`${root}db/migrations`);
  // The sample's relative dates (verification ages, closures) are anchored at the moment the suite
  // starts, because the API judges freshness against the real clock.
  const seed = await buildSeed({ now: new Date() });
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: `${root}wrangler.toml` },
        // The edge copy is off for the suite (miniflare's local cache adds a round trip to every
        // request); test/api/edge-cache.test.ts and the bench turn it on for their own requests.
        // MASAR_BENCH_ROWS sizes the import bench's sheet (test/bench/import.bench.ts).
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            TEST_SEED: seed.statements,
            EDGE_CACHE: 'off',
            MASAR_BENCH_ROWS: process.env.MASAR_BENCH_ROWS ?? '',
          },
        },
      }),
    ],
    test: {
      root,
      // `npm run bench:workerd` runs the benchmarks instead of the tests (the workers pool has no
      // `vitest bench`): they measure and report, they assert no timings.
      include: process.env.MASAR_BENCH ? ['test/bench/**/*.bench.ts'] : ['test/**/*.test.ts'],
      exclude: ['test/browser/**'],
      setupFiles: ['test/setup/apply-migrations.ts'],
      // Some tests page through the whole directory or sweep every area; on a 2-core machine running
      // files side by side they take longer than vitest's 5 s default. They assert results, not time.
      testTimeout: 60_000,
    },
  };
});
