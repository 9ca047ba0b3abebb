/**
 * HSDS `schedule` objects from our OpenStreetMap opening_hours rules, and our dated closures.
 *
 * HSDS 3 schedules are RFC 5545 recurrence parts: one object per set of weekdays that share an
 * opening and a closing time (freq WEEKLY, byday "SU,MO,TU"). A rule that is the same every week
 * gives its weekly schedules with no validity dates (they always hold). A rule that changes with
 * the date (months, dates, week numbers, "easter") is evaluated week by week for the coming year
 * in the service's time zone, and each run of weeks with the same hours becomes schedules with
 * `valid_from`/`valid_to`. The rule itself is kept in `notes` and as a "masar-facts"
 * opening_hours attribute, so nothing it says is lost; a dated closure or alert is a schedule
 * valid for its dates, with no opening, and a "closure" attribute.
 */
import { toLocalDate } from '../domain/zoned-time.ts';
import { weeklyIntervals } from '../domain/opening-hours.ts';
import { derivedId, type HsdsContext } from './hsds-context.ts';
import type { LocalizedText } from '../domain/vocabulary.ts';
import { factAttribute, factAttributes } from './hsds-facts.ts';
import { translationAttributes } from './hsds-translations.ts';

/** RFC 5545 BYDAY codes by weekday number (0 = Sunday, as weeklyIntervals counts). */
const BYDAY = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** Where a schedule belongs: a contact route of the service, or one of its sites. */
export interface ScheduleOwner {
  /** The stored object whose hours these are (route or service-at-location id): keys the ids. */
  key: string;
  service_id: string;
  location_id?: string;
  service_at_location_id?: string;
  /** HSDS: "A free text description of how to attend this service", e.g. the route's label. */
  attending_type?: string;
  description?: string;
  /** The contact route whose hours these are, kept as a "contact_route" attribute. */
  routeId?: string;
  /**
   * Its kind and value as stored, as attributes too: a walk-in route, and the first email or form
   * (HSDS's service.email and service.url), appear nowhere else, and an import recreates them from these.
   */
  routeKind?: string;
  routeValue?: string;
  /** Texts of the route in every language ("masar-translation"), when nothing else carries them. */
  translations?: Record<string, LocalizedText | null | undefined>;
}

type OwnerOnly = 'key' | 'routeId' | 'routeKind' | 'routeValue' | 'translations';

export interface HsdsSchedule extends Omit<ScheduleOwner, OwnerOnly> {
  id: string;
  valid_from?: string;
  valid_to?: string;
  freq?: 'WEEKLY';
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  timezone?: number;
  notes: string;
  attributes: Array<ReturnType<typeof factAttribute> | ReturnType<typeof translationAttributes>[number]>;
}

/** Parts of the opening_hours syntax that make one week differ from another. */
const DATED_RULE = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|week|easter|PH|SH)\b|\d{4}|\[-?\d/;
/** How far ahead a dated rule is written out: a year, in weeks. */
const WEEKS_AHEAD = 53;
const DAY_MS = 24 * 60 * 60 * 1000;

type Interval = { weekday: number; opens: string; closes: string };

export function schedulesOf(
  rule: string | null,
  owner: ScheduleOwner,
  timeZone: string,
  ctx: HsdsContext,
): HsdsSchedule[] {
  if (rule === null) return []; // unknown hours: no schedule rather than a guessed one (S7)
  const { key, routeId, routeKind, routeValue, translations, ...link } = owner;
  // The OpenStreetMap tag as written (key=value), which names the syntax in any language.
  const notes = `opening_hours=${rule}`;
  const attributesOf = (id: string) => [
    factAttribute('schedule', id, 'opening_hours', rule, ctx),
    ...factAttributes(
      'schedule',
      id,
      { contact_route: routeId, contact_route_kind: routeKind, contact_route_value: routeValue },
      ctx,
    ),
    ...translationAttributes('schedule', id, translations ?? {}),
  ];
  const today = toLocalDate(ctx.now, timeZone);
  const offset = utcOffset(timeZone, ctx.now);
  const weekly = (intervals: Interval[], valid?: { from: string; to: string }): HsdsSchedule[] => {
    const dates = valid ? { valid_from: valid.from, valid_to: valid.to } : {};
    const groups = groupByTimes(intervals);
    if (!groups.length) {
      // A rule (or a run of weeks) with no weekly opening still has its text and dates.
      const id = derivedId('schedule', key, rule, valid?.from ?? '');
      return [{ id, ...link, ...dates, notes, attributes: attributesOf(id) }];
    }
    return groups.map((g) => {
      const id = derivedId('schedule', key, g.byday, g.opens, g.closes, ...(valid ? [valid.from] : []));
      return {
        id,
        ...link,
        ...dates,
        freq: 'WEEKLY' as const,
        byday: g.byday,
        // HSDS: "HH:MM … should include timezone information … an offset from UTC". An interval
        // past midnight keeps closes_at <= opens_at, meaning the next day; 00:00–00:00 is a whole day.
        opens_at: `${g.opens}:00${offset.text}`,
        closes_at: `${g.closes}:00${offset.text}`,
        timezone: offset.hours,
        notes,
        attributes: attributesOf(id),
      };
    });
  };
  if (!DATED_RULE.test(rule)) return weekly(weeklyIntervals(rule, today));
  // Week by week for the coming year; runs of identical weeks become one validity period.
  const sunday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - today.getDay());
  const periods: Array<{ from: Date; to: Date; intervals: Interval[]; signature: string }> = [];
  for (let w = 0; w < WEEKS_AHEAD; w++) {
    const weekStart = new Date(sunday.getFullYear(), sunday.getMonth(), sunday.getDate() + 7 * w);
    const intervals = weeklyIntervals(rule, weekStart);
    const signature = JSON.stringify(intervals);
    const last = periods.at(-1);
    const weekEnd = new Date(weekStart.getTime() + 6 * DAY_MS + DAY_MS / 2);
    if (last && last.signature === signature) last.to = weekEnd;
    else periods.push({ from: weekStart, to: weekEnd, intervals, signature });
  }
  return periods.flatMap((p) => weekly(p.intervals, { from: isoDate(p.from), to: isoDate(p.to) }));
}

/** A dated closure or alert as a schedule valid for its dates, with no opening. */
export function closureSchedule(
  closure: {
    id: string;
    startsAt: string;
    endsAt: string;
    closes: boolean;
    reason: string | undefined;
    /** The reason in every language ("masar-translation"). */
    reasons?: LocalizedText;
  },
  owner: Omit<ScheduleOwner, 'key' | 'routeKind' | 'routeValue' | 'translations'>,
  timeZone: string,
  ctx: HsdsContext,
) {
  const { routeId, ...link } = owner;
  // The closure's own id (a UUID), so an import of the export keeps it.
  const id = closure.id;
  const value = `${closure.closes ? 'closes' : 'informs'} ${closure.startsAt}/${closure.endsAt}`;
  return {
    id,
    ...link,
    valid_from: isoDate(toLocalDate(new Date(closure.startsAt), timeZone)),
    valid_to: isoDate(toLocalDate(new Date(Date.parse(closure.endsAt) - 1), timeZone)),
    description: closure.reason,
    notes: closure.closes ? 'closed' : 'alert',
    attributes: [
      factAttribute('schedule', id, 'closure', value, ctx),
      ...factAttributes('schedule', id, { contact_route: routeId }, ctx),
      ...translationAttributes('schedule', id, { reason: closure.reasons }),
    ],
  };
}

const isoDate = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function groupByTimes(intervals: Interval[]) {
  const groups = new Map<string, { opens: string; closes: string; weekdays: number[] }>();
  for (const interval of intervals) {
    const k = `${interval.opens}-${interval.closes}`;
    const group = groups.get(k) ?? { opens: interval.opens, closes: interval.closes, weekdays: [] };
    group.weekdays.push(interval.weekday);
    groups.set(k, group);
  }
  return [...groups.values()].map((g) => ({
    opens: g.opens,
    closes: g.closes,
    byday: [...new Set(g.weekdays)]
      .sort((a, b) => a - b)
      .map((d) => BYDAY[d])
      .join(','),
  }));
}

// Building an Intl.DateTimeFormat costs far more than using one; there are two zones.
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The zone's offset from UTC at `at`, as "+03:00" and as hours. Iraq (+3) and Guatemala (−6)
 * keep no daylight saving time, so one offset holds all year.
 */
function utcOffset(timeZone: string, at: Date): { text: string; hours: number } {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!match) return { text: '+00:00', hours: 0 }; // "GMT" alone is UTC
  const [, sign, hh, mm] = match;
  const hours = (sign === '-' ? -1 : 1) * (Number(hh) + Number(mm) / 60);
  return { text: `${sign}${hh}:${mm}`, hours };
}
