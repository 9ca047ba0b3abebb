// A directory text with no translation in the reader's language is shown in the language it has,
// marked as such: its own lang and dir, and one "(in Arabic)" note in the page's language.
import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';
import { shrinkDirectory } from '../support/grow-directory.ts';

const NAME = 'خدمة تجريبية بالعربية فقط';
const DESCRIPTION = 'وصف مكتوب بالعربية فقط ولم يترجم بعد.';
const ENGLISH_NOTE = 'Free for everyone.';
let id: string;

beforeAll(async () => {
  id = crypto.randomUUID();
  const area = (await env.DB.prepare("SELECT pcode, path FROM areas WHERE pcode = 'IQG09Q02'").first<{ pcode: string; path: string }>())!;
  const org = (await env.DB.prepare('SELECT id FROM organisations LIMIT 1').first<{ id: string }>())!;
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO services (id, organisation_id, status, names, descriptions, cost_note, country, sort_name, verification_status) VALUES (?, ?, 'published', ?, ?, ?, 'IQ', ?, 'unverified')",
    ).bind(id, org.id, JSON.stringify({ ar: NAME }), JSON.stringify({ ar: DESCRIPTION }), JSON.stringify({ en: ENGLISH_NOTE, ckb: 'بێبەرامبەرە بۆ هەمووان.' }), NAME),
    env.DB.prepare("INSERT INTO service_type_assignments (service_id, service_type_id) VALUES (?, 'legal_aid')").bind(id),
    env.DB.prepare('INSERT INTO service_areas (service_id, area_pcode) VALUES (?, ?)').bind(id, area.pcode),
    env.DB.prepare('INSERT INTO service_coverage (service_id, area_path) VALUES (?, ?)').bind(id, area.path),
  ]);
});
afterAll(async () => {
  await shrinkDirectory(env.DB, [id]);
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The text in its own language and direction, followed by the note in the page's language. */
const marked = (text: string, lang: string, dir: string, note: string) =>
  new RegExp(`<span lang="${lang}" dir="${dir}">${escape(text)}</span>\\s*<small class="written-in">${escape(note)}</small>`);

describe('a directory text shown in another language than the page', () => {
  it('is marked on a Sorani page as Arabic, with lang="ar" and a note in Sorani', async () => {
    const page = await get(`/s/${id}?lang=ckb`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(marked(NAME, 'ar', 'rtl', '(بە عەرەبی)'));
    expect(page.text).toMatch(marked(DESCRIPTION, 'ar', 'rtl', '(بە عەرەبی)'));
    // The API says the same about the same texts.
    const api = await get(`/api/v1/services/${id}?lang=ckb`);
    expect(api.body.name).toEqual({ text: NAME, lang: 'ar' });
    expect(api.body.description).toEqual({ text: DESCRIPTION, lang: 'ar' });
  });

  it('is marked on an English page, left to right for the note and right to left for the text', async () => {
    const page = await get(`/s/${id}?lang=en`);
    expect(page.text).toMatch(marked(NAME, 'ar', 'rtl', '(in Arabic)'));
    expect(page.text).toMatch(marked(DESCRIPTION, 'ar', 'rtl', '(in Arabic)'));
  });

  it('is not marked when it is in the page language', async () => {
    const page = await get(`/s/${id}?lang=ar`);
    expect(page.text).toMatch(new RegExp(`>${escape(NAME)}<`));
    expect(page.text).toMatch(new RegExp(`>${escape(DESCRIPTION)}<`));
    expect(page.text).not.toContain('(بالعربية)');
    // …while the English note on the same Arabic page is marked.
    expect(page.text).toMatch(marked(ENGLISH_NOTE, 'en', 'ltr', '(بالإنجليزية)'));
  });

  it('leaves place names unmarked apart from their lang, so a Badini page is not full of notes', async () => {
    // A district with no Badini name is shown in Sorani with lang="ckb", without "(in Sorani)".
    const area = await env.DB.prepare(
      "SELECT pcode FROM areas WHERE level = 2 AND json_extract(names, '$.kmr') IS NULL AND json_extract(names, '$.ckb') IS NOT NULL ORDER BY pcode LIMIT 1",
    ).first<{ pcode: string }>();
    const page = await get(`/a/${area!.pcode}?lang=kmr`);
    expect(page.status).toBe(200);
    const heading = /<h1>([\s\S]*?)<\/h1>/.exec(page.text)![1]!;
    expect(heading).toMatch(/<span lang="ckb" dir="rtl">/);
    expect(heading).not.toContain('written-in');
  });
});
