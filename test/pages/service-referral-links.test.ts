// A service page says which services it receives cases from and which it passes them to, so a
// coordinator can see where an early-warning unit's cases go. Only published services are named;
// a service with no such link shows no heading for it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { sampleReferralLinks } from '../../db/seed/sample-pathways.mjs';
import { UI_LANGUAGES } from '../../web/src/i18n/index.ts';
import { get } from '../support/http.ts';
import { element, pieces, textOf } from '../support/html.ts';

interface Link {
  fromServiceId: string;
  toServiceId: string;
}

const links: Link[] = sampleReferralLinks();
const services = sampleDirectory(new Date()).services;
const serviceOf = (key: string) => services.find((s: { key: string }) => s.key === key)!;
const ROLES = { receives: 'data-role="receives-cases-from"', passes: 'data-role="passes-cases-to"' };
const HEADINGS = {
  receives: {
    ar: 'استقبال الحالات من',
    ckb: 'وەرگرتنی کەیس لە',
    kmr: 'وەرگرتنا کەیسان ژ',
    en: 'Receives cases from',
    es: 'Recibe casos de',
  },
  passes: {
    ar: 'إحالة الحالات إلى',
    ckb: 'ناردنی کەیس بۆ',
    kmr: 'هنارتنا کەیسان بۆ',
    en: 'Passes cases to',
    es: 'Deriva casos a',
  },
};

async function servicePage(id: string, lang: string): Promise<string> {
  const { status, text } = await get<string>(`/s/${id}?lang=${lang}`);
  expect(status, `${id} ${lang}`).toBe(200);
  return text;
}

/** The linked services a section names: id → the text of its link. */
function linked(html: string, role: string): Map<string, string> {
  const section = element(html, role);
  if (!section) return new Map();
  return new Map(
    pieces(section, /<li data-service=/).map((item) => {
      const id = /^<li data-service="([^"]+)"/.exec(item)![1]!;
      expect(item, id).toContain(`href="/s/${id}`);
      return [id, textOf(element(item, 'href=')!)];
    }),
  );
}

/** A service's name in a language, as its own public detail gives it. */
async function nameOf(id: string, lang: string): Promise<string> {
  const { body } = await get(`/api/v1/services/${id}?lang=${lang}`);
  return body.name.text;
}

describe('"receives cases from" on the service page', () => {
  it('every service with links in the sample names each linked service, linked to its page, in every language', async () => {
    const linkedIds = [...new Set(links.flatMap((l) => [l.fromServiceId, l.toServiceId]))];
    expect(linkedIds.length).toBeGreaterThan(5);
    for (const id of linkedIds) {
      const receivesFrom = links.filter((l) => l.toServiceId === id).map((l) => l.fromServiceId);
      const passesTo = links.filter((l) => l.fromServiceId === id).map((l) => l.toServiceId);
      for (const lang of UI_LANGUAGES) {
        const html = await servicePage(id, lang);
        for (const [direction, expected] of [
          ['receives', receivesFrom],
          ['passes', passesTo],
        ] as const) {
          const shown = linked(html, ROLES[direction]);
          expect([...shown.keys()].sort(), `${id} ${lang} ${direction}`).toEqual([...expected].sort());
          const section = element(html, ROLES[direction]);
          if (expected.length) expect(textOf(section!)).toContain(HEADINGS[direction][lang]);
          else expect(textOf(html)).not.toContain(HEADINGS[direction][lang]);
          for (const [other, text] of shown) expect(text, `${id} ${lang}`).toContain(await nameOf(other, lang));
        }
      }
    }
  });

  it('a service with no links shows neither heading', async () => {
    const withLinks = new Set(links.flatMap((l) => [l.fromServiceId, l.toServiceId]));
    const unlinked = services.filter((s: { id: string }) => !withLinks.has(s.id)).slice(0, 10);
    expect(unlinked.length).toBe(10);
    for (const service of unlinked) {
      for (const lang of ['ar', 'en'] as const) {
        const html = await servicePage(service.id, lang);
        expect(html).not.toContain(ROLES.receives);
        expect(html).not.toContain(ROLES.passes);
        expect(textOf(html)).not.toContain(HEADINGS.receives[lang]);
        expect(textOf(html)).not.toContain(HEADINGS.passes[lang]);
      }
    }
  });

  it('the sample early-warning units in Karbala show the Technologies and Informatics Department as where their cases go', async () => {
    const department = serviceOf('karbala-technologies-informatics');
    const units = links.filter((l) => l.toServiceId === department.id).map((l) => l.fromServiceId);
    expect(units.length).toBe(5);
    for (const unit of units) {
      const ar = linked(await servicePage(unit, 'ar'), ROLES.passes);
      expect(ar.get(department.id)).toContain('قسم التقنيات والمعلوماتية');
      const en = linked(await servicePage(unit, 'en'), ROLES.passes);
      expect(en.get(department.id)).toContain('Technologies and Informatics Department');
    }
  });

  it('a link to a service that is not published is never shown, and no heading stands over an empty list', async () => {
    const department = serviceOf('karbala-technologies-informatics');
    const unit = serviceOf('karbala-early-warning-IQG12Q01N01');
    const setStatus = (id: string, status: string) =>
      env.DB.prepare('UPDATE services SET status = ? WHERE id = ?').bind(status, id).run();
    await setStatus(unit.id, 'draft');
    try {
      const shown = linked(await servicePage(department.id, 'en'), ROLES.receives);
      expect(shown.size).toBe(4);
      expect(shown.has(unit.id)).toBe(false);
    } finally {
      await setStatus(unit.id, 'published');
    }
    const other = links.find((l) => l.toServiceId === department.id && l.fromServiceId !== unit.id)!.fromServiceId;
    for (const status of ['draft', 'closed']) {
      await setStatus(department.id, status);
      try {
        const html = await servicePage(other, 'en');
        expect(html).not.toContain(department.id);
        expect(html).not.toContain(ROLES.passes);
        expect(textOf(html)).not.toContain(HEADINGS.passes.en);
      } finally {
        await setStatus(department.id, 'published');
      }
    }
  });
});
