/**
 * Sessions in D1. The cookie carries a random 256-bit token; only its SHA-256 is stored, so a
 * copy of the database opens no session. Each sign-in makes a new token (no fixation: a cookie
 * the browser already had is never adopted), sign-out deletes the row.
 */
import { and, eq, lte, or } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Database } from '../../../db/client.ts';
import { sessions, users } from '../../../db/maintainer-schema.ts';
import type { SessionStage } from '../../domain/vocabulary.ts';
import { HOUR_MS, DAY_MS, iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { randomToken, sha256Hex } from './secrets.ts';

/**
 * The cookie is `__Host-masar_session` (hono adds the prefix): `__Host-` binds it to this origin,
 * Secure, Path=/, no Domain (RFC 6265bis §4.1.3.2).
 */
export const SESSION_COOKIE = 'masar_session';
export const SESSION_IDLE_MS = 12 * HOUR_MS;
export const SESSION_MAX_MS = 7 * DAY_MS;
/** last_seen_at is rewritten at most this often, not on every request. */
const TOUCH_EVERY_MS = 5 * 60_000;

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get()) ?? null;
}

export async function findUser(db: Database, id: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.id, id)).get()) ?? null;
}

/** The CSRF token of a session: derived from the secret cookie token, so it needs no storage. */
export const csrfTokenFor = (token: string) => sha256Hex(`masar-csrf:${token}`);

export async function startSession(
  c: Context<AdminEnv>,
  userId: string,
  stage: SessionStage,
  now: Date,
): Promise<string> {
  const db = c.get('db');
  const previous = getCookie(c, SESSION_COOKIE, 'host');
  const token = randomToken();
  const statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
    db.insert(sessions).values({
      tokenHash: await sha256Hex(token),
      userId,
      stage,
      createdAt: iso(now),
      lastSeenAt: iso(now),
      expiresAt: iso(new Date(now.getTime() + SESSION_MAX_MS)),
    }),
    // Tidy this person's ended sessions while here.
    db
      .delete(sessions)
      .where(
        and(
          eq(sessions.userId, userId),
          or(
            lte(sessions.expiresAt, iso(now)),
            lte(sessions.lastSeenAt, iso(new Date(now.getTime() - SESSION_IDLE_MS))),
          ),
        ),
      ),
  ];
  if (previous) statements.push(db.delete(sessions).where(eq(sessions.tokenHash, await sha256Hex(previous))));
  await db.batch(statements);
  setCookie(c, SESSION_COOKIE, token, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
  return token;
}

export interface ActiveSession {
  tokenHash: string;
  token: string;
  stage: SessionStage;
  user: UserRow;
}

/** The session of the request's cookie, if it is still valid (idle and absolute expiry). */
export async function currentSession(c: Context<AdminEnv>, now: Date): Promise<ActiveSession | null> {
  const token = getCookie(c, SESSION_COOKIE, 'host');
  if (!token || token.length > 100) return null;
  const tokenHash = await sha256Hex(token);
  const db = c.get('db');
  const row = await db
    .select({
      userId: sessions.userId,
      stage: sessions.stage,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(eq(sessions.tokenHash, tokenHash))
    .get();
  if (!row) return null;
  const t = now.getTime();
  if (Date.parse(row.expiresAt) <= t || Date.parse(row.lastSeenAt) + SESSION_IDLE_MS <= t) {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return null;
  }
  const user = await findUser(db, row.userId);
  if (!user || user.disabledAt) return null;
  if (t - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: iso(now) })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  return { tokenHash, token, stage: row.stage, user };
}

export async function endSession(c: Context<AdminEnv>, tokenHash: string) {
  await c.get('db').delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  deleteCookie(c, SESSION_COOKIE, { prefix: 'host', path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
}
