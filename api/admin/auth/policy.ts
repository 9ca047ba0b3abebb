/**
 * M10: what each role may do, and where. One place decides; every admin handler asks here.
 *
 * - admin: everything.
 * - coordinator: listings relevant to their areas (a service area or location in or below one
 *   of them): edit, verify, publish, close, revert, problem reports, invitations within scope.
 * - editor: listings of their own organisation: read and edit (drafts until published).
 * - caseworker: practitioner-only reads (C3), in their areas when they have any.
 */
import type { Role } from '../../../db/maintainer-schema.ts';
import { notFound } from '../../errors.ts';
import { all, first } from '../db.ts';
import { forbidden, type Principal } from './principal.ts';

export type ServiceAction = 'read' | 'edit' | 'history' | 'publish' | 'verify' | 'revert';

const SERVICE_ROLES: Record<ServiceAction, Role[]> = {
  read: ['admin', 'coordinator', 'editor', 'caseworker'],
  edit: ['admin', 'coordinator', 'editor'],
  history: ['admin', 'coordinator', 'editor'],
  publish: ['admin', 'coordinator'],
  verify: ['admin', 'coordinator'],
  revert: ['admin', 'coordinator'],
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
  status: 'draft' | 'published' | 'closed';
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

export function mayOnService(p: Principal, action: ServiceAction, s: Pick<ServiceFacts, 'organisationId' | 'coveragePaths'>): boolean {
  if (!SERVICE_ROLES[action].includes(p.role)) return false;
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
export async function authorizeService(d1: D1Database, p: Principal, serviceId: string, action: ServiceAction): Promise<ServiceFacts> {
  const facts = await serviceFacts(d1, serviceId);
  if (!facts) throw notFound('service', serviceId);
  if (!mayOnService(p, action, facts)) throw forbidden(`You may not ${action} this listing: it is outside your role or scope.`);
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
