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
import type { Context } from 'hono';
import { first, HOUR_MS, DAY_MS, iso } from '../db.ts';
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
  await c.env.DB.batch([
    c.env.DB.prepare('INSERT OR IGNORE INTO auth_keys (id, secret, created_at) VALUES (?, ?, ?)').bind(id, randomToken(), iso(now)),
    c.env.DB.prepare('DELETE FROM auth_keys WHERE created_at < ?').bind(iso(new Date(now.getTime() - 2 * DAY_MS))),
  ]);
  return (await first<{ secret: string }>(c.env.DB, 'SELECT secret FROM auth_keys WHERE id = ?', id))!.secret;
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
export async function lockedForSeconds(d1: D1Database, keys: ThrottleKeys, now: Date): Promise<number | null> {
  await d1.prepare('DELETE FROM login_throttle WHERE expires_at <= ?').bind(iso(now)).run();
  const row = await first<{ lockedUntil: string | null }>(
    d1,
    'SELECT max(locked_until) AS lockedUntil FROM login_throttle WHERE key IN (?, ?) AND locked_until > ?',
    keys.pair,
    keys.source,
    iso(now),
  );
  return row?.lockedUntil ? Math.max(1, Math.ceil((Date.parse(row.lockedUntil) - now.getTime()) / 1000)) : null;
}

/** Whether the account has had so many failures, from anywhere, that it wants password and code together. */
export async function accountIsStrict(d1: D1Database, keys: ThrottleKeys, now: Date): Promise<boolean> {
  const row = await first<{ failures: number }>(d1, 'SELECT failures FROM login_throttle WHERE key = ? AND expires_at > ?', keys.account, iso(now));
  return (row?.failures ?? 0) >= ACCOUNT_STRICT_AFTER;
}

export async function recordFailure(d1: D1Database, keys: ThrottleKeys, now: Date) {
  const forget = iso(new Date(now.getTime() + FORGET_AFTER_MS));
  const statements = (Object.keys(LIMITS) as Kind[]).map((kind) => {
    // After the limit, the lock is BASE × 2^(failures − limit), capped.
    const lock = `CASE WHEN failures + 1 >= ${LIMITS[kind]}
        THEN strftime('%Y-%m-%dT%H:%M:%fZ', ?2, '+' || min(${MAX_LOCK_MS / 1000}, ${BASE_LOCK_MS / 1000} * (1 << min(20, failures + 1 - ${LIMITS[kind]}))) || ' seconds')
        ELSE NULL END`;
    return d1
      .prepare(
        `INSERT INTO login_throttle (key, failures, locked_until, expires_at) VALUES (?1, 1, NULL, ?3)
         ON CONFLICT (key) DO UPDATE SET failures = failures + 1, locked_until = ${lock},
           expires_at = max(?3, coalesce(${lock}, ?3))`,
      )
      .bind(keys[kind], iso(now), iso(new Date(now.getTime() + FORGET_AFTER_MS + MAX_LOCK_MS)));
  });
  // The account's own count never locks; it is forgotten an hour after its last failure.
  statements.push(
    d1
      .prepare(
        `INSERT INTO login_throttle (key, failures, locked_until, expires_at) VALUES (?1, 1, NULL, ?2)
         ON CONFLICT (key) DO UPDATE SET failures = failures + 1, expires_at = ?2`,
      )
      .bind(keys.account, forget),
  );
  await d1.batch(statements);
}

export async function recordSuccess(d1: D1Database, keys: ThrottleKeys) {
  await d1.prepare('DELETE FROM login_throttle WHERE key = ?').bind(keys.pair).run();
}
