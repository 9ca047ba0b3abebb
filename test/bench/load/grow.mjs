// Builds (or reuses) the local D1 of one bench size: wrangler applies the migrations into a state
// directory of its own (as `npm run db:reset -- --persist-to` does), then the seed (areas, taxonomy,
// sample directory) and the synthetic directory are written straight into that SQLite file with
// node:sqlite, every row from the seed's own statement builders and every derived row from the one
// derivation (`deriveListing`, api/domain/listing-index.ts, through db/seed/build.mjs). Going
// through D1's API would take tens of minutes at 100,000 services on 2 cores; the file is the same.
//
// A size's database is kept in .wrangler/bench/<size>/ and reused while the code that builds it
// (migrations, seed, derivation, this generator) is unchanged; `--rebuild` builds it afresh.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { loadAreas } from '../../../db/seed/areas.mjs';
import { buildSeed, derivedStatements } from '../../../db/seed/build.mjs';
import { sampleStatements } from '../../../db/seed/sample-directory.mjs';
import { syntheticDirectory } from './directory.mjs';

export const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Wrangler's entry point, run by the Node that runs the bench (npm's, which wrangler requires). */
export const WRANGLER = `${root}node_modules/wrangler/bin/wrangler.js`;
export const stateOf = (size) => `${root}.wrangler/bench/${size}`;

/** Everything the database is built from: when one of these changes, a kept database is rebuilt. */
function fingerprint() {
  const hash = createHash('sha256');
  const files = [
    ...readdirSync(`${root}db/migrations`)
      .filter((f) => f.endsWith('.sql'))
      .sort()
      .map((f) => `db/migrations/${f}`),
    'db/seed/build.mjs',
    'db/seed/sample-directory.mjs',
    'db/seed/sample-pathways.mjs',
    'db/seed/areas.mjs',
    'db/seed/service-types.mjs',
    'api/domain/listing-index.ts',
    'api/queries/service-documents.ts',
    'api/queries/public-directory.ts',
    'db/seed/store-documents.mjs',
    'test/bench/load/directory.mjs',
    'test/bench/load/grow.mjs',
  ];
  for (const file of files) hash.update(file).update(readFileSync(`${root}${file}`));
  return hash.digest('hex').slice(0, 16);
}

function sqliteFile(state) {
  const dir = `${state}/v3/d1/miniflare-D1DatabaseObject`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (files.length !== 1) throw new Error(`expected one D1 database in ${dir}, found ${files.join(', ')}`);
  return `${dir}/${files[0]}`;
}

/**
 * The state directory of a database with `size` synthetic services (besides the sample's), built
 * now unless a matching one is kept. Returns where it is, whether it was built, and how long it took.
 */
export async function growDirectoryDatabase(size, { rebuild = false, log = console.log } = {}) {
  const state = stateOf(size);
  const metaFile = `${state}/bench-meta.json`;
  const print = fingerprint();
  if (!rebuild && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (meta.fingerprint === print) return { state, built: false, ...meta };
    log(`  the code that builds the ${size} database changed: building it again`);
  }
  const started = performance.now();
  rmSync(state, { recursive: true, force: true });
  execFileSync(process.execPath, [WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
    cwd: root,
    stdio: 'ignore',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
  });
  const now = new Date();
  const db = new DatabaseSync(sqliteFile(state));
  // Only this connection, only while building: nothing else reads the file until it is closed.
  db.exec('PRAGMA synchronous = OFF');
  const write = (statements) => {
    db.exec('BEGIN');
    db.exec(statements.join('\n'));
    db.exec('COMMIT');
  };
  write((await buildSeed({ now })).statements);
  const areas = loadAreas();
  let written = 0;
  for (const chunk of syntheticDirectory({ count: size, areas, now })) {
    write([
      ...sampleStatements(now, { ...chunk, organisations: chunk.newOrganisations }),
      ...derivedStatements(now, areas, chunk),
    ]);
    written += chunk.services.length;
    if (written % 20_000 === 0) log(`  ${written} of ${size} services written`);
  }
  const published = db.prepare("SELECT count(*) AS n FROM services WHERE status = 'published'").get().n;
  db.exec('PRAGMA optimize');
  db.close();
  // Each published service's public document, by the Worker's own builder, as `npm run db:reset` does.
  execFileSync(
    process.execPath,
    [
      '--experimental-transform-types',
      '--no-warnings=ExperimentalWarning',
      `${root}db/seed/store-documents.mjs`,
      '--persist-to',
      state,
    ],
    // Its error, if any, is shown (the bench stops there: a directory without documents is not the one measured).
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    },
  );
  const meta = {
    fingerprint: print,
    synthetic: size,
    published,
    builtAt: now.toISOString(),
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  writeFileSync(metaFile, JSON.stringify(meta, null, 2));
  return { state, built: true, ...meta };
}
