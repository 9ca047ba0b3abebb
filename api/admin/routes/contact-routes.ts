/** A listing's contact routes (M3, M4): add, edit, delete; a changed number loses its check. */
import { fieldsSchema, SPECS } from '../edit/entities.ts';
import { checkRouteValue } from '../edit/validate.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, IdParam, jsonBody, Reason } from '../http.ts';
import { createRouter } from '../../router.ts';
import { ContactRoute, ContactRouteChanged } from '../schemas/contact-routes.ts';
import { create, remove, update } from './records.ts';
import { DraftAccepted } from '../schemas/records.ts';

const RouteCreate = fieldsSchema(SPECS.contact_route, 'create').extend({ change_reason: Reason });
const RoutePatch = fieldsSchema(SPECS.contact_route, 'patch').extend({ change_reason: Reason });

const r = {
  create: adminRoute({
    method: 'post',
    path: '/services/{id}/contact-routes',
    summary: 'Add a contact route',
    request: { params: IdParam, ...jsonBody(RouteCreate) },
    created: ContactRoute,
    accepted: DraftAccepted,
  }),
  patch: adminRoute({
    method: 'patch',
    path: '/contact-routes/{id}',
    summary: 'Edit a contact route (If-Match)',
    request: { params: IdParam, ...jsonBody(RoutePatch) },
    ok: ContactRouteChanged,
    accepted: DraftAccepted,
  }),
  delete: adminRoute({
    method: 'delete',
    path: '/contact-routes/{id}',
    summary: 'Delete a contact route (If-Match); answers 204 without a body',
    request: { params: IdParam },
    accepted: DraftAccepted,
    noContent: true,
  }),
};

export const contactRoutesRouter = createRouter<AdminEnv>()
  .openapi(r.create, async (c) => {
    const body = c.req.valid('json');
    checkRouteValue(body);
    return create(c, 'contact_route', c.req.valid('param').id, body, { service_id: c.req.valid('param').id });
  })
  .openapi(r.patch, async (c) => update(c, 'contact_route', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.delete, async (c) => remove(c, 'contact_route', c.req.valid('param').id));
