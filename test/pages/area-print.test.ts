// An area's printed sheet replaces the lists offices pin on the wall: it must hold every published
// service relevant in the area, hotlines first, say truthfully when each was checked and how recent
// the sheet's information is, lead back to the live page by a QR code drawn here, and never fail.
import { createExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { renderSVG } from 'uqr';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { UI_LANGUAGES } from '../../web/src/i18n/index.ts';
import { forEachLimited } from '../support/concurrency.ts';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { element, pieces } from '../support/html.ts';
import { get } from '../support/http.ts';
import { instrumentedDb } from '../support/instrumented-db.ts';

const CONCURRENCY = 12;
// Generous: a sweep is thousands of requests on a shared, busy machine.
const SWEEP_TIMEOUT = 900_000;

const MOSUL = 'IQG15Q05';
const KARBALA = 'IQG12Q03';

let areas: Array<{ pcode: string; level: number }> = [];
/** P-code → the published services relevant there, read straight from the coverage table. */
const relevant = new Map<string, Set<string>>();
let priority = new Set<string>();

beforeAll(async () => {
  areas = (
    await env.DB.prepare('SELECT pcode, level FROM areas ORDER BY pcode').all<{ pcode: string; level: number }>()
  ).results;
  // A service covering an area's ancestor covers the area; one covering a place inside it is relevant there.
  const rows = await env.DB.prepare(
    `SELECT a.pcode AS pcode, c.service_id AS id FROM areas a
       JOIN service_coverage c
         ON substr(a.path, 1, length(c.area_path)) = c.area_path OR substr(c.area_path, 1, length(a.path)) = a.path
       JOIN services s ON s.id = c.service_id AND s.status = 'published'`,
  ).all<{ pcode: string; id: string }>();
  for (const { pcode, id } of rows.results) relevant.set(pcode, (relevant.get(pcode) ?? new Set()).add(id));
  const channels = await env.DB.prepare(
    `SELECT DISTINCT a.service_id AS id FROM service_type_assignments a
       JOIN service_types t ON t.id = a.service_type_id WHERE t.is_priority_channel = 1`,
  ).all<{ id: string }>();
  priority = new Set(channels.results.map((r) => r.id));
});

const servicesOn = (html: string) =>
  new Set(pieces(html, /<li class="print-service"/).map((card) => /data-service="([^"]+)"/.exec(card)![1]!));

/** What a sheet must list: at a country's level only its hotlines and official channels, as on its page. */
function expectedAt(area: { pcode: string; level: number }): string[] {
  const ids = [...(relevant.get(area.pcode) ?? [])];
  return area.level === 0 ? ids.filter((id) => priority.has(id)) : ids;
}

describe("an area's printed sheet", () => {
  it.each(UI_LANGUAGES)(
    'every area prints in %s without failing, with every published service relevant there',
    async (lang) => {
      expect(areas.length).toBeGreaterThan(700);
      const failures: string[] = [];
      await forEachLimited(areas, CONCURRENCY, async (area) => {
        const path = `/a/${area.pcode}/print?lang=${lang}`;
        const response = await get<string>(path);
        const type = response.headers.get('Content-Type') ?? '';
        if (response.status !== 200 || !type.startsWith('text/html') || !response.text.includes('data-quick-exit')) {
          failures.push(`${path} → ${response.status} ${type}`);
          return;
        }
        const shown = servicesOn(response.text);
        const missing = expectedAt(area).filter((id) => !shown.has(id));
        if (missing.length) failures.push(`${path} lacks ${missing.join(', ')}`);
        if (!response.text.includes(`lang="${lang}"`)) failures.push(`${path} is not in ${lang}`);
      });
      expect(failures).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it('hotlines and official channels come first, then the pathways step by step, then the services by type', async () => {
    const { text } = await get<string>(`/a/${MOSUL}/print?lang=en`);
    const at = (role: string) => text.indexOf(`data-role="${role}"`);
    expect(at('print-priority')).toBeGreaterThan(0);
    expect(at('print-pathways')).toBeGreaterThan(at('print-priority'));
    expect(at('print-types')).toBeGreaterThan(at('print-pathways'));
    const hotlines = servicesOn(element(text, 'data-role="print-priority"')!);
    expect(hotlines.size).toBeGreaterThan(0);
    for (const id of hotlines) expect(priority.has(id), id).toBe(true);
    for (const id of servicesOn(element(text, 'data-role="print-types"')!)) expect(priority.has(id), id).toBe(false);

    // Each pathway that holds in the area, with its steps in order, as the pathway API gives them.
    const { body: pathways } = await get(`/api/v1/pathways?area=${MOSUL}&lang=en`);
    const block = element(text, 'data-role="print-pathways"')!;
    expect(pathways.items.length).toBeGreaterThan(0);
    for (const pathway of pathways.items) {
      const printed = element(block, `data-pathway="${pathway.id}"`);
      expect(printed, pathway.id).not.toBeNull();
      const { body } = await get(`/api/v1/pathways/${pathway.id}?area=${MOSUL}&lang=en`);
      const kinds = [...printed!.matchAll(/data-step-kind="([^"]+)"/g)].map((m) => m[1]);
      expect(kinds).toEqual(body.steps.map((s: { kind: string }) => s.kind));
    }
  });

  it('each service says whether our team checked it, as its listing does, with every public contact route', async () => {
    const { text } = await get<string>(`/a/${KARBALA}/print?lang=en`);
    const cards = pieces(text, /<li class="print-service"/);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      const id = /data-service="([^"]+)"/.exec(card)![1]!;
      const { body } = await get(`/api/v1/services/${id}?lang=en`);
      expect(/data-freshness="([^"]+)"/.exec(card)![1], id).toBe(body.verification.freshness);
      for (const route of body.contact_routes) expect(card, route.id).toContain(`data-contact-route="${route.id}"`);
      // Hours for a week, not "open now": paper outlives the moment it was printed.
      expect(card).not.toMatch(/Open now|Closed now/);
    }
  });

  it('"information as of" is the latest check or change of what the sheet shows, never the moment of printing', async () => {
    const { text } = await get<string>(`/a/${MOSUL}/print?lang=en`);
    const asOf = /data-role="data-as-of" data-date="([^"]+)"/.exec(text)?.[1];
    expect(asOf).toBeDefined();
    const moments: string[] = [];
    for (const id of servicesOn(text)) {
      const { body } = await get(`/api/v1/services/${id}?lang=en`);
      moments.push(body.updated_at, body.verification.last_verified_at);
      for (const route of body.contact_routes) moments.push(route.verification.last_verified_at);
    }
    const { body: pathways } = await get(`/api/v1/pathways?area=${MOSUL}&lang=en`);
    for (const p of pathways.items) moments.push(p.updated_at, p.verification.last_verified_at);
    const latest = Math.max(...moments.filter(Boolean).map((m) => Date.parse(m)));
    expect(Date.parse(asOf!)).toBe(latest);
  });

  it('the QR code is drawn in the page and leads to the live area page', async () => {
    const { text } = await get<string>(`/a/${MOSUL}/print?lang=ckb`);
    const live = `https://masar.test/a/${MOSUL}?lang=ckb`;
    const code = element(text, 'data-role="live-code"')!;
    expect(code).toContain(`<a href="${live}"`);
    // The code encodes exactly the live address (the same library drawing the same text).
    const drawn = /<svg[\s\S]*<\/svg>/.exec(code)![0].replace(' role="img" aria-hidden="true"', '');
    expect(drawn).toBe(renderSVG(live, { border: 1, ecc: 'M' }));
    // Nothing is fetched from another origin to draw it.
    expect(code).not.toMatch(/<img|src="https?:/);
  });

  it('right to left in Arabic and Sorani, and the area page links to its sheet', async () => {
    for (const lang of ['ar', 'ckb']) {
      expect((await get<string>(`/a/${MOSUL}/print?lang=${lang}`)).text).toContain(`dir="rtl"`);
    }
    expect((await get<string>(`/a/${MOSUL}/print?lang=kmr`)).text).toContain(`dir="rtl"`);
    expect((await get<string>(`/a/${MOSUL}/print?lang=es`)).text).toContain(`dir="ltr"`);
    expect((await get<string>(`/a/${MOSUL}?lang=es`)).text).toContain(`href="/a/${MOSUL}/print?lang=es"`);
  });

  it.each([
    ['an unknown area', '/a/IQG99Q99/print?lang=en'],
    ['a malformed P-code', '/a/%27%3B--/print?lang=en'],
    ['an unknown language', `/a/${MOSUL}/print?lang=xx`],
    ['stray parameters', `/a/${MOSUL}/print?lang=en&t=%00&more=zz&view=map`],
  ])('%s answers an HTML page with the quick exit, never a server error', async (_, path) => {
    const response = await get<string>(path);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.text).toContain('data-quick-exit');
  });

  it('the sheet sends the same number of queries however many services the district has', async () => {
    const sheet = async (pcode: string) => {
      const { binding, recorded } = instrumentedDb(env.DB);
      const response = await createApp().fetch(
        new Request(`https://masar.test/a/${pcode}/print?lang=en`),
        { ...env, DB: binding },
        createExecutionContext(),
      );
      expect(response.status).toBe(200);
      return { queries: recorded.length, services: servicesOn(await response.text()).size };
    };
    const before = await sheet(MOSUL);
    expect(before.services).toBeGreaterThan(0);
    const mosul = (await env.DB.prepare('SELECT path FROM areas WHERE pcode = ?')
      .bind(MOSUL)
      .first<{ path: string }>())!;
    // Five more services in Mosul, with their derived rows written as the seed and every edit write them.
    const added = await growDirectory(env.DB, 5, { withinPath: mosul.path });
    try {
      const after = await sheet(MOSUL);
      expect(after.services).toBe(before.services + added.length);
      expect(after.queries).toBe(before.queries);
    } finally {
      await shrinkDirectory(env.DB, added);
    }
  });
});
