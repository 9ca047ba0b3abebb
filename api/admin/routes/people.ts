/** Invitations, accounts and API tokens (M10). */
import { z } from '@hono/zod-openapi';
import { and, eq, isNull } from 'drizzle-orm';
import { invitations, users } from '../../../db/maintainer-schema.ts';
import { API_TOKEN_ACCESS, PCODE_PATTERN, ROLES, type Role } from '../../domain/vocabulary.ts';
import { conflict, forbidden, gone, invalid, notFound, ProblemError } from '../../errors.ts';
import { all, DAY_MS, first, guard, iso, parseJson, runBatch } from '../db.ts';
import { adminRoute, IdParam, jsonBody } from '../http.ts';
import { createRouter } from '../../router.ts';
import type { AdminEnv } from '../env.ts';
import { areaInScope, coordinatorCoversOrganisation, requireRole } from '../auth/policy.ts';
import { areaPathsOf, assertSameOrigin, type Principal } from '../auth/principal.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, randomToken, sha256Hex } from '../auth/secrets.ts';
import { userView } from './session.ts';
import { toUser, USER_COLUMNS } from '../auth/session.ts';

export const INVITATION_TTL_MS = 7 * DAY_MS;
const Pcodes = z.array(z.string().regex(PCODE_PATTERN, 'must be P-codes')).max(50);

const Scope = z.object({
  role: z.enum(ROLES),
  area_pcodes: Pcodes.default([]),
  organisation_id: z.string().max(100).nullable().default(null),
});

const Invite = Scope.extend({ email: z.email().max(320) });
const Accept = z.object({
  token: z.string().min(20).max(100),
  display_name: z.string().trim().min(1).max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(MAX_PASSWORD_LENGTH),
});
export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
const NewToken = Scope.extend({
  name: z.string().trim().min(1).max(200),
  access: z.enum(API_TOKEN_ACCESS).default('read'),
  expires_in_days: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(TOKEN_DEFAULT_DAYS).openapi({ description: `Days until the token stops working (default ${TOKEN_DEFAULT_DAYS}, at most ${TOKEN_MAX_DAYS}).` }),
});

const UserPatch = z.object({
  role: z.enum(ROLES).optional(),
  area_pcodes: Pcodes.optional(),
  organisation_id: z.string().max(100).nullable().optional(),
  disabled: z.boolean().optional().openapi({ description: 'Disabling ends every session of the person at once.' }),
});

const ROLE_RANK: Record<Role, number> = { admin: 3, coordinator: 2, editor: 1, caseworker: 1 };

/** A role and scope are valid, and (for coordinators) no wider than the inviter's own. */
async function checkScope(d1: D1Database, p: Principal, scope: z.infer<typeof Scope>) {
  const bad = (name: string, reason: string) => invalid([{ in: 'body', name, reason }], null);
  if (scope.role === 'coordinator' && !scope.area_pcodes.length) throw bad('area_pcodes', 'a coordinator needs at least one area');
  if (scope.role === 'editor' && !scope.organisation_id) throw bad('organisation_id', 'an editor needs an organisation');
  if (scope.role !== 'editor' && scope.organisation_id) throw bad('organisation_id', 'only editors belong to an organisation');
  if ((scope.role === 'admin' || scope.role === 'editor') && scope.area_pcodes.length) throw bad('area_pcodes', `a ${scope.role} has no areas`);
  const known = await all<{ pcode: string }>(d1, 'SELECT pcode FROM areas WHERE pcode IN (SELECT value FROM json_each(?))', JSON.stringify(scope.area_pcodes));
  const unknown = scope.area_pcodes.filter((a) => !known.some((k) => k.pcode === a));
  if (unknown.length) throw bad('area_pcodes', `unknown P-codes: ${unknown.join(', ')}`);
  if (scope.organisation_id && !(await first(d1, 'SELECT id FROM organisations WHERE id = ?', scope.organisation_id))) throw bad('organisation_id', 'no such organisation');
  if (p.role === 'admin') return;
  // Coordinators: never a higher role, never a wider scope than their own.
  if (ROLE_RANK[scope.role] > ROLE_RANK[p.role] || scope.role === 'admin') throw forbidden(`You may not give the role ${scope.role}.`);
  if (scope.role !== 'editor' && !scope.area_pcodes.length) throw forbidden('Give areas within your own.');
  for (const pcode of scope.area_pcodes) if (!(await areaInScope(d1, p, pcode))) throw forbidden(`${pcode} is outside your areas.`);
  // Finding 2: an editor's scope is the whole organisation, so a coordinator gives it only for an
  // organisation wholly within their own scope (all its listings and locations); else an admin does.
  if (scope.organisation_id && !(await coordinatorCoversOrganisation(d1, p, scope.organisation_id))) {
    throw forbidden('Only an admin can make an editor of this organisation: some of its listings or locations are outside your areas.');
  }
}

/** The inviter as they are now (role and scope), or null when the account is gone or disabled. */
/** `invited_by` of the invitation written by `npm run admin:create`. */
export const CLI_INVITER = 'cli:admin:create';

async function currentInviter(d1: D1Database, userId: string): Promise<Principal | null> {
  const user = toUser(await first(d1, `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, userId));
  if (!user) {
    // Invited through an API token (invited_by is then the token's id): it must not be revoked.
    const token = await first<{ id: string; name: string; role: Role; area_pcodes: string; organisation_id: string | null }>(
      d1, 'SELECT id, name, role, area_pcodes, organisation_id FROM api_tokens WHERE id = ? AND revoked_at IS NULL', userId,
    );
    if (!token) return null;
    const areaPcodes = parseJson<string[]>(token.area_pcodes);
    return {
      kind: 'token', id: token.id, userId: null, label: token.name, role: token.role, areaPcodes, areaPaths: await areaPathsOf(d1, areaPcodes),
      organisationId: token.organisation_id, canWrite: true, stage: 'full', sessionTokenHash: null, csrfToken: null,
    };
  }
  if (user.disabledAt) return null;
  return {
    kind: 'session', id: user.id, userId: user.id, label: user.displayName, role: user.role, areaPcodes: user.areaPcodes,
    areaPaths: await areaPathsOf(d1, user.areaPcodes), organisationId: user.organisationId, canWrite: true, stage: 'full', sessionTokenHash: null, csrfToken: null,
  };
}

/** M10: account-level events in the change log (no service), like the user changes below. */
function auditStatement(d1: D1Database, p: Principal, at: string, entity: 'invitation' | 'api_token', entityId: string, field: string, value: unknown) {
  return d1
    .prepare(`INSERT INTO change_log (at, user_id, actor, entity, entity_id, service_id, field, old_value, new_value, reason) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL, ?, NULL)`)
    .bind(at, p.userId, p.label, entity, entityId, field, JSON.stringify(value));
}

const inviteRoute = adminRoute({ method: 'post', path: '/invitations', summary: 'Invite a person by a one-time link with a role and scope', request: jsonBody(Invite) });
const invitationsRoute = adminRoute({ method: 'get', path: '/invitations', summary: 'Invitations you sent (all, for admins)' });
const acceptRoute = adminRoute({ method: 'post', path: '/invitations/accept', summary: 'Accept an invitation by setting a password', security: [], request: jsonBody(Accept) });
const usersRoute = adminRoute({ method: 'get', path: '/users', summary: 'All accounts (admins)' });
const userPatchRoute = adminRoute({ method: 'patch', path: '/users/{id}', summary: 'Change a person\'s role or scope, or disable the account (admins)', request: { params: IdParam, ...jsonBody(UserPatch) } });
const newTokenRoute = adminRoute({ method: 'post', path: '/api-tokens', summary: 'Create a scoped API token for a partner integration (shown once; it expires, and ends with your account)', request: jsonBody(NewToken) });
const tokensRoute = adminRoute({ method: 'get', path: '/api-tokens', summary: 'API tokens (never their secret): creator, expiry, last use and state' });
const revokeTokenRoute = adminRoute({ method: 'delete', path: '/api-tokens/{id}', summary: 'Revoke an API token', request: { params: IdParam } });

const invitationView = (r: Record<string, unknown>) => ({
  id: r.id,
  email: r.email,
  role: r.role,
  area_pcodes: parseJson<string[]>(r.area_pcodes),
  organisation_id: r.organisation_id,
  invited_by: r.invited_by,
  created_at: r.created_at,
  expires_at: r.expires_at,
  accepted_at: r.accepted_at,
});

export const peopleRouter = createRouter<AdminEnv>()
  .openapi(inviteRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'invite people');
    const body = c.req.valid('json');
    await checkScope(c.env.DB, p, body);
    const email = body.email.trim().toLowerCase();
    if (await first(c.env.DB, 'SELECT id FROM users WHERE email = ?', email)) {
      throw conflict('There is already an account with this email.');
    }
    const token = randomToken();
    const now = c.get('now');
    const id = crypto.randomUUID();
    const expiresAt = iso(new Date(now.getTime() + INVITATION_TTL_MS));
    await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO invitations (id, token_hash, email, role, area_pcodes, organisation_id, invited_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(id, await sha256Hex(token), email, body.role, JSON.stringify(body.area_pcodes), body.organisation_id, p.id, iso(now), expiresAt),
      auditStatement(c.env.DB, p, iso(now), 'invitation', id, '*', { email, role: body.role, area_pcodes: body.area_pcodes, organisation_id: body.organisation_id, expires_at: expiresAt }),
    ]);
    // The token goes in the fragment: browsers send it to no server, and no log keeps it.
    const link = `${new URL(c.req.url).origin}/maintainers/#invitation=${token}`;
    return c.json({ id, token, link, expires_at: expiresAt }, 201);
  })
  .openapi(invitationsRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'see invitations');
    const rows =
      p.role === 'admin'
        ? await all(c.env.DB, 'SELECT * FROM invitations ORDER BY created_at DESC LIMIT 200')
        : await all(c.env.DB, 'SELECT * FROM invitations WHERE invited_by = ? ORDER BY created_at DESC LIMIT 200', p.id);
    return c.json({ items: rows.map(invitationView) }, 200);
  })
  .openapi(acceptRoute, async (c) => {
    assertSameOrigin(c);
    const body = c.req.valid('json');
    const now = c.get('now');
    const d1 = c.env.DB;
    const invitation = await first<Record<string, unknown>>(d1, 'SELECT * FROM invitations WHERE token_hash = ?', await sha256Hex(body.token));
    if (!invitation || invitation.accepted_at || Date.parse(String(invitation.expires_at)) <= now.getTime()) {
      throw gone('This invitation link has expired or has already been used. Ask for a new one.');
    }
    // Finding 2: the invitation is only as good as its inviter now: still active, still allowed
    // to give this role and scope.
    // The first admin's invitation comes from the operator's command line (db/seed/create-admin.mjs),
    // which only someone with database access can run: there is no inviter account to re-check.
    const fromCommandLine = invitation.invited_by === CLI_INVITER && invitation.role === 'admin';
    const inviter = fromCommandLine ? null : await currentInviter(d1, String(invitation.invited_by));
    const stillAllowed =
      fromCommandLine ||
      (inviter !== null &&
      (await checkScope(d1, inviter, { role: invitation.role as Role, area_pcodes: parseJson<string[]>(invitation.area_pcodes), organisation_id: (invitation.organisation_id as string | null) ?? null }).then(
        () => true,
        (error) => {
          if (error instanceof ProblemError) return false;
          throw error;
        },
      )));
    if (!stillAllowed) {
      throw gone('This invitation is no longer valid: the person who sent it can no longer give this role. Ask for a new one.');
    }
    const userId = crypto.randomUUID();
    const passwordHash = await hashPassword(body.password);
    const db = c.get('db');
    const invitationId = String(invitation.id);
    await runBatch(
      db,
      [
        // Only once: a second acceptance of the same link aborts here.
        guard(db, invitations, and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt))),
        guard(db, users, eq(users.email, String(invitation.email)), 'none'),
        db.insert(users).values({
          id: userId,
          email: String(invitation.email),
          displayName: body.display_name,
          role: invitation.role as Role,
          areaPcodes: parseJson<string[]>(invitation.area_pcodes),
          organisationId: (invitation.organisation_id as string | null) ?? null,
          passwordHash,
          createdBy: String(invitation.invited_by),
          createdAt: iso(now),
          updatedAt: iso(now),
        }),
        db.update(invitations).set({ acceptedAt: iso(now), acceptedUserId: userId }).where(eq(invitations.id, invitationId)),
      ],
      () => gone('This invitation link has expired or has already been used. Ask for a new one.'),
    );
    const user = toUser(await first(d1, `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, userId))!;
    return c.json({ user: userView(user), next: 'Sign in with your email and new password.' }, 201);
  })
  .openapi(usersRoute, async (c) => {
    requireRole(c.get('principal'), ['admin'], 'list accounts');
    const rows = await all(c.env.DB, `SELECT ${USER_COLUMNS} FROM users ORDER BY email`);
    return c.json({ items: rows.map((r) => userView(toUser(r)!)) }, 200);
  })
  .openapi(userPatchRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin'], 'change accounts');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const d1 = c.env.DB;
    const user = toUser(await first(d1, `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, id));
    if (!user) throw notFound('account', id);
    if (id === p.userId && (body.disabled || (body.role && body.role !== 'admin'))) {
      throw conflict('You cannot disable yourself or give up your own admin role.');
    }
    const scope = {
      role: body.role ?? user.role,
      area_pcodes: body.area_pcodes ?? (body.role && body.role !== user.role && ['admin', 'editor'].includes(body.role) ? [] : user.areaPcodes),
      organisation_id: body.organisation_id !== undefined ? body.organisation_id : body.role && body.role !== 'editor' ? null : user.organisationId,
    };
    await checkScope(d1, p, scope);
    const now = iso(c.get('now'));
    const disabledAt = body.disabled === undefined ? user.disabledAt : body.disabled ? (user.disabledAt ?? now) : null;
    const old = { role: user.role, area_pcodes: user.areaPcodes, organisation_id: user.organisationId, disabled: Boolean(user.disabledAt) };
    const next = { role: scope.role, area_pcodes: scope.area_pcodes, organisation_id: scope.organisation_id, disabled: Boolean(disabledAt) };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(next[k]));
    const statements = [
      d1.prepare('UPDATE users SET role = ?, area_pcodes = ?, organisation_id = ?, disabled_at = ?, updated_at = ? WHERE id = ?')
        .bind(scope.role, JSON.stringify(scope.area_pcodes), scope.organisation_id, disabledAt, now, id),
      ...changed.map((field) =>
        d1.prepare(
          `INSERT INTO change_log (at, user_id, actor, entity, entity_id, service_id, field, old_value, new_value, reason) VALUES (?, ?, ?, 'user', ?, NULL, ?, ?, ?, NULL)`,
        ).bind(now, p.userId, p.label, id, field, JSON.stringify(old[field]), JSON.stringify(next[field])),
      ),
    ];
    // A new role, scope or a disabled account takes effect at once: every session ends.
    if (changed.length) statements.push(d1.prepare('DELETE FROM sessions WHERE user_id = ?').bind(id));
    // Finding 2: a disabled account or a new role cancels the invitations it still has open.
    if (changed.includes('disabled') || changed.includes('role')) {
      statements.push(d1.prepare('UPDATE invitations SET expires_at = ?1 WHERE invited_by = ?2 AND accepted_at IS NULL AND expires_at > ?1').bind(now, id));
    }
    await d1.batch(statements);
    const updated = toUser(await first(d1, `SELECT ${USER_COLUMNS} FROM users WHERE id = ?`, id))!;
    return c.json({ ...userView(updated), disabled: Boolean(updated.disabledAt), changed_fields: changed }, 200);
  })
  .openapi(newTokenRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin'], 'create API tokens');
    // A token is tied to the person who made it (it ends with their account), so a token cannot make another.
    if (p.kind !== 'session' || !p.userId) throw forbidden('API tokens are made by a signed-in admin, not by another token.');
    const body = c.req.valid('json');
    await checkScope(c.env.DB, p, body);
    const token = randomToken();
    const id = crypto.randomUUID();
    const now = c.get('now');
    const expiresAt = iso(new Date(now.getTime() + body.expires_in_days * DAY_MS));
    await c.env.DB.batch([
      c.env.DB.prepare(
        `INSERT INTO api_tokens (id, token_hash, name, role, area_pcodes, organisation_id, access, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).bind(id, await sha256Hex(token), body.name, body.role, JSON.stringify(body.area_pcodes), body.organisation_id, body.access, p.userId, iso(now), expiresAt),
      auditStatement(c.env.DB, p, iso(now), 'api_token', id, '*', { name: body.name, role: body.role, area_pcodes: body.area_pcodes, organisation_id: body.organisation_id, access: body.access, expires_at: expiresAt }),
    ]);
    return c.json({ id, token, name: body.name, role: body.role, access: body.access, created_by: p.userId, expires_at: expiresAt }, 201);
  })
  .openapi(tokensRoute, async (c) => {
    requireRole(c.get('principal'), ['admin'], 'list API tokens');
    const now = iso(c.get('now'));
    const rows = await all<Record<string, unknown>>(
      c.env.DB,
      `SELECT t.id, t.name, t.role, t.area_pcodes, t.organisation_id, t.access, t.created_by, u.display_name AS created_by_name, t.created_at,
         t.expires_at, t.last_used_at, t.revoked_at,
         CASE WHEN t.revoked_at IS NOT NULL THEN 'revoked'
              WHEN t.expires_at IS NULL OR t.expires_at <= ?1 THEN 'expired'
              WHEN u.id IS NULL OR u.disabled_at IS NOT NULL OR u.role <> 'admin' THEN 'creator_inactive'
              ELSE 'active' END AS state
       FROM api_tokens t LEFT JOIN users u ON u.id = t.created_by ORDER BY t.created_at DESC`,
      now,
    );
    return c.json({ items: rows.map((r) => ({ ...r, area_pcodes: parseJson<string[]>(r.area_pcodes) })) }, 200);
  })
  .openapi(revokeTokenRoute, async (c) => {
    requireRole(c.get('principal'), ['admin'], 'revoke API tokens');
    const { id } = c.req.valid('param');
    const result = await c.env.DB.prepare('UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?').bind(iso(c.get('now')), id).run();
    if (!result.meta.changes) throw notFound('API token', id);
    await auditStatement(c.env.DB, c.get('principal'), iso(c.get('now')), 'api_token', id, 'revoked_at', iso(c.get('now'))).run();
    return c.body(null, 204);
  });
