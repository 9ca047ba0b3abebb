// `npm run db:reset`: a fresh local D1 (wrangler's local SQLite), migrated and seeded with the
// boundary data and the sample directory. Never touches a remote database.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSeed } from './build.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const generated = fileURLToPath(new URL('./.generated/', import.meta.url));
const wrangler = (...args) =>
  execFileSync('npm', ['exec', '--', 'wrangler', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  });

rmSync(`${root}.wrangler/state/v3/d1`, { recursive: true, force: true });
wrangler('d1', 'migrations', 'apply', 'DB', '--local');

const { statements } = await buildSeed();
mkdirSync(generated, { recursive: true });
const file = `${generated}seed.sql`;
writeFileSync(file, `${statements.join('\n')}\n`);
wrangler('d1', 'execute', 'DB', '--local', `--file=${file}`);
console.log(`Seeded ${statements.length} statements into the local D1.`);
