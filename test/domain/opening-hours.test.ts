import { describe, expect, it } from 'vitest';
import {
  checkOpeningHours,
  combineStates,
  hoursAt,
  weeklyIntervals,
  type Closure,
  type HoursState,
} from '../../api/domain/opening-hours.ts';

// Every expectation below is worked out by hand from the calendar: 2026-11-22 is a Sunday.
// Baghdad is UTC+3 all year, Guatemala UTC−6 all year, so "Sun 09:00 Baghdad" is 06:00Z.
const BAGHDAD = 'Asia/Baghdad';
const GUATEMALA = 'America/Guatemala';
const IRAQ_WORKWEEK = 'Su-Th 08:00-14:00'; // government weekend Friday + Saturday
const NIGHT_LINE = 'Mo-Su 20:00-02:00';
const SPLIT_SHIFT = 'Su-Th 08:00-12:00,16:00-20:00';
const SUN_TO_THU_NIGHTS = 'Su-Th 20:00-02:00';
const GUATEMALA_WEEK = 'Mo-Fr 08:00-17:00; Sa 08:00-12:00';

const closures = {
  // Eid: all of Monday 23 and Tuesday 24, Baghdad time.
  eid: { id: 'eid', startsAt: '2026-11-22T21:00:00Z', endsAt: '2026-11-24T21:00:00Z', closes: true },
  // Extends Eid until Thursday 26 03:00 Baghdad, announced separately.
  eidExtension: { id: 'eid-extension', startsAt: '2026-11-24T12:00:00Z', endsAt: '2026-11-26T00:00:00Z', closes: true },
  // Heat day from Sunday 12:00 Baghdad to midnight.
  heat: { id: 'heat', startsAt: '2026-11-22T09:00:00Z', endsAt: '2026-11-22T21:00:00Z', closes: true },
  // Security closure from Thursday 12:00 across the weekend to Sunday 12:00 Baghdad.
  security: { id: 'security', startsAt: '2026-11-26T09:00:00Z', endsAt: '2026-11-29T09:00:00Z', closes: true },
  // Informs (e.g. "female staff absent this week") but does not close.
  notice: { id: 'notice', startsAt: '2026-11-20T00:00:00Z', endsAt: '2026-11-30T00:00:00Z', closes: false },
  expired: { id: 'expired', startsAt: '2026-11-01T00:00:00Z', endsAt: '2026-11-05T00:00:00Z', closes: true },
  // Closed Nov 22 – Dec 5: the reopening is beyond the 8-day horizon.
  long: { id: 'long', startsAt: '2026-11-22T00:00:00Z', endsAt: '2026-12-05T00:00:00Z', closes: true },
} satisfies Record<string, Closure>;

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** 'Sun 2026-11-22 14:00' → the LocalMoment it names. */
function local(text: string) {
  const [day = '', date = '', time = ''] = text.split(' ');
  return { date, time, weekday: WEEKDAYS.indexOf(day) };
}

interface Case {
  case: string;
  rule: string | null;
  at: string;
  tz?: string;
  closures?: Closure[];
  state: HoursState['state'];
  next: string | null;
  nextLocal?: string;
  closedBy?: string;
  alerts?: string[];
  alwaysOpen?: boolean;
}

const cases: Case[] = [
  // Iraqi working week, Baghdad
  {
    case: 'open Sunday morning, closes 14:00 today',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-22T06:00:00Z',
    state: 'open',
    next: '2026-11-22T11:00:00Z',
    nextLocal: 'Sun 2026-11-22 14:00',
  },
  {
    case: 'closed one minute before opening',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-22T04:59:00Z',
    state: 'closed',
    next: '2026-11-22T05:00:00Z',
    nextLocal: 'Sun 2026-11-22 08:00',
  },
  {
    case: 'open at exactly 08:00:00',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-22T05:00:00Z',
    state: 'open',
    next: '2026-11-22T11:00:00Z',
    nextLocal: 'Sun 2026-11-22 14:00',
  },
  {
    case: 'open at 13:59:59',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-22T10:59:59Z',
    state: 'open',
    next: '2026-11-22T11:00:00Z',
    nextLocal: 'Sun 2026-11-22 14:00',
  },
  {
    case: 'closed at exactly 14:00:00, opens Monday 08:00',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-22T11:00:00Z',
    state: 'closed',
    next: '2026-11-23T05:00:00Z',
    nextLocal: 'Mon 2026-11-23 08:00',
  },
  {
    case: 'open Thursday late morning',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-26T10:00:00Z',
    state: 'open',
    next: '2026-11-26T11:00:00Z',
    nextLocal: 'Thu 2026-11-26 14:00',
  },
  {
    case: 'closed Thursday afternoon, opens Sunday 08:00',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-26T12:00:00Z',
    state: 'closed',
    next: '2026-11-29T05:00:00Z',
    nextLocal: 'Sun 2026-11-29 08:00',
  },
  {
    case: 'closed on Friday',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-27T07:00:00Z',
    state: 'closed',
    next: '2026-11-29T05:00:00Z',
    nextLocal: 'Sun 2026-11-29 08:00',
  },
  {
    case: 'closed Saturday night',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-28T20:00:00Z',
    state: 'closed',
    next: '2026-11-29T05:00:00Z',
    nextLocal: 'Sun 2026-11-29 08:00',
  },
  {
    case: 'already Sunday in Baghdad while still Saturday in UTC',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-28T23:00:00Z',
    state: 'closed',
    next: '2026-11-29T05:00:00Z',
    nextLocal: 'Sun 2026-11-29 08:00',
  },
  {
    case: 'Sunday 07:30, opens in half an hour',
    rule: IRAQ_WORKWEEK,
    at: '2026-11-29T04:30:00Z',
    state: 'closed',
    next: '2026-11-29T05:00:00Z',
    nextLocal: 'Sun 2026-11-29 08:00',
  },

  // Overnight
  {
    case: 'overnight line open Monday 01:00',
    rule: NIGHT_LINE,
    at: '2026-11-22T22:00:00Z',
    state: 'open',
    next: '2026-11-22T23:00:00Z',
    nextLocal: 'Mon 2026-11-23 02:00',
  },
  {
    case: 'overnight line closed Monday 03:00, opens 20:00',
    rule: NIGHT_LINE,
    at: '2026-11-23T00:00:00Z',
    state: 'closed',
    next: '2026-11-23T17:00:00Z',
    nextLocal: 'Mon 2026-11-23 20:00',
  },
  {
    case: 'overnight line closed at exactly 02:00',
    rule: NIGHT_LINE,
    at: '2026-11-22T23:00:00Z',
    state: 'closed',
    next: '2026-11-23T17:00:00Z',
    nextLocal: 'Mon 2026-11-23 20:00',
  },
  {
    case: 'overnight line closed Sunday 19:59',
    rule: NIGHT_LINE,
    at: '2026-11-22T16:59:00Z',
    state: 'closed',
    next: '2026-11-22T17:00:00Z',
    nextLocal: 'Sun 2026-11-22 20:00',
  },
  {
    case: 'overnight line open at exactly 20:00, closes Monday 02:00',
    rule: NIGHT_LINE,
    at: '2026-11-22T17:00:00Z',
    state: 'open',
    next: '2026-11-22T23:00:00Z',
    nextLocal: 'Mon 2026-11-23 02:00',
  },
  {
    case: 'Saturday night interval runs into Sunday',
    rule: NIGHT_LINE,
    at: '2026-11-28T20:30:00Z',
    state: 'open',
    next: '2026-11-28T23:00:00Z',
    nextLocal: 'Sun 2026-11-29 02:00',
  },
  {
    case: 'Thursday night runs into Friday 01:00',
    rule: SUN_TO_THU_NIGHTS,
    at: '2026-11-26T22:00:00Z',
    state: 'open',
    next: '2026-11-26T23:00:00Z',
    nextLocal: 'Fri 2026-11-27 02:00',
  },
  {
    case: 'no Saturday night, so closed Sunday 01:00',
    rule: SUN_TO_THU_NIGHTS,
    at: '2026-11-28T22:00:00Z',
    state: 'closed',
    next: '2026-11-29T17:00:00Z',
    nextLocal: 'Sun 2026-11-29 20:00',
  },

  // 24/7
  {
    case: '24/7 is always open in Baghdad',
    rule: '24/7',
    at: '2026-11-27T01:23:00Z',
    state: 'open',
    next: null,
    alwaysOpen: true,
  },
  {
    case: '24/7 is always open in Guatemala',
    rule: '24/7',
    tz: GUATEMALA,
    at: '2026-11-22T06:00:00Z',
    state: 'open',
    next: null,
    alwaysOpen: true,
  },

  // Split shifts
  {
    case: 'split shift: morning',
    rule: SPLIT_SHIFT,
    at: '2026-11-22T07:00:00Z',
    state: 'open',
    next: '2026-11-22T09:00:00Z',
    nextLocal: 'Sun 2026-11-22 12:00',
  },
  {
    case: 'split shift: lunch break',
    rule: SPLIT_SHIFT,
    at: '2026-11-22T10:00:00Z',
    state: 'closed',
    next: '2026-11-22T13:00:00Z',
    nextLocal: 'Sun 2026-11-22 16:00',
  },
  {
    case: 'split shift: afternoon',
    rule: SPLIT_SHIFT,
    at: '2026-11-22T14:00:00Z',
    state: 'open',
    next: '2026-11-22T17:00:00Z',
    nextLocal: 'Sun 2026-11-22 20:00',
  },
  {
    case: 'split shift: Thursday evening to Sunday',
    rule: SPLIT_SHIFT,
    at: '2026-11-26T18:00:00Z',
    state: 'closed',
    next: '2026-11-29T05:00:00Z',
    nextLocal: 'Sun 2026-11-29 08:00',
  },

  // Closures and alerts
  {
    case: 'Eid closes a working Monday; reopens Wednesday 08:00',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid],
    at: '2026-11-23T06:00:00Z',
    state: 'closed',
    next: '2026-11-25T05:00:00Z',
    nextLocal: 'Wed 2026-11-25 08:00',
    closedBy: 'eid',
    alerts: ['eid'],
  },
  {
    case: 'Eid applies from its first instant',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid],
    at: '2026-11-22T21:00:00Z',
    state: 'closed',
    next: '2026-11-25T05:00:00Z',
    nextLocal: 'Wed 2026-11-25 08:00',
    closedBy: 'eid',
    alerts: ['eid'],
  },
  {
    case: 'Eid is over at its end instant',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid],
    at: '2026-11-24T21:00:00Z',
    state: 'closed',
    next: '2026-11-25T05:00:00Z',
    nextLocal: 'Wed 2026-11-25 08:00',
  },
  {
    case: 'a coming closure does not change today',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid],
    at: '2026-11-22T07:00:00Z',
    state: 'open',
    next: '2026-11-22T11:00:00Z',
    nextLocal: 'Sun 2026-11-22 14:00',
  },
  {
    case: 'closed by hours, and Eid pushes the next opening to Wednesday',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid],
    at: '2026-11-22T12:00:00Z',
    state: 'closed',
    next: '2026-11-25T05:00:00Z',
    nextLocal: 'Wed 2026-11-25 08:00',
  },
  {
    case: 'open again after Eid expired',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid],
    at: '2026-11-25T06:00:00Z',
    state: 'open',
    next: '2026-11-25T11:00:00Z',
    nextLocal: 'Wed 2026-11-25 14:00',
  },
  {
    case: 'back-to-back closures: reopens after the last one',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid, closures.eidExtension],
    at: '2026-11-23T06:00:00Z',
    state: 'closed',
    next: '2026-11-26T05:00:00Z',
    nextLocal: 'Thu 2026-11-26 08:00',
    closedBy: 'eid',
    alerts: ['eid'],
  },
  {
    case: 'overlapping closures name the one that lasts longest',
    rule: IRAQ_WORKWEEK,
    closures: [closures.eid, closures.eidExtension],
    at: '2026-11-24T13:00:00Z',
    state: 'closed',
    next: '2026-11-26T05:00:00Z',
    nextLocal: 'Thu 2026-11-26 08:00',
    closedBy: 'eid-extension',
    alerts: ['eid', 'eid-extension'],
  },
  {
    case: 'heat day starting at noon cuts today short',
    rule: IRAQ_WORKWEEK,
    closures: [closures.heat],
    at: '2026-11-22T07:00:00Z',
    state: 'open',
    next: '2026-11-22T09:00:00Z',
    nextLocal: 'Sun 2026-11-22 12:00',
  },
  {
    case: 'during the heat closure, opens Monday 08:00',
    rule: IRAQ_WORKWEEK,
    closures: [closures.heat],
    at: '2026-11-22T09:30:00Z',
    state: 'closed',
    next: '2026-11-23T05:00:00Z',
    nextLocal: 'Mon 2026-11-23 08:00',
    closedBy: 'heat',
    alerts: ['heat'],
  },
  {
    case: 'closure across the weekend ends inside Sunday hours',
    rule: IRAQ_WORKWEEK,
    closures: [closures.security],
    at: '2026-11-27T07:00:00Z',
    state: 'closed',
    next: '2026-11-29T09:00:00Z',
    nextLocal: 'Sun 2026-11-29 12:00',
    closedBy: 'security',
    alerts: ['security'],
  },
  {
    case: 'open Thursday until the weekend closure starts',
    rule: IRAQ_WORKWEEK,
    closures: [closures.security],
    at: '2026-11-26T08:00:00Z',
    state: 'open',
    next: '2026-11-26T09:00:00Z',
    nextLocal: 'Thu 2026-11-26 12:00',
  },
  {
    case: 'an alert informs but does not close',
    rule: IRAQ_WORKWEEK,
    closures: [closures.notice],
    at: '2026-11-22T06:00:00Z',
    state: 'open',
    next: '2026-11-22T11:00:00Z',
    nextLocal: 'Sun 2026-11-22 14:00',
    alerts: ['notice'],
  },
  {
    case: 'an expired closure changes nothing',
    rule: IRAQ_WORKWEEK,
    closures: [closures.expired],
    at: '2026-11-22T06:00:00Z',
    state: 'open',
    next: '2026-11-22T11:00:00Z',
    nextLocal: 'Sun 2026-11-22 14:00',
  },
  {
    case: '24/7 closed for Eid, reopens at its end',
    rule: '24/7',
    closures: [closures.eid],
    at: '2026-11-23T06:00:00Z',
    state: 'closed',
    next: '2026-11-24T21:00:00Z',
    nextLocal: 'Wed 2026-11-25 00:00',
    closedBy: 'eid',
    alerts: ['eid'],
  },
  {
    case: '24/7 before Eid: always open, closes when Eid starts',
    rule: '24/7',
    closures: [closures.eid],
    at: '2026-11-22T19:00:00Z',
    state: 'open',
    next: '2026-11-22T21:00:00Z',
    nextLocal: 'Mon 2026-11-23 00:00',
    alwaysOpen: true,
  },
  {
    case: 'reopening beyond 8 days is not announced',
    rule: IRAQ_WORKWEEK,
    closures: [closures.long],
    at: '2026-11-23T06:00:00Z',
    state: 'closed',
    next: null,
    closedBy: 'long',
    alerts: ['long'],
  },
  {
    case: 'unknown hours but closed by a closure until it ends',
    rule: null,
    closures: [closures.eid],
    at: '2026-11-23T06:00:00Z',
    state: 'closed',
    next: '2026-11-24T21:00:00Z',
    nextLocal: 'Wed 2026-11-25 00:00',
    closedBy: 'eid',
    alerts: ['eid'],
  },

  // Time zones
  {
    case: 'Sunday 00:00 in Guatemala is before opening (09:00 in Baghdad)',
    rule: IRAQ_WORKWEEK,
    tz: GUATEMALA,
    at: '2026-11-22T06:00:00Z',
    state: 'closed',
    next: '2026-11-22T14:00:00Z',
    nextLocal: 'Sun 2026-11-22 08:00',
  },
  {
    case: 'Guatemala opens at its own 08:00',
    rule: IRAQ_WORKWEEK,
    tz: GUATEMALA,
    at: '2026-11-22T14:00:00Z',
    state: 'open',
    next: '2026-11-22T20:00:00Z',
    nextLocal: 'Sun 2026-11-22 14:00',
  },
  {
    case: 'Guatemala Saturday morning',
    rule: GUATEMALA_WEEK,
    tz: GUATEMALA,
    at: '2026-11-28T17:00:00Z',
    state: 'open',
    next: '2026-11-28T18:00:00Z',
    nextLocal: 'Sat 2026-11-28 12:00',
  },
  {
    case: 'Guatemala Saturday afternoon, opens Monday',
    rule: GUATEMALA_WEEK,
    tz: GUATEMALA,
    at: '2026-11-28T19:00:00Z',
    state: 'closed',
    next: '2026-11-30T14:00:00Z',
    nextLocal: 'Mon 2026-11-30 08:00',
  },
  {
    case: 'still Friday night in Guatemala while Saturday in UTC',
    rule: GUATEMALA_WEEK,
    tz: GUATEMALA,
    at: '2026-11-28T05:30:00Z',
    state: 'closed',
    next: '2026-11-28T14:00:00Z',
    nextLocal: 'Sat 2026-11-28 08:00',
  },
  {
    case: 'Guatemala night line early Sunday',
    rule: 'Mo-Su 18:00-06:00',
    tz: GUATEMALA,
    at: '2026-11-22T11:00:00Z',
    state: 'open',
    next: '2026-11-22T12:00:00Z',
    nextLocal: 'Sun 2026-11-22 06:00',
  },

  // Unknown is explicit
  { case: 'no hours recorded → unknown', rule: null, at: '2026-11-22T06:00:00Z', state: 'unknown', next: null },
  {
    case: 'no hours recorded, alert still listed',
    rule: null,
    closures: [closures.notice],
    at: '2026-11-22T06:00:00Z',
    state: 'unknown',
    next: null,
    alerts: ['notice'],
  },
  { case: 'invalid rule → unknown', rule: 'garbage', at: '2026-11-22T06:00:00Z', state: 'unknown', next: null },
  { case: 'empty rule → unknown', rule: '', at: '2026-11-22T06:00:00Z', state: 'unknown', next: null },
  {
    case: 'public holidays unsupported → unknown',
    rule: 'Su-Th 08:00-14:00; PH off',
    at: '2026-11-22T06:00:00Z',
    state: 'unknown',
    next: null,
  },
  {
    case: 'rule that says unknown → unknown',
    rule: 'Su-Th 08:00-14:00 unknown',
    at: '2026-11-22T06:00:00Z',
    state: 'unknown',
    next: null,
  },
  {
    case: 'unknown time zone → unknown, never a crash',
    rule: IRAQ_WORKWEEK,
    tz: 'Mars/Olympus_Mons',
    at: '2026-11-22T06:00:00Z',
    state: 'unknown',
    next: null,
  },
];

describe('hoursAt', () => {
  it('has the cases the product relies on', () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)('$case', (c) => {
    const result = hoursAt(c.rule, c.closures ?? [], new Date(c.at), c.tz ?? BAGHDAD);
    expect(result).toEqual({
      state: c.state,
      nextChange: c.next === null ? null : new Date(c.next).toISOString(),
      nextChangeLocal: c.nextLocal ? local(c.nextLocal) : null,
      alwaysOpen: c.alwaysOpen ?? false,
      closedBy: c.closedBy ?? null,
      alerts: c.alerts ?? [],
    });
  });

  it('never throws, whatever the closure dates say', () => {
    const broken: Closure[] = [
      { id: 'nan', startsAt: 'not a date', endsAt: '2026-11-30T00:00:00Z', closes: true },
      { id: 'backwards', startsAt: '2026-11-30T00:00:00Z', endsAt: '2026-11-20T00:00:00Z', closes: true },
    ];
    expect(hoursAt(IRAQ_WORKWEEK, broken, new Date('2026-11-22T06:00:00Z'), BAGHDAD).state).toBe('open');
  });
});

describe('checkOpeningHours', () => {
  it.each([
    { rule: 'Su-Th 08:00-14:00', normalised: 'Su-Th 08:00-14:00' },
    { rule: 'su-th 8:00-14:00', normalised: 'Su-Th 08:00-14:00' },
    { rule: '24/7', normalised: '24/7' },
    { rule: 'Mo-Su 20:00-02:00', normalised: 'Mo-Su 20:00-02:00' },
    { rule: 'Su-Th 08:00-12:00,16:00-20:00; Fr,Sa off', normalised: 'Su-Th 08:00-12:00,16:00-20:00; Fr,Sa off' },
  ])('accepts "$rule" as "$normalised"', ({ rule, normalised }) => {
    expect(checkOpeningHours(rule)).toEqual({ ok: true, normalised });
  });

  it.each([
    { why: 'nonsense', rule: 'garbage' },
    { why: 'empty', rule: '' },
    { why: 'blank', rule: '   ' },
    { why: 'a point in time, not a range', rule: 'Mo 12:00' },
    { why: 'public holidays need a country the library does not have', rule: 'Mo-Fr 08:00-14:00; PH off' },
    { why: 'school holidays likewise', rule: 'SH Mo-Fr 08:00-12:00' },
    { why: 'sun times need coordinates', rule: 'sunrise-sunset' },
    { why: 'too long to be a schedule', rule: 'Mo 08:00-09:00; '.repeat(40) },
  ])('refuses $why', ({ rule }) => {
    const result = checkOpeningHours(rule);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).not.toBe('');
  });
});

describe('weeklyIntervals', () => {
  const everyDay = (opens: string, closes: string) =>
    [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens, closes }));

  it.each([
    {
      case: 'Iraqi working week',
      rule: IRAQ_WORKWEEK,
      intervals: [0, 1, 2, 3, 4].map((weekday) => ({ weekday, opens: '08:00', closes: '14:00' })),
    },
    {
      case: 'split shifts give two intervals a day',
      rule: 'Su,Mo 08:00-12:00,16:00-20:00',
      intervals: [
        { weekday: 0, opens: '08:00', closes: '12:00' },
        { weekday: 0, opens: '16:00', closes: '20:00' },
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 1, opens: '16:00', closes: '20:00' },
      ],
    },
    {
      case: 'overnight stays on the day it opens, closes < opens',
      rule: NIGHT_LINE,
      intervals: everyDay('20:00', '02:00'),
    },
    { case: '24/7 is seven whole days, 00:00 to 00:00', rule: '24/7', intervals: everyDay('00:00', '00:00') },
    {
      case: 'Friday night only: the Saturday morning part stays with Friday',
      rule: 'Fr 22:00-03:00',
      intervals: [{ weekday: 5, opens: '22:00', closes: '03:00' }],
    },
    {
      case: 'a day off in the middle of the week',
      rule: 'Mo-Fr 08:00-14:00; We off',
      intervals: [1, 2, 4, 5].map((weekday) => ({ weekday, opens: '08:00', closes: '14:00' })),
    },
    { case: 'closed all week', rule: 'Mo-Su off', intervals: [] },
    { case: 'invalid rule', rule: 'garbage', intervals: [] },
  ])('$case', ({ rule, intervals }) => {
    expect(weeklyIntervals(rule)).toEqual(intervals);
  });
});

describe('combineStates', () => {
  const state = (s: Partial<HoursState> & Pick<HoursState, 'state'>): HoursState => ({
    nextChange: null,
    nextChangeLocal: null,
    alwaysOpen: false,
    closedBy: null,
    alerts: [],
    ...s,
  });
  const at = (iso: string, text: string) => ({ nextChange: iso, nextChangeLocal: local(text) });
  const closes14 = at('2026-11-22T11:00:00.000Z', 'Sun 2026-11-22 14:00');
  const closes20 = at('2026-11-22T17:00:00.000Z', 'Sun 2026-11-22 20:00');
  const opens16 = at('2026-11-22T13:00:00.000Z', 'Sun 2026-11-22 16:00');
  const opensMonday = at('2026-11-23T05:00:00.000Z', 'Mon 2026-11-23 08:00');

  it.each([
    {
      case: 'open when any route is open; closes when the last open one closes',
      states: [
        state({ state: 'open', ...closes14 }),
        state({ state: 'closed', ...opens16 }),
        state({ state: 'open', ...closes20 }),
      ],
      expected: state({ state: 'open', ...closes20 }),
    },
    {
      case: 'a 24/7 hotline keeps the service always open',
      states: [state({ state: 'open', ...closes14 }), state({ state: 'open', alwaysOpen: true })],
      expected: state({ state: 'open', alwaysOpen: true }),
    },
    {
      case: 'all closed: opens at the earliest opening',
      states: [state({ state: 'closed', ...opensMonday }), state({ state: 'closed', ...opens16 })],
      expected: state({ state: 'closed', ...opens16 }),
    },
    {
      case: 'closed and unknown routes: unknown, because it might be reachable',
      states: [state({ state: 'closed', ...opens16 }), state({ state: 'unknown' })],
      expected: state({ state: 'unknown' }),
    },
    { case: 'no routes or locations: unknown', states: [], expected: state({ state: 'unknown' }) },
    {
      case: 'closure and alerts carried over',
      states: [
        state({ state: 'closed', closedBy: 'eid', alerts: ['eid', 'notice'], ...opensMonday }),
        state({ state: 'closed', alerts: ['notice'], ...opens16 }),
      ],
      expected: state({ state: 'closed', closedBy: 'eid', alerts: ['eid', 'notice'], ...opens16 }),
    },
    {
      case: 'open wins over a closure of another route',
      states: [state({ state: 'closed', closedBy: 'eid', alerts: ['eid'] }), state({ state: 'open', ...closes14 })],
      expected: state({ state: 'open', alerts: ['eid'], ...closes14 }),
    },
  ])('$case', ({ states, expected }) => {
    expect(combineStates(states)).toEqual(expected);
  });
});

describe('hoursAt: one evaluation per rule, zone and minute', () => {
  // Sunday 22 November 2026, 10:00 and 10:00:45 in Baghdad: one minute, inside the working day.
  const tenOClock = new Date('2026-11-22T07:00:00Z');
  const sameMinute = new Date('2026-11-22T07:00:45Z');

  it('without closures, the same rule in the same zone at any moment of one minute is one shared answer; a closure still closes', () => {
    const first = hoursAt(IRAQ_WORKWEEK, [], tenOClock, BAGHDAD);
    expect(hoursAt(IRAQ_WORKWEEK, [], sameMinute, BAGHDAD)).toBe(first);
    expect(first).toMatchObject({ state: 'open', nextChange: '2026-11-22T11:00:00.000Z', closedBy: null });
    expect(Object.isFrozen(first)).toBe(true);
    // Another zone or another minute is worked out on its own.
    expect(hoursAt(IRAQ_WORKWEEK, [], tenOClock, GUATEMALA)).not.toBe(first);
    expect(hoursAt(IRAQ_WORKWEEK, [], new Date('2026-11-22T07:01:00Z'), BAGHDAD)).not.toBe(first);

    // A closure still closes a route whose rule, zone and minute were answered before without one.
    const heatNow = { id: 'heat-now', startsAt: '2026-11-22T06:00:00Z', endsAt: '2026-11-22T09:00:00Z', closes: true };
    const closed = hoursAt(IRAQ_WORKWEEK, [heatNow], sameMinute, BAGHDAD);
    expect(closed).toMatchObject({ state: 'closed', closedBy: 'heat-now', alerts: ['heat-now'] });
    expect(closed).not.toBe(first);
    // And the answer without it is as it was.
    expect(hoursAt(IRAQ_WORKWEEK, [], sameMinute, BAGHDAD)).toMatchObject({ state: 'open', closedBy: null });
  });
});
