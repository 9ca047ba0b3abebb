import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../web/src/i18n/index.ts';
import { forEachLimited } from '../support/concurrency.ts';
import { get } from '../support/http.ts';

const CONCURRENCY = 12;
// Generous: a sweep is hundreds of requests, and a shared, busy machine makes each one slow.
const SWEEP_TIMEOUT = 600_000;

let areas: string[] = [];
let services: string[] = [];

beforeAll(async () => {
  const areaRows = await env.DB.prepare('SELECT pcode FROM areas ORDER BY pcode').all<{ pcode: string }>();
  areas = areaRows.results.map((r) => r.pcode);
  const serviceRows = await env.DB.prepare("SELECT id FROM services WHERE status = 'published' ORDER BY id").all<{
    id: string;
  }>();
  services = serviceRows.results.map((r) => r.id);
});

/** Every path that does not answer a 200 HTML page, with its status and the start of its body. */
async function failingPages(paths: string[]): Promise<string[]> {
  const failures: string[] = [];
  await forEachLimited(paths, CONCURRENCY, async (path) => {
    const response = await get(path);
    const type = response.headers.get('Content-Type') ?? '';
    if (response.status !== 200 || !type.startsWith('text/html') || !response.text.includes('data-quick-exit')) {
      failures.push(`${path} → ${response.status} ${type} ${response.text.slice(0, 120)}`);
    }
  });
  return failures;
}

describe('every public page renders in every language', () => {
  it('the sweep covers both countries, the Kurdistan Region and every level of the area tree', () => {
    expect(areas.filter((p) => p === 'IQ' || p === 'GT')).toEqual(['GT', 'IQ']);
    expect(areas).toContain('IQ-KR');
    expect(areas.length).toBeGreaterThan(700);
    expect(services.length).toBeGreaterThan(10);
  });

  it.each(UI_LANGUAGES)(
    'every area page answers an HTML page with the quick exit (lang=%s)',
    async (lang) => {
      const failures = await failingPages(areas.map((pcode) => `/a/${pcode}?lang=${lang}`));
      expect(failures).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it.each(UI_LANGUAGES)(
    'every published service page answers an HTML page with the quick exit (lang=%s)',
    async (lang) => {
      const failures = await failingPages(services.map((id) => `/s/${id}?lang=${lang}`));
      expect(failures).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );
});
