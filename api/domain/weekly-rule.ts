// The compiled form of the opening_hours rules that are plain weekly time ranges ("Su-Th 08:00-14:00",
// "24/7", "Mo-Fr 08:00-12:00,13:00-17:00; Sa 09:00-13:00", "Mo-Su 20:00-02:00"): the minutes of the week
// they are open, so "open now / next change" is arithmetic instead of a walk through the opening_hours
// library on every call. Anything else (comments, "unknown", open ends, months, weeks, holidays…) is not
// compiled, and api/domain/opening-hours.ts asks the library as before.
// The semantics follow the library's, checked against it by test/domain/weekly-rule.test.ts:
// - a rule after ";" replaces earlier rules on its days, including what an earlier rule carried past
//   midnight into them; a rule after ", " adds to them ("off" empties them);
// - a range past midnight ("20:00-02:00", "22:00-26:00") belongs to its day and spills into the next;
//   a spill is never replaced by a later rule of the day it came from.
// No imports and only erasable TypeScript: Node seed scripts import it through listing-index.ts.

export const DAY_MINUTES = 1440;
export const WEEK_MINUTES = 7 * DAY_MINUTES;
export const WEEK_HOURS = 168;

/** Open intervals [from, to) in minutes since Sunday 00:00 wall time, sorted, merged, within the week. */
export type WeekIntervals = ReadonlyArray<readonly [number, number]>;

// Sunday first, as Date.getDay() counts.
const DAYS = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
const DAY = '(?:Su|Mo|Tu|We|Th|Fr|Sa)';
const DAY_LIST = new RegExp(`^${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*$`);
const STARTS_WITH_DAY = new RegExp(`^${DAY}`);
const TIME_RANGE = /^([01]\d|2[0-3]):([0-5]\d)-([0-4]\d):([0-5]\d)$/;

interface Rule {
  additional: boolean;
  days: Set<number>;
  /** null: "off" */
  ranges: Array<[number, number]> | null;
}

function parseDays(text: string): Set<number> | null {
  if (!DAY_LIST.test(text)) return null;
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [from, to = from] = part.split('-').map((d) => DAYS.indexOf(d));
    // "Sa-Mo" wraps over the end of the week.
    for (let d = from!; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return days;
}

function parseRanges(text: string): Array<[number, number]> | null {
  const ranges: Array<[number, number]> = [];
  for (const part of text.split(',')) {
    const m = TIME_RANGE.exec(part);
    if (!m) return null;
    const from = Number(m[1]) * 60 + Number(m[2]);
    let to = Number(m[3]) * 60 + Number(m[4]);
    if (to > 2 * DAY_MINUTES) return null;
    // "02:00-01:00" and "12:00-12:00" run into the next day, as the library reads them.
    if (to <= from) to += DAY_MINUTES;
    ranges.push([from, to]);
  }
  return ranges;
}

function parseRule(text: string, additional: boolean): Rule | null {
  const all = new Set([0, 1, 2, 3, 4, 5, 6]);
  if (text === '24/7') return { additional, days: all, ranges: [[0, DAY_MINUTES]] };
  const space = text.indexOf(' ');
  const [selector, body] = space < 0 ? [null, text] : [text.slice(0, space), text.slice(space + 1)];
  const days = selector === null ? all : parseDays(selector);
  if (!days) return null;
  if (body === 'off') return selector === null ? null : { additional, days, ranges: null };
  const ranges = parseRanges(body);
  return ranges ? { additional, days, ranges } : null;
}

const compiled = new Map<string, WeekIntervals | null>();

/** The open minutes of a plain weekly rule, or null when the rule says more than the compiled form can. */
export function compileWeeklyRule(value: string): WeekIntervals | null {
  const cached = compiled.get(value);
  if (cached !== undefined) return cached;
  const result = compileUncached(value);
  if (compiled.size >= 1000) compiled.clear();
  compiled.set(value, result);
  return result;
}

function compileUncached(value: string): WeekIntervals | null {
  if (value.length > 500 || value.trim() !== value || value === '') return null;
  const rules: Rule[] = [];
  for (const [i, normal] of value.split('; ').entries()) {
    for (const [j, text] of normal.split(', ').entries()) {
      // ", " joins rules only before a weekday ("Mo 08:00-12:00, 14:00-16:00" is one rule to the library).
      // A later rule of times alone adds to the earlier ones for the library, whatever its separator: left to it.
      if ((i > 0 || j > 0) && text !== '24/7' && !STARTS_WITH_DAY.test(text)) return null;
      const rule = parseRule(text, j > 0);
      if (!rule || (i === 0 && j === 0 && rule.additional)) return null;
      rules.push(rule);
    }
  }
  // Each day's open ranges, in minutes since that day's midnight (a spill starts at 0).
  const program: Array<Array<[number, number]>> = Array.from({ length: 7 }, () => []);
  for (const rule of rules) {
    for (let d = 0; d < 7; d++) {
      const own = rule.days.has(d);
      if (own && (!rule.additional || rule.ranges === null)) program[d] = [];
      if (!rule.ranges) continue;
      if (own) for (const [from, to] of rule.ranges) program[d]!.push([from, Math.min(to, DAY_MINUTES)]);
      if (rule.days.has((d + 6) % 7)) {
        for (const [, to] of rule.ranges) if (to > DAY_MINUTES) program[d]!.push([0, to - DAY_MINUTES]);
      }
    }
  }
  const pieces = program
    .flatMap((ranges, d) =>
      ranges.map(([from, to]): [number, number] => [d * DAY_MINUTES + from, d * DAY_MINUTES + to]),
    )
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [from, to] of pieces) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** Whether the rule is open at `minute` of the week (0 = Sunday 00:00; fractions allowed). */
export function openAtMinute(intervals: WeekIntervals, minute: number): boolean {
  for (const [from, to] of intervals) {
    if (minute < from) return false;
    if (minute < to) return true;
  }
  return false;
}

/**
 * Minutes from `minute` of the week to the next change of state, or null when the state never
 * changes (never open, or open all week). A change at the week's end that the week's start
 * continues (open Saturday night into Sunday) is not a change.
 */
export function minutesToNextChange(intervals: WeekIntervals, minute: number): number | null {
  if (!intervals.length) return null;
  if (intervals.length === 1 && intervals[0]![0] === 0 && intervals[0]![1] === WEEK_MINUTES) return null;
  const wraps = intervals[0]![0] === 0 && intervals.at(-1)![1] === WEEK_MINUTES;
  const changes = intervals
    .flatMap(([from, to]) => [from, to])
    .filter((m) => !(wraps && (m === 0 || m === WEEK_MINUTES)));
  const next = changes.find((m) => m > minute) ?? changes[0]! + WEEK_MINUTES;
  return next - minute;
}

/**
 * The hours of the week (0 = Sunday 00:00–01:00 … 167) in which any of these rules may be open: what
 * a compiled rule is open in; every hour for a rule the compiled form cannot say (the library then
 * decides, per instant); none for an unknown (null) rule. A superset of the open hours, never less.
 */
export function openHourBuckets(rules: ReadonlyArray<string | null | undefined>): number[] {
  const hours = new Set<number>();
  for (const rule of rules) {
    if (!rule) continue;
    const intervals = compileWeeklyRule(rule);
    if (!intervals) return Array.from({ length: WEEK_HOURS }, (_, h) => h);
    for (const [from, to] of intervals) {
      for (let h = Math.floor(from / 60); h < Math.ceil(to / 60); h++) hours.add(h);
    }
  }
  return [...hours].sort((a, b) => a - b);
}

/**
 * The same hours as one string of 168 characters, "1" for an hour the rules may be open in and "0"
 * otherwise, as service_open_hours stores them (one row per service, probed with substr); null when
 * every rule is unknown.
 */
export function openWeek(rules: ReadonlyArray<string | null | undefined>): string | null {
  const hours = openHourBuckets(rules);
  if (!hours.length) return null;
  const week = Array.from({ length: WEEK_HOURS }, () => '0');
  for (const h of hours) week[h] = '1';
  return week.join('');
}
