/**
 * M10: what each role may do, and where. One place decides; every admin handler asks here.
 *
 * - admin: everything.
 * - coordinator: listings relevant to their areas (a service area or location in or below one
 *   of them): edit, verify, publish, close, revert, problem reports, invitations within scope.
 * - editor: listings of their own organisation: read and edit (drafts until published).
 * - caseworker: practitioner-only reads (C3), in their areas when they have any.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import {
  areas,
  locations,
  organisations,
  pathways,
  serviceAtLocations,
  serviceCoverage,
  services,
} from '../../../db/schema.ts';
import { LISTING_ACTION_ROLES, type ListingAction, type Role, type ServiceStatus } from '../../domain/vocabulary.ts';
import { forbidden, invalidFields, notFound } from '../../errors.ts';
import type { Principal } from './principal.ts';
import { covers, relevantIn } from '../../domain/area-paths.ts';

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
  return paths.some((path) => p.areaPaths.some((area) => covers(area, path)));
}

export interface ServiceFacts {
  id: string;
  organisationId: string;
  status: ServiceStatus;
  version: number;
  country: string;
  coveragePaths: string[];
}

export async function serviceFacts(db: Database, serviceId: string): Promise<ServiceFacts | null> {
  const row = await db
    .select({
      id: services.id,
      organisationId: services.organisationId,
      status: services.status,
      version: services.version,
      country: services.country,
    })
    .from(services)
    .where(eq(services.id, serviceId))
    .get();
  if (!row) return null;
  const coverage = await db
    .select({ path: serviceCoverage.areaPath })
    .from(serviceCoverage)
    .where(eq(serviceCoverage.serviceId, serviceId));
  return { ...row, coveragePaths: coverage.map((r) => r.path) };
}

export function mayOnService(
  p: Principal,
  action: ListingAction,
  s: Pick<ServiceFacts, 'organisationId' | 'coveragePaths'>,
): boolean {
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
export async function authorizeService(
  db: Database,
  p: Principal,
  serviceId: string,
  action: ListingAction,
): Promise<ServiceFacts> {
  const facts = await serviceFacts(db, serviceId);
  if (!facts) throw notFound('service', serviceId);
  if (!mayOnService(p, action, facts)) throw forbidden(REFUSED[action]);
  // Caseworkers refer people: only to published listings, never to drafts or closed ones.
  if (p.role === 'caseworker' && facts.status !== 'published') throw notFound('published service', serviceId);
  return facts;
}

/** Organisations: admins; editors their own; coordinators those with a listing in their areas. */
export async function authorizeOrganisation(db: Database, p: Principal, organisationId: string) {
  const org = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .get();
  if (!org) throw notFound('organisation', organisationId);
  if (p.role === 'admin') return;
  if (p.role === 'editor' && p.organisationId === organisationId) return;
  if (p.role === 'coordinator') {
    const paths = await db
      .selectDistinct({ path: serviceCoverage.areaPath })
      .from(services)
      .innerJoin(serviceCoverage, eq(serviceCoverage.serviceId, services.id))
      .where(eq(services.organisationId, organisationId));
    if (
      inAreas(
        p,
        paths.map((r) => r.path),
      )
    )
      return;
  }
  throw forbidden('You may not edit this organisation: it is outside your role or scope.');
}

/** Whether an area (by P-code) is in the principal's scope; admins have every area. */
export async function areaInScope(db: Database, p: Principal, pcode: string): Promise<boolean> {
  if (p.role === 'admin') return true;
  const area = await db.select({ path: areas.path }).from(areas).where(eq(areas.pcode, pcode)).get();
  return area !== undefined && inAreas(p, [area.path]);
}

/** Locations: admins; editors of the owning organisation; coordinators when its area is theirs. */
export async function authorizeLocation(db: Database, p: Principal, locationId: string) {
  const location = await db
    .select({ organisationId: locations.organisationId, areaPcode: locations.areaPcode })
    .from(locations)
    .where(eq(locations.id, locationId))
    .get();
  if (!location) throw notFound('location', locationId);
  if (p.role === 'admin') return location;
  if (p.role === 'editor' && p.organisationId === location.organisationId) return location;
  if (p.role === 'coordinator' && (await areaInScope(db, p, location.areaPcode))) return location;
  throw forbidden('You may not edit this location: it is outside your role or scope.');
}

/**
 * Invitations (finding 2): an editor's scope is their whole organisation (every listing and
 * every location, confidential ones included). So a coordinator may give that scope only for
 * an organisation that lies wholly within their own: every listing of it theirs to edit, and
 * every location of it in their areas. Otherwise only an admin can make that editor.
 */
export async function coordinatorCoversOrganisation(
  db: Database,
  p: Principal,
  organisationId: string,
): Promise<boolean> {
  if (p.role === 'admin') return true;
  if (p.role !== 'coordinator') return false;
  const coverage = await db
    .select({ serviceId: services.id, path: serviceCoverage.areaPath })
    .from(services)
    .leftJoin(serviceCoverage, eq(serviceCoverage.serviceId, services.id))
    .where(eq(services.organisationId, organisationId));
  if (!coverage.length) return false;
  // Every listing of it (one with no coverage at all included) must lie in the coordinator's areas.
  const pathsByService = new Map<string, string[]>();
  for (const row of coverage) {
    const paths = pathsByService.get(row.serviceId) ?? [];
    if (row.path !== null) paths.push(row.path);
    pathsByService.set(row.serviceId, paths);
  }
  for (const paths of pathsByService.values()) if (!inAreas(p, paths)) return false;
  const sites = await db
    .select({ path: areas.path })
    .from(locations)
    .leftJoin(areas, eq(areas.pcode, locations.areaPcode))
    .where(eq(locations.organisationId, organisationId));
  return sites.every((l) => l.path !== null && inAreas(p, [l.path]));
}

/**
 * Finding 3: organisations and locations have no draft of their own, so an editor's change to
 * one that feeds a published listing would go live at once, bypassing review. Editors may not
 * change an organisation with published listings, nor a location used by a published listing;
 * the one exception is marking a location confidential (it only hides an address).
 * Coordinators and admins publish, so their writes apply as before.
 */
export async function assertEditorMayChangeShared(
  db: Database,
  p: Principal,
  entity: 'organisation' | 'location',
  id: string,
  changes: Record<string, unknown>,
) {
  if (p.role !== 'editor') return;
  const published = eq(services.status, 'published');
  const live =
    entity === 'location'
      ? await db
          .select({ live: sql`1` })
          .from(serviceAtLocations)
          .innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
          .where(and(eq(serviceAtLocations.locationId, id), published))
          .limit(1)
          .get()
      : await db
          .select({ live: sql`1` })
          .from(services)
          .where(and(eq(services.organisationId, id), published))
          .limit(1)
          .get();
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
export async function checkSiteLocation(
  db: Database,
  p: Principal,
  service: Pick<ServiceFacts, 'organisationId'>,
  locationId: unknown,
) {
  const bad = (reason: string) => invalidFields([{ in: 'body', name: 'location_id', reason }]);
  if (typeof locationId !== 'string') throw bad('give a location id');
  const location = await db
    .select({ organisationId: locations.organisationId })
    .from(locations)
    .where(eq(locations.id, locationId))
    .get();
  if (!location) throw bad('no such location');
  if (p.role === 'admin') return;
  await authorizeLocation(db, p, locationId);
  if (location.organisationId !== service.organisationId)
    throw forbidden('This location belongs to another organisation than the listing.');
}

export interface PathwayFacts {
  id: string;
  areaPcode: string;
  /** The path of the pathway's area ("/IQ/IQG15/"): it holds there and in every area inside it. */
  areaPath: string;
  concernId: string;
  status: string;
  version: number;
}

const PATHWAY_REFUSED: Record<ListingAction, string> = {
  read: 'You may not read this pathway: it is outside your role or scope.',
  edit: 'You may not edit this pathway: it is outside your role or scope.',
  history: 'You may not see the history of this pathway: it is outside your role or scope.',
  publish: 'You may not publish or unpublish this pathway: it is outside your role or scope.',
  verify: 'You may not record verifications of this pathway: it is outside your role or scope.',
  revert: 'You may not revert changes to this pathway: it is outside your role or scope.',
};

/**
 * Referral pathways, by the rule of listings for an area:
 * - admins do everything;
 * - coordinators edit, publish, verify and revert the pathways of their areas and of the areas
 *   inside them (as they edit the listings there), and read those that hold in their areas from a
 *   larger area (a district's coordinator reads the governorate's pathway their district inherits);
 * - editors read published pathways but do not change them: an editor's scope is one
 *   organisation, and a pathway belongs to no organisation (it routes between several
 *   organisations' services), so deciding it is for those who answer for the area. For the same
 *   reason they are not given the steps' practitioner-only details (other organisations' people);
 * - caseworkers read the published pathways relevant to their areas (all, without areas), with
 *   the practitioner-only details they refer with.
 */
export function mayOnPathway(p: Principal, action: ListingAction, pathway: Pick<PathwayFacts, 'areaPath'>): boolean {
  const relevant = () => p.areaPaths.some((area) => relevantIn(pathway.areaPath, area));
  switch (p.role) {
    case 'admin':
      return true;
    case 'coordinator':
      return action === 'read' ? relevant() : inAreas(p, [pathway.areaPath]);
    case 'editor':
      return action === 'read';
    case 'caseworker':
      return action === 'read' && (p.areaPaths.length === 0 || relevant());
  }
}

/** Whether the role reads a pathway's practitioner-only step details (given it may read the pathway). */
export const readsPathwayReferral = (p: Principal) => p.role !== 'editor';

/** The pathway's facts when the principal may do `action` on it; 404 or 403 otherwise. */
export async function authorizePathway(
  db: Database,
  p: Principal,
  pathwayId: string,
  action: ListingAction,
): Promise<PathwayFacts> {
  const facts = await db
    .select({
      id: pathways.id,
      areaPcode: pathways.areaPcode,
      areaPath: areas.path,
      concernId: pathways.concernId,
      status: pathways.status,
      version: pathways.version,
    })
    .from(pathways)
    .innerJoin(areas, eq(areas.pcode, pathways.areaPcode))
    .where(eq(pathways.id, pathwayId))
    .get();
  if (!facts) throw notFound('pathway', pathwayId);
  if (!mayOnPathway(p, action, facts)) throw forbidden(PATHWAY_REFUSED[action]);
  // Those who only read see what the public could be shown: never a draft or a withdrawn route.
  if ((p.role === 'caseworker' || p.role === 'editor') && facts.status !== 'published')
    throw notFound('published pathway', pathwayId);
  return facts;
}
