/** Organisations (M3, M4). */
import { forbidden } from '../../errors.ts';
import { createRouter } from '../../router.ts';
import { assertEditorMayChangeShared, authorizeOrganisation, requireRole } from '../auth/policy.ts';
import { fieldsSchema, SPECS } from '../edit/entities.ts';
import { createEntity, loadEntity, represent, updateEntity } from '../edit/write.ts';
import type { AdminEnv } from '../env.ts';
import { adminRoute, etag, IdParam, ifMatch, jsonBody, Reason, writeContext } from '../http.ts';
import { Organisation, OrganisationChanged } from '../schemas/organisations.ts';

const OrgCreate = fieldsSchema(SPECS.organisation, 'create').extend({ change_reason: Reason });
const OrgPatch = fieldsSchema(SPECS.organisation, 'patch').extend({ change_reason: Reason });

const r = {
  create: adminRoute({
    method: 'post',
    path: '/organisations',
    summary: 'Add an organisation',
    request: jsonBody(OrgCreate),
    created: Organisation,
  }),
  read: adminRoute({
    method: 'get',
    path: '/organisations/{id}',
    summary: 'An organisation; ETag = version',
    request: { params: IdParam },
    ok: Organisation,
  }),
  patch: adminRoute({
    method: 'patch',
    path: '/organisations/{id}',
    summary: 'Edit an organisation (If-Match)',
    request: { params: IdParam, ...jsonBody(OrgPatch) },
    ok: OrganisationChanged,
  }),
};

export const organisationsRouter = createRouter<AdminEnv>()
  .openapi(r.create, async (c) => {
    requireRole(c.get('principal'), ['admin', 'coordinator'], 'add organisations');
    const { change_reason: reason, ...values } = c.req.valid('json');
    const loaded = await createEntity(writeContext(c, reason), 'organisation', values, {});
    c.header('ETag', etag(loaded.version));
    return c.json(represent(loaded), 201);
  })
  .openapi(r.read, async (c) => {
    const { id } = c.req.valid('param');
    const p = c.get('principal');
    if (p.role === 'caseworker') throw forbidden('Caseworkers read listings, not organisation records.');
    await authorizeOrganisation(c.get('db'), p, id);
    const loaded = (await loadEntity(c.get('db'), 'organisation', id))!;
    c.header('ETag', etag(loaded.version));
    return c.json(represent(loaded), 200);
  })
  .openapi(r.patch, async (c) => {
    const { id } = c.req.valid('param');
    const version = ifMatch(c);
    await authorizeOrganisation(c.get('db'), c.get('principal'), id);
    const { change_reason: reason, ...changes } = c.req.valid('json');
    await assertEditorMayChangeShared(c.get('db'), c.get('principal'), 'organisation', id, changes);
    const result = await updateEntity(writeContext(c, reason), 'organisation', id, version, changes);
    c.header('ETag', etag(result.entity.version));
    return c.json({ ...represent(result.entity), changed_fields: result.changes.map((ch) => ch.field) }, 200);
  });
