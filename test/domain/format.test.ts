// Weekday names, dates and numbers on a page of service cards: the same text, formatted dozens of
// times a page without building a new Intl formatter each time (building one costs far more CPU
// than using it: the area page spent about 40% of its CPU on it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatNumber, weekdayName } from '../../web/src/i18n/format.ts';

describe('formatting for pages', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives each language, zone and precision its own text, in any order of calls', () => {
    const instant = '2026-11-15T22:30:00Z';
    // 22:30 UTC is already the 16th in Baghdad and still the 15th in Guatemala.
    expect(formatDate(instant, 'en', 'Asia/Baghdad')).toBe('16 Nov 2026');
    expect(formatDate(instant, 'en', 'America/Guatemala')).toBe('15 Nov 2026');
    expect(formatDate(instant, 'es', 'America/Guatemala')).toMatch(/^15 nov/);
    expect(formatDate(instant, 'kmr', 'Asia/Baghdad')).toBe('١٦/١١/٢٠٢٦');
    expect(formatDate(instant, 'en', 'Asia/Baghdad')).toBe('16 Nov 2026');
    expect(formatNumber(2.44, 'en', 1)).toBe('2.4');
    expect(formatNumber(2.44, 'en')).toBe('2');
    expect(formatNumber(12, 'ar')).toBe('١٢');
    expect(formatNumber(2.44, 'en', 1)).toBe('2.4');
    expect(weekdayName(0, 'en')).toBe('Sunday');
    expect(weekdayName(0, 'es')).toBe('domingo');
    expect(weekdayName(5, 'ar')).toBe('الجمعة');
    expect(weekdayName(1, 'en')).toBe('Monday');
  });

  it('builds a formatter once, not on every weekday, date or number of a page', () => {
    // Once each, so that what is kept exists before counting.
    weekdayName(0, 'ar');
    formatDate('2026-11-15T10:00:00Z', 'ar', 'Asia/Baghdad');
    formatNumber(3, 'ar');
    const dates = vi.spyOn(Intl, 'DateTimeFormat');
    const numbers = vi.spyOn(Intl, 'NumberFormat');
    const names = Array.from({ length: 70 }, (_, i) => weekdayName(i % 7, 'ar'));
    for (let i = 0; i < 50; i++)
      formatDate(`2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00Z`, 'ar', 'Asia/Baghdad');
    for (let i = 0; i < 50; i++) formatNumber(i, 'ar');
    expect(new Set(names).size).toBe(7);
    expect(dates).not.toHaveBeenCalled();
    expect(numbers).not.toHaveBeenCalled();
  });
});
