/** Where a listing is offered, with its hours there (opening_hours syntax checked). */
import { createRouter } from '../../router.ts';
import { authorizeService, checkSiteLocation } from '../auth/policy.ts';
import { fieldsSchema, SPECS } from '../edit/entities.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, IdParam, jsonBody, Reason } from '../http.ts';
import { ServiceLocation, ServiceLocationChanged } from '../schemas/service-locations.ts';
import { create, remove, update } from './records.ts';
import { DraftAccepted } from '../schemas/records.ts';

const SiteCreate = fieldsSchema(SPECS.service_location, 'create').extend({ change_reason: Reason });
const SitePatch = fieldsSchema(SPECS.service_location, 'patch').extend({ change_reason: Reason });

const r = {
  create: adminRoute({
    method: 'post',
    path: '/services/{id}/locations',
    summary: 'Offer the service at a location, with its hours',
    request: { params: IdParam, ...jsonBody(SiteCreate) },
    created: ServiceLocation,
    accepted: DraftAccepted,
  }),
  patch: adminRoute({
    method: 'patch',
    path: '/service-locations/{id}',
    summary: 'Edit the hours at a location (If-Match: the service version)',
    request: { params: IdParam, ...jsonBody(SitePatch) },
    ok: ServiceLocationChanged,
    accepted: DraftAccepted,
  }),
  delete: adminRoute({
    method: 'delete',
    path: '/service-locations/{id}',
    summary: 'Stop offering the service at a location (If-Match: the service version); answers 204 without a body',
    request: { params: IdParam },
    accepted: DraftAccepted,
    noContent: true,
  }),
};

export const serviceLocationsRouter = createRouter<AdminEnv>()
  .openapi(r.create, async (c) => {
    const serviceId = c.req.valid('param').id;
    const body = c.req.valid('json');
    const facts = await authorizeService(c.get('db'), c.get('principal'), serviceId, 'edit');
    await checkSiteLocation(c.get('db'), c.get('principal'), facts, body.location_id);
    return create(c, 'service_location', serviceId, body, { service_id: serviceId });
  })
  .openapi(r.patch, async (c) => update(c, 'service_location', c.req.valid('param').id, c.req.valid('json')))
  .openapi(r.delete, async (c) => remove(c, 'service_location', c.req.valid('param').id));
