// `npm run bench`: the load bench. For each size (synthetic published services besides the
// sample's), builds or reuses the local D1 (grow.mjs), starts the production build locally (the
// Worker under `wrangler dev` on loopback, as `npm start` does, with the static assets of
// `npm run build`), and drives every public endpoint of endpoints.mjs with autocannon, a static
// asset served by the same Worker first as the floor, once with the edge copy off and once on.
// Prints and writes (bench-results/, JSON and Markdown) per endpoint and size: rows returned, rows
// read, D1 queries and round trips (from the metering header, api/middleware/d1-metering.ts),
// req/s, ratio to the floor, p50/p99 latency, CPU per request of the Worker's workerd process
// (/proc), the Worker bundle's gzipped size and the page weights, and Lighthouse (mobile, Arabic) on a
// district page and a service page (lighthouse.mjs). It reports; it asserts nothing.
//
//   npm run bench -- --sizes 1000,10000 --duration 10 --connections 16 --modes uncached,cached --rebuild
//   npm run bench -- --no-lighthouse
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { ENDPOINTS, rowsReturned } from './endpoints.mjs';
import { growDirectoryDatabase, root, WRANGLER } from './grow.mjs';
import { lighthousePages } from './lighthouse.mjs';
import { summaryTable } from './summary.mjs';

const argument = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const SIZES = argument('sizes', '1000,10000,100000').split(',').map(Number);
const DURATION_S = Number(argument('duration', '10'));
const CONNECTIONS = Number(argument('connections', '16'));
const MODES = argument('modes', 'uncached,cached').split(',');
const REBUILD = process.argv.includes('--rebuild');
const LIGHTHOUSE = !process.argv.includes('--no-lighthouse');
/** Lighthouse runs once per size, with the edge copy off (what a first visitor gets) when that mode runs. */
const LIGHTHOUSE_MODE = MODES.includes('uncached') ? 'uncached' : MODES[0];
const OUT = `${root}${argument('out', 'bench-results')}`;
/** An endpoint whose single request takes longer is measured once, not driven with 16 connections. */
const SLOW_MS = Number(argument('slow-ms', '3000'));
const METER = 'X-Masar-D1';
const CLOCK_TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' };
const log = (...parts) => console.log(...parts);

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Child processes of `pid`, all the way down (from /proc). */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/s);
      const ppid = Number(rest.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), { pid: Number(entry), comm }]);
    } catch {
      // a process that ended while we looked
    }
  }
  const found = [];
  const walk = (p) => {
    for (const child of children.get(p) ?? []) {
      found.push(child);
      walk(child.pid);
    }
  };
  walk(pid);
  return found;
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat fields 14 and 15). */
function cpuMs(pid) {
  if (!existsSync(`/proc/${pid}`)) {
    // wrangler dev restarts the Worker when a source file changes: the figures would mix two builds.
    throw new Error(`the Worker's workerd process ${pid} ended during the run (was a source file changed?)`);
  }
  const rest = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /s, '')
    .split(' ');
  return (Number(rest[11]) + Number(rest[12])) * CLOCK_TICK_MS;
}
const rssMiB = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)[1]) / 1024;

/**
 * `wrangler dev` on a free loopback port over the size's database. Two workerd processes run under
 * it: wrangler's proxy, which takes the request on the port, and the one running the Worker,
 * recognised by the D1 files it holds open.
 */
async function startWorker(state, cached) {
  const port = await freePort();
  const args = [WRANGLER, 'dev', '--port', String(port), '--ip', '127.0.0.1', '--persist-to', state];
  args.push('--var', 'MASAR_BENCH:1', ...(cached ? [] : ['--var', 'EDGE_CACHE:off']), '--log-level', 'error');
  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  // Interrupted (Ctrl-C): wrangler dev runs in its own process group and would outlive the bench.
  const interrupted = () => {
    stop();
    process.exit(130);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  for (let waited = 0; ; waited += 500) {
    if (child.exitCode !== null || waited > 180_000) {
      stop();
      throw new Error(`wrangler dev did not start:\n${stderr}`);
    }
    try {
      if ((await fetch(`${origin}/api/v1/service-types`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const workerds = descendants(child.pid).filter((p) => p.comm === 'workerd');
  const holdsDatabase = (pid) => {
    try {
      return readdirSync(`/proc/${pid}/fd`).some((fd) => {
        try {
          return readlinkSync(`/proc/${pid}/fd/${fd}`).includes('/v3/d1/');
        } catch {
          return false;
        }
      });
    } catch {
      return false;
    }
  };
  const worker = workerds.find((p) => holdsDatabase(p.pid));
  const proxy = workerds.find((p) => p !== worker);
  if (!worker) log('  (the Worker’s workerd process was not found: CPU per request is not measured)');
  return {
    origin,
    stop: () => {
      process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
      stop();
    },
    workerPid: worker?.pid,
    proxyPid: proxy?.pid,
  };
}

async function probe(origin, path) {
  // Warm: the first requests compile code and fill SQLite's page cache.
  for (let i = 0; i < 3; i++) await (await fetch(`${origin}${path}`)).arrayBuffer();
  const started = performance.now();
  const plain = await fetch(`${origin}${path}`);
  const text = await plain.text();
  const singleMs = performance.now() - started;
  let metered = await fetch(`${origin}${path}`, { headers: { [METER]: '1' } });
  await metered.arrayBuffer();
  // With the edge copy on, a new minute makes a new key: the first request after it misses. Meter
  // the hit that most requests of the run are.
  if (metered.headers.get('X-Edge-Cache') === 'miss') {
    metered = await fetch(`${origin}${path}`, { headers: { [METER]: '1' } });
    await metered.arrayBuffer();
  }
  const cost = Object.fromEntries(
    (metered.headers.get(METER) ?? '')
      .split('; ')
      .filter(Boolean)
      .map((part) => part.split('='))
      .map(([k, v]) => [k, Number(v)]),
  );
  const type = plain.headers.get('Content-Type') ?? '';
  return {
    status: plain.status,
    bytes: Buffer.byteLength(text),
    rowsReturned: plain.status === 200 ? rowsReturned(type, text) : 0,
    d1: cost,
    edge: metered.headers.get('X-Edge-Cache'),
    singleMs,
    json: /json/.test(type) && plain.status === 200 ? JSON.parse(text) : null,
  };
}

/**
 * 16 connections on one URL. A run of fixed duration ends with requests still in flight, whose CPU
 * would be charged to the ones that finished (badly so when few finish), so a short run first
 * finds the rate, then a run of a fixed number of requests (about DURATION_S worth, at least two
 * per connection) is measured: all of them finish, and its CPU is theirs.
 */
async function drive(server, path) {
  const url = `${server.origin}${path}`;
  const calibration = await autocannon({ url, connections: CONNECTIONS, duration: 2, timeout: 60 });
  const amount = Math.max(
    2 * CONNECTIONS,
    Math.round((calibration.requests.total / calibration.duration) * DURATION_S),
  );
  const before = server.workerPid ? cpuMs(server.workerPid) : 0;
  const proxyBefore = server.proxyPid ? cpuMs(server.proxyPid) : 0;
  const result = await autocannon({ url, connections: CONNECTIONS, amount, timeout: 120 });
  const requests = result.requests.total;
  const perRequest = (ms) => (requests ? ms / requests : null);
  return {
    requests,
    reqPerS: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest: server.workerPid ? perRequest(cpuMs(server.workerPid) - before) : null,
    proxyCpuMsPerRequest: server.proxyPid ? perRequest(cpuMs(server.proxyPid) - proxyBefore) : null,
    workerRssMiB: server.workerPid ? Math.round(rssMiB(server.workerPid)) : null,
  };
}

/** The static floor: the smallest file of web/dist/assets, served through the Worker like any asset. */
function floorAsset() {
  const dir = `${root}web/dist/assets`;
  const files = readdirSync(dir).map((f) => ({ f, size: statSync(`${dir}/${f}`).size }));
  files.sort((a, b) => a.size - b.size);
  return `/assets/${files[0].f}`;
}

function buildAssets() {
  if (existsSync(`${root}web/dist/assets`) && !process.argv.includes('--build')) return;
  log('Building the web assets (npm run build)…');
  execFileSync(process.execPath, [`${root}node_modules/vite/bin/vite.js`, 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
}

/** The Worker as `wrangler deploy` would upload it (a dry run into a temporary directory). */
function bundleSize() {
  const dir = mkdtempSync(`${tmpdir()}/masar-bundle-`);
  try {
    execFileSync(process.execPath, [WRANGLER, 'deploy', '--dry-run', '--outdir', dir], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    const code = readdirSync(dir, { recursive: true })
      .filter((f) => /\.(m?js|wasm)$/.test(f))
      .map((f) => readFileSync(`${dir}/${f}`));
    const raw = code.reduce((sum, b) => sum + b.length, 0);
    const gzip = code.reduce((sum, b) => sum + gzipSync(b).length, 0);
    return { rawKiB: raw / 1024, gzipKiB: gzip / 1024, budgetKiB: 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A page and the styles and scripts it loads at once (the map loads on demand and is not counted). */
async function pageWeight(origin, path) {
  const html = await (await fetch(`${origin}${path}`)).text();
  const refs = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\shref)="(\/[^"]+\.(?:css|js))"/g)].map((m) => m[1]);
  const parts = [{ path, body: Buffer.from(html) }];
  for (const ref of [...new Set(refs)]) {
    parts.push({ path: ref, body: Buffer.from(await (await fetch(`${origin}${ref}`)).arrayBuffer()) });
  }
  return {
    path,
    files: parts.map((p) => p.path),
    rawKiB: parts.reduce((sum, p) => sum + p.body.length, 0) / 1024,
    gzipKiB: parts.reduce((sum, p) => sum + gzipSync(p.body).length, 0) / 1024,
  };
}

/**
 * Lighthouse on the district page and on the page of the first service that district's listing
 * returns (a published service of this size's directory), both in Arabic.
 */
async function lighthouseRun(origin, size) {
  const listing = await fetch(`${origin}/api/v1/services?area=IQG15Q05&lang=ar`)
    .then((answer) => answer.json())
    .catch(() => null);
  const serviceId = listing?.items?.[0]?.id;
  const pages = [
    { name: 'district', path: '/a/IQG15Q05?lang=ar' },
    serviceId ? { name: 'service', path: `/s/${serviceId}?lang=ar` } : null,
  ].filter(Boolean);
  const results = await lighthousePages(origin, pages, `${OUT}/lighthouse-${size}-`);
  if (!serviceId) results.push({ name: 'service', error: 'the district listing returned no service' });
  return results.map((result) => ({ size, ...result }));
}

const fixed = (n, digits = 1) => (n === null || n === undefined ? '–' : n.toFixed(digits));
const int = (n) => (n === null || n === undefined || Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en'));

function markdownTable(run) {
  const lines = [
    `#### ${run.size.toLocaleString('en')} synthetic services (${run.published.toLocaleString('en')} published), ` +
      `edge copy ${run.mode === 'cached' ? 'on' : 'off'}`,
    '',
    '| request | rows returned | rows read | queries (trips) | req/s | × floor | p50 / p99 ms | CPU ms/req | KiB |',
    '| --- | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const r of run.results) {
    const load = r.load;
    lines.push(
      `| ${r.label} | ${r.id === 'floor' ? '–' : int(r.rowsReturned)} | ${int(r.d1.rows_read)} | ` +
        `${r.d1.queries === undefined ? '–' : `${r.d1.queries} (${r.d1.trips})`} | ` +
        `${load ? fixed(load.reqPerS, 0) : `not driven: one request took ${int(r.singleMs)} ms`} | ` +
        `${load ? fixed(load.reqPerS / run.floorReqPerS, 3) : '–'} | ` +
        `${load ? `${load.p50} / ${load.p99}` : '–'} | ${load ? fixed(load.cpuMsPerRequest, 2) : '–'} | ` +
        `${fixed(r.bytes / 1024)} |`,
    );
  }
  return lines.join('\n');
}

function lighthouseTable(results) {
  const lines = [
    '| size | page | perf. | a11y | best pr. | SEO | LCP s | FCP s | TBT ms | CLS | SI s | KiB ' +
      '| requests (other origins) |',
    '| --: | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  ];
  for (const r of results) {
    const head = `| ${int(r.size)} | ${r.path ?? r.name} |`;
    if (r.error) {
      lines.push(`${head} failed: ${r.error.split('\n')[0]} |`);
      continue;
    }
    const s = (id) => r.scores[id] ?? '–';
    const seconds = (ms) => (ms === null ? '–' : fixed(ms / 1000));
    lines.push(
      `${head} ${s('performance')} | ${s('accessibility')} | ${s('best-practices')} | ${s('seo')} | ` +
        `${seconds(r.lcpMs)} | ${seconds(r.fcpMs)} | ${int(r.tbtMs)} | ${fixed(r.cls, 3)} | ` +
        `${seconds(r.speedIndexMs)} | ${fixed(r.totalBytes / 1024)} | ${int(r.requests)} (${r.otherOrigins.length}) |`,
    );
  }
  const failing = results
    .filter((r) => r.failing?.length)
    .map((r) => `${r.path} at ${int(r.size)}: ${r.failing.map((a) => `${a.id} (${a.category})`).join(', ')}`);
  return [
    ...lines,
    '',
    ...(failing.length ? ['Audits below full marks:', '', ...failing.map((f) => `- ${f}`)] : []),
  ].join('\n');
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  buildAssets();
  const floor = floorAsset();
  log(
    `Load bench: sizes ${SIZES.join(', ')}; ${CONNECTIONS} connections, ${DURATION_S} s per endpoint; floor ${floor}`,
  );
  const bundle = bundleSize();
  log(`Worker bundle: ${fixed(bundle.rawKiB)} KiB, ${fixed(bundle.gzipKiB)} KiB gzipped (budget 1 MiB gzipped)`);
  const report = {
    startedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, loadAverage: loadavg()[0].toFixed(1), node: process.version },
    settings: { connections: CONNECTIONS, durationS: DURATION_S, slowMs: SLOW_MS, floor },
    bundle,
    pages: [],
    lighthouse: LIGHTHOUSE ? [] : 'not run (--no-lighthouse)',
    databases: [],
    runs: [],
  };
  for (const size of SIZES) {
    log(`\nDirectory of ${size.toLocaleString('en')} synthetic services…`);
    const db = await growDirectoryDatabase(size, { rebuild: REBUILD, log });
    log(
      db.built
        ? `  built in ${db.buildSeconds} s (${db.published} published)`
        : `  reused (built ${db.builtAt} in ${db.buildSeconds} s; --rebuild to build it again)`,
    );
    report.databases.push({ size, ...db });
    for (const mode of MODES) {
      const server = await startWorker(db.state, mode === 'cached');
      try {
        if (!report.pages.some((page) => page.size === size)) {
          const pages = [await pageWeight(server.origin, '/a/IQG15Q05?lang=ar'), await pageWeight(server.origin, '/')];
          report.pages.push(...pages.map((page) => ({ size, ...page })));
          for (const page of pages) {
            log(
              `Page ${page.path}: ${fixed(page.rawKiB)} KiB, ${fixed(page.gzipKiB)} KiB gzipped ` +
                `(${page.files.length} files)`,
            );
          }
        }
        if (LIGHTHOUSE && mode === LIGHTHOUSE_MODE) {
          const pages = await lighthouseRun(server.origin, size);
          report.lighthouse.push(...pages);
          for (const page of pages) {
            log(
              page.error
                ? `Lighthouse ${page.path ?? page.name}: failed: ${page.error}`
                : `Lighthouse ${page.path}: performance ${page.scores.performance}, accessibility ` +
                    `${page.scores.accessibility}, best practices ${page.scores['best-practices']}, SEO ` +
                    `${page.scores.seo}; LCP ${fixed(page.lcpMs / 1000)} s, ${fixed(page.totalBytes / 1024)} KiB, ` +
                    `${page.otherOrigins.length} requests to other origins`,
            );
          }
        }
        const results = [];
        const answers = new Map();
        for (const endpoint of [{ id: 'floor', label: `static floor ${floor}`, path: floor }, ...ENDPOINTS]) {
          const path = typeof endpoint.path === 'function' ? endpoint.path(answers) : endpoint.path;
          const probed = await probe(server.origin, path);
          if (probed.json) answers.set(endpoint.id, probed.json);
          const load = probed.status === 200 && probed.singleMs <= SLOW_MS ? await drive(server, path) : null;
          const { json: _json, ...kept } = probed;
          results.push({ id: endpoint.id, label: endpoint.label, path, ...kept, load });
          log(
            `  [${mode}] ${endpoint.label.padEnd(46)} ${String(probed.status)} ` +
              `rows ${int(probed.rowsReturned).padStart(5)} read ${int(probed.d1.rows_read).padStart(9)} ` +
              `q ${String(probed.d1.queries ?? '–').padStart(3)} ` +
              (load
                ? `${fixed(load.reqPerS, 0).padStart(6)} req/s p50 ${load.p50} p99 ${load.p99} ms ` +
                  `cpu ${fixed(load.cpuMsPerRequest, 2)} ms/req${load.errors ? ` (${load.errors} errors)` : ''}`
                : `not driven: one request took ${int(probed.singleMs)} ms`),
          );
        }
        const floorReqPerS = results[0].load?.reqPerS ?? NaN;
        report.runs.push({ size, published: db.published, mode, floorReqPerS, results });
      } finally {
        server.stop();
      }
    }
  }
  const stamp = report.startedAt.replaceAll(':', '-').slice(0, 19);
  const markdown = [
    `### Load bench, ${report.startedAt}`,
    '',
    `${report.machine.cpus} CPUs (load average ${report.machine.loadAverage} when the run started), ` +
      `${CONNECTIONS} connections on loopback, about ${DURATION_S} s per endpoint; ` +
      `the floor is ${floor} served by the same Worker in the same run.`,
    `Rows read and queries (trips: round trips, a batch is one) are D1's own figures for one request ` +
      `(X-Masar-D1). CPU ms/req is the Worker's workerd process's user+system time over the run divided ` +
      `by requests: a mean, including workerd's own HTTP handling (compare the floor's row), not the ` +
      `p50 of the Worker's CPU alone. An endpoint whose one request took over ${SLOW_MS} ms is measured ` +
      `once, not driven.`,
    '',
    `Worker bundle: ${fixed(bundle.gzipKiB)} KiB gzipped (${fixed(bundle.rawKiB)} KiB raw; budget 1,024 KiB).`,
    ...report.pages.map(
      (p) =>
        `Page ${p.path} at ${p.size.toLocaleString('en')}: ${fixed(p.gzipKiB)} KiB gzipped, ` +
        `${fixed(p.rawKiB)} KiB raw, HTML + ${p.files.length - 1} styles/scripts, before the map (budget 50 KB).`,
    ),
    ...(Array.isArray(report.lighthouse)
      ? [
          '',
          'Lighthouse (mobile: its default emulation and simulated throttling; Arabic pages and report), ' +
            `edge copy ${LIGHTHOUSE_MODE === 'cached' ? 'on' : 'off'}; full reports in lighthouse-<size>-<page>.json:`,
          '',
          lighthouseTable(report.lighthouse),
        ]
      : [`Lighthouse: ${report.lighthouse}.`]),
    '',
    summaryTable(report),
    '',
    ...report.runs.flatMap((run) => [markdownTable(run), '']),
  ].join('\n');
  writeFileSync(`${OUT}/bench-${stamp}.json`, JSON.stringify(report, null, 2));
  writeFileSync(`${OUT}/bench-${stamp}.md`, markdown);
  writeFileSync(`${OUT}/latest.json`, JSON.stringify(report, null, 2));
  writeFileSync(`${OUT}/latest.md`, markdown);
  log(`\n${markdown}\nWritten to ${OUT}/bench-${stamp}.{json,md} (and latest.*)`);
}

await main();
