import { describe, expect, it } from 'vitest';
import { UI_LANGUAGES } from '../../api/domain/vocabulary.ts';
import { weekdayName } from '../../web/src/i18n/format.ts';

// Pages name a weekday on every card and every row of a week's hours: each language's seven names are
// formatted once and kept, and what callers pass beyond the seven days keeps nothing and names nothing.
describe('weekday names', () => {
  it('names the seven days in every language, Sunday first, the same on every call', () => {
    expect(weekdayName(0, 'en')).toBe('Sunday');
    expect(weekdayName(6, 'en')).toBe('Saturday');
    expect(weekdayName(0, 'es')).toBe('domingo');
    expect(weekdayName(5, 'ar')).toBe('الجمعة');
    expect(weekdayName(5, 'kmr')).toBe('ئەینی');
    for (const lang of UI_LANGUAGES) {
      const week = [0, 1, 2, 3, 4, 5, 6].map((day) => weekdayName(day, lang));
      expect(new Set(week).size, lang).toBe(7);
      expect(
        week.every((name) => name.length > 0),
        lang,
      ).toBe(true);
      expect(
        [0, 1, 2, 3, 4, 5, 6].map((day) => weekdayName(day, lang)),
        lang,
      ).toEqual(week);
    }
  });

  it('gives no name to a number outside 0–6, in every language', () => {
    for (const lang of UI_LANGUAGES) {
      for (const day of [-1, 7, 8, 3.5, Number.NaN]) expect(weekdayName(day, lang), `${lang} ${day}`).toBe('');
    }
  });
});
