// S9: every UI language has every message, with the same placeholders; the formats a page needs
// (digits, weekday names, dates) exist in each, Badini from our own table.
import { describe, expect, it } from 'vitest';
import { CATALOGUES, UI_LANGUAGES, translator } from '../../web/src/i18n/index.ts';
import { en } from '../../web/src/i18n/en.ts';
import { formatDate, formatKm, localDigits, weekdayName } from '../../web/src/i18n/format.ts';
import { fill } from '../../web/src/i18n/placeholders.ts';

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI catalogues', () => {
  it.each(UI_LANGUAGES)('%s has exactly the keys of the English catalogue, none empty', (lang) => {
    const catalogue = CATALOGUES[lang] as Record<string, string>;
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(en).sort());
    for (const [key, message] of Object.entries(catalogue)) expect(message.trim(), `${lang}.${key}`).not.toBe('');
  });

  it.each(UI_LANGUAGES)('%s keeps every placeholder of each message', (lang) => {
    const catalogue = CATALOGUES[lang] as Record<string, string>;
    for (const [key, message] of Object.entries(en))
      expect(placeholders(catalogue[key]!), `${lang}.${key}`).toEqual(placeholders(message));
  });

  it('fills placeholders', () => {
    expect(translator('en')('runBy', { org: 'Noor' })).toBe('Run by Noor');
    expect(translator('ar')('resultsCount', { n: '١١' })).toBe('عدد الخدمات: ١١');
  });

  it('fills a message the page hands to its script the same way the server fills it', () => {
    // The page renders the message with its placeholders left in (a data-msg-* attribute).
    const unfilled = translator('en')('offlineSaved');
    expect(fill(unfilled, { area: 'Mosul', date: '16 Nov 2026' })).toBe(
      translator('en')('offlineSaved', { area: 'Mosul', date: '16 Nov 2026' }),
    );
    // An area name is shown as written, even if it looks like a placeholder; a missing value stays visible.
    expect(fill(unfilled, { area: '{date}', date: '16 Nov 2026' })).toBe(
      'Saved on this phone: {date}, information as of 16 Nov 2026.',
    );
    expect(fill(unfilled, { area: 'Mosul' })).toBe('Saved on this phone: Mosul, information as of {date}.');
  });
});

describe('localised formats', () => {
  it('writes Arabic, Sorani and Badini with Arabic-Indic digits, English and Spanish with ASCII', () => {
    expect(localDigits('14:00', 'ar')).toBe('١٤:٠٠');
    expect(localDigits('14:00', 'ckb')).toBe('١٤:٠٠');
    expect(localDigits('14:00', 'kmr')).toBe('١٤:٠٠');
    expect(localDigits('14:00', 'en')).toBe('14:00');
    expect(formatKm(2.345, 'ar')).toBe('٢٫٣');
    expect(formatKm(2.345, 'es')).toBe('2,3');
  });

  it('names weekdays in every language, Badini from its own table (CLDR has none)', () => {
    expect(weekdayName(0, 'ar')).toBe('الأحد');
    expect(weekdayName(5, 'ar')).toBe('الجمعة');
    expect(weekdayName(0, 'ckb')).toBe('یەکشەممە');
    expect(weekdayName(0, 'kmr')).toBe('ئێکشەمبی');
    expect(weekdayName(5, 'kmr')).toBe('ئەینی');
    expect(weekdayName(0, 'en')).toBe('Sunday');
    expect(weekdayName(0, 'es')).toBe('domingo');
    for (const lang of UI_LANGUAGES)
      expect(new Set([0, 1, 2, 3, 4, 5, 6].map((d) => weekdayName(d, lang))).size).toBe(7);
  });

  it('writes dates in the area time zone', () => {
    // 22:30 UTC is already the next day in Baghdad (UTC+3).
    expect(formatDate('2026-11-15T22:30:00Z', 'en', 'Asia/Baghdad')).toBe('16 Nov 2026');
    expect(formatDate('2026-11-15T22:30:00Z', 'kmr', 'Asia/Baghdad')).toBe('١٦/١١/٢٠٢٦');
    expect(formatDate('2026-11-15T22:30:00Z', 'ar', 'Asia/Baghdad')).toContain('٢٠٢٦');
  });
});
