/**
 * A ceiling on restricted reads (a full listing with practitioner-only details, a location
 * record) per person or API token, so that a stolen account or token cannot copy the
 * practitioner-only directory at machine speed. A caseworker or maintainer at work opens far
 * fewer; past the ceiling the answer is 429 problem+json with Retry-After.
 */
import type { Context } from 'hono';
import { ProblemError } from '../../errors.ts';
import { DAY_MS, iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';

export const RESTRICTED_READ_LIMITS = [
  { window: 'minute', ms: 60_000, limit: 60 },
  { window: 'day', ms: DAY_MS, limit: 1500 },
] as const;

export async function countRestrictedRead(c: Context<AdminEnv>) {
  const p = c.get('principal');
  const now = c.get('now').getTime();
  const d1 = c.env.DB;
  const windows = RESTRICTED_READ_LIMITS.map((w) => ({ ...w, start: Math.floor(now / w.ms) * w.ms }));
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
      c.header('Retry-After', String(Math.max(1, Math.ceil((w.start + w.ms - now) / 1000))));
      throw new ProblemError({
        status: 429,
        title: 'Too many requests',
        detail: `More than ${w.limit} restricted reads in one ${w.window}: try again later. Restricted details are read one listing at a time.`,
      });
    }
  });
}
