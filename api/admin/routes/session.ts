/** Signing in and out, changing one's password and enrolling the second factor (M10). */
import { z } from '@hono/zod-openapi';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { sessions, users } from '../../../db/maintainer-schema.ts';
import { ROLES, type SessionStage } from '../../domain/vocabulary.ts';
import { conflict, forbidden, invalid, signInFailed, tooManyRequests, type ProblemMembers } from '../../errors.ts';
import { iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, jsonBody } from '../http.ts';
import { createRouter } from '../../router.ts';
import { assertSameOrigin, type Principal } from '../auth/principal.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyPassword } from '../auth/secrets.ts';
import { csrfTokenFor, endSession, findUser, findUserByEmail, startSession } from '../auth/session.ts';
import { accountIsStrict, lockedForSeconds, recordFailure, recordSuccess, throttleKeys } from '../auth/throttle.ts';
import { matchTotp, newTotpSecret, otpauthUri } from '../auth/totp.ts';
import { CurrentSession, SignedIn, TotpEnrolment } from '../schemas/session.ts';
import { userView } from './users.ts';

/**
 * Roles that must have a second factor: every role, because every role reads what a password
 * alone must not open (practitioner-only routes and referral details for caseworkers and
 * editors, confidential addresses for admins, coordinators and editors).
 */
export const TOTP_ROLES: ReadonlySet<string> = new Set(ROLES);

const SignIn = z.object({
  email: z.string().trim().max(320),
  password: z.string().max(MAX_PASSWORD_LENGTH),
  totp_code: z.string().max(10).optional(),
});

const signInRoute = adminRoute({
  method: 'post',
  path: '/session',
  summary: 'Sign in (email, password and the TOTP code; a new account enrols its second factor first)',
  security: [],
  request: jsonBody(SignIn),
  ok: SignedIn,
});
const sessionRoute = adminRoute({
  method: 'get',
  path: '/session',
  summary: 'The signed-in person and the CSRF token for writes',
  ok: CurrentSession,
});
const signOutRoute = adminRoute({
  method: 'delete',
  path: '/session',
  summary: 'Sign out: the session is deleted',
  noContent: true,
});
const totpStartRoute = adminRoute({
  method: 'post',
  path: '/session/totp',
  summary: 'Start TOTP enrolment: a new secret to put in an authenticator app',
  ok: TotpEnrolment,
});
const totpConfirmRoute = adminRoute({
  method: 'post',
  path: '/session/totp/confirm',
  summary: 'Confirm TOTP enrolment with a code from the app',
  request: jsonBody(z.object({ code: z.string().max(10) })),
  ok: SignedIn,
});

const passwordRoute = adminRoute({
  method: 'post',
  path: '/session/password',
  summary: 'Change your password (your other sessions end)',
  request: jsonBody(
    z.object({
      current_password: z.string().max(MAX_PASSWORD_LENGTH),
      new_password: z
        .string()
        .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
        .max(MAX_PASSWORD_LENGTH),
    }),
  ),
  ok: SignedIn,
});

type SignInMembers = Pick<ProblemMembers, 'totp_required'>;

export const sessionRouter = createRouter<AdminEnv>()
  .openapi(signInRoute, async (c) => {
    assertSameOrigin(c);
    const { email, password, totp_code } = c.req.valid('json');
    const now = c.get('now');
    const db = c.get('db');
    const keys = await throttleKeys(c, email, now);
    const locked = await lockedForSeconds(db, keys, now);
    if (locked !== null) {
      throw tooManyRequests('Too many attempts', `Too many failed sign-ins. Try again in ${locked} seconds.`, locked);
    }
    const strict = await accountIsStrict(db, keys, now);
    const user = await findUserByEmail(db, email);
    const passwordOk = await verifyPassword(password, user?.passwordHash ?? null);
    // Under guessing from many sources, one answer for any wrong part (see auth/throttle.ts).
    const refuse = async (detail: string, extra: SignInMembers = {}): Promise<never> => {
      await recordFailure(db, keys, now);
      throw strict
        ? signInFailed('The email, the password or the authenticator code is wrong.', { totp_required: true })
        : signInFailed(detail, extra);
    };
    if (!user || user.disabledAt || !passwordOk) return refuse('The email or the password is wrong.');
    let stage: SessionStage = 'full';
    if (user.totpSecret) {
      if (!totp_code) {
        if (strict) return refuse('');
        throw signInFailed('Enter the code from your authenticator app.', { totp_required: true });
      }
      const step = await matchTotp(user.totpSecret, totp_code.trim(), now, user.totpLastStep);
      if (step === null) return refuse('The authenticator code is wrong or was already used.', { totp_required: true });
      // Finding 5: claim the step atomically, so concurrent sign-ins with one code get one session.
      const claimed = await db
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))));
      if (!claimed.meta.changes)
        return refuse('The authenticator code is wrong or was already used.', { totp_required: true });
    } else if (TOTP_ROLES.has(user.role)) {
      stage = 'enrol_totp';
    }
    await recordSuccess(db, keys);
    const token = await startSession(c, user.id, stage, now);
    return c.json({ user: userView(user), stage, csrf_token: await csrfTokenFor(token) }, 200);
  })
  .openapi(sessionRoute, async (c) => {
    const p = c.get('principal');
    const user = p.userId ? await findUser(c.get('db'), p.userId) : null;
    return c.json(
      { user: user ? userView(user) : null, role: p.role, via: p.kind, stage: p.stage, csrf_token: p.csrfToken },
      200,
    );
  })
  .openapi(signOutRoute, async (c) => {
    const p = sessionPrincipal(c.get('principal'));
    await endSession(c, p.sessionTokenHash!);
    return c.body(null, 204);
  })
  .openapi(passwordRoute, async (c) => {
    const p = sessionPrincipal(c.get('principal'));
    const db = c.get('db');
    const user = (await findUser(db, p.userId!))!;
    const body = c.req.valid('json');
    const now = c.get('now');
    const keys = await throttleKeys(c, user.email, now);
    if ((await lockedForSeconds(db, keys, now)) !== null)
      throw tooManyRequests('Too many attempts', 'Too many wrong passwords; try again later.');
    if (!(await verifyPassword(body.current_password, user.passwordHash))) {
      await recordFailure(db, keys, now);
      throw invalid([{ in: 'body', name: 'current_password', reason: 'is wrong' }], null);
    }
    await db.batch([
      db
        .update(users)
        .set({ passwordHash: await hashPassword(body.new_password), updatedAt: iso(now) })
        .where(eq(users.id, user.id)),
      db.delete(sessions).where(eq(sessions.userId, user.id)),
    ]);
    const token = await startSession(c, user.id, p.stage, now);
    return c.json({ user: userView(user), stage: p.stage, csrf_token: await csrfTokenFor(token) }, 200);
  })
  .openapi(totpStartRoute, async (c) => {
    const p = sessionPrincipal(c.get('principal'));
    const db = c.get('db');
    const user = (await findUser(db, p.userId!))!;
    if (user.totpSecret) throw conflict('A second factor is already set up.');
    const secret = newTotpSecret();
    await db
      .update(users)
      .set({ totpPendingSecret: secret, updatedAt: iso(c.get('now')) })
      .where(eq(users.id, user.id));
    return c.json({ secret, otpauth_uri: otpauthUri(secret, user.email, c.env.SITE_NAME || 'Masar') }, 200);
  })
  .openapi(totpConfirmRoute, async (c) => {
    const p = sessionPrincipal(c.get('principal'));
    const db = c.get('db');
    const user = (await findUser(db, p.userId!))!;
    if (!user.totpPendingSecret) throw conflict('Start enrolment first.');
    const now = c.get('now');
    const step = await matchTotp(user.totpPendingSecret, c.req.valid('json').code.trim(), now, null);
    if (step === null)
      throw invalid(
        [{ in: 'body', name: 'code', reason: 'does not match' }],
        'The code does not match; check the time on your phone.',
      );
    await db
      .update(users)
      .set({
        totpSecret: sql`${users.totpPendingSecret}`,
        totpPendingSecret: null,
        totpLastStep: step,
        updatedAt: iso(now),
      })
      .where(eq(users.id, user.id));
    // A new session at the new level; startSession deletes the old one (rotation).
    const token = await startSession(c, user.id, 'full', now);
    return c.json(
      { user: userView({ ...user, totpSecret: 'set' }), stage: 'full', csrf_token: await csrfTokenFor(token) },
      200,
    );
  });

function sessionPrincipal(p: Principal): Principal {
  if (p.kind !== 'session' || !p.userId || !p.sessionTokenHash)
    throw forbidden('Only a signed-in person can do this, not an API token.');
  return p;
}
