/**
 * A ceiling on restricted reads (a full listing with practitioner-only details, a location
 * record) per person or API token, so that a stolen account or token cannot copy the
 * practitioner-only directory at machine speed. A caseworker or maintainer at work opens far
 * fewer; past the ceiling the answer is 429 problem+json with Retry-After.
 */
import { sql } from 'drizzle-orm';
import type { Context } from 'hono';
import { restrictedReads } from '../../../db/maintainer-schema.ts';
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
  const db = c.get('db');
  const room = p.kind === 'session' && p.role !== 'caseworker' ? MAINTAINER_ROOM : 1;
  const windows = RESTRICTED_READ_LIMITS.map((w) => ({
    ...w,
    limit: w.limit * room,
    start: Math.floor(now / w.ms) * w.ms,
  }));
  const [first, ...rest] = windows.map((w) =>
    db
      .insert(restrictedReads)
      .values({ key: `${w.window}:${p.kind}:${p.id}:${w.start}`, count: 1, expiresAt: iso(new Date(w.start + w.ms)) })
      .onConflictDoUpdate({ target: restrictedReads.key, set: { count: sql`${restrictedReads.count} + 1` } })
      .returning({ count: restrictedReads.count }),
  );
  const results = await db.batch([first!, ...rest]);
  windows.forEach((w, i) => {
    const count = results[i]?.[0]?.count ?? 0;
    if (count > w.limit) {
      throw tooManyRequests(
        'Too many requests',
        `More than ${w.limit} restricted reads in one ${w.window}: try again later. ` +
          'Restricted details are read one listing at a time.',
        Math.max(1, Math.ceil((w.start + w.ms - now) / 1000)),
      );
    }
  });
}
