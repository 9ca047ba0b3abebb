// Lighthouse on pages of the bench's running server, as the scale issue asks: mobile (Lighthouse's
// default emulation and simulated throttling, so the figures do not depend on loopback's speed),
// Arabic pages, the report's strings in Arabic too. It drives the browser tests' Chromium, started
// the same way (test/browser/support/chromium.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../browser/support/chromium.ts';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
/** Our name for a figure: Lighthouse's audit that gives it (its numericValue: ms, bytes, or CLS's unitless score). */
const FIGURES = {
  lcpMs: 'largest-contentful-paint',
  fcpMs: 'first-contentful-paint',
  tbtMs: 'total-blocking-time',
  cls: 'cumulative-layout-shift',
  speedIndexMs: 'speed-index',
  totalBytes: 'total-byte-weight',
};

/**
 * Chromium with a fresh profile, its DevTools port chosen by Chromium itself (port 0) and read from
 * the line it prints, so no other process can take the port between choosing and listening.
 */
async function launchChromium() {
  const profile = mkdtempSync(`${tmpdir()}/masar-lighthouse-`);
  const args = [...CHROMIUM_ARGS, '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'];
  // Its own process group: the renderer and GPU processes go with it when it is stopped.
  const child = spawn(CHROMIUM_PATH, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const close = async () => {
    // No pid: it never started (no executable), so there is nothing to stop.
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await once(child, 'exit');
    }
    rmSync(profile, { recursive: true, force: true });
  };
  let stderr = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Chromium did not start in 30 s:\n${stderr}`)), 30_000);
    child.on('error', reject);
    child.on('exit', () => reject(new Error(`Chromium ended as it started:\n${stderr}`)));
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
      const listening = stderr.match(/DevTools listening on ws:\/\/[^:]+:(\d+)\//);
      if (listening) {
        clearTimeout(timer);
        resolve(Number(listening[1]));
      }
    });
  }).catch(async (error) => {
    await close();
    throw error;
  });
  return { port, close };
}

/** What a report says of one page: scores out of 100, the figures, and what failed outside performance. */
function summarise(lhr, url) {
  if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100)]),
  );
  const figures = Object.fromEntries(
    Object.entries(FIGURES).map(([name, audit]) => [name, lhr.audits[audit]?.numericValue ?? null]),
  );
  // The product makes no third-party requests: any request to another origin is a finding.
  const requests = lhr.audits['network-requests']?.details?.items;
  if (!requests) throw new Error('the report has no network-requests audit: requests cannot be counted');
  const origin = new URL(url).origin;
  const otherOrigins = requests
    .map((item) => item.url)
    .filter((u) => /^https?:/.test(u) && new URL(u).origin !== origin);
  // Performance is read from its figures; elsewhere an audit scored below 1, or one that could not
  // run (an error, score null), is one to look at.
  const below = (audit) =>
    audit.scoreDisplayMode === 'error' ||
    (audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative');
  const failing = CATEGORIES.filter((id) => id !== 'performance').flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .map((ref) => lhr.audits[ref.id])
      .filter((audit) => audit && below(audit))
      .map((audit) => ({ category, id: audit.id, score: audit.score, error: audit.errorMessage })),
  );
  return { scores, ...figures, requests: requests.length, otherOrigins, failing };
}

/**
 * Lighthouse on each page of `pages` ({ name, path }) of the server at `origin`, one after the other
 * in one Chromium. A page whose run fails gets its error's text; the others still run. Each full
 * report is written to `<reportPrefix><name>.json` for its audits' details.
 */
export async function lighthousePages(origin, pages, reportPrefix) {
  let chromium;
  try {
    chromium = await launchChromium();
  } catch (error) {
    return pages.map((page) => ({ ...page, error: String(error.message ?? error) }));
  }
  const results = [];
  try {
    for (const page of pages) {
      const url = `${origin}${page.path}`;
      try {
        // Warm, as the endpoints are before they are measured: the first request compiles code.
        await (await fetch(url)).arrayBuffer();
        const run = await lighthouse(url, {
          port: chromium.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: CATEGORIES,
          locale: 'ar',
        });
        if (!run) throw new Error('Lighthouse returned no result');
        writeFileSync(`${reportPrefix}${page.name}.json`, run.report);
        results.push({ ...page, ...summarise(run.lhr, url) });
      } catch (error) {
        results.push({ ...page, error: String(error.message ?? error) });
      }
    }
  } finally {
    await chromium.close();
  }
  return results;
}
