// What a frightened reader sees: the words on the survivor pages, read as text. Every published
// service page of the sample and a few area pages are fetched through the Worker in the
// languages of Iraq and Guatemala, and checked for facts said twice, English (or other
// Latin-script) words on Arabic-script pages, sentences that mix two digit systems, and
// "female staff" claimed where staff are only available on request.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { CATALOGUES } from '../../web/src/i18n/index.ts';
import { get } from '../support/http.ts';

type Lang = 'ar' | 'ckb' | 'kmr' | 'es';
const ARABIC_SCRIPT: Lang[] = ['ar', 'ckb', 'kmr'];
const LANGS: Lang[] = ['ar', 'ckb', 'kmr', 'es'];
const AREAS = ['IQG12Q03', 'IQG15Q05', 'IQG15Q05N01', 'IQG11Q02', 'IQG09Q02', 'GT1601', 'GT0101'];

/**
 * Latin-script words allowed on Arabic-script pages, each for a reason: a key printed on
 * keyboards, a technology named as the browser names it, and the names of the languages in
 * the language menu, written in their own script so a reader can find their language.
 */
const LATIN_ALLOWED = new Set([
  'Shift',
  'JavaScript',
  'English',
  'Español',
  String((env as unknown as Record<string, unknown>).SITE_NAME),
]);

const decode = (text: string) =>
  text
    .replace(/&nbsp;/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const BLOCK =
  /<\/?(p|li|ul|ol|dl|dt|dd|div|h[1-6]|section|article|header|footer|nav|main|form|fieldset|legend|label|option|select|button|a|br|summary|details|table|tr|td|th)\b[^>]*>/gi;

/** The text a reader sees, one line per block, without the head, scripts and hidden elements. */
function visibleLines(html: string): string[] {
  const body = html.slice(html.indexOf('<body'), html.lastIndexOf('</body>'));
  const text = body
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style>/gi, '')
    // The public source line is localised by its own rule (tested with the sources), and the
    // credits of the data sources and the name of the listings' licence are quoted as their
    // licensors wrote them (test/api/data-licence.test.ts checks the sentence around the name).
    .replace(/<p class="service__source"[\s\S]*?<\/p>/g, '')
    .replace(/<span class="licence-name"[^>]*>[\s\S]*?<\/span>/g, '')
    // A fallback text in another language (marked with its own lang) is a sentence of its own.
    .replace(/<span lang="[^"]+"[^>]*>([\s\S]*?)<\/span>/g, '\n$1\n')
    .replace(/<ul class="credits"[\s\S]*?<\/ul>/g, '')
    .replace(BLOCK, '\n')
    .replace(/<[^>]+>/g, '');
  return decode(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/** Sentences: lines cut at full stops, question marks and the "·" separator. */
const sentences = (lines: string[]) =>
  lines
    .flatMap((line) => line.split(/(?<=[.!?؟])\s+|\s·\s/))
    .map((s) => s.trim())
    .filter(Boolean);

/** Letters only, lower case, without Arabic short vowels, tanween or tatweel. */
const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1);

/** Same word up to its ending: "مجاناً"/"مجاني", "gratuito"/"gratuita", "contactarnos"/"contactarlos". */
const sameWord = (a: string, b: string) => (a.length < 4 || b.length < 4 ? a === b : a.slice(0, 4) === b.slice(0, 4));

/** A note sentence restates the fact when each of its words is already in the fact. */
const restates = (note: string, fact: string) => {
  const factWords = words(fact);
  const noteWords = words(note);
  return noteWords.length > 0 && noteWords.every((w) => factWords.some((f) => sameWord(w, f)));
};

interface Fact {
  label: string;
  main: string;
  note: string;
}

function factsOf(html: string): Fact[] {
  const section = /<dl class="facts">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
  return [...section.matchAll(/<dt>([\s\S]*?)<\/dt><dd>([\s\S]*?)<\/dd>/g)].map(([, dt, dd]) => {
    const noteHtml = /<span class="fact__note">([\s\S]*)<\/span>/.exec(dd!)?.[1] ?? '';
    const mainHtml = dd!.replace(/<span class="fact__note">[\s\S]*<\/span>/, '');
    // "(in Arabic)" after a text that fell back to another language says which language it is in,
    // not a fact about the service: it may follow several texts.
    const plain = (h: string) =>
      decode(h.replace(/<small class="written-in">[\s\S]*?<\/small>/g, '').replace(/<[^>]+>/g, ''))
        .replace(/\s+/g, ' ')
        .trim();
    return { label: plain(dt!), main: plain(mainHtml), note: plain(noteHtml) };
  });
}

let serviceIds: string[] = [];
let iraqServiceIds: string[] = [];
const pages = new Map<string, string>();

async function page(path: string): Promise<string> {
  if (!pages.has(path)) {
    const response = await get(path);
    expect(response.status, path).toBe(200);
    pages.set(path, response.text);
  }
  return pages.get(path)!;
}

beforeAll(async () => {
  const { results } = await env.DB.prepare(
    "SELECT id, country FROM services WHERE status = 'published' ORDER BY id",
  ).all<{ id: string; country: string }>();
  serviceIds = results.map((r) => r.id);
  iraqServiceIds = results.filter((r) => r.country === 'IQ').map((r) => r.id);
  expect(serviceIds.length).toBeGreaterThan(10);
});

describe('the words on the survivor pages', () => {
  it('a service page never prints a fact and then a note that says it again', async () => {
    const doubled: string[] = [];
    for (const lang of LANGS) {
      for (const id of serviceIds) {
        const html = await page(`/s/${id}?lang=${lang}`);
        const facts = factsOf(html);
        expect(facts.length, `${id} ${lang}`).toBeGreaterThan(3);
        for (const fact of facts) {
          for (const sentence of sentences([fact.note])) {
            if (restates(sentence, fact.main))
              doubled.push(`${lang} ${id} ${fact.label}: "${fact.main}" + "${sentence}"`);
          }
        }
        // And no note repeats a sentence printed elsewhere in the details.
        const printed = sentences(facts.map((f) => f.main)).map((s) => words(s).join(' '));
        const notes = sentences(facts.map((f) => f.note));
        notes.forEach((sentence, i) => {
          const key = words(sentence).join(' ');
          const elsewhere = [...printed, ...notes.filter((_, j) => j !== i).map((s) => words(s).join(' '))];
          if (key && elsewhere.includes(key)) doubled.push(`${lang} ${id}: "${sentence}" twice`);
        });
      }
    }
    expect(doubled).toEqual([]);
  }, 120_000);

  // Iraq's pages only: a Guatemalan listing has no Arabic text to show, and its names are
  // Spanish proper nouns.
  it('Arabic, Sorani and Badini pages of Iraq show no English words, only numbers, addresses and named exceptions', async () => {
    const latin: string[] = [];
    const paths = [
      ...iraqServiceIds.map((id) => `/s/${id}`),
      ...AREAS.filter((a) => a.startsWith('IQ')).map((a) => `/a/${a}`),
      '/privacy',
      '/guide',
      '/about',
    ];
    for (const lang of ARABIC_SCRIPT) {
      for (const path of paths) {
        const html = await page(`${path}?lang=${lang}`);
        for (const line of visibleLines(html)) {
          const withoutAddresses = line.replace(/\S+@\S+/g, '').replace(/(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?/g, '');
          for (const word of withoutAddresses.match(/\p{Script=Latin}[\p{Script=Latin}'’-]*/gu) ?? []) {
            if (!LATIN_ALLOWED.has(word)) latin.push(`${lang} ${path}: ${word} in "${line}"`);
          }
        }
      }
    }
    expect(latin).toEqual([]);
  }, 120_000);

  it('no sentence mixes Western and Arabic-Indic digits', async () => {
    const mixed: string[] = [];
    const paths = [
      ...serviceIds.map((id) => `/s/${id}`),
      ...AREAS.map((a) => `/a/${a}`),
      '/privacy',
      '/guide',
      '/about',
    ];
    for (const lang of LANGS) {
      for (const path of paths) {
        const html = await page(`${path}?lang=${lang}`);
        for (const sentence of sentences(visibleLines(html))) {
          if (/[0-9]/.test(sentence) && /[٠-٩۰-۹]/.test(sentence)) mixed.push(`${lang} ${path}: "${sentence}"`);
        }
      }
    }
    expect(mixed).toEqual([]);
  }, 120_000);

  it('a card never says "female staff" when female staff are only available on request', async () => {
    const wrong: string[] = [];
    let onRequestCards = 0;
    for (const area of AREAS) {
      const listing = await get(`/api/v1/services?area=${area}&lang=en&limit=100`);
      expect(listing.status).toBe(200);
      const femaleStaff = new Map<string, string>(
        listing.body.items.map((s: { id: string; female_staff: string }) => [s.id, s.female_staff]),
      );
      for (const lang of [...LANGS, 'en' as const]) {
        const t = CATALOGUES[lang];
        const html = await page(`/a/${area}?lang=${lang}`);
        for (const [card, id] of html.matchAll(/<li class="service-card" data-service="([^"]+)"[\s\S]*?<\/article>/g)) {
          const facts = /<p class="service-card__facts">([\s\S]*?)<\/p>/.exec(card!)?.[1];
          const parts = facts ? decode(facts).split(' · ') : [];
          const value = femaleStaff.get(id!);
          if (value === 'on_request') {
            onRequestCards++;
            if (parts.includes(t.femaleStaffLabel) || parts.includes(t.filterFemaleStaff))
              wrong.push(`${lang} ${area} ${id}: ${parts.join(' · ')}`);
            if (!parts.includes(t.femaleStaffOnRequest))
              wrong.push(`${lang} ${area} ${id}: "${t.femaleStaffOnRequest}" missing`);
          } else if (
            value !== 'yes' &&
            (parts.includes(t.femaleStaffLabel) || parts.includes(t.femaleStaffOnRequest))
          ) {
            wrong.push(`${lang} ${area} ${id} (${value}): ${parts.join(' · ')}`);
          }
        }
      }
    }
    expect(onRequestCards).toBeGreaterThan(0);
    expect(wrong).toEqual([]);
  }, 120_000);

  // The sample's notes are written to add information; a maintainer may still type one that
  // repeats the fact, and the page must not print the fact twice then either.
  it('a note that only repeats its fact is left out, and the sentences that add something stay', async () => {
    const service = sampleDirectory(new Date()).services.find(
      (s: { names: { en?: string } }) => s.names.en === 'Case management, Karbala (sample)',
    )!;
    const { results } = await env.DB.prepare(
      'SELECT cost_kind, cost_note, anonymous_reporting, confidentiality_note FROM services WHERE id = ?',
    )
      .bind(service.id)
      .all<Record<string, string>>();
    const before = results[0]!;
    try {
      await env.DB.prepare(
        'UPDATE services SET cost_kind = ?, cost_note = ?, anonymous_reporting = ?, confidentiality_note = ? ' +
          'WHERE id = ?',
      )
        .bind(
          'free',
          JSON.stringify({ ar: 'مجاني', es: 'Gratuito' }),
          'yes',
          JSON.stringify({
            ar: 'يمكنك التواصل دون ذكر اسمك. لا تُسجَّل المكالمات.',
            es: 'Puedes contactarnos sin dar tu nombre. Las llamadas no se graban.',
          }),
          service.id,
        )
        .run();
      const ar = factsOf((await get(`/s/${service.id}?lang=ar`)).text);
      expect(ar.find((f) => f.label === CATALOGUES.ar.costLabel)).toMatchObject({
        main: CATALOGUES.ar.costFree,
        note: '',
      });
      expect(ar.find((f) => f.label === CATALOGUES.ar.confidentialityLabel)).toMatchObject({
        main: CATALOGUES.ar.anonymousYes,
        note: 'لا تُسجَّل المكالمات.',
      });
      const es = factsOf((await get(`/s/${service.id}?lang=es`)).text);
      expect(es.find((f) => f.label === CATALOGUES.es.costLabel)).toMatchObject({ main: 'Gratuito', note: '' });
      expect(es.find((f) => f.label === CATALOGUES.es.confidentialityLabel)).toMatchObject({
        note: 'Las llamadas no se graban.',
      });
    } finally {
      await env.DB.prepare(
        'UPDATE services SET cost_kind = ?, cost_note = ?, anonymous_reporting = ?, confidentiality_note = ? ' +
          'WHERE id = ?',
      )
        .bind(before.cost_kind, before.cost_note, before.anonymous_reporting, before.confidentiality_note, service.id)
        .run();
    }
  }, 60_000);

  it('who can use a service is said exactly: an adults-only service reads "Adults (18 and over)", not "Anyone"', async () => {
    const service = sampleDirectory(new Date()).services.find(
      (s: { names: { en?: string } }) => s.names.en === 'Case management, Karbala (sample)',
    )!;
    expect(service).toMatchObject({ eligibleGender: 'any', minAge: 18, maxAge: null });
    const eligibility = async (lang: 'ar' | 'en' | 'es') =>
      factsOf((await get(`/s/${service.id}?lang=${lang}`)).text).find(
        (f) => f.label === CATALOGUES[lang].eligibilityLabel,
      )!.main;
    expect(await eligibility('en')).toBe('Adults (18 and over)');
    expect(await eligibility('ar')).toBe('البالغون (١٨ سنة فما فوق)');
    expect(await eligibility('es')).toBe('Personas adultas (18 años o más)');
  }, 60_000);

  it("no service page speaks of the team's internal steps to the public", async () => {
    const internal =
      /verification call|will be recorded|llamada de verificación|مكالمة التحقق|پەیوەندیی پشتڕاستکردنەوە|پەیوەندیا پشتراستکرنێ/i;
    const found: string[] = [];
    for (const lang of [...LANGS, 'en']) {
      for (const id of serviceIds) {
        const lines = visibleLines(await page(`/s/${id}?lang=${lang}`));
        for (const line of lines) if (internal.test(line)) found.push(`${lang} ${id}: ${line}`);
      }
    }
    expect(found).toEqual([]);
  }, 120_000);
});
