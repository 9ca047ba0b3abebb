/**
 * Brute-force throttling of sign-in. Keys are keyed hashes (HMAC-SHA-256) of the email, of the
 * address and of the two together, never the raw values (principle 1: no IP addresses are
 * stored), and rows expire within hours.
 *
 * Locks are by account and source together: 5 failures for one account from one source lock
 * that pair, so someone who only knows a maintainer's email cannot lock the owner out from
 * elsewhere. A source also locks after 20 failures across accounts (offices share one address).
 * Each further failure doubles a lock, from 1 minute up to 1 hour.
 *
 * An account alone is never locked (that is the lock-out an attacker could cause). Against
 * guessing spread over many sources, an account with 20 failures within the hour turns strict
 * instead: it answers only to the password and the authenticator code together, and the same
 * way whichever was wrong, so the guesses teach nothing about the password alone.
 */
import { and, eq, gt, inArray, lt, lte, max, sql } from 'drizzle-orm';
import type { Context } from 'hono';
import type { Database } from '../../../db/client.ts';
import { authKeys, loginThrottle } from '../../../db/maintainer-schema.ts';
import { HOUR_MS, DAY_MS, iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { hmacSha256Hex, randomToken } from './secrets.ts';

const LIMITS = { pair: 5, source: 20 } as const;
/** Failures on one account, from any sources, after which it wants password and code together. */
export const ACCOUNT_STRICT_AFTER = 20;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = HOUR_MS;
/** Failures are forgotten this long after the last one (or after the lock ends). */
const FORGET_AFTER_MS = HOUR_MS;

type Kind = keyof typeof LIMITS;

/** The hashing key: AUTH_SECRET when configured, else a random key in D1 that changes daily. */
async function throttleSecret(c: Context<AdminEnv>, now: Date): Promise<string> {
  if (c.env.AUTH_SECRET) return c.env.AUTH_SECRET;
  const id = `throttle:${iso(now).slice(0, 10)}`;
  const db = c.get('db');
  await db.batch([
    db
      .insert(authKeys)
      .values({ id, secret: randomToken(), createdAt: iso(now) })
      .onConflictDoNothing(),
    db.delete(authKeys).where(lt(authKeys.createdAt, iso(new Date(now.getTime() - 2 * DAY_MS)))),
  ]);
  return (await db.select({ secret: authKeys.secret }).from(authKeys).where(eq(authKeys.id, id)).get())!.secret;
}

export interface ThrottleKeys {
  account: string;
  source: string;
  pair: string;
}

export async function throttleKeys(c: Context<AdminEnv>, email: string, now: Date): Promise<ThrottleKeys> {
  const secret = await throttleSecret(c, now);
  const address = c.req.header('CF-Connecting-IP') ?? 'unknown';
  return {
    account: `account:${await hmacSha256Hex(secret, `account:${email.trim().toLowerCase()}`)}`,
    source: `source:${await hmacSha256Hex(secret, `source:${address}`)}`,
    pair: `pair:${await hmacSha256Hex(secret, `pair:${email.trim().toLowerCase()}\n${address}`)}`,
  };
}

/** Seconds until this source may try this account again, or null; checked before any password work. */
export async function lockedForSeconds(db: Database, keys: ThrottleKeys, now: Date): Promise<number | null> {
  await db.delete(loginThrottle).where(lte(loginThrottle.expiresAt, iso(now)));
  const row = await db
    .select({ lockedUntil: max(loginThrottle.lockedUntil) })
    .from(loginThrottle)
    .where(and(inArray(loginThrottle.key, [keys.pair, keys.source]), gt(loginThrottle.lockedUntil, iso(now))))
    .get();
  return row?.lockedUntil ? Math.max(1, Math.ceil((Date.parse(row.lockedUntil) - now.getTime()) / 1000)) : null;
}

/** Whether the account has had so many failures, from anywhere, that it wants password and code together. */
export async function accountIsStrict(db: Database, keys: ThrottleKeys, now: Date): Promise<boolean> {
  const row = await db
    .select({ failures: loginThrottle.failures })
    .from(loginThrottle)
    .where(and(eq(loginThrottle.key, keys.account), gt(loginThrottle.expiresAt, iso(now))))
    .get();
  return (row?.failures ?? 0) >= ACCOUNT_STRICT_AFTER;
}

export async function recordFailure(db: Database, keys: ThrottleKeys, now: Date) {
  const forget = iso(new Date(now.getTime() + FORGET_AFTER_MS));
  const failures = loginThrottle.failures;
  const statements = (Object.keys(LIMITS) as Kind[]).map((kind) => {
    // After the limit, the lock is BASE × 2^(failures − limit), capped. `failures` is the stored
    // count before this failure (an upsert's SET reads the old row).
    const limit = sql.raw(String(LIMITS[kind]));
    const maxSeconds = sql.raw(String(MAX_LOCK_MS / 1000));
    const baseSeconds = sql.raw(String(BASE_LOCK_MS / 1000));
    const lock = sql`CASE WHEN ${failures} + 1 >= ${limit}
        THEN strftime('%Y-%m-%dT%H:%M:%fZ', ${iso(now)},
          '+' || min(${maxSeconds}, ${baseSeconds} * (1 << min(20, ${failures} + 1 - ${limit}))) || ' seconds')
        ELSE NULL END`;
    const expiresAt = iso(new Date(now.getTime() + FORGET_AFTER_MS + MAX_LOCK_MS));
    return db
      .insert(loginThrottle)
      .values({ key: keys[kind], failures: 1, lockedUntil: null, expiresAt })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`${failures} + 1`,
          lockedUntil: lock,
          expiresAt: sql`max(${expiresAt}, coalesce(${lock}, ${expiresAt}))`,
        },
      });
  });
  // The account's own count never locks; it is forgotten an hour after its last failure.
  const account = db
    .insert(loginThrottle)
    .values({ key: keys.account, failures: 1, lockedUntil: null, expiresAt: forget })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { failures: sql`${failures} + 1`, expiresAt: forget } });
  await db.batch([account, ...statements]);
}

export async function recordSuccess(db: Database, keys: ThrottleKeys) {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, keys.pair));
}
