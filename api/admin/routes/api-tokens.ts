/** Scoped API tokens for partner integrations (M10): made by a signed-in admin, shown once. */
import { z } from '@hono/zod-openapi';
import { desc, eq, sql } from 'drizzle-orm';
import { apiTokens, users } from '../../../db/maintainer-schema.ts';
import { API_TOKEN_ACCESS } from '../../domain/vocabulary.ts';
import { forbidden, notFound } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { accountChange } from '../account-log.ts';
import { checkScope, Scope } from '../auth/grants.ts';
import { requireRole } from '../auth/policy.ts';
import { randomToken, sha256Hex } from '../auth/secrets.ts';
import { DAY_MS, iso } from '../db.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, IdParam, jsonBody } from '../http.ts';
import { ApiTokenCreated, ApiTokenList, type API_TOKEN_STATES } from '../schemas/api-tokens.ts';

export const TOKEN_DEFAULT_DAYS = 90;
export const TOKEN_MAX_DAYS = 365;
const NewToken = Scope.extend({
  name: z.string().trim().min(1).max(200),
  access: z.enum(API_TOKEN_ACCESS).default('read'),
  expires_in_days: z
    .number()
    .int()
    .min(1)
    .max(TOKEN_MAX_DAYS)
    .default(TOKEN_DEFAULT_DAYS)
    .openapi({
      description: `Days until the token stops working (default ${TOKEN_DEFAULT_DAYS}, at most ${TOKEN_MAX_DAYS}).`,
    }),
});

const newTokenRoute = adminRoute({
  method: 'post',
  path: '/api-tokens',
  summary: 'Create a scoped API token for a partner integration (shown once; it expires, and ends with your account)',
  request: jsonBody(NewToken),
  created: ApiTokenCreated,
});
const tokensRoute = adminRoute({
  method: 'get',
  path: '/api-tokens',
  summary: 'API tokens (never their secret): creator, expiry, last use and state',
  ok: ApiTokenList,
});
const revokeTokenRoute = adminRoute({
  method: 'delete',
  path: '/api-tokens/{id}',
  summary: 'Revoke an API token',
  request: { params: IdParam },
  noContent: true,
});

export const apiTokensRouter = createRouter<AdminEnv>()
  .openapi(newTokenRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin'], 'create API tokens');
    // A token is tied to the person who made it (it ends with their account), so a token cannot make another.
    if (p.kind !== 'session' || !p.userId)
      throw forbidden('API tokens are made by a signed-in admin, not by another token.');
    const body = c.req.valid('json');
    const db = c.get('db');
    await checkScope(db, p, body);
    const token = randomToken();
    const id = crypto.randomUUID();
    const now = c.get('now');
    const expiresAt = iso(new Date(now.getTime() + body.expires_in_days * DAY_MS));
    const scope = { role: body.role, areaPcodes: body.area_pcodes, organisationId: body.organisation_id };
    await db.batch([
      db.insert(apiTokens).values({
        id,
        tokenHash: await sha256Hex(token),
        name: body.name,
        ...scope,
        access: body.access,
        createdBy: p.userId,
        createdAt: iso(now),
        expiresAt,
      }),
      accountChange(db, p, iso(now), {
        entity: 'api_token',
        entityId: id,
        field: '*',
        new: {
          name: body.name,
          role: body.role,
          area_pcodes: body.area_pcodes,
          organisation_id: body.organisation_id,
          access: body.access,
          expires_at: expiresAt,
        },
      }),
    ]);
    return c.json(
      { id, token, name: body.name, role: body.role, access: body.access, created_by: p.userId, expires_at: expiresAt },
      201,
    );
  })
  .openapi(tokensRoute, async (c) => {
    requireRole(c.get('principal'), ['admin'], 'list API tokens');
    const now = iso(c.get('now'));
    const items = await c
      .get('db')
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        role: apiTokens.role,
        area_pcodes: apiTokens.areaPcodes,
        organisation_id: apiTokens.organisationId,
        access: apiTokens.access,
        created_by: apiTokens.createdBy,
        created_by_name: users.displayName,
        created_at: apiTokens.createdAt,
        expires_at: apiTokens.expiresAt,
        last_used_at: apiTokens.lastUsedAt,
        revoked_at: apiTokens.revokedAt,
        // The same rule as signing in with a token (auth/principal.ts), said for each token.
        state: sql<(typeof API_TOKEN_STATES)[number]>`CASE WHEN ${apiTokens.revokedAt} IS NOT NULL THEN 'revoked'
          WHEN ${apiTokens.expiresAt} IS NULL OR ${apiTokens.expiresAt} <= ${now} THEN 'expired'
          WHEN ${users.id} IS NULL OR ${users.disabledAt} IS NOT NULL OR ${users.role} <> 'admin'
            THEN 'creator_inactive'
          ELSE 'active' END`,
      })
      .from(apiTokens)
      .leftJoin(users, eq(users.id, apiTokens.createdBy))
      .orderBy(desc(apiTokens.createdAt));
    return c.json({ items }, 200);
  })
  .openapi(revokeTokenRoute, async (c) => {
    const p = c.get('principal');
    requireRole(p, ['admin'], 'revoke API tokens');
    const { id } = c.req.valid('param');
    const db = c.get('db');
    const now = iso(c.get('now'));
    const result = await db
      .update(apiTokens)
      .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, ${now})` })
      .where(eq(apiTokens.id, id));
    if (!result.meta.changes) throw notFound('API token', id);
    await accountChange(db, p, now, { entity: 'api_token', entityId: id, field: 'revoked_at', new: now });
    return c.body(null, 204);
  });
