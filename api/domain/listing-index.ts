// The derived data of a listing: the areas it covers (service_coverage), its search row
// (service_search), its sort name and its verification cycle. This is the only place they are
// computed: the seed (db/seed/build.mjs) and the Worker after every edit
// (api/admin/edit/listing-index.ts) gather a listing's facts, call deriveListing and write only
// what it returns, so the two cannot diverge.
// No imports but pure domain modules and only erasable TypeScript: Node seed scripts import this file.
import { governoratePath, pathCodes } from './area-paths.ts';
import { normaliseText, searchDocument } from './text-normalise.ts';
import { SORT_NAME_FALLBACK } from './vocabulary.ts';

type Localized = Partial<Record<string, string>> | null | undefined;

export interface ServiceTypeFacts {
  id: string;
  names: Localized;
  descriptions: Localized;
  verificationCycleDays: number;
  /** The parent type, if any: a service of a sub-type is found by its parent's words too. */
  parent?: { id: string; names: Localized; descriptions: Localized } | null;
}

export interface ListingFacts {
  /** Only a published listing has a search row. */
  status: string;
  names: Localized;
  descriptions: Localized;
  organisationNames: Localized;
  types: ServiceTypeFacts[];
  /** Paths ("/IQ/IQG11/") of the areas the service serves. */
  areaPaths: string[];
  /** Its sites: the path of each site's area and whether the site is confidential. */
  locations: Array<{ areaPath: string; isConfidential: boolean }>;
  /** Names in every language and aliases of an area, by P-code; asked for every P-code on a covered path. */
  areaNames: (pcode: string) => string[];
}

export interface DerivedListing {
  /** service_coverage rows: every area path the service is relevant to. */
  coverage: string[];
  /** The service_search row, or null when the listing is not published. */
  search: { body: string; skeletons: string } | null;
  sortName: string;
  /** Days between a check and the next one due. */
  verificationCycleDays: number;
}

export const MAX_CYCLE_DAYS = 365;
const DEFAULT_CYCLE_DAYS = 90;

/** The sort key of a listing: its name in the first language of SORT_NAME_FALLBACK that has one. */
export function sortName(names: Localized): string {
  const name = SORT_NAME_FALLBACK.map((l) => names?.[l]).find(Boolean) ?? '';
  return normaliseText(name);
}

/**
 * A listing is checked as often as its most demanding type asks (hotlines every 30 days, others
 * 90), never less than once a year.
 */
export function verificationCycleDays(types: ReadonlyArray<Pick<ServiceTypeFacts, 'verificationCycleDays'>>): number {
  const shortest = types.length ? Math.min(...types.map((t) => t.verificationCycleDays)) : DEFAULT_CYCLE_DAYS;
  return Math.min(MAX_CYCLE_DAYS, Math.max(1, shortest));
}

/**
 * Every area a service is relevant to: the areas it serves and the areas of its sites. A
 * confidential site discloses only its governorate (the rule's public projection is
 * api/queries/confidential-location.ts), so it places its service no finer than that, and neither
 * a filter nor a search can narrow a shelter down to its district.
 */
function coverage(facts: ListingFacts): string[] {
  const paths = [
    ...facts.areaPaths,
    ...facts.locations.map((l) => (l.isConfidential ? governoratePath(l.areaPath) : l.areaPath)),
  ];
  return [...new Set(paths)].sort();
}

const texts = (localized: Localized): string[] => Object.values(localized ?? {}).filter((t): t is string => Boolean(t));

/**
 * The search document of a published service: its names and descriptions, its organisation's
 * names, the names and descriptions of its types and their parents (so "blackmail" or "ابتزاز"
 * find the services that help), and the names and aliases of the areas it covers with their
 * ancestors. Addresses are left out, so a confidential site cannot be found by its street.
 */
function searchRow(facts: ListingFacts, covered: string[]) {
  const types = new Map<string, { names: Localized; descriptions: Localized }>();
  for (const t of facts.types) {
    types.set(t.id, t);
    if (t.parent) types.set(t.parent.id, t.parent);
  }
  // An area path lists the area and all its ancestors: "/IQ/IQG15/IQG15Q05/".
  const pcodes = [...new Set(covered.flatMap(pathCodes))];
  return searchDocument([
    ...texts(facts.names),
    ...texts(facts.descriptions),
    ...texts(facts.organisationNames),
    ...[...types.values()].flatMap((t) => [...texts(t.names), ...texts(t.descriptions)]),
    ...pcodes.flatMap((pcode) => facts.areaNames(pcode)),
  ]);
}

/** Everything derived from a listing's facts; callers write exactly this. */
export function deriveListing(facts: ListingFacts): DerivedListing {
  const covered = coverage(facts);
  return {
    coverage: covered,
    search: facts.status === 'published' ? searchRow(facts, covered) : null,
    sortName: sortName(facts.names),
    verificationCycleDays: verificationCycleDays(facts.types),
  };
}
