import { describe, expect, it } from 'vitest';
import { fromLocalDate, isTimeZone, toLocalDate, wallTime } from '../../api/domain/zoned-time.ts';

// 2026-11-22 is a Sunday. Baghdad is UTC+3, Guatemala UTC−6, neither with daylight saving.
describe('wallTime', () => {
  it.each([
    { instant: '2026-11-22T06:00:00Z', tz: 'Asia/Baghdad', date: '2026-11-22', time: '09:00', weekday: 0 },
    { instant: '2026-11-28T23:00:00Z', tz: 'Asia/Baghdad', date: '2026-11-29', time: '02:00', weekday: 0 },
    { instant: '2026-11-22T21:00:00Z', tz: 'Asia/Baghdad', date: '2026-11-23', time: '00:00', weekday: 1 },
    { instant: '2026-11-22T06:00:00Z', tz: 'America/Guatemala', date: '2026-11-22', time: '00:00', weekday: 0 },
    { instant: '2026-11-22T05:59:00Z', tz: 'America/Guatemala', date: '2026-11-21', time: '23:59', weekday: 6 },
    { instant: '2026-12-31T23:30:00Z', tz: 'Asia/Baghdad', date: '2027-01-01', time: '02:30', weekday: 5 },
    { instant: '2026-11-22T06:00:00Z', tz: 'UTC', date: '2026-11-22', time: '06:00', weekday: 0 },
  ])('$instant in $tz is $date $time', ({ instant, tz, date, time, weekday }) => {
    expect(wallTime(new Date(instant), tz)).toEqual({ date, time, weekday });
  });
});

describe('toLocalDate and fromLocalDate', () => {
  it.each([
    { instant: '2026-11-22T06:00:00.250Z', tz: 'Asia/Baghdad', local: [2026, 10, 22, 9, 0, 0] },
    { instant: '2026-11-28T23:00:00Z', tz: 'Asia/Baghdad', local: [2026, 10, 29, 2, 0, 0] },
    { instant: '2026-11-22T05:59:30Z', tz: 'America/Guatemala', local: [2026, 10, 21, 23, 59, 30] },
  ])('$instant in $tz has the local fields $local and converts back', ({ instant, tz, local }) => {
    const d = toLocalDate(new Date(instant), tz);
    expect([d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()]).toEqual(local);
    expect(fromLocalDate(d, tz).toISOString()).toBe(new Date(instant).toISOString());
  });
});

describe('isTimeZone', () => {
  it.each([
    { tz: 'Asia/Baghdad', known: true },
    { tz: 'America/Guatemala', known: true },
    { tz: 'Mars/Olympus_Mons', known: false },
    { tz: '', known: false },
  ])('"$tz" → $known', ({ tz, known }) => {
    expect(isTimeZone(tz)).toBe(known);
  });
});
