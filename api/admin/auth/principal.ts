/**
 * Who is asking, on every admin route: a signed-in person (session cookie) or a partner
 * integration (API token). Cookie-authenticated writes must also pass the CSRF checks.
 */
import { eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { apiTokens, users } from '../../../db/maintainer-schema.ts';
import type { Role, SessionStage } from '../../domain/vocabulary.ts';
import { forbidden, unauthorized } from '../../errors.ts';
import type { Database } from '../../../db/client.ts';
import { pathsOfAreas } from '../../queries/areas.ts';
import { iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { sameText, sha256Hex } from './secrets.ts';
import { csrfTokenFor, currentSession } from './session.ts';

export interface Principal {
  kind: 'session' | 'token';
  /** The user's id, or the API token's id. */
  id: string;
  userId: string | null;
  /** How the change log names them. */
  label: string;
  role: Role;
  areaPcodes: string[];
  /** Paths ("/IQ/IQG21/") of areaPcodes: an area is in scope when its path starts with one. */
  areaPaths: string[];
  organisationId: string | null;
  canWrite: boolean;
  stage: SessionStage;
  sessionTokenHash: string | null;
  csrfToken: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** An API token's last_used_at is rewritten at most this often, not on every request. */
const TOKEN_TOUCH_EVERY_MS = 60_000;
export const CSRF_HEADER = 'X-CSRF-Token';

/**
 * Same-origin proof for a state-changing request from a browser: the Origin header, when sent,
 * must be this origin, and Sec-Fetch-Site, when sent, must be same-origin; one of them must be
 * there (every current browser sends Origin on POST, PATCH, PUT and DELETE).
 */
export function assertSameOrigin(c: Context) {
  const origin = c.req.header('Origin');
  const site = c.req.header('Sec-Fetch-Site');
  const ours = new URL(c.req.url).origin;
  if (origin !== undefined && origin !== ours) throw forbidden('Cross-origin request refused (CSRF).');
  if (site !== undefined && site !== 'same-origin') throw forbidden('Cross-site request refused (CSRF).');
  if (origin === undefined && site === undefined) throw forbidden('Request without Origin refused (CSRF).');
}

export function areaPathsOf(db: Database, pcodes: string[]): Promise<string[]> {
  return pathsOfAreas(db, pcodes);
}

/** Routes anyone may call: signing in and accepting an invitation (they check Origin themselves). */
export const OPEN_ROUTES = new Set(['POST /session', 'POST /invitations/accept']);
/** What a person who still has to enrol a second factor may do. */
const ENROLMENT_ROUTES = new Set([
  'GET /session',
  'DELETE /session',
  'POST /session/password',
  'POST /session/totp',
  'POST /session/totp/confirm',
]);

export const authenticate = (base: string) =>
  createMiddleware<AdminEnv>(async (c, next) => {
    c.set('now', new Date());
    const route = `${c.req.method} ${c.req.path.slice(base.length) || '/'}`;
    if (OPEN_ROUTES.has(route)) return next();
    const principal = (await fromToken(c)) ?? (await fromSession(c));
    if (!principal) throw unauthorized();
    if (principal.stage === 'enrol_totp' && !ENROLMENT_ROUTES.has(route)) {
      throw forbidden('Set up your second factor (TOTP) first: POST /api/v1/admin/session/totp.');
    }
    if (!SAFE_METHODS.has(c.req.method)) {
      if (!principal.canWrite) throw forbidden('This API token is read-only.');
      if (principal.kind === 'session') {
        assertSameOrigin(c);
        const sent = c.req.header(CSRF_HEADER) ?? '';
        if (!principal.csrfToken || !sameText(sent, principal.csrfToken))
          throw forbidden(`Missing or wrong ${CSRF_HEADER} header (CSRF).`);
      }
    }
    c.set('principal', principal);
    return next();
  });

async function fromSession(c: Context<AdminEnv>): Promise<Principal | null> {
  const session = await currentSession(c, c.get('now'));
  if (!session) return null;
  const u = session.user;
  return {
    kind: 'session',
    id: u.id,
    userId: u.id,
    label: u.displayName,
    role: u.role,
    areaPcodes: u.areaPcodes,
    areaPaths: await areaPathsOf(c.get('db'), u.areaPcodes),
    organisationId: u.organisationId,
    canWrite: true,
    stage: session.stage,
    sessionTokenHash: session.tokenHash,
    csrfToken: await csrfTokenFor(session.token),
  };
}

async function fromToken(c: Context<AdminEnv>): Promise<Principal | null> {
  const header = c.req.header('Authorization');
  if (!header) return null;
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header);
  if (!match?.[1]) throw unauthorized('Malformed Authorization header.');
  // A token works while it is unrevoked, unexpired, and its creator is still an active admin.
  const db = c.get('db');
  const row = await db
    .select({
      token: apiTokens,
      creatorId: users.id,
      creatorRole: users.role,
      creatorDisabledAt: users.disabledAt,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.tokenHash, await sha256Hex(match[1])))
    .get();
  const now = c.get('now');
  const token = row?.token;
  if (!row || !token || token.revokedAt) throw unauthorized('Unknown or revoked API token.');
  if (!token.expiresAt || Date.parse(token.expiresAt) <= now.getTime())
    throw unauthorized('This API token has expired; an admin makes a new one.');
  if (!row.creatorId || row.creatorDisabledAt || row.creatorRole !== 'admin') {
    throw unauthorized('This API token ended with the account of the admin who made it; an admin makes a new one.');
  }
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) >= TOKEN_TOUCH_EVERY_MS) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: iso(now) })
      .where(eq(apiTokens.id, token.id));
  }
  return {
    kind: 'token',
    id: token.id,
    userId: null,
    label: `API token "${token.name}"`,
    role: token.role,
    areaPcodes: token.areaPcodes,
    areaPaths: await areaPathsOf(db, token.areaPcodes),
    organisationId: token.organisationId,
    canWrite: token.access === 'write',
    stage: 'full',
    sessionTokenHash: null,
    csrfToken: null,
  };
}
