// Which language a phone gets from its Accept-Language setting, on the pages and in the API. Kurdish
// phones often say just "ku" or "ku-IQ": in Iraq that reader gets Sorani, not Arabic.
import { describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';

const CASES: Array<[header: string | null, language: string]> = [
  // Kurdish by script and region
  ['ku', 'ckb'],
  ['ku-IQ', 'ckb'],
  ['ku-Arab', 'ckb'],
  ['ku-Arab-IQ', 'ckb'],
  ['ku-IR', 'ckb'],
  ['ckb', 'ckb'],
  ['ckb-IQ', 'ckb'],
  ['ckb-Arab-IQ', 'ckb'],
  ['kmr', 'kmr'],
  ['kmr-IQ', 'kmr'],
  ['kmr-Latn-TR', 'kmr'],
  ['ku-Latn', 'kmr'],
  ['ku-Latn-IQ', 'kmr'],
  ['ku-TR', 'kmr'],
  ['ku-SY', 'kmr'],
  ['KU_iq', 'ckb'],
  // Order and weights
  ['ku-IQ,ar;q=0.9', 'ckb'],
  ['ar-IQ,ku;q=0.9', 'ar'],
  ['ar;q=0.5,ku-IQ;q=0.8', 'ckb'],
  ['en-US,en;q=0.9,ku;q=0.8', 'en'],
  ['fr-FR,ku-TR;q=0.7,ar;q=0.6', 'kmr'],
  ['ku;q=0,en;q=0.5', 'en'],
  ['de, es-GT;q=0.5', 'es'],
  ['es-419', 'es'],
  // Nothing of ours, or nothing at all: Arabic
  ['fr, de;q=0.5', 'ar'],
  ['*', 'ar'],
  ['ku;q=0', 'ar'],
  ['', 'ar'],
  [null, 'ar'],
];

const headers = (value: string | null): Record<string, string> => (value === null ? {} : { 'Accept-Language': value });

describe('Accept-Language', () => {
  it.each(CASES)('"%s" gets %s on a page', async (header, language) => {
    const page = await get('/privacy', headers(header));
    expect(page.status).toBe(200);
    expect(page.text).toMatch(new RegExp(`<html lang="${language}"`));
    expect(page.headers.get('Content-Language')).toBe(language);
  });

  it.each(CASES)('"%s" gets %s in the API', async (header, language) => {
    const answer = await get('/api/v1/services?area=IQG09Q02&limit=1', headers(header));
    expect(answer.status).toBe(200);
    expect(answer.body.lang).toBe(language);
  });

  it('?lang= still wins over a Kurdish phone', async () => {
    expect((await get('/privacy?lang=en', { 'Accept-Language': 'ku-IQ' })).text).toMatch(/<html lang="en"/);
    expect((await get('/api/v1/services?area=IQG09Q02&limit=1&lang=ar', { 'Accept-Language': 'ku' })).body.lang).toBe(
      'ar',
    );
  });
});
