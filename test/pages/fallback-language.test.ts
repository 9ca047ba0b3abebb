// A directory text with no translation in the reader's language is shown in the language it has,
// marked as such: its own lang and dir, and one "(in Arabic)" note in the page's language.
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { allPages, get } from '../support/http.ts';

interface Text {
  text: string;
  lang: string;
}
/** A listing the API gives a Sorani reader with its name and description in Arabic only. */
let service: { id: string; name: Text; description: Text };

beforeAll(async () => {
  const items = await allPages<{ id: string; name: Text | null }>('/api/v1/services?lang=ckb', 100);
  for (const item of items.filter((i) => i.name?.lang === 'ar')) {
    const detail = (await get(`/api/v1/services/${item.id}?lang=ckb`)).body;
    if (detail.description?.lang === 'ar') {
      service = { id: item.id, name: detail.name, description: detail.description };
      break;
    }
  }
  if (!service) throw new Error('the directory has no listing in Arabic only: nothing to test the note with');
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const html = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
/** The text in its own language and direction, followed by the note in the page's language. */
const marked = (text: string, lang: string, dir: string, note: string) =>
  new RegExp(
    `<span lang="${lang}" dir="${dir}">${escape(html(text))}</span>` +
      `\\s*<small class="written-in">${escape(note)}</small>`,
  );

describe('a directory text shown in another language than the page', () => {
  it('is marked on a Sorani page as Arabic, with lang="ar" and a note in Sorani', async () => {
    const page = await get(`/s/${service.id}?lang=ckb`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(marked(service.name.text, 'ar', 'rtl', '(بە عەرەبی)'));
    expect(page.text).toMatch(marked(service.description.text, 'ar', 'rtl', '(بە عەرەبی)'));
  });

  it("is marked in the reader's own words on a Badini page too", async () => {
    const detail = (await get(`/api/v1/services/${service.id}?lang=kmr`)).body;
    expect(detail.description.lang).toBe('ar');
    expect((await get(`/s/${service.id}?lang=kmr`)).text).toMatch(
      marked(detail.description.text, 'ar', 'rtl', '(ب عەرەبی)'),
    );
  });

  it('is not marked when it is in the page language', async () => {
    const page = await get(`/s/${service.id}?lang=ar`);
    expect(page.text).toContain(`>${html(service.description.text)}<`);
    expect(page.text).not.toContain('(بالعربية)');
    expect(page.text).not.toMatch(/<span lang="ar"/);
  });

  it('leaves place names unmarked apart from their lang, so a Badini page is not full of notes', async () => {
    // A district with no Badini name is shown in Sorani with lang="ckb", without "(in Sorani)".
    const area = await env.DB.prepare(
      "SELECT pcode FROM areas WHERE level = 2 AND json_extract(names, '$.kmr') IS NULL " +
        "AND json_extract(names, '$.ckb') IS NOT NULL ORDER BY pcode LIMIT 1",
    ).first<{ pcode: string }>();
    const page = await get(`/a/${area!.pcode}?lang=kmr`);
    expect(page.status).toBe(200);
    const heading = /<h1>([\s\S]*?)<\/h1>/.exec(page.text)![1]!;
    expect(heading).toMatch(/<span lang="ckb" dir="rtl">/);
    expect(heading).not.toContain('written-in');
  });
});
