/**
 * HSDS `schedule` objects from our OpenStreetMap opening_hours rules.
 *
 * HSDS 3 schedules are RFC 5545 recurrence parts: one object per set of weekdays that share an
 * opening and a closing time (freq WEEKLY, byday "SU,MO,TU"). The rule is evaluated for the
 * current week in the service's time zone by `weeklyIntervals`, so seasonal rules give this
 * week's hours; the rule itself is kept in `notes`, so nothing it says is lost.
 */
import { toLocalDate } from '../domain/zoned-time.ts';
import { weeklyIntervals } from '../domain/opening-hours.ts';
import { derivedId, type HsdsContext } from './hsds-context.ts';

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
}

export interface HsdsSchedule extends Omit<ScheduleOwner, 'key'> {
  id: string;
  freq?: 'WEEKLY';
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  timezone?: number;
  notes: string;
}

export function schedulesOf(
  rule: string | null,
  owner: ScheduleOwner,
  timeZone: string,
  ctx: HsdsContext,
): HsdsSchedule[] {
  if (rule === null) return []; // unknown hours: no schedule rather than a guessed one (S7)
  const { key, ...link } = owner;
  // The OpenStreetMap tag as written (key=value), which names the syntax in any language.
  const notes = `opening_hours=${rule}`;
  const groups = new Map<string, { opens: string; closes: string; weekdays: number[] }>();
  for (const interval of weeklyIntervals(rule, toLocalDate(ctx.now, timeZone))) {
    const group = groups.get(`${interval.opens}-${interval.closes}`) ?? {
      opens: interval.opens,
      closes: interval.closes,
      weekdays: [],
    };
    group.weekdays.push(interval.weekday);
    groups.set(`${interval.opens}-${interval.closes}`, group);
  }
  // A rule with no weekly opening this week (closed, or only dated exceptions) still has its text.
  if (!groups.size) return [{ id: derivedId('schedule', key, rule), ...link, notes }];
  const offset = utcOffset(timeZone, ctx.now);
  return [...groups.values()].map((g) => {
    const byday = [...new Set(g.weekdays)]
      .sort((a, b) => a - b)
      .map((d) => BYDAY[d])
      .join(',');
    return {
      id: derivedId('schedule', key, byday, g.opens, g.closes),
      ...link,
      freq: 'WEEKLY' as const,
      byday,
      // HSDS: "HH:MM … should include timezone information … an offset from UTC". An interval
      // past midnight keeps closes_at <= opens_at, meaning the next day; 00:00–00:00 is a whole day.
      opens_at: `${g.opens}:00${offset.text}`,
      closes_at: `${g.closes}:00${offset.text}`,
      timezone: offset.hours,
      notes,
    };
  });
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
