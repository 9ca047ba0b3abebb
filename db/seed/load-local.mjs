// `npm run db:reset`: a fresh local D1 (wrangler's local SQLite), migrated and seeded with the
// boundary data and the sample directory. Never touches a remote database.
//
// `--persist-to <dir>` builds it in another state directory (as `wrangler dev --persist-to`), so
// the browser tests get their own database and never disturb the one `npm start` uses.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSeed } from './build.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const persistFlag = process.argv.indexOf('--persist-to');
const persistTo = persistFlag >= 0 ? resolve(process.argv[persistFlag + 1] ?? '') : null;
const state = persistTo ?? `${root}.wrangler/state`;
const generated = persistTo ? `${persistTo}/` : fileURLToPath(new URL('./.generated/', import.meta.url));
const persistArgs = persistTo ? ['--persist-to', persistTo] : [];
const wrangler = (...args) =>
  execFileSync('npm', ['exec', '--', 'wrangler', ...args, ...persistArgs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  });

rmSync(`${state}/v3/d1`, { recursive: true, force: true });
wrangler('d1', 'migrations', 'apply', 'DB', '--local');

const { statements } = await buildSeed();
mkdirSync(generated, { recursive: true });
const file = `${generated}seed.sql`;
writeFileSync(file, `${statements.join('\n')}\n`);
wrangler('d1', 'execute', 'DB', '--local', `--file=${file}`);
console.log(`Seeded ${statements.length} statements into the local D1.`);
// The public documents of the seeded services, by the Worker's own builder (TypeScript that Node's
// type stripping alone cannot run, hence the flag, as `npm run import` has it).
execFileSync(
  process.execPath,
  [
    '--experimental-transform-types',
    '--no-warnings=ExperimentalWarning',
    fileURLToPath(new URL('./store-documents.mjs', import.meta.url)),
    ...persistArgs,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' } },
);
