/**
 * Sessions in D1. The cookie carries a random 256-bit token; only its SHA-256 is stored, so a
 * copy of the database opens no session. Each sign-in makes a new token (no fixation: a cookie
 * the browser already had is never adopted), sign-out deletes the row.
 */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Role, SessionStage } from '../../domain/vocabulary.ts';
import { first, HOUR_MS, DAY_MS, iso, parseJson } from '../db.ts';
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

export interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  areaPcodes: string[];
  organisationId: string | null;
  passwordHash: string | null;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpLastStep: number | null;
  disabledAt: string | null;
}

export const USER_COLUMNS = `id, email, display_name AS displayName, role, area_pcodes AS areaPcodes, organisation_id AS organisationId,
  password_hash AS passwordHash, totp_secret AS totpSecret, totp_pending_secret AS totpPendingSecret,
  totp_last_step AS totpLastStep, disabled_at AS disabledAt`;

export function toUser(row: Record<string, unknown> | null): UserRow | null {
  if (!row) return null;
  return { ...(row as unknown as UserRow), areaPcodes: parseJson<string[]>(row.areaPcodes) };
}

export async function findUserByEmail(d1: D1Database, email: string): Promise<UserRow | null> {
  return toUser(await first(d1, `SELECT ${USER_COLUMNS} FROM users WHERE email = ?`, email.trim().toLowerCase()));
}

export async function findUser(d1: D1Database, id: string): Promise<UserRow | null> {
  return toUser(await first(d1, `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, id));
}

/** The CSRF token of a session: derived from the secret cookie token, so it needs no storage. */
export const csrfTokenFor = (token: string) => sha256Hex(`masar-csrf:${token}`);

export async function startSession(c: Context<AdminEnv>, userId: string, stage: SessionStage, now: Date): Promise<string> {
  const d1 = c.env.DB;
  const previous = getCookie(c, SESSION_COOKIE, 'host');
  const token = randomToken();
  const statements = [
    d1.prepare('INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .bind(await sha256Hex(token), userId, stage, iso(now), iso(now), iso(new Date(now.getTime() + SESSION_MAX_MS))),
    // Tidy this person's ended sessions while here.
    d1.prepare('DELETE FROM sessions WHERE user_id = ? AND (expires_at <= ? OR last_seen_at <= ?)')
      .bind(userId, iso(now), iso(new Date(now.getTime() - SESSION_IDLE_MS))),
  ];
  if (previous) statements.push(d1.prepare('DELETE FROM sessions WHERE token_hash = ?').bind(await sha256Hex(previous)));
  await d1.batch(statements);
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
  const row = await first<{ userId: string; stage: SessionStage; lastSeenAt: string; expiresAt: string }>(
    c.env.DB,
    'SELECT user_id AS userId, stage, last_seen_at AS lastSeenAt, expires_at AS expiresAt FROM sessions WHERE token_hash = ?',
    tokenHash,
  );
  if (!row) return null;
  const t = now.getTime();
  if (Date.parse(row.expiresAt) <= t || Date.parse(row.lastSeenAt) + SESSION_IDLE_MS <= t) {
    await c.env.DB.prepare('DELETE FROM sessions WHERE token_hash = ?').bind(tokenHash).run();
    return null;
  }
  const user = await findUser(c.env.DB, row.userId);
  if (!user || user.disabledAt) return null;
  if (t - Date.parse(row.lastSeenAt) > TOUCH_EVERY_MS) {
    await c.env.DB.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').bind(iso(now), tokenHash).run();
  }
  return { tokenHash, token, stage: row.stage, user };
}

export async function endSession(c: Context<AdminEnv>, tokenHash: string) {
  await c.env.DB.prepare('DELETE FROM sessions WHERE token_hash = ?').bind(tokenHash).run();
  deleteCookie(c, SESSION_COOKIE, { prefix: 'host', path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
}

