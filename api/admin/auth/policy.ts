/**
 * M10: what each role may do, and where. One place decides; every admin handler asks here.
 *
 * - admin: everything.
 * - coordinator: listings relevant to their areas (a service area or location in or below one
 *   of them): edit, verify, publish, close, revert, problem reports, invitations within scope.
 * - editor: listings of their own organisation: read and edit (drafts until published).
 * - caseworker: practitioner-only reads (C3), in their areas when they have any.
 */
import { LISTING_ACTION_ROLES, type ListingAction, type Role, type ServiceStatus } from '../../domain/vocabulary.ts';
import { forbidden, invalidFields, notFound } from '../../errors.ts';
import { all, first } from '../db.ts';
import type { Principal } from './principal.ts';

/** The refusal of each action as a whole sentence (a verb pasted in read "may not history"). */
const REFUSED: Record<ListingAction, string> = {
  read: 'You may not read this listing: it is outside your role or scope.',
  edit: 'You may not edit this listing: it is outside your role or scope.',
  history: 'You may not see the history of this listing: it is outside your role or scope.',
  publish: 'You may not publish or close this listing: it is outside your role or scope.',
  verify: 'You may not record verifications of this listing: it is outside your role or scope.',
  revert: 'You may not revert changes to this listing: it is outside your role or scope.',
};

export function requireRole(p: Principal, roles: Role[], what: string) {
  if (!roles.includes(p.role)) throw forbidden(`Your role (${p.role}) may not ${what}.`);
}

/** Whether any of `paths` lies in or below one of the principal's areas. */
export function inAreas(p: Principal, paths: string[]): boolean {
  return paths.some((path) => p.areaPaths.some((area) => path.startsWith(area)));
}

export interface ServiceFacts {
  id: string;
  organisationId: string;
  status: ServiceStatus;
  version: number;
  country: string;
  coveragePaths: string[];
}

export async function serviceFacts(d1: D1Database, serviceId: string): Promise<ServiceFacts | null> {
  const row = await first<Omit<ServiceFacts, 'coveragePaths'>>(
    d1,
    'SELECT id, organisation_id AS organisationId, status, version, country FROM services WHERE id = ?',
    serviceId,
  );
  if (!row) return null;
  const coverage = await all<{ path: string }>(d1, 'SELECT area_path AS path FROM service_coverage WHERE service_id = ?', serviceId);
  return { ...row, coveragePaths: coverage.map((r) => r.path) };
}

export function mayOnService(p: Principal, action: ListingAction, s: Pick<ServiceFacts, 'organisationId' | 'coveragePaths'>): boolean {
  if (!LISTING_ACTION_ROLES[action].includes(p.role)) return false;
  switch (p.role) {
    case 'admin':
      return true;
    case 'coordinator':
      return inAreas(p, s.coveragePaths);
    case 'editor':
      return p.organisationId !== null && p.organisationId === s.organisationId;
    case 'caseworker':
      return p.areaPaths.length === 0 || inAreas(p, s.coveragePaths);
  }
}

/** The service's facts when the principal may do `action` on it; 404 or 403 otherwise. */
export async function authorizeService(d1: D1Database, p: Principal, serviceId: string, action: ListingAction): Promise<ServiceFacts> {
  const facts = await serviceFacts(d1, serviceId);
  if (!facts) throw notFound('service', serviceId);
  if (!mayOnService(p, action, facts)) throw forbidden(REFUSED[action]);
  // Caseworkers refer people: only to published listings, never to drafts or closed ones.
  if (p.role === 'caseworker' && facts.status !== 'published') throw notFound('published service', serviceId);
  return facts;
}

/** Organisations: admins; editors their own; coordinators those with a listing in their areas. */
export async function authorizeOrganisation(d1: D1Database, p: Principal, organisationId: string) {
  const org = await first<{ id: string }>(d1, 'SELECT id FROM organisations WHERE id = ?', organisationId);
  if (!org) throw notFound('organisation', organisationId);
  if (p.role === 'admin') return;
  if (p.role === 'editor' && p.organisationId === organisationId) return;
  if (p.role === 'coordinator') {
    const paths = await all<{ path: string }>(
      d1,
      'SELECT DISTINCT c.area_path AS path FROM services s JOIN service_coverage c ON c.service_id = s.id WHERE s.organisation_id = ?',
      organisationId,
    );
    if (inAreas(p, paths.map((r) => r.path))) return;
  }
  throw forbidden('You may not edit this organisation: it is outside your role or scope.');
}

/** Whether an area (by P-code) is in the principal's scope; admins have every area. */
export async function areaInScope(d1: D1Database, p: Principal, pcode: string): Promise<boolean> {
  if (p.role === 'admin') return true;
  const area = await first<{ path: string }>(d1, 'SELECT path FROM areas WHERE pcode = ?', pcode);
  return area !== null && inAreas(p, [area.path]);
}

/** Locations: admins; editors of the owning organisation; coordinators when its area is theirs. */
export async function authorizeLocation(d1: D1Database, p: Principal, locationId: string) {
  const location = await first<{ organisationId: string; areaPcode: string }>(
    d1,
    'SELECT organisation_id AS organisationId, area_pcode AS areaPcode FROM locations WHERE id = ?',
    locationId,
  );
  if (!location) throw notFound('location', locationId);
  if (p.role === 'admin') return location;
  if (p.role === 'editor' && p.organisationId === location.organisationId) return location;
  if (p.role === 'coordinator' && (await areaInScope(d1, p, location.areaPcode))) return location;
  throw forbidden('You may not edit this location: it is outside your role or scope.');
}

/**
 * Invitations (finding 2): an editor's scope is their whole organisation (every listing and
 * every location, confidential ones included). So a coordinator may give that scope only for
 * an organisation that lies wholly within their own: every listing of it theirs to edit, and
 * every location of it in their areas. Otherwise only an admin can make that editor.
 */
export async function coordinatorCoversOrganisation(d1: D1Database, p: Principal, organisationId: string): Promise<boolean> {
  if (p.role === 'admin') return true;
  if (p.role !== 'coordinator') return false;
  const services = await all<{ id: string; paths: string | null }>(
    d1,
    'SELECT s.id, (SELECT json_group_array(area_path) FROM service_coverage c WHERE c.service_id = s.id) AS paths FROM services s WHERE s.organisation_id = ?',
    organisationId,
  );
  if (!services.length) return false;
  for (const s of services) if (!inAreas(p, JSON.parse(s.paths ?? '[]') as string[])) return false;
  const locations = await all<{ path: string | null }>(
    d1,
    'SELECT a.path FROM locations l LEFT JOIN areas a ON a.pcode = l.area_pcode WHERE l.organisation_id = ?',
    organisationId,
  );
  return locations.every((l) => l.path !== null && inAreas(p, [l.path]));
}

/**
 * Finding 3: organisations and locations have no draft of their own, so an editor's change to
 * one that feeds a published listing would go live at once, bypassing review. Editors may not
 * change an organisation with published listings, nor a location used by a published listing;
 * the one exception is marking a location confidential (it only hides an address).
 * Coordinators and admins publish, so their writes apply as before.
 */
export async function assertEditorMayChangeShared(d1: D1Database, p: Principal, entity: 'organisation' | 'location', id: string, changes: Record<string, unknown>) {
  if (p.role !== 'editor') return;
  const live =
    entity === 'location'
      ? await first(d1, "SELECT 1 FROM service_at_locations sl JOIN services s ON s.id = sl.service_id WHERE sl.location_id = ? AND s.status = 'published' LIMIT 1", id)
      : await first(d1, "SELECT 1 FROM services WHERE organisation_id = ? AND status = 'published' LIMIT 1", id);
  if (!live) return;
  const fields = Object.keys(changes).filter((k) => changes[k] !== undefined);
  if (entity === 'location' && fields.every((k) => k === 'is_confidential' && changes[k] === true)) return;
  throw forbidden(
    entity === 'location'
      ? 'This location is used by a published listing: a coordinator changes it (you may only mark it confidential).'
      : 'This organisation has published listings: a coordinator changes it.',
  );
}

/**
 * Finding 1: a listing may be offered only at a location of its own organisation that the
 * principal may act on (admins excepted). An unknown location is a 400 naming location_id.
 */
export async function checkSiteLocation(d1: D1Database, p: Principal, service: Pick<ServiceFacts, 'organisationId'>, locationId: unknown) {
  const bad = (reason: string) => invalidFields([{ in: 'body', name: 'location_id', reason }]);
  if (typeof locationId !== 'string') throw bad('give a location id');
  const location = await first<{ organisationId: string }>(d1, 'SELECT organisation_id AS organisationId FROM locations WHERE id = ?', locationId);
  if (!location) throw bad('no such location');
  if (p.role === 'admin') return;
  await authorizeLocation(d1, p, locationId);
  if (location.organisationId !== service.organisationId) throw forbidden('This location belongs to another organisation than the listing.');
}
