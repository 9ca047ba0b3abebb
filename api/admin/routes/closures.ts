/** Dated closures and alerts of a listing or of one of its contact routes (M5). */
import { z } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { contactRoutes } from '../../../db/schema.ts';
import { invalidFields } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { fieldsSchema, SPECS } from '../edit/entities.ts';
import { checkClosureSpan } from '../edit/validate.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, IdParam, jsonBody, Reason } from '../http.ts';
import { Closure, ClosureChanged } from '../schemas/closures.ts';
import { create, remove, update } from './records.ts';
import { DraftAccepted } from '../schemas/records.ts';

const ClosureCreate = fieldsSchema(SPECS.closure, 'create').extend({
  change_reason: Reason,
  contact_route_id: z.string().max(100).nullable().optional(),
});
const ClosurePatch = fieldsSchema(SPECS.closure, 'patch').extend({ change_reason: Reason });

const r = {
  create: adminRoute({
    method: 'post',
    path: '/services/{id}/closures',
    summary: 'Add a dated closure or alert',
    request: { params: IdParam, ...jsonBody(ClosureCreate) },
    created: Closure,
    accepted: DraftAccepted,
  }),
  patch: adminRoute({
    method: 'patch',
    path: '/closures/{id}',
    summary: 'Edit a closure or alert (If-Match)',
    request: { params: IdParam, ...jsonBody(ClosurePatch) },
    ok: ClosureChanged,
    accepted: DraftAccepted,
  }),
  delete: adminRoute({
    method: 'delete',
    path: '/closures/{id}',
    summary: 'Delete a closure or alert (If-Match); answers 204 without a body',
    request: { params: IdParam },
    accepted: DraftAccepted,
    noContent: true,
  }),
};

export const closuresRouter = createRouter<AdminEnv>()
  .openapi(r.create, async (c) => {
    const serviceId = c.req.valid('param').id;
    const { contact_route_id, ...body } = c.req.valid('json');
    checkClosureSpan(body);
    if (contact_route_id) {
      const route = await c
        .get('db')
        .select({ id: contactRoutes.id })
        .from(contactRoutes)
        .where(and(eq(contactRoutes.id, String(contact_route_id)), eq(contactRoutes.serviceId, serviceId)))
        .get();
      if (!route)
        throw invalidFields([
          { in: 'body', name: 'contact_route_id', reason: 'is not a contact route of this service' },
        ]);
    }
    // Exactly one of service_id / contact_route_id (db/schema.ts closures).
    return create(c, 'closure', serviceId, body, contact_route_id ? { contact_route_id } : { service_id: serviceId });
  })
  .openapi(r.patch, async (c) => update(c, 'closure', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.delete, async (c) => remove(c, 'closure', c.req.valid('param').id));
