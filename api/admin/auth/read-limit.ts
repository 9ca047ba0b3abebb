/**
 * A ceiling on restricted reads (a full listing with practitioner-only details, a location
 * record) per person or API token, so that a stolen account or token cannot copy the
 * practitioner-only directory at machine speed. A caseworker or maintainer at work opens far
 * fewer; past the ceiling the answer is 429 problem+json with Retry-After.
 */
import type { Context } from 'hono';
import { tooManyRequests } from '../../errors.ts';
import { DAY_MS, iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';

/**
 * Those who only read (caseworkers, partner tokens) open a listing to refer someone, one at a
 * time. Maintainers signed in with their own account page through many listings while they edit
 * and verify, so they get ten times the room; it still stops a stolen account from copying the
 * practitioner-only directory at machine speed.
 */
export const RESTRICTED_READ_LIMITS = [
  { window: 'minute', ms: 60_000, limit: 60 },
  { window: 'day', ms: DAY_MS, limit: 1500 },
] as const;
const MAINTAINER_ROOM = 10;

export async function countRestrictedRead(c: Context<AdminEnv>) {
  const p = c.get('principal');
  const now = c.get('now').getTime();
  const d1 = c.env.DB;
  const room = p.kind === 'session' && p.role !== 'caseworker' ? MAINTAINER_ROOM : 1;
  const windows = RESTRICTED_READ_LIMITS.map((w) => ({ ...w, limit: w.limit * room, start: Math.floor(now / w.ms) * w.ms }));
  const results = await d1.batch<{ count: number }>(
    windows.map((w) =>
      d1
        .prepare(
          `INSERT INTO restricted_reads (key, count, expires_at) VALUES (?1, 1, ?2)
           ON CONFLICT (key) DO UPDATE SET count = count + 1 RETURNING count`,
        )
        .bind(`${w.window}:${p.kind}:${p.id}:${w.start}`, iso(new Date(w.start + w.ms))),
    ),
  );
  windows.forEach((w, i) => {
    const count = results[i]?.results[0]?.count ?? 0;
    if (count > w.limit) {
      throw tooManyRequests(
        'Too many requests',
        `More than ${w.limit} restricted reads in one ${w.window}: try again later. Restricted details are read one listing at a time.`,
        Math.max(1, Math.ceil((w.start + w.ms - now) / 1000)),
      );
    }
  });
}
