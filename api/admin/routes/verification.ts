/** M1, M2: verification records and test calls. */
import { z } from '@hono/zod-openapi';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { testCalls, verifications } from '../../../db/maintainer-schema.ts';
import { contactRoutes } from '../../../db/schema.ts';
import {
  FEMALE_STAFF_OFFERED,
  isCallableKind,
  VERIFICATION_METHODS,
  VERIFICATION_RESULTS,
} from '../../domain/vocabulary.ts';
import { invalid, notFound } from '../../errors.ts';
import { iso } from '../db.ts';
import { adminRoute, IdParam, jsonBody, writeContext } from '../http.ts';
import { createRouter } from '../../router.ts';
import type { AdminEnv } from '../env.ts';
import { authorizeService } from '../auth/policy.ts';
import { apiRow } from '../edit/entities.ts';
import { represent } from '../edit/write.ts';
import { recordVerification } from '../edit/verification.ts';
import { TestCallList, TestCallLogged, VerificationList, VerificationRecorded } from '../schemas/verification.ts';

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Masar administrator',
  coordinator: 'Masar coordinator',
  editor: 'Masar editor',
  caseworker: 'Masar caseworker',
};

const notFuture = (value: string | undefined, now: Date, name = 'verified_at') => {
  const at = value ? new Date(value) : now;
  if (at.getTime() > now.getTime() + 5 * 60_000) {
    throw invalid([{ in: 'body', name, reason: 'must not be in the future' }], null);
  }
  return at;
};

const VerificationBody = z.object({
  contact_route_id: z
    .string()
    .max(100)
    .nullable()
    .optional()
    .openapi({ description: 'Verify this contact route; without it, the listing as a whole.' }),
  method: z.enum(VERIFICATION_METHODS),
  result: z.enum(VERIFICATION_RESULTS),
  note: z.string().trim().max(2000).nullable().optional(),
  verified_at: z.iso.datetime({ offset: true }).optional(),
});

const TestCallBody = z.object({
  answered: z.boolean(),
  language_offered: z
    .string()
    .regex(/^[a-z]{2,3}$/)
    .nullable()
    .optional(),
  female_staff_offered: z.enum(FEMALE_STAFF_OFFERED).default('not_asked'),
  note: z.string().trim().max(2000).nullable().optional(),
  called_at: z.iso.datetime({ offset: true }).optional(),
  verify: z
    .boolean()
    .default(false)
    .openapi({ description: 'An answered call also records a verification of the route (method call).' }),
});

const r = {
  verify: adminRoute({
    method: 'post',
    path: '/services/{id}/verifications',
    summary: 'Record a verification of a listing or of one of its contact routes',
    request: { params: IdParam, ...jsonBody(VerificationBody) },
    created: VerificationRecorded,
  }),
  verifications: adminRoute({
    method: 'get',
    path: '/services/{id}/verifications',
    summary: 'Verification records of a listing and its routes',
    request: { params: IdParam },
    ok: VerificationList,
  }),
  testCall: adminRoute({
    method: 'post',
    path: '/contact-routes/{id}/test-calls',
    summary: 'Log a test call to a phone route',
    request: { params: IdParam, ...jsonBody(TestCallBody) },
    created: TestCallLogged,
  }),
  testCalls: adminRoute({
    method: 'get',
    path: '/contact-routes/{id}/test-calls',
    summary: 'Test calls of a route with its answer rate',
    request: { params: IdParam },
    ok: TestCallList,
  }),
};

async function routeOf(db: Database, id: string) {
  const route = await db
    .select({ serviceId: contactRoutes.serviceId, kind: contactRoutes.kind })
    .from(contactRoutes)
    .where(eq(contactRoutes.id, id))
    .get();
  if (!route) throw notFound('contact route', id);
  return route;
}

export async function answerRate(db: Database, routeId: string) {
  const row = await db
    .select({
      calls: sql<number>`count(*)`.mapWith(Number),
      answered: sql<number>`coalesce(sum(${testCalls.answered}), 0)`.mapWith(Number),
    })
    .from(testCalls)
    .where(eq(testCalls.contactRouteId, routeId))
    .get();
  const calls = row?.calls ?? 0;
  return { calls, answered: row?.answered ?? 0, answer_rate: calls ? (row?.answered ?? 0) / calls : null };
}

export const verificationRouter = createRouter<AdminEnv>()
  .openapi(r.verify, async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    await authorizeService(c.get('db'), p, id, 'verify');
    const body = c.req.valid('json');
    if (body.contact_route_id && (await routeOf(c.get('db'), body.contact_route_id)).serviceId !== id) {
      throw invalid([{ in: 'body', name: 'contact_route_id', reason: 'is not a contact route of this service' }], null);
    }
    const now = c.get('now');
    const result = await recordVerification(writeContext(c, null), {
      serviceId: id,
      contactRouteId: body.contact_route_id ?? null,
      method: body.method,
      result: body.result,
      note: body.note ?? null,
      verifiedAt: notFuture(body.verified_at, now),
      verifiedByLabel: ROLE_LABELS[p.role] ?? 'Masar',
    });
    return c.json({ id: result.id, next_due: result.nextDue, target: represent(result.target) }, 201);
  })
  .openapi(r.verifications, async (c) => {
    const { id } = c.req.valid('param');
    await authorizeService(c.get('db'), c.get('principal'), id, 'history');
    const rows = await c
      .get('db')
      .select()
      .from(verifications)
      .where(eq(verifications.serviceId, id))
      .orderBy(desc(verifications.verifiedAt), asc(verifications.id));
    return c.json({ items: rows.map((row) => apiRow(verifications, row)) }, 200);
  })
  .openapi(r.testCall, async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    const db = c.get('db');
    const route = await routeOf(db, id);
    await authorizeService(c.get('db'), p, route.serviceId, 'verify');
    if (!isCallableKind(route.kind)) {
      throw invalid(
        [{ in: 'path', name: 'id', reason: 'is not a phone route' }],
        `A ${route.kind} route cannot be called.`,
      );
    }
    const body = c.req.valid('json');
    const now = c.get('now');
    const calledAt = notFuture(body.called_at, now, 'called_at');
    const callId = crypto.randomUUID();
    await db.insert(testCalls).values({
      id: callId,
      contactRouteId: id,
      serviceId: route.serviceId,
      calledAt: iso(calledAt),
      answered: body.answered,
      languageOffered: body.answered ? (body.language_offered ?? null) : null,
      femaleStaffOffered: body.female_staff_offered,
      note: body.note ?? null,
      calledBy: p.id,
    });
    let verification = null;
    if (body.verify) {
      const result = await recordVerification(writeContext(c, `test call ${callId}`), {
        serviceId: route.serviceId,
        contactRouteId: id,
        method: 'call',
        result: body.answered ? 'confirmed' : 'unreachable',
        note: body.note ?? (body.answered ? 'Answered a test call.' : 'No answer to a test call.'),
        verifiedAt: calledAt,
        verifiedByLabel: ROLE_LABELS[p.role] ?? 'Masar',
      });
      verification = { id: result.id, next_due: result.nextDue, route: represent(result.target) };
    }
    return c.json({ id: callId, ...(await answerRate(db, id)), verification }, 201);
  })
  .openapi(r.testCalls, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    const route = await routeOf(db, id);
    await authorizeService(c.get('db'), c.get('principal'), route.serviceId, 'history');
    const rows = await db
      .select()
      .from(testCalls)
      .where(eq(testCalls.contactRouteId, id))
      .orderBy(desc(testCalls.calledAt));
    return c.json({ items: rows.map((row) => apiRow(testCalls, row)), ...(await answerRate(db, id)) }, 200);
  });
