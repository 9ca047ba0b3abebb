/** Invitations (M10): a one-time link with a role and scope, accepted by setting a password. */
import { z } from '@hono/zod-openapi';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { apiTokens, invitations, users } from '../../../db/maintainer-schema.ts';
import { conflict, gone, ProblemError } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { accountChange } from '../account-log.ts';
import { checkScope, Scope } from '../auth/grants.ts';
import { requireRole } from '../auth/policy.ts';
import { areaPathsOf, assertSameOrigin, type Principal } from '../auth/principal.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, randomToken, sha256Hex } from '../auth/secrets.ts';
import { DAY_MS, guard, iso, runBatch } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, jsonBody } from '../http.ts';
import { InvitationAccepted, InvitationCreated, InvitationList, type Invitation } from '../schemas/invitations.ts';
import { userView } from './users.ts';

export const INVITATION_TTL_MS = 7 * DAY_MS;
/** `invited_by` of the invitation written by `npm run admin:create`. */
export const CLI_INVITER = 'cli:admin:create';

const Invite = Scope.extend({ email: z.email().max(320) });
const Accept = z.object({
  token: z.string().min(20).max(100),
  display_name: z.string().trim().min(1).max(200),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(MAX_PASSWORD_LENGTH),
});

const inviteRoute = adminRoute({
  method: 'post',
  path: '/invitations',
  summary: 'Invite a person by a one-time link with a role and scope',
  request: jsonBody(Invite),
  created: InvitationCreated,
});
const invitationsRoute = adminRoute({
  method: 'get',
  path: '/invitations',
  summary: 'Invitations you sent (all, for admins)',
  ok: InvitationList,
});
const acceptRoute = adminRoute({
  method: 'post',
  path: '/invitations/accept',
  summary: 'Accept an invitation by setting a password',
  security: [],
  request: jsonBody(Accept),
  created: InvitationAccepted,
});

type InvitationRow = typeof invitations.$inferSelect;

const invitationView = (r: InvitationRow): z.output<typeof Invitation> => ({
  id: r.id,
  email: r.email,
  role: r.role,
  area_pcodes: r.areaPcodes,
  organisation_id: r.organisationId,
  invited_by: r.invitedBy,
  created_at: r.createdAt,
  expires_at: r.expiresAt,
  accepted_at: r.acceptedAt,
});

/** The inviter as they are now (role and scope), or null when the account is gone or disabled. */
async function currentInviter(db: Database, id: string): Promise<Principal | null> {
  const user = await db.select().from(users).where(eq(users.id, id)).get();
  if (!user) {
    // Invited through an API token (invited_by is then the token's id): it must not be revoked.
    const token = await db
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .get();
    if (!token) return null;
    return {
      kind: 'token',
      id: token.id,
      userId: null,
      label: token.name,
      role: token.role,
      areaPcodes: token.areaPcodes,
      areaPaths: await areaPathsOf(db, token.areaPcodes),
      organisationId: token.organisationId,
      canWrite: true,
      stage: 'full',
      sessionTokenHash: null,
      csrfToken: null,
    };
  }
  if (user.disabledAt) return null;
  return {
    kind: 'session',
    id: user.id,
    userId: user.id,
    label: user.displayName,
    role: user.role,
    areaPcodes: user.areaPcodes,
    areaPaths: await areaPathsOf(db, user.areaPcodes),
    organisationId: user.organisationId,
    canWrite: true,
    stage: 'full',
    sessionTokenHash: null,
    csrfToken: null,
  };
}

const spent = () => gone('This invitation link has expired or has already been used. Ask for a new one.');

export const invitationsRouter = createRouter<AdminEnv>()
  .openapi(inviteRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'invite people');
    const body = c.req.valid('json');
    const db = c.get('db');
    await checkScope(db, p, body);
    const email = body.email.trim().toLowerCase();
    if (await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
      throw conflict('There is already an account with this email.');
    }
    const token = randomToken();
    const now = c.get('now');
    const id = crypto.randomUUID();
    const expiresAt = iso(new Date(now.getTime() + INVITATION_TTL_MS));
    const scope = { role: body.role, area_pcodes: body.area_pcodes, organisation_id: body.organisation_id };
    await db.batch([
      db.insert(invitations).values({
        id,
        tokenHash: await sha256Hex(token),
        email,
        role: scope.role,
        areaPcodes: scope.area_pcodes,
        organisationId: scope.organisation_id,
        invitedBy: p.id,
        createdAt: iso(now),
        expiresAt,
      }),
      accountChange(db, p, iso(now), {
        entity: 'invitation',
        entityId: id,
        field: '*',
        new: { email, ...scope, expires_at: expiresAt },
      }),
    ]);
    // The token goes in the fragment: browsers send it to no server, and no log keeps it.
    const link = `${new URL(c.req.url).origin}/maintainers/#invitation=${token}`;
    return c.json({ id, token, link, expires_at: expiresAt }, 201);
  })
  .openapi(invitationsRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin', 'coordinator'], 'see invitations');
    const rows = await c
      .get('db')
      .select()
      .from(invitations)
      .where(p.role === 'admin' ? undefined : eq(invitations.invitedBy, p.id))
      .orderBy(desc(invitations.createdAt))
      .limit(200);
    return c.json({ items: rows.map(invitationView) }, 200);
  })
  .openapi(acceptRoute, async (c) => {
    assertSameOrigin(c);
    const body = c.req.valid('json');
    const now = c.get('now');
    const db = c.get('db');
    const invitation = await db
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, await sha256Hex(body.token)))
      .get();
    if (!invitation || invitation.acceptedAt || Date.parse(invitation.expiresAt) <= now.getTime()) throw spent();
    // The invitation is only as good as its inviter now: still active, still allowed to give
    // this role and scope.
    // The first admin's invitation comes from the operator's command line (db/seed/create-admin.mjs),
    // which only someone with database access can run: there is no inviter account to re-check.
    const fromCommandLine = invitation.invitedBy === CLI_INVITER && invitation.role === 'admin';
    const inviter = fromCommandLine ? null : await currentInviter(db, invitation.invitedBy);
    const stillAllowed =
      fromCommandLine ||
      (inviter !== null &&
        (await checkScope(db, inviter, {
          role: invitation.role,
          area_pcodes: invitation.areaPcodes,
          organisation_id: invitation.organisationId,
        }).then(
          () => true,
          (error) => {
            if (error instanceof ProblemError) return false;
            throw error;
          },
        )));
    if (!stillAllowed) {
      throw gone(
        'This invitation is no longer valid: the person who sent it can no longer give this role. Ask for a new one.',
      );
    }
    const userId = crypto.randomUUID();
    const passwordHash = await hashPassword(body.password);
    await runBatch(
      db,
      [
        // Only once: a second acceptance of the same link aborts here (a write guard: see db/maintainer-schema.ts).
        guard(db, invitations, and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt))),
        guard(db, users, eq(users.email, invitation.email), 'none'),
        db.insert(users).values({
          id: userId,
          email: invitation.email,
          displayName: body.display_name,
          role: invitation.role,
          areaPcodes: invitation.areaPcodes,
          organisationId: invitation.organisationId,
          passwordHash,
          createdBy: invitation.invitedBy,
          createdAt: iso(now),
          updatedAt: iso(now),
        }),
        db
          .update(invitations)
          .set({ acceptedAt: iso(now), acceptedUserId: userId })
          .where(eq(invitations.id, invitation.id)),
      ],
      spent,
    );
    const user = (await db.select().from(users).where(eq(users.id, userId)).get())!;
    return c.json({ user: userView(user), next: 'Sign in with your email and new password.' }, 201);
  });
