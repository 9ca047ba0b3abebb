/**
 * Import from an HSDS 3.x data package: the JSON form (services.json of our export, an array of
 * fully nested services, or `{ "services": [...] }`) through the same plan → dry run → one-batch
 * commit as sheets (plan.ts, pipeline.ts). Masar's own facts are read back from where the export
 * puts them (views/hsds-facts.ts): "masar-facts" attributes, metadata, additional_urls, schedules
 * with their opening_hours rule, closures, location P-codes and confidentiality.
 *
 * Ids: an HSDS id is the record's id here when no record has it yet, so a re-import updates the
 * same records (idempotent) and an export of the imported directory names them as before. A
 * listing is also matched by its external id (the HSDS service id it was imported from).
 *
 * Imported listings enter as drafts with the package recorded as their import source. The
 * verification facts the package states (status, when, by which role, method, next due) are kept
 * on a new listing as the package's record of its last check; a listing already here keeps its own.
 * Texts: every language comes back from the "masar-translation" attributes our export writes beside
 * each object's fields (views/hsds-translations.ts). A package without them (another publisher's)
 * has one text per field with no language tag: it is stored under the language its script shows
 * (import/rows.ts languageOf).
 */
import type { Database } from '../../../db/client.ts';
import { inChunks, inIds } from '../../../db/id-list.ts';
import {
  closures,
  contactRoutes,
  locations,
  organisations,
  serviceAreas,
  serviceAtLocations,
  serviceCoverage,
  services,
  serviceTypeAssignments,
} from '../../../db/schema.ts';
import { CONTACT_ROUTE_KINDS, type Country, type LocalizedText } from '../../domain/vocabulary.ts';
import { factTermId, FACT_CODES, type FactCode } from '../../views/hsds-facts.ts';
import { termId } from '../../views/hsds-taxonomy.ts';
import { readTranslations } from '../../views/hsds-translations.ts';
import { inAreas, mayOnService } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { apiRow, type EntityName } from '../edit/entities.ts';
import {
  loadedFrom,
  loadEntity,
  planCreate,
  planUpdate,
  readLinkField,
  type PlannedWrite,
  type StepServiceTarget,
  type WriteContext,
} from '../edit/write.ts';
import type { RowOutcome } from './plan.ts';
import { languageOf, type Lookups, type RowIssue } from './rows.ts';

export class UnreadablePackage extends Error {}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The services of a package in its JSON form. */
export function readPackage(bytes: ArrayBuffer): Json[] {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes));
  } catch {
    throw new UnreadablePackage('is not UTF-8 JSON');
  }
  const found = Array.isArray(value) ? value : obj(value).services;
  if (!Array.isArray(found))
    throw new UnreadablePackage(
      'is neither an array of HSDS services (services.json) nor an object with "services", ' +
        'nor pathways (pathways.json)',
    );
  return found.map(obj);
}

interface PackageRecord {
  entity: Exclude<EntityName, 'referral' | 'pathway' | 'pathway_step' | 'pathway_step_referral'>;
  id: string;
  values: Record<string, unknown>;
  links: Record<string, unknown>;
}

interface PackageListing {
  row: number;
  id: string;
  name: string | null;
  /** Areas it covers or is at, for the scope check. */
  pcodes: string[];
  records: PackageRecord[];
  /** Pathway steps it serves ("pathway_step" attributes: pathway id/step id). */
  steps: Array<{ pathwayId: string; stepId: string }>;
  errors: RowIssue[];
  warnings: RowIssue[];
}

/** Attribute values of a "masar-facts" fact (several for accessibility), in the package's order. */
function factsOf(attributes: Json[]): Map<FactCode, string[]> {
  const facts = new Map<FactCode, string[]>();
  for (const a of attributes) {
    const code = str(a.link_type) as FactCode | null;
    if (!code || !FACT_CODES.includes(code) || a.taxonomy_term_id !== factTermId(code)) continue;
    const value = typeof a.value === 'string' ? a.value : String(a.value ?? '');
    facts.set(code, [...(facts.get(code) ?? []), value]);
  }
  return facts;
}

const METHOD = /^verified(?: \((call|visit|email|partner_report)\))?$/;
const CLOSURE = /^(closes|informs) (\S+)\/(\S+)$/;

/** One HSDS service → the records it is here: organisation, service, sites, routes, closures. */
function mapService(s: Json, row: number, lookups: Lookups, types: Set<string>, source: string): PackageListing {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const id = str(s.id);
  const name = str(s.name);
  const listing: PackageListing = { row, id: id ?? '', name, pcodes: [], records: [], steps: [], errors, warnings };
  if (!id) {
    errors.push({ column: 'id', reason: 'is missing' });
    return listing;
  }
  const attributes = list(s.attributes);
  const facts = factsOf(attributes);
  const fact = (code: FactCode) => facts.get(code)?.[0] ?? null;
  const areaPcodes = list(s.service_areas).flatMap((a) => str(a.extent) ?? []);
  const sals = list(s.service_at_locations);
  const sitePcodes = sals.map((sal) => factsOf(list(obj(sal.location).attributes)).get('area_pcode')?.[0] ?? null);
  for (const pcode of [...areaPcodes, ...sitePcodes]) {
    if (pcode === null) errors.push({ column: 'service_at_locations', reason: 'a location has no area_pcode' });
    else if (!lookups.byPcode.has(pcode))
      errors.push({ column: 'service_areas', reason: `no area has the P-code ${pcode}` });
  }
  listing.pcodes = [...areaPcodes, ...sitePcodes.flatMap((p) => p ?? [])];
  const country: Country | undefined = listing.pcodes.map((p) => lookups.byPcode.get(p)?.country).find(Boolean);
  if (!country) errors.push({ column: 'service_areas', reason: 'names no area we know, so its country is unknown' });
  const typeIds = attributes.flatMap((a) => {
    const match = [...types].find((t) => termId(t) === a.taxonomy_term_id);
    return match ? [match] : [];
  });
  if (!typeIds.length) errors.push({ column: 'attributes', reason: 'has no service type of masar-service-types' });
  if (!name) errors.push({ column: 'name', reason: 'is empty' });
  if (errors.length || !country) return listing;

  const text = (value: unknown): LocalizedText => {
    const t = str(value);
    return t ? { [languageOf([t], country)]: t } : {};
  };
  /**
   * The texts of one object: every language from its "masar-translation" attributes when it has
   * any (a field it has none for is empty in every language), else its one text, by its script.
   */
  const textsOf = (objectAttributes: unknown) => {
    const found = readTranslations(objectAttributes);
    return (field: string, single: unknown): LocalizedText => (found.size ? { ...found.get(field) } : text(single));
  };
  const serviceText = textsOf(attributes);
  const org = obj(s.organization);
  const orgText = textsOf(org.attributes);
  const organisationId = str(org.id) ?? str(s.organization_id);
  if (!organisationId) {
    errors.push({ column: 'organization', reason: 'has no id' });
    return listing;
  }
  listing.records.push({
    entity: 'organisation',
    id: organisationId,
    values: {
      names: orgText('name', org.name),
      descriptions: orgText('description', org.description),
      website: str(org.website),
      is_sample: fact('sample') === 'true',
    },
    links: {},
  });
  // The last verification as the package's metadata states it (who: a role, never a name).
  const verification = list(s.metadata).find((m) => m.field_name === 'assured_date' && m.resource_id === id);
  const method = verification ? METHOD.exec(String(verification.last_action_type ?? '')) : null;
  listing.records.push({
    entity: 'service',
    id,
    values: {
      names: serviceText('name', name),
      descriptions: serviceText('description', s.description),
      after_contact: serviceText('application_process', s.application_process),
      cost_note: serviceText('fees_description', s.fees_description),
      eligibility_note: serviceText('eligibility_description', s.eligibility_description),
      min_age: num(s.minimum_age),
      max_age: num(s.maximum_age),
      female_staff: fact('female_staff') ?? 'unknown',
      anonymous_reporting: fact('anonymous_reporting') ?? 'unknown',
      accompaniment: fact('accompaniment') ?? 'unknown',
      safe_place_meeting: fact('safe_place_meeting') ?? 'unknown',
      passes_on_without_identity: fact('passes_on_without_identity') ?? 'unknown',
      confidentiality_note: serviceText('confidentiality_note', fact('confidentiality_note')),
      eligible_gender: fact('eligible_gender') ?? 'unknown',
      cost_kind: fact('cost_kind') ?? 'unknown',
      accessibility: facts.get('accessibility') ?? [],
      accessibility_note: serviceText('accessibility_note', fact('accessibility_note')),
      languages: list(s.languages).flatMap((l) => str(l.code) ?? []),
      source_description: fact('source_description'),
      source_url: fact('source_url'),
      source_date: fact('source_date'),
      type_ids: typeIds,
      area_pcodes: areaPcodes,
    },
    links: {
      organisation_id: organisationId,
      country,
      status: 'draft',
      external_id: id,
      import_source: source,
      verification_status: fact('verification_status') ?? 'unverified',
      last_verified_at: fact('last_verified_at'),
      last_verified_by: str(verification?.updated_by),
      verification_method: method?.[1] ?? null,
      next_verification_due: fact('next_verification_due'),
    },
  });

  // Schedules: a route's weekly rule (opening_hours + contact_route attributes, with the route's
  // kind and value) or a dated closure. Their order is the routes' order.
  const schedules = list(s.schedules);
  const routeHours = new Map<
    string,
    { rule: string; kind?: string; value?: string; label: string | null; texts: ReturnType<typeof textsOf> }
  >();
  const closureRecords: PackageRecord[] = [];
  for (const h of schedules) {
    const hFacts = factsOf(list(h.attributes));
    const routeId = hFacts.get('contact_route')?.[0] ?? null;
    const rule = hFacts.get('opening_hours')?.[0];
    const closure = CLOSURE.exec(hFacts.get('closure')?.[0] ?? '');
    if (rule !== undefined && routeId) {
      routeHours.set(routeId, {
        rule,
        kind: hFacts.get('contact_route_kind')?.[0],
        value: hFacts.get('contact_route_value')?.[0],
        label: str(h.attending_type),
        texts: textsOf(h.attributes),
      });
    } else if (closure && str(h.id)) {
      closureRecords.push({
        entity: 'closure',
        id: str(h.id)!,
        values: {
          starts_at: closure[2],
          ends_at: closure[3],
          closes: closure[1] === 'closes',
          reason: textsOf(h.attributes)('reason', h.description),
        },
        links: routeId ? { contact_route_id: routeId } : { service_id: id },
      });
    }
  }
  const hoursOrder = [...routeHours.keys()];
  const routes: Array<{ id: string; values: Record<string, unknown>; after: number }> = [];
  /** A route in its place: by its hours' place, or just after the route before it in its own list. */
  let previous = -1;
  const route = (routeId: string, values: Record<string, unknown>) => {
    const at = hoursOrder.indexOf(routeId);
    previous = at >= 0 ? at : previous + 0.001;
    routes.push({
      id: routeId,
      values: { ...values, opening_hours: routeHours.get(routeId)?.rule ?? null },
      after: previous,
    });
  };
  for (const phone of list(s.phones)) {
    const routeId = str(phone.id);
    const kind =
      factsOf(list(phone.attributes)).get('contact_route_kind')?.[0] ?? (phone.type === 'text' ? 'sms' : 'phone');
    if (!routeId || !str(phone.number)) {
      warnings.push({ column: 'phones', reason: 'a phone without an id or number was left out' });
      continue;
    }
    // The export writes "label — notes" (views/hsds.ts hsdsPhone).
    const [label, ...notes] = String(phone.description ?? '').split(' — ');
    const phoneText = textsOf(phone.attributes);
    route(routeId, {
      kind,
      value: str(phone.number),
      labels: phoneText('label', label),
      notes: phoneText('notes', notes.join(' — ')),
      languages: list(phone.languages).flatMap((l) => str(l.code) ?? []),
    });
  }
  previous = -1;
  const isKind = (kind: string | undefined) =>
    Boolean(kind && (CONTACT_ROUTE_KINDS as readonly string[]).includes(kind));
  for (const url of list(s.additional_urls)) {
    const uFacts = factsOf(list(url.attributes));
    const routeId = str(url.id);
    const kind = uFacts.get('contact_route_kind')?.[0];
    const value = uFacts.get('contact_route_value')?.[0] ?? str(url.url);
    if (!routeId || !value || !isKind(kind)) {
      warnings.push({
        column: 'additional_urls',
        reason: `${str(url.url) ?? 'a url'} has no Masar route kind: left out`,
      });
      continue;
    }
    const label = str(url.label);
    const urlText = textsOf(url.attributes);
    route(routeId, {
      kind,
      value,
      labels: urlText('label', label !== kind ? label : null),
      notes: urlText('notes', null),
    });
  }
  // Routes only their hours name: a walk-in, the first email and form (HSDS's service.email and url).
  const listed = new Set(routes.map((r) => r.id));
  for (const [routeId, hours] of routeHours) {
    if (listed.has(routeId)) continue;
    if (!hours.value || !isKind(hours.kind)) {
      warnings.push({
        column: 'schedules',
        reason: `hours of contact route ${routeId}, whose kind the package does not give`,
      });
      continue;
    }
    previous = hoursOrder.indexOf(routeId);
    route(routeId, {
      kind: hours.kind,
      value: hours.value,
      labels: hours.texts('label', hours.label !== hours.kind ? hours.label : null),
      notes: hours.texts('notes', null),
    });
  }
  for (const [kind, value] of [
    ['email', str(s.email)],
    ['web_form', str(s.url)],
  ] as const) {
    // The first route of its kind is service.email / service.url; it is the one its hours name, if any.
    const known = routes.some((r) => !listed.has(r.id) && r.values.kind === kind);
    if (value && !known) {
      previous = -1;
      route(`${id}:${kind}`, { kind, value });
    }
  }
  routes.sort((a, b) => a.after - b.after);
  for (const [i, r] of routes.entries())
    listing.records.push({
      entity: 'contact_route',
      id: r.id,
      values: { ...r.values, sort_order: i * 10 },
      links: { service_id: id },
    });

  for (const [i, sal] of sals.entries()) {
    const salId = str(sal.id);
    const location = obj(sal.location);
    const locationId = str(location.id) ?? str(sal.location_id);
    if (!salId || !locationId) {
      warnings.push({ column: 'service_at_locations', reason: 'a site without an id was left out' });
      continue;
    }
    const lFacts = factsOf(list(location.attributes));
    const locationText = textsOf(location.attributes);
    listing.records.push({
      entity: 'location',
      id: locationId,
      values: {
        names: locationText('name', location.name),
        address: locationText('address', list(location.addresses)[0]?.address_1),
        area_pcode: sitePcodes[i],
        lat: num(location.latitude),
        lon: num(location.longitude),
        is_confidential: lFacts.get('confidential_site')?.[0] === 'true',
      },
      links: { organisation_id: organisationId },
    });
    const hours = list(sal.schedules).find((h) => factsOf(list(h.attributes)).has('opening_hours'));
    listing.records.push({
      entity: 'service_location',
      id: salId,
      values: {
        location_id: locationId,
        opening_hours: hours ? factsOf(list(hours.attributes)).get('opening_hours')![0] : null,
        hours_note: textsOf(sal.attributes)('hours_note', hours?.description),
      },
      links: { service_id: id },
    });
  }
  listing.records.push(...closureRecords);
  listing.steps = attributes.flatMap((a) => {
    const [pathwayId, stepId, ...rest] = String(a.value ?? '').split('/');
    return a.link_type === 'pathway_step' && pathwayId && stepId && !rest.length ? [{ pathwayId, stepId }] : [];
  });
  return listing;
}

const TABLES = {
  organisation: organisations,
  service: services,
  contact_route: contactRoutes,
  location: locations,
  service_location: serviceAtLocations,
  closure: closures,
} as const;

/** Every record a package names that exists here, read a few statements per table. */
async function existingRecords(db: Database, listings: PackageListing[]) {
  const idsOf = (entity: keyof typeof TABLES) => [
    ...new Set(listings.flatMap((l) => l.records.filter((r) => r.entity === entity).map((r) => r.id))),
  ];
  const read = async (entity: keyof typeof TABLES) => {
    const table = TABLES[entity];
    const rows: Json[] = [];
    for (const piece of inChunks(idsOf(entity)))
      rows.push(...(await db.select().from(table).where(inIds(table.id, piece))).map((r) => apiRow(table, r as never)));
    return new Map(rows.map((r) => [String(r.id), r]));
  };
  const serviceIds = idsOf('service');
  const [byEntity, byExternal] = await Promise.all([
    Promise.all((Object.keys(TABLES) as Array<keyof typeof TABLES>).map(async (e) => [e, await read(e)] as const)),
    (async () => {
      const rows: Json[] = [];
      for (const piece of inChunks(serviceIds))
        rows.push(
          ...(await db.select().from(services).where(inIds(services.externalId, piece))).map((r) =>
            apiRow(services, r),
          ),
        );
      return new Map(rows.map((r) => [String(r.external_id), r]));
    })(),
  ]);
  return { rows: new Map(byEntity), byExternal };
}

async function listingLinks(db: Database, ids: string[]) {
  const [types, areas, coverage] = [
    new Map<string, string[]>(),
    new Map<string, string[]>(),
    new Map<string, string[]>(),
  ];
  /** Each listing's routes as stored (the API's field names). */
  const routes = new Map<string, Json[]>();
  const add = (m: Map<string, string[]>, k: string, v: string) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const piece of inChunks(ids)) {
    const [t, a, c, r] = await Promise.all([
      db.select().from(serviceTypeAssignments).where(inIds(serviceTypeAssignments.serviceId, piece)),
      db.select().from(serviceAreas).where(inIds(serviceAreas.serviceId, piece)),
      db.select().from(serviceCoverage).where(inIds(serviceCoverage.serviceId, piece)),
      db.select().from(contactRoutes).where(inIds(contactRoutes.serviceId, piece)),
    ]);
    for (const row of t) add(types, row.serviceId, row.serviceTypeId);
    for (const row of a) add(areas, row.serviceId, row.areaPcode);
    for (const row of c) add(coverage, row.serviceId, row.areaPath);
    for (const row of r) routes.set(row.serviceId, [...(routes.get(row.serviceId) ?? []), apiRow(contactRoutes, row)]);
  }
  return { types, areas, coverage, routes };
}

/**
 * A route the package gives without an id of its own (HSDS's service.email and url, when no hours
 * name them) is the listing's stored route of the same kind and value, if it has one: the same
 * route again, not a second one.
 */
function matchRoutesByValue(records: PackageRecord[], stored: Json[], known: Map<string, Json>) {
  const named = new Set(records.filter((r) => r.entity === 'contact_route').map((r) => r.id));
  const matched = new Set<string>();
  for (const record of records) {
    if (record.entity !== 'contact_route' || known.has(record.id)) continue;
    const same = stored.find(
      (r) => !named.has(String(r.id)) && r.kind === record.values.kind && r.value === record.values.value,
    );
    if (!same) continue;
    named.add(String(same.id));
    record.id = String(same.id);
    known.set(record.id, same);
    matched.add(record.id);
  }
  return matched;
}

/**
 * What the public export hides of a confidential site (its coordinates, its area below the
 * governorate) is not erased by importing that export again: a confidential site still confidential
 * in the package, without coordinates and in an area that holds the stored one, keeps what is stored.
 */
function keepHiddenSite(values: Json, stored: Json, lookups: Lookups) {
  if (!stored.is_confidential || !values.is_confidential || values.lat != null || values.lon != null) return values;
  const storedPath = lookups.byPcode.get(String(stored.area_pcode))?.path;
  const givenPath = lookups.byPcode.get(String(values.area_pcode))?.path;
  if (!storedPath || !givenPath || !storedPath.startsWith(givenPath)) return values;
  return { ...values, area_pcode: stored.area_pcode, lat: stored.lat, lon: stored.lon };
}

/**
 * A package gives a listing's routes in order, not their numbers (`sort_order` is Masar's own, and
 * another directory numbers routes its own way). When the routes already here come in the order they
 * have here, and any new ones after them, the numbers here stay (new routes go after the listing's
 * last route): re-importing an unchanged package changes nothing. Otherwise the package's order wins.
 * Routes found by their value (`unordered`: HSDS's service.email and url have no place among the
 * others) keep their number and say nothing about the order.
 */
function keepRouteNumbers(
  records: PackageRecord[],
  stored: Map<string, Json>,
  serviceId: string,
  listed: Json[],
  unordered: Set<string>,
) {
  const lastRoute = Math.max(0, ...listed.map((r) => Number(r.sort_order)));
  for (const r of records)
    if (r.entity === 'contact_route' && unordered.has(r.id))
      r.values = { ...r.values, sort_order: stored.get(r.id)!.sort_order };
  const routes = records.filter((r) => r.entity === 'contact_route' && !unordered.has(r.id));
  const numbers = routes.map((r) => {
    const here = stored.get(r.id);
    return here && here.service_id === serviceId ? (here.sort_order as number) : undefined;
  });
  const known = numbers.filter((n): n is number => n !== undefined);
  if (!known.length) return;
  const knownFirst = numbers.slice(0, known.length).every((n) => n !== undefined);
  const sameOrder = known.every((n, k) => k === 0 || n >= known[k - 1]!);
  if (!knownFirst || !sameOrder) return;
  for (const [k, r] of routes.entries())
    r.values = { ...r.values, sort_order: numbers[k] ?? lastRoute + 10 * (k - known.length + 1) };
}

type StepServices = Map<string, { pathwayId: string; services: Array<{ serviceId: string; outcome: RowOutcome }> }>;

/**
 * A service the package says serves a pathway step that exists here is named on that step again,
 * through the pathway edit (change log; a changed step asks for the pathway to be checked again).
 * A step not here is a warning: pathways are their own resource (pathways.json), not imported here.
 */
async function relinkSteps(ctx: WriteContext, stepServices: StepServices): Promise<PlannedWrite[]> {
  const writes: PlannedWrite[] = [];
  for (const [stepId, { pathwayId, services: served }] of stepServices) {
    const step = await loadEntity(ctx.db, 'pathway_step', stepId);
    if (!step || step.pathwayId !== pathwayId) {
      for (const { outcome } of served)
        outcome.warnings = [
          ...outcome.warnings,
          { column: 'attributes', reason: `pathway step ${pathwayId}/${stepId} is not in this directory: not linked` },
        ];
      continue;
    }
    const current = (await readLinkField(ctx.db, 'pathway_step', stepId, 'services')) as StepServiceTarget[];
    const missing = served.filter(({ serviceId }) => !current.some((t) => t.service_id === serviceId));
    if (!missing.length) continue;
    const next = [...current, ...missing.map(({ serviceId }) => ({ service_type_id: null, service_id: serviceId }))];
    const planned = await planUpdate(ctx, step, { services: next }, { services: current });
    writes.push(planned);
    for (const { serviceId, outcome } of missing) {
      outcome.changes.push({ field: `pathway step ${pathwayId}/${stepId}`, old: null, new: serviceId });
      if (outcome.outcome === 'unchanged') outcome.outcome = 'changed';
    }
  }
  return writes;
}

const isEmpty = (v: unknown) =>
  v === null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Object.keys(v).length);

/** A new record's fields that say something, as the dry run lists them. */
function newFields(record: PackageRecord) {
  const prefix = record.entity === 'service' ? '' : `${record.entity} ${record.id}: `;
  return Object.entries(record.values)
    .filter(([, v]) => !isEmpty(v))
    .map(([field, v]) => ({ field: `${prefix}${field}`, old: null, new: v }));
}

/** Localised texts as "column.lang" changes, so a package in one language never erases the others. */
function asChanges(values: Record<string, unknown>, localised: Set<string>) {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (localised.has(field))
      for (const [lang, t] of Object.entries(value as LocalizedText)) changes[`${field}.${lang}`] = t;
    else changes[field] = value;
  }
  return changes;
}

const LOCALISED = new Set([
  'names',
  'descriptions',
  'after_contact',
  'cost_note',
  'eligibility_note',
  'confidentiality_note',
  'accessibility_note',
  'labels',
  'notes',
  'address',
  'hours_note',
  'reason',
]);

export async function planPackage(
  ctx: WriteContext,
  p: Principal,
  hsdsServices: Json[],
  lookups: Lookups,
  source: string,
): Promise<{ outcomes: RowOutcome[]; writes: PlannedWrite[] }> {
  const types = new Set(lookups.types.map((t) => t.id));
  const listings = hsdsServices.map((s, i) => mapService(s, i + 1, lookups, types, source));
  const known = await existingRecords(ctx.db, listings);
  const serviceRowOf = (l: PackageListing) => known.rows.get('service')!.get(l.id) ?? known.byExternal.get(l.id);
  const matchedIds = listings.flatMap((l) => {
    const row = serviceRowOf(l);
    return row ? [String(row.id)] : [];
  });
  const linked = await listingLinks(ctx.db, matchedIds);
  const outcomes: RowOutcome[] = [];
  const writes: PlannedWrite[] = [];
  const seen = new Map<string, number>();
  const planned = new Set<string>(); // records (organisations, sites) shared by several services: planned once
  const stepServices: StepServices = new Map();

  for (const listing of listings) {
    const errors = [...listing.errors];
    const base = { row: listing.row, external_id: listing.id || null, name: listing.name, warnings: listing.warnings };
    if (seen.has(listing.id))
      errors.push({ column: 'id', reason: `the same service as entry ${seen.get(listing.id)}` });
    seen.set(listing.id, listing.row);
    const current = serviceRowOf(listing);
    const serviceId = current ? String(current.id) : listing.id;
    if (p.role === 'coordinator') {
      const outside = listing.pcodes.filter((pcode) => !inAreas(p, [lookups.byPcode.get(pcode)?.path ?? '']));
      if (outside.length)
        errors.push({ column: 'service_areas', reason: `${outside.join(', ')} is outside your areas` });
    }
    if (
      current &&
      !mayOnService(p, 'edit', {
        organisationId: String(current.organisation_id),
        coveragePaths: linked.coverage.get(serviceId) ?? [],
      })
    )
      errors.push({ column: 'id', reason: `the listing ${serviceId} it matches is outside your scope` });
    if (errors.length) {
      outcomes.push({ ...base, outcome: 'rejected', service_id: null, changes: [], errors });
      continue;
    }
    const own: PlannedWrite[] = [];
    const version = current ? Number(current.version) : 0;
    if (current) {
      const storedRoutes = linked.routes.get(serviceId) ?? [];
      const unordered = matchRoutesByValue(listing.records, storedRoutes, known.rows.get('contact_route')!);
      keepRouteNumbers(listing.records, known.rows.get('contact_route')!, serviceId, storedRoutes, unordered);
    }
    for (const record of listing.records) {
      const key = `${record.entity}:${record.id}`;
      if (planned.has(key)) continue;
      planned.add(key);
      const id = record.entity === 'service' ? serviceId : record.id;
      const links = { ...record.links };
      if ('service_id' in links) links.service_id = serviceId;
      const stored = known.rows.get(record.entity)!.get(id) ?? (record.entity === 'service' ? current : undefined);
      if (!stored) {
        const created = await planCreate(ctx, record.entity, id, record.values, links);
        // What is new, without the moment of writing (the plan hash must be the dry run's).
        own.push({ ...created, changes: newFields(record) });
        continue;
      }
      const owner = record.entity === 'organisation' || record.entity === 'location' ? null : serviceId;
      const loaded = loadedFrom(record.entity, stored, owner, version);
      const values =
        record.entity === 'location' ? keepHiddenSite(record.values, stored, lookups) : { ...record.values };
      let storedLinks = {};
      if (record.entity === 'service') {
        // The listing's own types and areas stay; the package's are added (an import never deletes).
        const typeIds = linked.types.get(serviceId) ?? [];
        const pcodes = linked.areas.get(serviceId) ?? [];
        values.type_ids = [...new Set([...typeIds, ...(record.values.type_ids as string[])])];
        values.area_pcodes = [...new Set([...pcodes, ...(record.values.area_pcodes as string[])])];
        storedLinks = { type_ids: typeIds, area_pcodes: pcodes };
      }
      own.push(await planUpdate(ctx, loaded, asChanges(values, LOCALISED), storedLinks));
    }
    const changes = own.flatMap((w) => w.changes);
    writes.push(...own);
    outcomes.push({
      ...base,
      outcome: !current ? 'new' : changes.length ? 'changed' : 'unchanged',
      service_id: current ? serviceId : null,
      changes,
      errors: [],
    });
    for (const step of listing.steps) {
      const served = stepServices.get(step.stepId) ?? { pathwayId: step.pathwayId, services: [] };
      served.services.push({ serviceId, outcome: outcomes.at(-1)! });
      stepServices.set(step.stepId, served);
    }
  }
  writes.push(...(await relinkSteps(ctx, stepServices)));
  return { outcomes, writes };
}
