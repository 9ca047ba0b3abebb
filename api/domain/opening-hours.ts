// "Open now / opens at / closes at" (S8) with dated closures and alerts (M5).
// The weekly rule is OpenStreetMap opening_hours syntax, evaluated by the opening_hours library;
// this module only adds what the library does not know: the area's time zone and our closures.
// https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification
// Plain weekly rules (nearly all of them) are compiled to the minutes of the week they are open
// (./weekly-rule.ts) and answered by arithmetic; the library answers the rest.
import opening_hours from 'opening_hours';
import {
  compileWeeklyRule,
  minutesToNextChange,
  openAtMinute,
  WEEK_MINUTES,
  type WeekIntervals,
} from './weekly-rule.ts';
import { fromLocalDate, msOfWeek, offsetMinutes, toLocalDate, wallTime, type LocalMoment } from './zoned-time.ts';

export type { LocalMoment } from './zoned-time.ts';

/** A dated closure or alert. ISO 8601 UTC instants; closes=false informs but does not close. */
export interface Closure {
  id: string;
  startsAt: string;
  endsAt: string;
  closes: boolean;
}

export interface HoursState {
  state: 'open' | 'closed' | 'unknown';
  /** ISO UTC instant of the next change of state, null if none within 8 days or unknown */
  nextChange: string | null;
  nextChangeLocal: LocalMoment | null;
  /** 24/7 and no closure now */
  alwaysOpen: boolean;
  /** id of the closure that closes it now */
  closedBy: string | null;
  /** ids of closures and alerts active at that moment (closes=false included) */
  alerts: string[];
}

type RuleState = HoursState['state'];

const HORIZON_MS = 8 * 24 * 60 * 60 * 1000;
const MAX_RULE_CHARS = 500;
const CACHE_SIZE = 500;
// tag_key makes the library pick time-range mode itself (its README asks for it); no nominatim
// object, because we refuse everything that would need one (see UNSUPPORTED).
const LIBRARY_OPTIONS = {
  tag_key: 'opening_hours',
  mode: 0,
  map_value: false,
  warnings_severity: 4,
  locale: 'en',
} as const;

// Without a location the library falls back to a default country for public/school holidays and
// to default coordinates for sunrise/sunset: wrong for Iraq and Guatemala. Holidays such as Eid
// are entered as dated closures instead (M5).
const UNSUPPORTED: Array<[RegExp, string]> = [
  [/\b(PH|SH)\b/, 'Public and school holidays (PH, SH) are not supported: add a dated closure instead.'],
  [/\b(sunrise|sunset|dawn|dusk)\b/i, 'Times relative to the sun are not supported: use clock times.'],
];

type Parsed = { ok: true; rule: opening_hours } | { ok: false; message: string };

// Parsing a rule costs far more than evaluating it, and a list response evaluates the same few
// rules many times: keep the most recently used ones.
const parsedRules = new Map<string, Parsed>();

function parse(value: string): Parsed {
  const cached = parsedRules.get(value);
  if (cached) {
    parsedRules.delete(value);
    parsedRules.set(value, cached);
    return cached;
  }
  const parsed = parseUncached(value);
  if (parsedRules.size >= CACHE_SIZE) parsedRules.delete(parsedRules.keys().next().value as string);
  parsedRules.set(value, parsed);
  return parsed;
}

function parseUncached(value: string): Parsed {
  if (value.trim() === '') return { ok: false, message: 'Opening hours are empty.' };
  if (value.length > MAX_RULE_CHARS)
    return { ok: false, message: `Opening hours are longer than ${MAX_RULE_CHARS} characters.` };
  let rule: opening_hours;
  try {
    rule = new opening_hours(value, null, LIBRARY_OPTIONS);
  } catch (error) {
    // The library throws strings, not Errors.
    return { ok: false, message: String(error instanceof Error ? error.message : error).trim() };
  }
  const pretty = rule.prettifyValue();
  for (const [pattern, message] of UNSUPPORTED) if (pattern.test(pretty)) return { ok: false, message };
  return { ok: true, rule };
}

/** Validates an opening_hours value for storage; `normalised` is the library's canonical form. */
export function checkOpeningHours(rule: string): { ok: true; normalised: string } | { ok: false; message: string } {
  const parsed = parse(rule);
  return parsed.ok ? { ok: true, normalised: parsed.rule.prettifyValue() } : parsed;
}

interface ClosureSpan {
  id: string;
  start: number;
  end: number;
  closes: boolean;
}

function closureSpans(closures: Closure[]): ClosureSpan[] {
  return closures
    .map((c) => ({ id: c.id, start: Date.parse(c.startsAt), end: Date.parse(c.endsAt), closes: c.closes }))
    .filter((c) => c.start < c.end); // also drops unparsable dates (NaN)
}

const activeAt = (t: number) => (c: ClosureSpan) => c.start <= t && t < c.end;

/** One weekly rule in one zone, as a function of the instant (ms since the epoch). */
interface RuleClock {
  state(t: number): RuleState;
  /** The first instant after `t` and before `limit` at which the rule's own state may change. */
  next(t: number, limit: number): number | null;
  /** Open at `t` and never closing. */
  always(t: number): boolean;
}

function libraryClock(rule: opening_hours, timeZone: string): RuleClock {
  const local = (t: number) => toLocalDate(new Date(t), timeZone);
  const state = (t: number) => rule.getStateString(local(t), true) as RuleState;
  return {
    state,
    next(t, limit) {
      const next = rule.getNextChange(local(t), local(limit));
      return next ? fromLocalDate(next, timeZone).getTime() : null;
    },
    always: (t) => state(t) === 'open' && rule.getNextChange(local(t)) === undefined,
  };
}

function compiledClock(intervals: WeekIntervals, timeZone: string): RuleClock {
  const minute = (t: number) => msOfWeek(new Date(t), timeZone) / 60000;
  return {
    state: (t) => (openAtMinute(intervals, minute(t)) ? 'open' : 'closed'),
    next(t) {
      const delta = minutesToNextChange(intervals, minute(t));
      if (delta === null) return null;
      const next = t + Math.round(delta * 60000);
      // The wall time moved by `delta`; where the zone's offset changes in between, so does the instant.
      const shift = offsetMinutes(new Date(next), timeZone) - offsetMinutes(new Date(t), timeZone);
      return shift === 0 ? next : next - shift * 60000;
    },
    always: () => intervals.length === 1 && intervals[0]![0] === 0 && intervals[0]![1] === WEEK_MINUTES,
  };
}

/** The state of one rule in one zone, with closures applied, as a function of the instant. */
function timeline(rule: RuleClock | null, spans: ClosureSpan[]) {
  const closing = spans.filter((c) => c.closes);
  const boundaries = [...new Set(closing.flatMap((c) => [c.start, c.end]))].sort((a, b) => a - b);
  const ruleState = (t: number): RuleState => (rule ? rule.state(t) : 'unknown');
  const stateAt = (t: number): RuleState => (closing.some(activeAt(t)) ? 'closed' : ruleState(t));

  /** The first instant after `from` and before `limit` at which the state differs from now. */
  function nextChange(from: number, limit: number): number | null {
    const current = stateAt(from);
    let t = from;
    // Each step lands on a change of the rule or a closure boundary; a few dozen cover 8 days.
    for (let step = 0; step < 64; step++) {
      const candidates = [rule?.next(t, limit) ?? Infinity, boundaries.find((b) => b > t) ?? Infinity];
      t = Math.min(...candidates);
      if (t >= limit) return null;
      if (stateAt(t) !== current) return t;
    }
    return null;
  }
  return { stateAt, ruleState, nextChange };
}

function unknownState(alerts: string[] = []): HoursState {
  return { state: 'unknown', nextChange: null, nextChangeLocal: null, alwaysOpen: false, closedBy: null, alerts };
}

/**
 * Whether a place or contact route is open at `at`, in the area's `timeZone`. A null or unusable
 * rule is 'unknown', never 'closed' (S7). Active closures (closes=true) override the rule.
 * Without closures the answer depends on the rule, the zone and the minute alone, and is shared
 * (frozen: callers build new states, never change one).
 */
export function hoursAt(rule: string | null, closures: Closure[], at: Date, timeZone: string): HoursState {
  return closures.length === 0 ? rememberedHours(rule, at, timeZone) : evaluate(rule, closures, at, timeZone);
}

const MINUTE_MS = 60_000;
// A listing evaluates the same few rules (office hours, 24/7 hotlines) in one zone at one moment for
// every candidate, and each evaluation converts instants to wall time through Intl: it was 37–47% of
// a district list's JavaScript. Each (rule, zone, minute) is evaluated once; the next minute's
// requests fill it anew, so a few thousand entries cover every rule in use.
const rememberedStates = new Map<string, HoursState>();
const REMEMBERED_STATES = 2048;

/**
 * Rules open and close on whole minutes (opening_hours has no seconds, and zones' offsets are whole
 * minutes), so every moment of a minute has the same state and the same next change: the state is
 * worked out at the minute's start.
 */
function rememberedHours(rule: string | null, at: Date, timeZone: string): HoursState {
  const minute = Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
  const key = `${minute} ${timeZone} ${rule === null ? '-' : `+${rule}`}`;
  const known = rememberedStates.get(key);
  if (known) return known;
  const state = evaluate(rule, [], new Date(minute), timeZone);
  Object.freeze(state.alerts);
  Object.freeze(state.nextChangeLocal);
  if (rememberedStates.size >= REMEMBERED_STATES) rememberedStates.clear();
  rememberedStates.set(key, Object.freeze(state));
  return state;
}

function evaluate(rule: string | null, closures: Closure[], at: Date, timeZone: string): HoursState {
  const now = at.getTime();
  const spans = closureSpans(closures);
  const active = spans.filter(activeAt(now));
  const alerts = active.map((c) => c.id);
  try {
    const compiled = rule === null ? null : compileWeeklyRule(rule);
    const parsed = rule === null || compiled ? null : parse(rule);
    if (parsed && !parsed.ok) return unknownState(alerts);
    const clock = compiled
      ? compiledClock(compiled, timeZone)
      : parsed?.ok
        ? libraryClock(parsed.rule, timeZone)
        : null;
    const { stateAt, ruleState, nextChange } = timeline(clock, spans);
    const state = stateAt(now);
    // Of several overlapping closures, name the one that lasts longest: it decides the reopening.
    const closedBy = active.filter((c) => c.closes).sort((a, b) => b.end - a.end)[0]?.id ?? null;
    const next = state === 'unknown' ? null : nextChange(now, now + HORIZON_MS);
    const alwaysOpen = closedBy === null && clock !== null && ruleState(now) === 'open' && clock.always(now);
    return {
      state,
      nextChange: next === null ? null : new Date(next).toISOString(),
      nextChangeLocal: next === null ? null : wallTime(new Date(next), timeZone),
      alwaysOpen,
      closedBy,
      alerts,
    };
  } catch {
    // A library fault or an unknown zone must not break a listing (P4): say we do not know.
    return unknownState(alerts);
  }
}

/**
 * One state for a service from the states of its contact routes and locations: open if any is
 * open; otherwise unknown if any is unknown (it might be reachable); otherwise closed.
 * nextChange when open is when the last open one closes, when closed the first opening. A
 * closed route that opens before the open ones close could keep the service open longer; the
 * per-route states do not say, so "closes at" errs early, never late.
 */
export function combineStates(states: HoursState[]): HoursState {
  const alerts = [...new Set(states.flatMap((s) => s.alerts))];
  const open = states.filter((s) => s.state === 'open');
  if (open.length > 0) {
    const last = open.some((s) => s.nextChange === null) ? null : latest(open);
    return {
      state: 'open',
      nextChange: last?.nextChange ?? null,
      nextChangeLocal: last?.nextChangeLocal ?? null,
      alwaysOpen: open.some((s) => s.alwaysOpen),
      closedBy: null,
      alerts,
    };
  }
  if (states.length === 0 || states.some((s) => s.state === 'unknown')) return unknownState(alerts);
  const first = earliest(states.filter((s) => s.nextChange !== null));
  return {
    state: 'closed',
    nextChange: first?.nextChange ?? null,
    nextChangeLocal: first?.nextChangeLocal ?? null,
    alwaysOpen: false,
    closedBy: states.find((s) => s.closedBy !== null)?.closedBy ?? null,
    alerts,
  };
}

// ISO UTC strings from toISOString() have one fixed width, so they sort as text.
function latest(states: HoursState[]): HoursState | undefined {
  return [...states].sort((a, b) => (b.nextChange ?? '').localeCompare(a.nextChange ?? ''))[0];
}

function earliest(states: HoursState[]): HoursState | undefined {
  return [...states].sort((a, b) => (a.nextChange ?? '').localeCompare(b.nextChange ?? ''))[0];
}

const DAY_MS = 24 * 60 * 60 * 1000;
// A Sunday, used when no week is given. Wall-time dates: local fields only, no zone involved.
const REFERENCE_SUNDAY = new Date(2026, 10, 22);

const hhmm = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

function midnightAfter(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
}

/**
 * The open intervals of one week, for HSDS `schedules` (P3): one entry per opening, weekday
 * 0 = Sunday, times in the area's wall time. An interval past midnight stays one entry on the
 * day it opens, with closes <= opens meaning "the next day" ("Mo-Su 20:00-02:00" gives
 * opens 20:00, closes 02:00); anything longer is cut at midnights, a whole day being
 * 00:00–00:00 (24/7 gives seven of them). Unknown ("open end", "unknown") spans are left out.
 * `weekOf`: any wall-time date in the week wanted (local fields, e.g. from toLocalDate); the week
 * starts on the Sunday on or before it.
 */
export function weeklyIntervals(
  rule: string,
  weekOf: Date = REFERENCE_SUNDAY,
): Array<{ weekday: number; opens: string; closes: string }> {
  const parsed = parse(rule);
  if (!parsed.ok) return [];
  const start = new Date(weekOf.getFullYear(), weekOf.getMonth(), weekOf.getDate() - weekOf.getDay());
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 7);
  // A day either side, so that an overnight interval is seen whole and not cut at the week edge.
  const from = new Date(start.getFullYear(), start.getMonth(), start.getDate() - 1);
  const to = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 8);
  const entries: Array<{ at: Date; weekday: number; opens: string; closes: string }> = [];
  for (const [opens, closes, unknown] of parsed.rule.getOpenIntervals(from, to)) {
    if (unknown) continue;
    let s = opens;
    while (s < closes) {
      const midnight = midnightAfter(s);
      const startsAtMidnight = s.getHours() === 0 && s.getMinutes() === 0;
      const endsTonight = closes <= midnight;
      const overnight = !startsAtMidnight && closes.getTime() < midnight.getTime() + DAY_MS;
      const pieceEnd = endsTonight || overnight ? closes : midnight;
      entries.push({ at: s, weekday: s.getDay(), opens: hhmm(s), closes: hhmm(pieceEnd) });
      s = pieceEnd;
    }
  }
  return entries
    .filter((e) => e.at >= start && e.at < end)
    .map(({ weekday, opens, closes }) => ({ weekday, opens, closes }));
}

/**
 * The open intervals of a rule between two wall-time dates (local fields, see zoned-time.ts), as
 * the library computes them; `unknown` marks spans the rule says may be open ("open end",
 * "unknown"). Null for a missing or unusable rule: the week is then not known.
 */
export function openIntervals(
  rule: string | null,
  from: Date,
  to: Date,
): Array<{ opens: Date; closes: Date; unknown: boolean }> | null {
  if (rule === null) return null;
  const parsed = parse(rule);
  if (!parsed.ok) return null;
  try {
    return parsed.rule
      .getOpenIntervals(from, to)
      .map(([opens, closes, unknown]) => ({ opens, closes, unknown: Boolean(unknown) }));
  } catch {
    return null;
  }
}
