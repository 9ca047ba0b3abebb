import { describe, expect, it } from 'vitest';
import {
  COUNTRIES,
  COUNTRY_TIME_ZONES,
  COUNTRY_UTC_OFFSETS,
  FALLBACK_ORDER,
  LANGUAGES,
  dirOf,
  isCallableKind,
  isPcode,
  isPhoneKind,
  timeZoneOf,
} from '../../api/domain/vocabulary.ts';

describe('the shared vocabulary', () => {
  it.each([
    ['IQG15Q05', true],
    ['GT0101', true],
    ['IQ', true],
    ['IQG15Q05'.padEnd(20, '0'), true],
    ['iqg15q05', false],
    ['IQg15', false],
    ['I', false],
    ['1QG15', false],
    ['IQG15Q05'.padEnd(21, '0'), false],
    ['IQG15 Q05', false],
    ['IQG15Q05\n', false],
  ])('a P-code %j is accepted: %s', (value, accepted) => {
    expect(isPcode(value)).toBe(accepted);
  });

  it.each([
    ['phone', true, true],
    ['hotline', true, true],
    ['sms', true, false],
    ['whatsapp', true, true],
    ['signal', true, true],
    ['telegram', true, true],
    ['email', false, false],
    ['web_form', false, false],
    ['walk_in', false, false],
  ])('a %s route is reached by a phone number: %s; can be rung for a test call: %s', (kind, phone, callable) => {
    expect(isPhoneKind(kind)).toBe(phone);
    expect(isCallableKind(kind)).toBe(callable);
  });

  it.each([
    ['ar', 'rtl'],
    ['ckb', 'rtl'],
    ['kmr', 'rtl'],
    ['en', 'ltr'],
    ['es', 'ltr'],
    ['tr', 'ltr'],
  ])('%s is written %s', (lang, dir) => {
    expect(dirOf(lang)).toBe(dir);
  });

  it('every language falls back through all the others, starting with itself', () => {
    for (const lang of LANGUAGES) {
      expect(FALLBACK_ORDER[lang][0]).toBe(lang);
      expect([...FALLBACK_ORDER[lang]].sort()).toEqual([...LANGUAGES].sort());
    }
  });

  it.each(COUNTRIES.map((c) => [c]))(
    "%s's fixed UTC offset is its zone's offset in winter and in summer",
    (country) => {
      for (const month of [0, 6]) {
        const name = new Intl.DateTimeFormat('en-US', {
          timeZone: COUNTRY_TIME_ZONES[country],
          timeZoneName: 'longOffset',
        })
          .formatToParts(new Date(Date.UTC(2026, month, 15, 12)))
          .find((p) => p.type === 'timeZoneName')?.value;
        expect(name).toBe(`GMT${COUNTRY_UTC_OFFSETS[country]}`);
      }
    },
  );

  it('a country that is not ours has no zone of its own (UTC, never the reader’s)', () => {
    expect(timeZoneOf('IQ')).toBe('Asia/Baghdad');
    expect(timeZoneOf('FR')).toBe('UTC');
  });
});
