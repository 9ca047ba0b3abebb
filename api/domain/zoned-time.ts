// The one date/time-zone helper. Areas carry an IANA zone (Asia/Baghdad, America/Guatemala); the
// Worker runs in UTC, and libraries such as opening_hours read a Date's *local* fields. Converting
// an instant to "a Date whose local fields are the area's wall time" and back happens only here.
// No imports and only erasable TypeScript, like text-normalise.ts, so Node scripts can use it too.

/** Wall-clock time in an area's zone. weekday: 0 = Sunday … 6 = Saturday. */
export interface LocalMoment {
  date: string; // YYYY-MM-DD
  time: string; // HH:MM
  weekday: number;
}

interface WallFields {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Building an Intl.DateTimeFormat costs far more than using one; there are only a few zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

// A listing asks the wall time of the same instant (its moment) for every candidate, and the same few
// instants (the next changes, "14:00 today") again and again: each is converted once.
const remembered = new Map<string, WallFields>();
const REMEMBERED = 2048;

function wallFields(instant: Date, timeZone: string): WallFields {
  const key = `${timeZone} ${Math.floor(instant.getTime() / 1000)}`;
  const known = remembered.get(key);
  if (known) return known;
  const fields = convert(instant, timeZone);
  if (remembered.size >= REMEMBERED) remembered.clear();
  remembered.set(key, fields);
  return fields;
}

function convert(instant: Date, timeZone: string): WallFields {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date, time and weekday of `instant` in `timeZone`. */
export function wallTime(instant: Date, timeZone: string): LocalMoment {
  const f = wallFields(instant, timeZone);
  return {
    date: `${f.year}-${pad(f.month)}-${pad(f.day)}`,
    time: `${pad(f.hour)}:${pad(f.minute)}`,
    weekday: new Date(Date.UTC(f.year, f.month - 1, f.day)).getUTCDay(),
  };
}

/** A Date whose local fields (getHours, getDay, …) are the wall time of `instant` in `timeZone`. */
export function toLocalDate(instant: Date, timeZone: string): Date {
  const f = wallFields(instant, timeZone);
  const ms = instant.getTime() - Math.floor(instant.getTime() / 1000) * 1000;
  return new Date(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, ms);
}

/** Minutes the zone is ahead of UTC at `instant` (Baghdad +180, Guatemala −360). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const f = wallFields(instant, timeZone);
  const wallAsUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant at which the wall time held in `local`'s local fields happens in `timeZone`. */
export function fromLocalDate(local: Date, timeZone: string): Date {
  const wallAsUtc = Date.UTC(
    local.getFullYear(),
    local.getMonth(),
    local.getDate(),
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
  );
  // Two passes settle zones with DST: the offset is taken at the instant it produces.
  let instant = wallAsUtc - offsetMinutes(new Date(wallAsUtc), timeZone) * 60000;
  instant = wallAsUtc - offsetMinutes(new Date(instant), timeZone) * 60000;
  return new Date(instant);
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Milliseconds since Sunday 00:00 of `instant`'s week in `timeZone`'s wall time. */
export function msOfWeek(instant: Date, timeZone: string): number {
  const f = wallFields(instant, timeZone);
  const wallAsUtc =
    Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) +
    (instant.getTime() - Math.floor(instant.getTime() / 1000) * 1000);
  // 1970-01-04 was a Sunday.
  return (((wallAsUtc - 3 * 86_400_000) % WEEK_MS) + WEEK_MS) % WEEK_MS;
}
