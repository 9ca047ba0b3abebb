import fc from 'fast-check';
import opening_hours from 'opening_hours';
import { describe, expect, it } from 'vitest';
import {
  compileWeeklyRule,
  minutesToNextChange,
  openAtMinute,
  openHourBuckets,
  WEEK_MINUTES,
} from '../../api/domain/weekly-rule.ts';
import { hoursAt } from '../../api/domain/opening-hours.ts';

const LIBRARY_OPTIONS = { tag_key: 'opening_hours', mode: 0, map_value: false, warnings_severity: 4, locale: 'en' };
const DAYS = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
const pad = (n: number) => String(n).padStart(2, '0');
const clock = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

// Weekly rules as maintainers write them: day ranges and lists, several ranges a day, ranges past
// midnight (as "20:00-02:00" and as "22:00-26:00"), "off", "24/7", rules that replace (";") or add (", ").
const quarter = fc.integer({ min: 0, max: 95 }).map((q) => q * 15);
const timeRange = fc
  .tuple(quarter, fc.integer({ min: 15, max: 24 * 60 }), fc.boolean())
  .map(([from, length, extended]) => {
    const to = from + length;
    // Past midnight either wraps ("20:00-02:00") or runs on ("20:00-26:00"); 24:00 ends a day.
    const written = to > 1440 && !extended ? to - 1440 : to;
    return `${clock(from)}-${clock(written)}`;
  });
const dayPart = fc
  .tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.boolean())
  .map(([a, b, range]) => (range && a !== b ? `${DAYS[a]}-${DAYS[b]}` : DAYS[a]!));
const days = fc.uniqueArray(dayPart, { minLength: 1, maxLength: 2 }).map((parts) => parts.join(','));
const body = fc.oneof(
  { weight: 6, arbitrary: fc.array(timeRange, { minLength: 1, maxLength: 3 }).map((r) => r.join(',')) },
  { weight: 1, arbitrary: fc.constant('off') },
);
const dayRule = fc.tuple(days, body).map(([d, b]) => `${d} ${b}`);
const laterRule = fc.oneof({ weight: 8, arbitrary: dayRule }, { weight: 1, arbitrary: fc.constant('24/7') });
// Times alone ("08:00-17:00": every day) only lead: after it, the library reads them differently.
const firstRule = fc.oneof(
  { weight: 5, arbitrary: laterRule },
  { weight: 1, arbitrary: fc.array(timeRange, { minLength: 1, maxLength: 2 }).map((r) => r.join(',')) },
);
const weeklyRule = fc
  .tuple(firstRule, fc.array(fc.tuple(fc.constantFrom('; ', ', '), laterRule), { maxLength: 3 }))
  .map(([first, rest]) => first + rest.map(([sep, r]) => sep + r).join(''))
  .filter((value) => {
    try {
      new opening_hours(value, null, LIBRARY_OPTIONS);
      return true;
    } catch {
      return false;
    }
  });

// Wall-time dates (local fields), as the library reads them; 2026-11-22 is a Sunday.
const SUNDAY = new Date(2026, 10, 22);
const at = (minute: number) =>
  new Date(SUNDAY.getFullYear(), SUNDAY.getMonth(), SUNDAY.getDate(), 0, minute, (minute * 7) % 60);
const minuteOfWeek = (d: Date) => d.getDay() * 1440 + d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;

describe('the compiled weekly form of an opening_hours rule', () => {
  it('compiles the rules the directory holds', () => {
    for (const value of [
      'Su-Th 08:00-14:00',
      '24/7',
      'Mo-Su 20:00-02:00',
      'Su-Th 08:00-12:00,16:00-20:00',
      'Mo-Fr 08:00-17:00; Sa 08:00-12:00',
      'Mo-Fr 09:00-17:00; Sa,Su off',
    ]) {
      expect(compileWeeklyRule(value), value).not.toBeNull();
    }
  });

  it('leaves to the library what it cannot say', () => {
    for (const value of [
      'Mo-Fr 08:00-12:00 "by appointment"',
      'Mo-Fr 10:00+',
      'Dec Mo 10:00-12:00',
      'week 1-53/2 Mo 10:00-12:00',
      'Mo 08:00-12:00 unknown',
      'Mo 10:00-12:00 || "call"',
      'Mo 08:00-12:00, 14:00-16:00',
      'Fr 10:00-11:00 off',
      'mo-fr 08:00-12:00',
    ]) {
      expect(compileWeeklyRule(value), value).toBeNull();
    }
  });

  it('agrees with the opening_hours library on the state and the next change, past midnight included', () => {
    fc.assert(
      fc.property(weeklyRule, fc.integer({ min: 0, max: 2 * WEEK_MINUTES - 1 }), (value, minute) => {
        const intervals = compileWeeklyRule(value);
        expect(intervals, value).not.toBeNull();
        const library = new opening_hours(value, null, LIBRARY_OPTIONS);
        const date = at(minute);
        const position = minuteOfWeek(date);
        expect(openAtMinute(intervals!, position), `${value} at ${date.toString()}`).toBe(library.getState(date));
        const limit = new Date(date.getTime() + 8 * 86_400_000);
        const next = library.getNextChange(date, limit);
        const delta = minutesToNextChange(intervals!, position);
        const expected = next === undefined ? null : next.getTime() - date.getTime();
        // The library looks no further than the limit; beyond it "no change" is all it can say.
        const ms = delta === null || delta > 8 * 1440 ? null : Math.round(delta * 60000);
        expect(ms, `${value} after ${date.toString()}`).toBe(expected);
      }),
      { numRuns: 600 },
    );
  });

  it('says a service may be open in every hour of the week it is open at any minute', () => {
    fc.assert(
      fc.property(weeklyRule, fc.integer({ min: 0, max: WEEK_MINUTES - 1 }), (value, minute) => {
        const library = new opening_hours(value, null, LIBRARY_OPTIONS);
        if (library.getState(at(minute))) {
          const date = at(minute);
          expect(openHourBuckets([value])).toContain(date.getDay() * 24 + date.getHours());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives no hours to unknown hours, and every hour to a rule only the library can read', () => {
    expect(openHourBuckets([null, null])).toEqual([]);
    expect(openHourBuckets(['Mo-Fr 10:00+'])).toHaveLength(168);
    expect(openHourBuckets(['Su 20:00-02:00'])).toEqual([20, 21, 22, 23, 24, 25]);
    expect(openHourBuckets(['Sa 23:30-00:30'])).toEqual([0, 167]);
  });

  it('answers open now and the next change as the library does, through hoursAt', () => {
    // Sunday 2026-11-22 01:00 Baghdad (22:00Z the day before): a night line opened Saturday is open until 02:00.
    const night = hoursAt('Mo-Su 20:00-02:00', [], new Date('2026-11-21T22:00:00Z'), 'Asia/Baghdad');
    expect(night).toMatchObject({ state: 'open', nextChange: '2026-11-21T23:00:00.000Z', alwaysOpen: false });
    expect(night.nextChangeLocal).toEqual({ date: '2026-11-22', time: '02:00', weekday: 0 });
    const always = hoursAt('24/7', [], new Date('2026-11-21T23:00:00Z'), 'Asia/Baghdad');
    expect(always).toMatchObject({ state: 'open', nextChange: null, alwaysOpen: true });
  });
});
