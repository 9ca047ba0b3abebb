/** Locations of organisations (M3, M4); a pin (lon, lat) without an area sets it. */
import { eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { areas } from '../../../db/schema.ts';
import { forbidden, invalidFields, notFound } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { locationAsSeenBy } from '../auth/confidential.ts';
import { areaInScope, assertEditorMayChangeShared, authorizeLocation, authorizeOrganisation } from '../auth/policy.ts';
import { countRestrictedRead } from '../auth/read-limit.ts';
import { fieldsSchema, SPECS } from '../edit/entities.ts';
import { areaAtPoint } from '../edit/pin.ts';
import { checkArea, checkCoordinates } from '../edit/validate.ts';
import { createEntity, loadEntity, represent, updateEntity } from '../edit/write.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { Location, LocationAsSeen, LocationChanged } from '../schemas/locations.ts';

const LocationCreate = fieldsSchema(SPECS.location, 'create').extend({ change_reason: Reason });
const LocationPatch = fieldsSchema(SPECS.location, 'patch').extend({ change_reason: Reason });

const r = {
  create: adminRoute({
    method: 'post',
    path: '/organisations/{id}/locations',
    summary: 'Add a location of the organisation',
    request: { params: IdParam, ...jsonBody(LocationCreate) },
    created: Location,
  }),
  read: adminRoute({
    method: 'get',
    path: '/locations/{id}',
    summary: 'A location; a confidential address only for those who may see it (auth/confidential.ts); ETag = version',
    request: { params: IdParam },
    ok: LocationAsSeen,
  }),
  patch: adminRoute({
    method: 'patch',
    path: '/locations/{id}',
    summary: 'Edit a location (If-Match); its area updates the coverage of its services',
    request: { params: IdParam, ...jsonBody(LocationPatch) },
    ok: LocationChanged,
  }),
};

export const locationsRouter = createRouter<AdminEnv>()
  .openapi(r.create, async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    const db = c.get('db');
    const { change_reason: reason, ...values } = c.req.valid('json');
    checkCoordinates(values);
    await pinArea(db, values);
    if (!values.area_pcode)
      throw invalidFields([
        { in: 'body', name: 'area_pcode', reason: 'give the area, or a pin (lon, lat) inside the loaded boundaries' },
      ]);
    await checkArea(db, values.area_pcode);
    if (p.role === 'coordinator') {
      if (!(await areaInScope(c.get('db'), p, values.area_pcode as string)))
        throw forbidden(`${values.area_pcode} is outside your areas.`);
      if (!(await loadEntity(db, 'organisation', id))) throw notFound('organisation', id);
    } else {
      await authorizeOrganisation(c.get('db'), p, id);
    }
    const loaded = await createEntity(writeContext(c, reason), 'location', values, { organisation_id: id });
    c.header('ETag', etag(loaded.version));
    return c.json(represent(loaded), 201);
  })
  .openapi(r.read, async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    if (p.role === 'caseworker') throw forbidden('Caseworkers read listings, not location records.');
    const location = await authorizeLocation(c.get('db'), p, id);
    await countRestrictedRead(c);
    const db = c.get('db');
    const loaded = (await loadEntity(db, 'location', id))!;
    const area = await db.select({ path: areas.path }).from(areas).where(eq(areas.pcode, location.areaPcode)).get();
    const site = {
      organisationId: location.organisationId,
      areaPath: area?.path ?? null,
      isConfidential: loaded.row.is_confidential,
    };
    c.header('ETag', etag(loaded.version));
    return c.json(locationAsSeenBy(p, site, represent(loaded)), 200);
  })
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    const p = c.get('principal');
    const db = c.get('db');
    await authorizeLocation(c.get('db'), p, id);
    const { change_reason: reason, ...changes } = c.req.valid('json');
    await assertEditorMayChangeShared(c.get('db'), p, 'location', id, changes);
    await pinArea(db, changes);
    await checkArea(db, changes.area_pcode);
    if (
      p.role === 'coordinator' &&
      changes.area_pcode &&
      !(await areaInScope(c.get('db'), p, changes.area_pcode as string))
    ) {
      throw forbidden(`${changes.area_pcode} is outside your areas.`);
    }
    const current = (await loadEntity(db, 'location', id))!;
    checkCoordinates({ ...represent(current), ...changes });
    const result = await updateEntity(writeContext(c, reason), 'location', id, version, changes);
    c.header('ETag', etag(result.entity.version));
    return c.json({ ...represent(result.entity), changed_fields: result.changes.map((ch) => ch.field) }, 200);
  });

/**
 * A pin without an explicit area sets the area (the deepest boundary containing it); an area
 * given with the pin is kept, as the person may know better than a simplified boundary.
 */
async function pinArea(db: Database, values: Record<string, unknown>) {
  if (values.area_pcode !== undefined || typeof values.lon !== 'number' || typeof values.lat !== 'number') return;
  const pcode = await areaAtPoint(db, { lon: values.lon, lat: values.lat });
  if (!pcode)
    throw invalidFields([
      { in: 'body', name: 'lon', reason: 'the pin is outside every loaded boundary; give area_pcode' },
    ]);
  values.area_pcode = pcode;
}
