import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { serviceTypes } from '../../db/seed/service-types.mjs';
import { formatDate } from '../../web/src/i18n/format.ts';
import { CATALOGUES, UI_LANGUAGES } from '../../web/src/i18n/index.ts';
import { allPages, get } from '../support/http.ts';

const sample = sampleDirectory(new Date()).services;
const byName = (name: string) => sample.find((s: { names: { en?: string } }) => s.names.en === name)!;
const byNumber = (number: string) =>
  sample.find((s: { routes: Array<{ value: string }> }) => s.routes.some((r) => r.value === number))!;
const byKey = (key: string) => sample.find((s: { key: string }) => s.key === key)!;

/** Runs `check` while the services `ids` read as checked two days ago, then puts them back as they were. */
async function whileVerified(ids: string[], check: () => Promise<void>) {
  const marks = ids.map(() => '?').join(',');
  const before = await env.DB.prepare(
    `SELECT id, verification_status, last_verified_at, next_verification_due FROM services WHERE id IN (${marks})`,
  )
    .bind(...ids)
    .all<{
      id: string;
      verification_status: string;
      last_verified_at: string | null;
      next_verification_due: string | null;
    }>();
  const now = Date.now();
  try {
    await env.DB.prepare(
      "UPDATE services SET verification_status = 'verified', last_verified_at = ?, next_verification_due = ? " +
        `WHERE id IN (${marks})`,
    )
      .bind(new Date(now - 2 * DAY).toISOString(), new Date(now + 20 * DAY).toISOString(), ...ids)
      .run();
    await check();
  } finally {
    for (const row of before.results) {
      await env.DB.prepare(
        'UPDATE services SET verification_status = ?, last_verified_at = ?, next_verification_due = ? WHERE id = ?',
      )
        .bind(row.verification_status, row.last_verified_at, row.next_verification_due, row.id)
        .run();
    }
  }
}
const sourceLine = (html: string) => /<p class="service__source">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
const DAY = 86_400_000;

describe('status and freshness never contradict each other', () => {
  it('no service or contact route in the public API is "fresh" unless it is verified', async () => {
    const items = await allPages('/api/v1/services?lang=en', 100);
    expect(items.length).toBeGreaterThan(20);
    for (const service of items) {
      if (service.verification.freshness === 'fresh') expect(service.verification.status, service.id).toBe('verified');
      if (service.verification.status === 'unverified')
        expect(service.verification.last_verified_at, service.id).toBeNull();
      for (const route of service.contact_routes) {
        if (route.verification.freshness === 'fresh') expect(route.verification.status, route.id).toBe('verified');
      }
    }
  });

  it('a hotline past its 30-day cycle, checked 40 days ago, says it is due for a new check, never "checked recently"', async () => {
    const noor = byName('Noor 24-hour helpline (sample)');
    const { body } = await get(`/api/v1/services/${noor.id}?lang=en`);
    expect(body.verification).toMatchObject({ status: 'overdue', freshness: 'overdue' });
    for (const lang of UI_LANGUAGES) {
      const page = await get(`/s/${noor.id}?lang=${lang}`);
      expect(page.status).toBe(200);
      expect(page.text, lang).not.toContain(CATALOGUES[lang].freshness_fresh);
      expect(page.text, lang).toContain(CATALOGUES[lang].freshness_overdue);
    }
  });

  it('a listing whose next check is due is judged overdue when read, before the hourly job has run', async () => {
    const service = byName('Women and girls safe space, Karbala (sample)');
    const [route] = service.routes.filter((r: { visibility: string }) => r.visibility === 'public');
    const past = new Date(Date.now() - DAY).toISOString();
    // Only the due dates move: the stored status stays "verified", as between two runs of the job.
    await env.DB.batch([
      env.DB.prepare('UPDATE services SET next_verification_due = ? WHERE id = ?').bind(past, service.id),
      env.DB.prepare('UPDATE contact_routes SET next_verification_due = ? WHERE id = ?').bind(past, route.id),
    ]);
    const { body } = await get(`/api/v1/services/${service.id}?lang=en`);
    expect(body.verification).toMatchObject({ status: 'overdue', freshness: 'overdue' });
    expect(body.contact_routes.find((r: { id: string }) => r.id === route.id).verification).toMatchObject({
      status: 'overdue',
      freshness: 'overdue',
    });
    const page = await get(`/s/${service.id}?lang=en`);
    expect(page.text).not.toContain('Checked recently');
    expect(page.text).toContain('Due for a new check');
    // The card in the area's list carries the mark too.
    const area = await get('/a/IQG12?lang=en');
    const card = new RegExp(`data-service="${service.id}"[\\s\\S]*?</article>`).exec(area.text)?.[0] ?? '';
    expect(card).toContain('Due for a new check');
  });
});

describe('what the pages say about the listings is true of the listings shown', () => {
  it('a list with services not checked yet never claims that only checked services are listed', async () => {
    for (const lang of UI_LANGUAGES) {
      const page = await get(`/a/IQG15?lang=${lang}`);
      expect(page.status).toBe(200);
      // The national channels, not checked yet, are listed in every area of Iraq.
      expect(page.text, lang).toContain(CATALOGUES[lang].freshness_unverified);
      expect(page.text, lang).toContain(CATALOGUES[lang].listedSomeUnchecked);
      expect(page.text, lang).not.toContain(CATALOGUES[lang].listedAllChecked);
    }
    expect((await get('/a/IQG15?lang=en')).text).not.toContain('Only checked services');
    expect((await get('/a/IQG15?lang=es')).text).not.toContain('solo aparecen servicios verificados');
  });

  // The Kurdistan Region's real NGO listings (legal aid, not checked yet) are listed in Duhok too.
  const regionNgos = () => ['kri-panawar', 'kri-seed-online-violence'].map((key) => byKey(key).id);

  it('a filtered list says some are not checked when the hotlines kept above it are not checked yet', async () => {
    const legalAid = serviceTypes.find((t: { id: string }) => t.id === 'legal_aid')!;
    await whileVerified(regionNgos(), async () => {
      const listed = await allPages('/api/v1/services?area=IQG09&type=legal_aid', 100);
      expect(listed.length).toBeGreaterThan(0);
      expect(listed.every((s) => s.verification.freshness === 'fresh')).toBe(true);
      // The national channels stay on the page above the filtered list, and they are not checked yet.
      const page = await get(`/a/IQG09?lang=en&t=${legalAid.sortOrder}`);
      expect(page.text).toContain('data-role="emergency-block"');
      expect(page.text).toContain(CATALOGUES.en.listedSomeUnchecked);
      expect(page.text).not.toContain(CATALOGUES.en.listedAllChecked);
    });
  });

  it('a list where every service shown was checked within 90 days says so', async () => {
    const legalAid = serviceTypes.find((t: { id: string }) => t.id === 'legal_aid')!;
    const national = ['497', '131', '119'].map((n) => byNumber(n).id);
    await whileVerified([...national, ...regionNgos()], async () => {
      const page = await get(`/a/IQG09?lang=en&t=${legalAid.sortOrder}`);
      expect(page.text).toContain(CATALOGUES.en.listedAllChecked);
      expect(page.text).not.toContain(CATALOGUES.en.listedSomeUnchecked);
    });
  });

  it('the safety page does not claim that only checked services are listed', async () => {
    expect((await get('/privacy?lang=en')).text).not.toContain('Only services checked by our team are listed');
    expect((await get('/privacy?lang=ar')).text).not.toContain(
      'لا نعرض في هذا الموقع إلا الخدمات التي تحقق منها فريقنا',
    );
  });

  it("the national channels' descriptions do not state their verification (the badge does, and stays true)", async () => {
    const police = byNumber('497');
    for (const lang of ['ar', 'en'] as const) {
      const { body } = await get(`/api/v1/services/${police.id}?lang=${lang}`);
      expect(body.description.text).not.toMatch(/verified|يُتحقَّق|يتحقق/);
    }
  });
});

describe("the source shown to the public is a public reference, in the reader's language", () => {
  it('a national channel without a recorded public reference says so in every language, with no internal note', async () => {
    for (const number of ['497', '131', '110']) {
      const service = byNumber(number);
      for (const lang of UI_LANGUAGES) {
        const page = await get(`/s/${service.id}?lang=${lang}`);
        expect(page.text, `${number} ${lang}`).not.toMatch(/brief|PRODUCT\.md|Domain facts/);
        expect(sourceLine(page.text), `${number} ${lang}`).toContain(CATALOGUES[lang].sourceNotRecorded);
      }
      const api = await get(`/api/v1/services/${service.id}?lang=en`);
      expect(api.text).not.toMatch(/brief|PRODUCT\.md/);
      const hsds = await get(`/api/v1/hsds/services/${service.id}`);
      expect(hsds.text).not.toMatch(/brief|PRODUCT\.md/);
    }
  });

  it("the 119 helpline names where and when its number was published, with the date in the reader's language", async () => {
    const helpline = byNumber('119');
    for (const lang of UI_LANGUAGES) {
      const line = sourceLine((await get(`/s/${helpline.id}?lang=${lang}`)).text);
      expect(line, lang).toContain('href="https://gov.krd/');
      expect(line, lang).toContain('>gov.krd</bdi>');
      expect(line, lang).toContain(formatDate('2021-02-10', lang, 'UTC'));
      expect(line, lang).not.toMatch(/brief|Kurdistan Regional Government/);
    }
  });

  it('a sample listing\'s source is a plain "made-up sample data" in the reader\'s language, without mapping-sheet jargon', async () => {
    const service = byName('Case management and psychosocial support, Mosul (sample)');
    for (const lang of UI_LANGUAGES) {
      const page = await get(`/s/${service.id}?lang=${lang}`);
      const line = sourceLine(page.text);
      expect(line, lang).toContain(CATALOGUES[lang].sourceSample);
      expect(page.text, lang).not.toMatch(/sub-cluster|service-mapping|GBV/);
    }
  });
});
