/** Accounts (M10): admins list them, change a person's role or scope, or disable an account. */
import { z } from '@hono/zod-openapi';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { invitations, sessions, users } from '../../../db/maintainer-schema.ts';
import { ROLES } from '../../domain/vocabulary.ts';
import { conflict, notFound } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { accountChange } from '../account-log.ts';
import { checkScope, Pcodes } from '../auth/grants.ts';
import { requireRole } from '../auth/policy.ts';
import type { UserRow } from '../auth/session.ts';
import { iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, IdParam, jsonBody } from '../http.ts';
import { User, UserChanged, UserList } from '../schemas/users.ts';

/** An account as the API shows it: never a password hash or a TOTP secret. */
export function userView(u: UserRow): z.output<typeof User> {
  return {
    id: u.id,
    email: u.email,
    display_name: u.displayName,
    role: u.role,
    area_pcodes: u.areaPcodes,
    organisation_id: u.organisationId,
    totp_enabled: u.totpSecret !== null,
  };
}

const UserPatch = z.object({
  role: z.enum(ROLES).optional(),
  area_pcodes: Pcodes.optional(),
  organisation_id: z.string().max(100).nullable().optional(),
  disabled: z.boolean().optional().openapi({ description: 'Disabling ends every session of the person at once.' }),
});

const usersRoute = adminRoute({ method: 'get', path: '/users', summary: 'All accounts (admins)', ok: UserList });
const userPatchRoute = adminRoute({
  method: 'patch',
  path: '/users/{id}',
  summary: "Change a person's role or scope, or disable the account (admins)",
  request: { params: IdParam, ...jsonBody(UserPatch) },
  ok: UserChanged,
});

export const usersRouter = createRouter<AdminEnv>()
  .openapi(usersRoute, async (c) => {
    requireRole(c.get('principal'), ['admin'], 'list accounts');
    const rows = await c.get('db').select().from(users).orderBy(users.email);
    return c.json({ items: rows.map(userView) }, 200);
  })
  .openapi(userPatchRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin'], 'change accounts');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const db = c.get('db');
    const user = await db.select().from(users).where(eq(users.id, id)).get();
    if (!user) throw notFound('account', id);
    if (id === p.userId && (body.disabled || (body.role && body.role !== 'admin'))) {
      throw conflict('You cannot disable yourself or give up your own admin role.');
    }
    const scope = {
      role: body.role ?? user.role,
      area_pcodes:
        body.area_pcodes ??
        (body.role && body.role !== user.role && ['admin', 'editor'].includes(body.role) ? [] : user.areaPcodes),
      organisation_id:
        body.organisation_id !== undefined
          ? body.organisation_id
          : body.role && body.role !== 'editor'
            ? null
            : user.organisationId,
    };
    await checkScope(db, p, scope);
    const now = iso(c.get('now'));
    const disabledAt = body.disabled === undefined ? user.disabledAt : body.disabled ? (user.disabledAt ?? now) : null;
    const old = {
      role: user.role,
      area_pcodes: user.areaPcodes,
      organisation_id: user.organisationId,
      disabled: Boolean(user.disabledAt),
    };
    const next = {
      role: scope.role,
      area_pcodes: scope.area_pcodes,
      organisation_id: scope.organisation_id,
      disabled: Boolean(disabledAt),
    };
    const changed = (Object.keys(next) as Array<keyof typeof next>).filter(
      (k) => JSON.stringify(old[k]) !== JSON.stringify(next[k]),
    );
    const statements: [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]] = [
      db
        .update(users)
        .set({
          role: scope.role,
          areaPcodes: scope.area_pcodes,
          organisationId: scope.organisation_id,
          disabledAt,
          updatedAt: now,
        })
        .where(eq(users.id, id)),
      ...changed.map((field) =>
        accountChange(db, p, now, { entity: 'user', entityId: id, field, old: old[field], new: next[field] }),
      ),
    ];
    // A new role, scope or a disabled account takes effect at once: every session ends.
    if (changed.length) statements.push(db.delete(sessions).where(eq(sessions.userId, id)));
    // A disabled account or a new role cancels the invitations it still has open.
    if (changed.includes('disabled') || changed.includes('role')) {
      statements.push(
        db
          .update(invitations)
          .set({ expiresAt: now })
          .where(and(eq(invitations.invitedBy, id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now))),
      );
    }
    await db.batch(statements);
    const updated = (await db.select().from(users).where(eq(users.id, id)).get())!;
    return c.json({ ...userView(updated), disabled: Boolean(updated.disabledAt), changed_fields: changed }, 200);
  });
