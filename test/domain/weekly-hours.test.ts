import { describe, expect, it } from 'vitest';
import { weekAhead } from '../../api/domain/weekly-hours.ts';

// Tuesday 1 December 2026, 12:00 in Baghdad (UTC+3).
const TUESDAY_NOON = new Date('2026-12-01T09:00:00Z');
// Closed from Thursday 00:00 to 13:00 Baghdad time.
const THURSDAY_MORNING = {
  id: 'closure',
  startsAt: '2026-12-02T21:00:00Z',
  endsAt: '2026-12-03T10:00:00Z',
  closes: true,
};

/** One line per day: "date weekday hours [closures]". */
const lines = (rule: string | null, closures = [THURSDAY_MORNING]) =>
  weekAhead(rule, closures, TUESDAY_NOON, 'Asia/Baghdad')?.map((d) => {
    const hours = d.allDay
      ? 'all day'
      : d.intervals
          .map((i) => `${i.opens}-${i.closes}${i.nextDay ? ' next day' : ''}${i.unknown ? ' unconfirmed' : ''}`)
          .join(', ') || 'closed';
    return `${d.date} ${d.weekday} ${hours}${d.closures.length ? ` [${d.closures.join()}]` : ''}`;
  });

describe('the coming week of an opening_hours rule', () => {
  it('24/7 is open all day, except where a dated closure cuts it', () => {
    expect(lines('24/7')).toEqual([
      '2026-12-01 2 all day',
      '2026-12-02 3 all day',
      '2026-12-03 4 13:00-24:00 [closure]',
      '2026-12-04 5 all day',
      '2026-12-05 6 all day',
      '2026-12-06 0 all day',
      '2026-12-07 1 all day',
    ]);
  });

  it('split intervals and closed days', () => {
    expect(lines('Mo-Fr 08:00-12:00,13:00-16:00; Sa 08:00-12:00', [])).toEqual([
      '2026-12-01 2 08:00-12:00, 13:00-16:00',
      '2026-12-02 3 08:00-12:00, 13:00-16:00',
      '2026-12-03 4 08:00-12:00, 13:00-16:00',
      '2026-12-04 5 08:00-12:00, 13:00-16:00',
      '2026-12-05 6 08:00-12:00',
      '2026-12-06 0 closed',
      '2026-12-07 1 08:00-12:00, 13:00-16:00',
    ]);
  });

  it('an overnight interval belongs to the day it opens; a closure from midnight cuts it there', () => {
    expect(lines('Mo-Fr 22:00-06:00')).toEqual([
      '2026-12-01 2 22:00-06:00 next day',
      '2026-12-02 3 22:00-24:00',
      '2026-12-03 4 22:00-06:00 next day [closure]',
      '2026-12-04 5 22:00-06:00 next day',
      '2026-12-05 6 closed',
      '2026-12-06 0 closed',
      '2026-12-07 1 22:00-06:00 next day',
    ]);
  });

  it('a closure that does not close (an alert) changes nothing', () => {
    expect(lines('Su-Th 08:00-14:00', [{ ...THURSDAY_MORNING, closes: false }])?.[2]).toBe('2026-12-03 4 08:00-14:00');
  });

  it('an open end is unconfirmed, and no rule or a broken one is not a week at all', () => {
    expect(lines('Su-Th 09:00+', [])?.[0]).toBe('2026-12-01 2 09:00-24:00 unconfirmed');
    expect(lines(null)).toBeUndefined();
    expect(lines('every day at noon')).toBeUndefined();
  });
});
