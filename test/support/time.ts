/**
 * A Baghdad wall-clock moment on a given weekday, at least three weeks from now: past every dated
 * closure in the sample (they lie within two weeks of the seed), so only weekly hours decide.
 */
export function baghdadMoment(weekday: number, time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const day = new Date(Date.now() + 21 * 86_400_000);
  day.setUTCHours(0, 0, 0, 0);
  while (day.getUTCDay() !== weekday) day.setUTCDate(day.getUTCDate() + 1);
  // Asia/Baghdad is UTC+3 all year (no DST since 2008).
  day.setUTCHours(hours - 3, minutes);
  return day.toISOString();
}

export const SUNDAY = 0;
export const THURSDAY = 4;
export const FRIDAY = 5;
