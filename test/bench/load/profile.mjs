// The Worker's own CPU per request and where it goes, apart from D1 and from workerd's HTTP
// handling (which the load bench's CPU per request includes). The Worker
// (api/app.ts) is bundled with esbuild and run in Node over a bench database (.wrangler/bench/<size>/,
// built by `npm run bench` first) read through a small D1 stand-in on node:sqlite; the time SQLite
// takes is measured apart and taken off, because in production it is D1's, not the Worker's.
// Prints the Worker's CPU per request (p50 and mean of many sequential requests, after warming) for
// each path; with `--profile <dir>` also a V8 CPU profile of the measured requests of each path
// (after warming, so loading the code is not in it), to open in Chrome's DevTools; the bundle it
// refers to is kept in bench-results/profile/app.mjs (each source file starts at a `// path` line).
//
//   npm exec -- node test/bench/load/profile.mjs --size 10000 '/api/v1/services?area=IQG15Q05' /a/IQG15Q05
//   npm exec -- node test/bench/load/profile.mjs --size 1000 --profile bench-results/profile '/a/IQG15Q05?lang=ar'
//
// npm's Node (22) has node:sqlite. Node's V8 is not workerd's, and a cold isolate is not measured
// (the first requests warm it): the figures compare code paths and versions of the code; the load
// bench measures the real build.
import { readdirSync, readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { DatabaseSync } from 'node:sqlite';
import { build } from 'esbuild';
import { root, stateOf } from './grow.mjs';

const argument = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SIZE = Number(argument('size', '10000'));
const REQUESTS = Number(argument('requests', '200'));
const WARM = Number(argument('warm', '30'));
/** Another bench state directory than .wrangler/bench/<size>/ (e.g. of another checkout). */
const STATE = argument('state', null);
const PROFILE = argument('profile', null);
/**
 * `on` (as deployed): every request misses the edge copy, so it pays the directory version read and
 * renders afresh, and what is kept per isolate and version serves it; `off`: as `EDGE_CACHE=off`.
 */
const EDGE_CACHE = argument('edge-cache', 'on');
const valued = new Set(['--size', '--requests', '--warm', '--state', '--profile', '--edge-cache']);
const PATHS = process.argv.slice(2).filter((a, i, all) => a.startsWith('/') && !valued.has(all[i - 1]));
if (PATHS.length === 0) PATHS.push('/api/v1/services?area=IQG15Q05&lang=ar', '/a/IQG15Q05?lang=ar');

/** CPU time of this process so far (user + system), in ms. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The D1 stand-in: D1's surface as drizzle and the Worker use it, over one node:sqlite connection. */
function d1Over(sqlite) {
  let sqliteMs = 0;
  let statements = 0;
  const cache = new Map();
  const prepared = (sql) => {
    let s = cache.get(sql);
    if (!s) cache.set(sql, (s = sqlite.prepare(sql)));
    return s;
  };
  // D1 binds booleans as 1/0 and undefined as null; node:sqlite takes neither.
  const bindable = (v) => (v === undefined ? null : typeof v === 'boolean' ? Number(v) : v);
  const timed = (run) => {
    const started = cpuNow();
    try {
      return run();
    } finally {
      sqliteMs += cpuNow() - started;
      statements++;
    }
  };
  const statement = (sql, params = []) => ({
    bind: (...values) => statement(sql, values.map(bindable)),
    all: async () => {
      const s = prepared(sql);
      s.setReturnArrays(false);
      const results = timed(() => s.all(...params));
      return { results, success: true, meta: { rows_read: 0, rows_written: 0, changes: 0 } };
    },
    raw: async (options) => {
      const s = prepared(sql);
      s.setReturnArrays(true);
      const rows = timed(() => s.all(...params));
      if (options?.columnNames) return [s.columns().map((c) => c.name), ...rows];
      return rows;
    },
    first: async (column) => {
      const s = prepared(sql);
      s.setReturnArrays(false);
      const row = timed(() => s.get(...params)) ?? null;
      return column ? (row?.[column] ?? null) : row;
    },
    run: async () => {
      const s = prepared(sql);
      const result = timed(() => s.run(...params));
      return { results: [], success: true, meta: { changes: Number(result.changes), rows_read: 0 } };
    },
    sql,
  });
  const binding = {
    prepare: (sql) => statement(sql),
    batch: async (list) => Promise.all(list.map((s) => (/^\s*(select|with)/i.test(s.sql) ? s.all() : s.run()))),
    exec: async (sql) => timed(() => sqlite.exec(sql)),
    withSession: () => ({ ...binding, getBookmark: () => null }),
  };
  return {
    binding,
    take: () => {
      const taken = { sqliteMs, statements };
      sqliteMs = 0;
      statements = 0;
      return taken;
    },
  };
}

/** The Worker as one ES module for Node (esbuild, the bundler wrangler uses too). */
async function bundleApp() {
  // Kept (git-ignored) so that a profile's line numbers can be read against it: esbuild marks where
  // each source file starts with a `// path` comment.
  const outfile = `${root}bench-results/profile/app.mjs`;
  await build({
    entryPoints: [`${root}api/app.ts`],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    outfile,
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    loader: { '.sql': 'text' },
    logLevel: 'error',
  });
  const { createApp } = await import(`${outfile}?${Date.now()}`);
  return createApp;
}

/** The static files of web/dist, as the ASSETS binding serves them. */
const assets = {
  fetch: async (request) => {
    const file = `${root}web/dist${new URL(request.url).pathname}`;
    return existsSync(file) ? new Response(readFileSync(file)) : new Response('not found', { status: 404 });
  },
};

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main() {
  const dir = `${STATE ?? stateOf(SIZE)}/v3/d1/miniflare-D1DatabaseObject`;
  if (!existsSync(dir)) throw new Error(`no bench database of ${SIZE}: run npm run bench -- --sizes ${SIZE} first`);
  const file = readdirSync(dir).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  const sqlite = new DatabaseSync(`${dir}/${file}`, { readOnly: true });
  const d1 = d1Over(sqlite);
  const createApp = await bundleApp();
  const app = createApp();
  const env = {
    DB: d1.binding,
    ASSETS: assets,
    SITE_NAME: 'Masar',
    QUICK_EXIT_URL: 'https://www.google.com/search?q=weather',
    MAP_BASEMAP_STYLE: '',
    OFFLINE_PACK_DAYS: '14',
    EDGE_CACHE: EDGE_CACHE,
  };
  // Node has no Cache API: an edge copy that never holds the answer, so each request is a miss.
  globalThis.caches ??= { default: { match: async () => undefined, put: async () => {} } };
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };
  console.log(
    `Worker CPU per request in Node over the ${SIZE.toLocaleString('en')} bench database, D1's time taken off ` +
      `(edge copy ${EDGE_CACHE === 'off' ? 'off' : 'on, every request a miss'})`,
  );
  for (const path of PATHS) {
    const one = async () => {
      const started = cpuNow();
      const response = await app.fetch(new Request(`http://127.0.0.1${path}`), env, ctx);
      const body = await response.text();
      const total = cpuNow() - started;
      const { sqliteMs, statements } = d1.take();
      return { status: response.status, bytes: body.length, workerMs: total - sqliteMs, sqliteMs, statements };
    };
    for (let i = 0; i < WARM; i++) await one();
    const inspector = PROFILE ? new Session() : null;
    if (inspector) {
      inspector.connect();
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
    }
    const runs = [];
    for (let i = 0; i < REQUESTS; i++) runs.push(await one());
    if (inspector) {
      const { profile } = await inspector.post('Profiler.stop');
      inspector.disconnect();
      mkdirSync(PROFILE, { recursive: true });
      const name = `${PROFILE}/${path.replace(/[^A-Za-z0-9]+/g, '_').slice(1, 60)}-${SIZE}.cpuprofile`;
      writeFileSync(name, JSON.stringify(profile));
      console.log(`  profile: ${name}`);
    }
    const worker = runs.map((r) => r.workerMs);
    const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
    console.log(
      `${path}: status ${runs[0].status}, ${runs[0].bytes} chars, ${runs[0].statements} statements; ` +
        `Worker ${percentile(worker, 50).toFixed(2)} ms p50, ${mean(worker).toFixed(2)} ms mean, ` +
        `${percentile(worker, 90).toFixed(2)} ms p90; SQLite ${mean(runs.map((r) => r.sqliteMs)).toFixed(2)} ms mean`,
    );
  }
  sqlite.close();
}

await main();
