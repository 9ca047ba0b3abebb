/**
 * The coming seven days of a place or contact route, day by day, in the area's time zone: what a
 * person planning a visit or a call needs beyond "open now". Derived from the rule's own open
 * intervals (the opening_hours library) with the dated closures cut out, never by reading the rule
 * as text. An interval past midnight is listed on the day it opens, ending "the next day".
 */
import { openIntervals, type Closure } from './opening-hours.ts';
import { toLocalDate } from './zoned-time.ts';

export interface DayInterval {
  opens: string; // HH:MM
  closes: string; // HH:MM, "24:00" for midnight at the end of the day
  nextDay: boolean; // closes after midnight, on the following day
  unknown: boolean; // the rule says it may be open (no confirmed hours)
}

export interface DayHours {
  date: string; // YYYY-MM-DD, wall date in the zone
  weekday: number; // 0 = Sunday
  allDay: boolean; // open from 00:00 to 24:00
  intervals: DayInterval[];
  /** Dated closures (closes = true) that fall on this day. */
  closures: string[];
}

const DAYS = 7;

const pad = (n: number) => String(n).padStart(2, '0');
const hhmm = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;
const dayAfter = (d: Date, n = 1) => new Date(d.getFullYear(), d.getMonth(), d.getDate() + n);
const isoDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

interface Span {
  start: Date;
  end: Date;
  unknown: boolean;
}

/** `spans` minus the closing periods. */
function withoutClosures(spans: Span[], closing: Array<{ start: Date; end: Date }>): Span[] {
  let pieces = spans;
  for (const c of closing) {
    pieces = pieces.flatMap((p) => {
      if (c.end <= p.start || c.start >= p.end) return [p];
      const kept: Span[] = [];
      if (c.start > p.start) kept.push({ ...p, end: c.start });
      if (c.end < p.end) kept.push({ ...p, start: c.end });
      return kept;
    });
  }
  return pieces;
}

/**
 * The seven days starting with the day `from` falls on in `timeZone`, or null when the rule is
 * missing or unusable (the hours are not known, which is not "closed").
 */
export function weekAhead(rule: string | null, closures: Closure[], from: Date, timeZone: string): DayHours[] | null {
  let firstDay: Date;
  try {
    const local = toLocalDate(from, timeZone);
    firstDay = new Date(local.getFullYear(), local.getMonth(), local.getDate());
  } catch {
    return null;
  }
  const end = dayAfter(firstDay, DAYS);
  // From the day before, so that a span already open at midnight is seen whole; to the day after
  // the week, so that the last day's overnight span is seen whole.
  const intervals = openIntervals(rule, dayAfter(firstDay, -1), dayAfter(end, 2));
  if (!intervals) return null;

  const closing = closures
    .filter((c) => c.closes && Date.parse(c.startsAt) < Date.parse(c.endsAt))
    .map((c) => ({
      id: c.id,
      start: toLocalDate(new Date(c.startsAt), timeZone),
      end: toLocalDate(new Date(c.endsAt), timeZone),
    }));
  const days: DayHours[] = Array.from({ length: DAYS }, (_, i) => {
    const day = dayAfter(firstDay, i);
    const next = dayAfter(day);
    return {
      date: isoDate(day),
      weekday: day.getDay(),
      allDay: false,
      intervals: [],
      closures: closing.filter((c) => c.start < next && c.end > day).map((c) => c.id),
    };
  });
  const dayIndex = (d: Date) =>
    Math.round(
      (Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()) -
        Date.UTC(firstDay.getFullYear(), firstDay.getMonth(), firstDay.getDate())) /
        86_400_000,
    );

  const spans = withoutClosures(
    intervals.map((i) => ({ start: i.opens, end: i.closes, unknown: i.unknown })),
    closing,
  );
  for (const span of spans) {
    let start = span.start;
    if (start < firstDay) {
      // The tail of yesterday's evening belongs to yesterday's line; a span open all through today does not.
      if (span.end <= dayAfter(firstDay)) continue;
      start = firstDay;
    }
    while (start < span.end && start < end) {
      const day = days[dayIndex(start)]!;
      const midnight = dayAfter(new Date(start.getFullYear(), start.getMonth(), start.getDate()));
      const fromMidnight = start.getHours() === 0 && start.getMinutes() === 0;
      if (fromMidnight && span.end.getTime() === midnight.getTime() && !span.unknown) {
        day.allDay = true;
        start = midnight;
      } else if (span.end <= midnight) {
        day.intervals.push({
          opens: hhmm(start),
          closes: span.end.getTime() === midnight.getTime() ? '24:00' : hhmm(span.end),
          nextDay: false,
          unknown: span.unknown,
        });
        start = span.end;
      } else if (fromMidnight && !span.unknown) {
        day.allDay = true;
        start = midnight;
      } else if (!fromMidnight && span.end < dayAfter(midnight)) {
        day.intervals.push({ opens: hhmm(start), closes: hhmm(span.end), nextDay: true, unknown: span.unknown });
        start = span.end;
      } else {
        day.intervals.push({ opens: hhmm(start), closes: '24:00', nextDay: false, unknown: span.unknown });
        start = midnight;
      }
    }
  }
  for (const day of days) if (day.allDay) day.intervals = [];
  return days;
}
