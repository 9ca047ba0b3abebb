// The guide for when someone threatens to share a person's pictures or messages, as a reader gets
// it through the Worker: in every UI language, complete and translated, with the quick exit, a
// title that says nothing on a shared phone, nothing loaded from another site, and reachable from
// the safety page and the start page.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, UI_LANGUAGES, translator, type MessageKey } from '../../web/src/i18n/index.ts';
import { en } from '../../web/src/i18n/en.ts';
import { formatDate } from '../../web/src/i18n/format.ts';
import { GUIDE_REVIEWED } from '../../api/pages/guide.tsx';
import { element, textOf } from '../support/html.ts';
import { get } from '../support/http.ts';

const GUIDE_KEYS = Object.keys(en).filter((key) => key.startsWith('guide')) as MessageKey[];
const ARABIC_SCRIPT = ['ar', 'ckb', 'kmr'] as const;

/**
 * Words that tell an onlooker what the page is about (those of the browser safety test, plus
 * threats, pictures and messages in each language).
 */
const TELLING =
  /violen|abus|rape|assault|harass|extort|blackmail|sextort|traffick|shelter|gbv|victim|survivor|threat|picture|image|photo|message|عنف|ابتزاز|اغتصاب|تحرش|اعتداء|ضحية|مأوى|تهديد|هدد|صور|رسائل|توندوتیژ|ئیستیغلال|هەڕەشە|گەف|وێنە|نامە|violencia|abuso|extorsi|violaci|acoso|víctima|refugio|amenaza|foto|imagen|mensaje/i;

/** Latin words allowed on Arabic-script pages: a key printed on keyboards, and the language menu. */
const LATIN_ALLOWED = new Set(['Shift', 'JavaScript', 'English', 'Español']);

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 1);

describe('the guide for when someone threatens to share pictures or messages', () => {
  it('every text of the guide is in every catalogue, and translated rather than left in English', () => {
    expect(GUIDE_KEYS.length).toBeGreaterThan(30);
    for (const lang of UI_LANGUAGES) {
      const catalogue = CATALOGUES[lang] as Record<string, string | undefined>;
      for (const key of GUIDE_KEYS) {
        expect(catalogue[key]?.trim(), `${lang}.${key}`).toBeTruthy();
        if (lang !== 'en') expect(catalogue[key], `${lang}.${key}`).not.toBe(en[key]);
      }
    }
  });

  it.each(UI_LANGUAGES)('answers a complete page with the quick exit (lang=%s)', async (lang) => {
    const response = await get(`/guide?lang=${lang}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.text).toMatch(new RegExp(`<html lang="${lang}"`));
    // The quick exit is the first link of the page, and the page ends with the text link too.
    const firstLink = /<a\b[^>]*>/.exec(response.text.slice(response.text.indexOf('<body')))![0];
    expect(firstLink).toContain('data-quick-exit');
    expect(response.text.match(/data-quick-exit/g)!.length).toBeGreaterThanOrEqual(3);
    // Every text of the guide is on the page in this language, and no message key shows instead.
    const t = translator(lang);
    const main = textOf(element(response.text, 'id="main"')!);
    for (const key of GUIDE_KEYS.filter((k) => k !== 'guideTitle' && k !== 'guideLink')) {
      const params = key === 'guideSourcesText' ? { date: formatDate(GUIDE_REVIEWED, lang, 'UTC') } : undefined;
      expect(main, `${lang}.${key}`).toContain(textOf(t(key, params)));
    }
    expect(main).not.toMatch(/\bguide[A-Z]\w+/);
  });

  it.each(ARABIC_SCRIPT)('shows no English words in %s, only addresses and named exceptions', async (lang) => {
    const main = textOf(element((await get(`/guide?lang=${lang}`)).text, 'id="main"')!);
    const withoutAddresses = main.replace(/(https?:\/\/)?[\w-]+(\.[\w-]+)+(\/\S*)?/g, '');
    const latin = (withoutAddresses.match(/\p{Script=Latin}[\p{Script=Latin}'’-]*/gu) ?? []).filter(
      (word) => !LATIN_ALLOWED.has(word),
    );
    expect(latin).toEqual([]);
  });

  it.each(UI_LANGUAGES)(
    'has a neutral title and address: nothing in them says what the page is about (lang=%s)',
    async (lang) => {
      const { text } = await get(`/guide?lang=${lang}`);
      const title = textOf(/<title>([\s\S]*?)<\/title>/.exec(text)![1]!);
      expect(title.startsWith(`${CATALOGUES[lang].guideTitle} · `)).toBe(true);
      expect(title).not.toMatch(TELLING);
      // The heading inside says it plainly; the title shares none of its words.
      const heading = words(CATALOGUES[lang].guideHeading);
      expect(words(title).filter((w) => heading.includes(w))).toEqual([]);
    },
  );

  it('loads nothing from another site: other sites are only plain links, which send no referrer', async () => {
    for (const lang of UI_LANGUAGES) {
      const response = await get(`/guide?lang=${lang}`);
      expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'self'");
      const attributes = [...response.text.matchAll(/<([a-z]+)\b([^>]*)>/gi)].flatMap(([, tag, attrs]) =>
        [...attrs!.matchAll(/\b(src|href|srcset|action|poster|data)="([^"]*)"/g)].map(([, name, value]) => ({
          tag: tag!.toLowerCase(),
          name: name!,
          value: value!,
        })),
      );
      const outside = attributes.filter((a) => !/^\/(?!\/)/.test(a.value) && !a.value.startsWith('#'));
      expect(outside.length, lang).toBeGreaterThan(5);
      for (const a of outside) {
        expect(`${a.tag} ${a.name}`, a.value).toBe('a href');
        expect(a.value, a.value).toMatch(/^https:\/\//);
      }
      for (const link of response.text.match(/<a\b[^>]*href="https:[^"]*"[^>]*>/g)!)
        expect(link, link).toMatch(/rel="noreferrer[^"]*"/);
    }
  });

  it('points to the take-down services and the platforms’ own help pages', async () => {
    const { text } = await get('/guide?lang=ar');
    for (const address of ['https://stopncii.org/', 'https://takeitdown.ncmec.org/', 'https://www.facebook.com/help'])
      expect(text).toContain(`href="${address}"`);
  });

  it.each(UI_LANGUAGES)('links to the hotlines of Iraq and Guatemala in the same language (lang=%s)', async (lang) => {
    const { text } = await get(`/guide?lang=${lang}`);
    const hotlines = element(text, 'class="notice guide__hotlines"')!;
    expect(hotlines).toContain(`href="/a/IQ?lang=${lang}"`);
    expect(hotlines).toContain(`href="/a/GT?lang=${lang}"`);
    expect(hotlines).toContain(`href="/?lang=${lang}"`);
  });

  it('the country pages it links to start with their hotlines and official channels', async () => {
    for (const pcode of ['IQ', 'GT']) {
      const { status, text } = await get(`/a/${pcode}?lang=en`);
      expect(status).toBe(200);
      expect(text).toContain('data-role="priority-group"');
    }
  });

  it.each(UI_LANGUAGES)('is linked from the safety page and from the start page (lang=%s)', async (lang) => {
    for (const path of ['/privacy', '/']) {
      const { text } = await get(`${path}?lang=${lang}`);
      expect(text, path).toContain(`href="/guide?lang=${lang}"`);
      expect(text, path).toContain(textOf(CATALOGUES[lang].guideLink));
    }
  });
});
