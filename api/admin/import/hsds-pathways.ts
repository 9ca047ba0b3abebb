/**
 * Import of referral pathways from the HSDS data package's pathways.json (our extension, written by
 * views/hsds-pathways.ts) through the same plan → dry run → one-batch commit as listings: each
 * pathway is a row, new, changed, unchanged or rejected with its reasons.
 *
 * The rules are the pathway editor's (admin/routes/pathways.ts, edit/validate.ts): a pathway is for
 * a loaded area and a known concern and has a name; each step has a known kind and choices, and
 * the services on it are services of this directory and service types we have (import the
 * package's services.json first). Coordinators import pathways of their areas only, and change only
 * pathways they may edit. New pathways enter as drafts (publishing stays a reviewer's act, one
 * published pathway per area and concern) keeping the verification the package states; a pathway
 * already here keeps its own, and a step the import changes makes it "not verified" again, as an
 * edit does. An import adds and changes, never deletes: a pathway's other steps and the services
 * already on a step stay. Steps take the file's order, as the step-order editor puts them.
 * The maintainers' file (admin/queries/pathway-export.ts) also carries each step's
 * practitioner-only details, written back as the step's referral editor writes them; the public
 * file has none, and then they stay as they are.
 *
 * Ids are kept, so re-importing the same file changes nothing and an export of the imported
 * directory names the same pathways and steps. Texts come in every language from the
 * "masar-translation" attributes (views/hsds-translations.ts), else by their script.
 */
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { inChunks, inIds } from '../../../db/id-list.ts';
import {
  concerns,
  pathways,
  pathwayStepReferralDetails,
  pathwayStepServices,
  pathwaySteps,
  services,
} from '../../../db/schema.ts';
import {
  STEP_CHOICES,
  STEP_KINDS,
  VERIFICATION_STATUSES,
  type Country,
  type LocalizedText,
} from '../../domain/vocabulary.ts';
import { factTermId, FACT_CODES, type FactCode } from '../../views/hsds-facts.ts';
import { termId } from '../../views/hsds-taxonomy.ts';
import { readTranslations } from '../../views/hsds-translations.ts';
import { inAreas, mayOnPathway } from '../auth/policy.ts';
import type { Principal } from '../auth/principal.ts';
import { apiRow, SPECS } from '../edit/entities.ts';
import {
  auditStatement,
  bumpParent,
  parentGuard,
  planCreate,
  planUpdate,
  type FieldChange,
  type Loaded,
  type PlannedWrite,
  type StepServiceTarget,
  type WriteContext,
  unverifyPathway,
} from '../edit/write.ts';
import type { RowOutcome } from './plan.ts';
import { languageOf, type Lookups, type RowIssue } from './rows.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The pathways of a file, when it is a pathways.json in UTF-8; null for anything else. */
export function pathwaysInFile(bytes: ArrayBuffer): Json[] | null {
  try {
    return readPathwayPackage(JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)));
  } catch {
    return null; // not JSON: the services reader says what is wrong with it
  }
}

/**
 * The pathways of a JSON file, when it is a pathways.json: an array of objects each with `steps`,
 * `area_pcode` and `concern`, or `{ "pathways": [...] }`. Anything else is not one (null).
 */
export function readPathwayPackage(value: unknown): Json[] | null {
  const found = Array.isArray(value) ? value : obj(value).pathways;
  if (!Array.isArray(found) || !found.length) return Array.isArray(obj(value).pathways) ? [] : null;
  const isPathway = (item: unknown) => {
    const o = obj(item);
    return Array.isArray(o.steps) && 'area_pcode' in o && 'concern' in o;
  };
  return found.every(isPathway) ? found.map(obj) : null;
}

/** "masar-facts" values on the pathway (verification, source, sample), as the export writes them. */
function factsOf(attributes: Json[]): Map<FactCode, string> {
  const facts = new Map<FactCode, string>();
  for (const a of attributes) {
    const code = str(a.link_type) as FactCode | null;
    if (code && FACT_CODES.includes(code) && a.taxonomy_term_id === factTermId(code) && !facts.has(code))
      facts.set(code, String(a.value ?? ''));
  }
  return facts;
}

interface PackageStep {
  id: string;
  position: number;
  values: Record<string, unknown>;
  targets: StepServiceTarget[];
  /** Practitioner-only details, when the file carries them (the maintainers' export); null in the public file. */
  referral: { focal_point: LocalizedText; intake_route: LocalizedText } | null;
}

interface PackagePathway {
  row: number;
  id: string;
  name: string | null;
  areaPcode: string;
  concernId: string;
  values: Record<string, unknown>;
  links: Record<string, unknown>;
  steps: PackageStep[];
  errors: RowIssue[];
  warnings: RowIssue[];
}

const LOCALISED = new Set([
  'names',
  'intro',
  'title',
  'what_happens',
  'what_to_bring',
  'what_next',
  'focal_point',
  'intake_route',
]);

/** Localised texts as "column.lang" changes, so a package without a language never erases it here. */
function asChanges(values: Record<string, unknown>) {
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(values)) {
    if (LOCALISED.has(field))
      for (const [lang, t] of Object.entries(value as LocalizedText)) changes[`${field}.${lang}`] = t;
    else changes[field] = value;
  }
  return changes;
}

const isEmpty = (v: unknown) =>
  v === null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && v !== null && !Object.keys(v).length);

const newFields = (values: Record<string, unknown>, prefix = ''): FieldChange[] =>
  Object.entries(values)
    .filter(([, v]) => !isEmpty(v))
    .map(([field, v]) => ({ field: `${prefix}${field}`, old: null, new: v }));

/** One pathway of the file → what it is here, with what is wrong with it (checked against the lookups). */
function mapPathway(
  item: Json,
  row: number,
  lookups: Lookups,
  known: { concerns: Set<string>; services: Set<string>; typeOfTerm: Map<string, string> },
): PackagePathway {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const id = str(item.id) ?? '';
  const areaPcode = str(item.area_pcode) ?? '';
  const concernId = str(item.concern) ?? '';
  const out: PackagePathway = {
    row,
    id,
    name: str(item.name),
    areaPcode,
    concernId,
    values: {},
    links: {},
    steps: [],
    errors,
    warnings,
  };
  if (!id) errors.push({ column: 'id', reason: 'is missing' });
  const area = lookups.byPcode.get(areaPcode);
  if (!area)
    errors.push({ column: 'area_pcode', reason: areaPcode ? `no area has the P-code ${areaPcode}` : 'is missing' });
  if (!known.concerns.has(concernId))
    errors.push({ column: 'concern', reason: concernId ? `no concern ${concernId}` : 'is missing' });
  const country = (area?.country ?? 'IQ') as Country;
  const text = (value: unknown): LocalizedText => {
    const t = str(value);
    return t ? { [languageOf([t], country)]: t } : {};
  };
  const textsOf = (attributes: unknown) => {
    const found = readTranslations(attributes);
    return (field: string, single: unknown): LocalizedText => (found.size ? { ...found.get(field) } : text(single));
  };
  const pathwayText = textsOf(item.attributes);
  const names = pathwayText('name', item.name);
  if (!Object.values(names).some((n) => n && n.trim())) errors.push({ column: 'name', reason: 'is empty' });
  const facts = factsOf(list(item.attributes));
  out.values = {
    names,
    intro: pathwayText('description', item.description),
    source_description: facts.get('source_description') ?? null,
    source_url: facts.get('source_url') ?? null,
    source_date: facts.get('source_date') ?? null,
  };
  const status = facts.get('verification_status') ?? 'unverified';
  out.links = {
    area_pcode: areaPcode,
    concern_id: concernId,
    status: 'draft',
    is_sample: facts.get('sample') === 'true',
    verification_status: (VERIFICATION_STATUSES as readonly string[]).includes(status) ? status : 'unverified',
    last_verified_at: facts.get('last_verified_at') ?? null,
    next_verification_due: facts.get('next_verification_due') ?? null,
  };

  const steps = list(item.steps);
  if (!steps.length) warnings.push({ column: 'steps', reason: 'has no steps: it cannot be published until it has' });
  const positions = steps.map((s) => s.position);
  const usePositions =
    positions.every((p) => Number.isInteger(p) && (p as number) > 0) && new Set(positions).size === positions.length;
  const stepIds = new Set<string>();
  for (const [i, step] of steps.entries()) {
    const column = `steps.${i + 1}`;
    const stepId = str(step.id);
    if (!stepId) {
      errors.push({ column: `${column}.id`, reason: 'is missing' });
      continue;
    }
    if (stepIds.has(stepId)) errors.push({ column: `${column}.id`, reason: `step ${stepId} is there twice` });
    stepIds.add(stepId);
    const kind = str(step.kind);
    if (!kind || !(STEP_KINDS as readonly string[]).includes(kind))
      errors.push({ column: `${column}.kind`, reason: `${kind ?? '(none)'} is not a step kind` });
    const stepText = textsOf(step.attributes);
    const choices = list(step.choices).flatMap((choice) => {
      const code = str(choice.code);
      if (!code || !(STEP_CHOICES as readonly string[]).includes(code)) {
        errors.push({ column: `${column}.choices`, reason: `${code ?? '(none)'} is not a choice we know` });
        return [];
      }
      const note = stepText(`choice_note:${code}`, choice.note);
      return [Object.keys(note).length ? { code, note } : { code }];
    });
    const targets: StepServiceTarget[] = [];
    for (const serviceId of Array.isArray(step.service_ids) ? step.service_ids : []) {
      if (known.services.has(String(serviceId))) targets.push({ service_type_id: null, service_id: String(serviceId) });
      else
        errors.push({
          column: `${column}.service_ids`,
          reason: `no service ${String(serviceId)} in this directory (import the package's services.json first)`,
        });
    }
    for (const term of Array.isArray(step.service_type_term_ids) ? step.service_type_term_ids : []) {
      const typeId = known.typeOfTerm.get(String(term));
      if (typeId) targets.push({ service_type_id: typeId, service_id: null });
      else
        errors.push({
          column: `${column}.service_type_term_ids`,
          reason: `${String(term)} is no masar-service-types term`,
        });
    }
    out.steps.push({
      id: stepId,
      position: usePositions ? (step.position as number) : i + 1,
      values: {
        kind,
        title: stepText('title', step.title),
        what_happens: stepText('what_happens', step.what_happens),
        what_to_bring: stepText('what_to_bring', step.what_to_bring),
        choices,
        what_next: stepText('what_next', step.what_next),
      },
      targets,
      // Only a file that has the details says anything about them: the public file leaves them as they are.
      referral:
        'practitioner_only' in step
          ? {
              focal_point: stepText('focal_point', obj(step.practitioner_only).focal_point),
              intake_route: stepText('intake_route', obj(step.practitioner_only).intake_route),
            }
          : null,
    });
  }
  // The file's order is the steps' order (their positions, else the order they are listed in).
  out.steps.sort((a, b) => a.position - b.position);
  return out;
}

/** What planning reads, for the whole file at once: a few statements per table, never some per pathway. */
async function readKnown(db: Database, items: Json[]) {
  const serviceIds = [
    ...new Set(items.flatMap((p) => list(p.steps).flatMap((s) => (Array.isArray(s.service_ids) ? s.service_ids : [])))),
  ].map(String);
  const pathwayIds = [...new Set(items.flatMap((p) => str(p.id) ?? []))];
  const stepIds = [...new Set(items.flatMap((p) => list(p.steps).flatMap((s) => str(s.id) ?? [])))];
  const many = async <T>(ids: string[], read: (piece: string[]) => Promise<T[]>) => {
    const out: T[] = [];
    for (const piece of inChunks(ids)) out.push(...(await read(piece)));
    return out;
  };
  const [concernRows, serviceRows, pathwayRows, stepRows] = await Promise.all([
    db.select({ id: concerns.id }).from(concerns),
    many(serviceIds, (piece) => db.select({ id: services.id }).from(services).where(inIds(services.id, piece))),
    many(pathwayIds, (piece) => db.select().from(pathways).where(inIds(pathways.id, piece))),
    many(stepIds, (piece) => db.select().from(pathwaySteps).where(inIds(pathwaySteps.id, piece))),
  ]);
  const matched = pathwayRows.map((p) => p.id);
  const [positions, targets, referrals] = await Promise.all([
    many(matched, (piece) =>
      db
        .select({ id: pathwaySteps.id, pathwayId: pathwaySteps.pathwayId, position: pathwaySteps.position })
        .from(pathwaySteps)
        .where(inIds(pathwaySteps.pathwayId, piece))
        .orderBy(asc(pathwaySteps.position)),
    ),
    many(
      stepRows.map((s) => s.id),
      (piece) =>
        db
          .select()
          .from(pathwayStepServices)
          .where(inIds(pathwayStepServices.stepId, piece))
          .orderBy(asc(pathwayStepServices.sortOrder), asc(pathwayStepServices.id)),
    ),
    many(
      stepRows.map((s) => s.id),
      (piece) => db.select().from(pathwayStepReferralDetails).where(inIds(pathwayStepReferralDetails.stepId, piece)),
    ),
  ]);
  const lastPosition = new Map<string, number>();
  const stepsOf = new Map<string, Array<{ id: string; position: number }>>();
  for (const p of positions) {
    lastPosition.set(p.pathwayId, Math.max(lastPosition.get(p.pathwayId) ?? 0, p.position));
    stepsOf.set(p.pathwayId, [...(stepsOf.get(p.pathwayId) ?? []), { id: p.id, position: p.position }]);
  }
  const targetsOf = new Map<string, StepServiceTarget[]>();
  for (const t of targets)
    targetsOf.set(t.stepId, [
      ...(targetsOf.get(t.stepId) ?? []),
      { service_type_id: t.serviceTypeId, service_id: t.serviceId },
    ]);
  return {
    concerns: new Set(concernRows.map((c) => c.id)),
    services: new Set(serviceRows.map((s) => s.id)),
    pathways: new Map(pathwayRows.map((p) => [p.id, p])),
    steps: new Map(stepRows.map((s) => [s.id, s])),
    lastPosition,
    stepsOf,
    targetsOf,
    referrals: new Map(referrals.map((r) => [r.stepId, r])),
  };
}

/**
 * The writes of a step's practitioner-only details from the file, as the step's referral editor
 * makes them (one change-log row per text, the pathway's version moves on); none when the file has
 * none, or they are as stored.
 */
async function planReferral(
  ctx: WriteContext,
  step: PackageStep,
  pathwayId: string,
  stored: { focalPoint: LocalizedText; intakeRoute: LocalizedText } | undefined,
  version: number,
): Promise<PlannedWrite | null> {
  if (!step.referral) return null;
  const changes = asChanges(step.referral);
  if (!Object.keys(changes).length) return null;
  const loaded = {
    spec: SPECS.pathway_step_referral,
    id: step.id,
    row: { step_id: step.id, focal_point: stored?.focalPoint ?? {}, intake_route: stored?.intakeRoute ?? {} },
    version,
    serviceId: null,
    pathwayId,
  } as Loaded;
  const planned = await planUpdate(ctx, loaded, changes);
  // The pathway's own guard (or, for a new pathway, its insert) covers the version.
  return {
    ...planned,
    guards: [],
    changes: planned.changes.map((c) => ({ ...c, field: `step ${step.id}: ${c.field}` })),
  };
}

/**
 * A stored pathway's steps put in the file's order, as the step-order editor does: every step out
 * of the way first (negative places are all free), then each at its place, the moved ones logged,
 * the pathway's version moved on and its check undone. Steps the file does not name stay, after
 * those it does, in their own order; new steps of the file take their place among them.
 */
async function planReorder(
  ctx: WriteContext,
  pathwayId: string,
  stored: Array<{ id: string; position: number }>,
  order: string[],
): Promise<PlannedWrite> {
  const owner = { serviceId: null, pathwayId };
  const place = new Map(order.map((id, i) => [id, i + 1]));
  const moved = stored.filter((s) => s.position !== place.get(s.id));
  const changes = moved.map((s) => ({ field: 'position', old: s.position, new: place.get(s.id)! }));
  return {
    guards: [],
    writes: [
      ctx.db
        .update(pathwaySteps)
        .set({ position: sql`-${pathwaySteps.position}` })
        .where(eq(pathwaySteps.pathwayId, pathwayId)),
      ...stored.map((s) =>
        ctx.db
          .update(pathwaySteps)
          .set({ position: place.get(s.id)! })
          .where(eq(pathwaySteps.id, s.id)),
      ),
      bumpParent(ctx, owner),
      ...moved.map((s, i) => auditStatement(ctx, 'pathway_step', s.id, owner, changes[i]!)),
      ...(await unverifyPathway(ctx, pathwayId)),
    ],
    indexed: [],
    changes: moved.map((s, i) => ({ ...changes[i]!, field: `step ${s.id}: position` })),
  };
}

/**
 * Each changed step of a pathway undoes its check (edit/write.ts `unverifyPathway`), with the same
 * statements: the pathway loses its check once, and the change log says so once.
 */
function onceUnverified(writes: PlannedWrite[]) {
  const seen = new Set<string>();
  for (const w of writes)
    w.writes = w.writes.filter((statement) => {
      const { sql: text, params } = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
      if (!/^update "pathways" set "verification_status"|^insert into "change_log"/.test(text)) return true;
      const key = `${text}\n${JSON.stringify(params)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

const sameTarget = (a: StepServiceTarget, b: StepServiceTarget) =>
  a.service_id === b.service_id && a.service_type_id === b.service_type_id;

export async function planPathways(
  ctx: WriteContext,
  p: Principal,
  items: Json[],
  lookups: Lookups,
): Promise<{ outcomes: RowOutcome[]; writes: PlannedWrite[] }> {
  const known = await readKnown(ctx.db, items);
  const typeOfTerm = new Map(lookups.types.map((t) => [termId(t.id), t.id]));
  const outcomes: RowOutcome[] = [];
  const writes: PlannedWrite[] = [];
  const seen = new Map<string, number>();
  const stepOwner = new Map<string, string>();

  for (const [i, item] of items.entries()) {
    const pathway = mapPathway(item, i + 1, lookups, { ...known, typeOfTerm });
    const errors = [...pathway.errors];
    const base = { row: pathway.row, external_id: pathway.id || null, name: pathway.name, warnings: pathway.warnings };
    if (pathway.id && seen.has(pathway.id))
      errors.push({ column: 'id', reason: `the same pathway as entry ${seen.get(pathway.id)}` });
    seen.set(pathway.id, pathway.row);
    const current = known.pathways.get(pathway.id);
    const area = lookups.byPcode.get(pathway.areaPcode);
    if (p.role === 'coordinator' && area && !inAreas(p, [area.path]))
      errors.push({ column: 'area_pcode', reason: `${pathway.areaPcode} is outside your areas` });
    if (current) {
      const storedArea = lookups.byPcode.get(current.areaPcode);
      if (!mayOnPathway(p, 'edit', { areaPath: storedArea?.path ?? '' }))
        errors.push({ column: 'id', reason: `the pathway ${current.id} it matches is outside your scope` });
      if (current.areaPcode !== pathway.areaPcode || current.concernId !== pathway.concernId)
        errors.push({
          column: 'area_pcode',
          reason:
            `the pathway ${current.id} here is for ${current.areaPcode} and ${current.concernId}; ` +
            'an import does not move a pathway',
        });
    }
    for (const step of pathway.steps) {
      const stored = known.steps.get(step.id);
      const owner = stepOwner.get(step.id) ?? stored?.pathwayId;
      if (owner && owner !== pathway.id)
        errors.push({ column: 'steps', reason: `step ${step.id} belongs to another pathway (${owner})` });
      stepOwner.set(step.id, pathway.id);
    }
    if (errors.length) {
      outcomes.push({ ...base, outcome: 'rejected', service_id: null, changes: [], errors });
      continue;
    }

    const own: PlannedWrite[] = [];
    if (!current) {
      const created = await planCreate(ctx, 'pathway', pathway.id, pathway.values, pathway.links);
      // What is new, without the moment of writing (the plan hash must be the dry run's).
      own.push({
        ...created,
        changes: newFields({ ...pathway.values, area_pcode: pathway.areaPcode, concern_id: pathway.concernId }),
      });
      for (const step of pathway.steps) {
        const values = { ...step.values, services: step.targets };
        const planned = await planCreate(ctx, 'pathway_step', step.id, values, {
          pathway_id: pathway.id,
          position: step.position,
        });
        own.push({ ...planned, changes: newFields(values, `step ${step.id}: `) });
        const referral = await planReferral(ctx, step, pathway.id, undefined, 0);
        if (referral) own.push(referral);
      }
    } else {
      const version = current.version;
      const loaded: Loaded = {
        spec: SPECS.pathway,
        id: current.id,
        row: apiRow(pathways, current),
        version,
        serviceId: null,
        pathwayId: current.id,
      } as Loaded;
      own.push(await planUpdate(ctx, loaded, asChanges(pathway.values)));
      let next = known.lastPosition.get(current.id) ?? 0;
      const storedSteps = known.stepsOf.get(current.id) ?? [];
      const named = new Set(pathway.steps.map((s) => s.id));
      const order = [...named, ...storedSteps.filter((s) => !named.has(s.id)).map((s) => s.id)];
      const appended = [...storedSteps.map((s) => s.id), ...[...named].filter((id) => !known.steps.has(id))];
      // The file's order differs from the steps here (new steps only added at the end do not count).
      const reorder = order.join('\n') !== appended.join('\n');
      if (reorder) own.push(await planReorder(ctx, current.id, storedSteps, order));
      for (const step of pathway.steps) {
        const stored = known.steps.get(step.id);
        if (!stored) {
          const values = { ...step.values, services: step.targets };
          const planned = await planCreate(ctx, 'pathway_step', step.id, values, {
            pathway_id: current.id,
            position: reorder ? order.indexOf(step.id) + 1 : ++next,
          });
          own.push({ ...planned, changes: newFields(values, `step ${step.id}: `) });
          const referral = await planReferral(ctx, step, current.id, undefined, version);
          if (referral) own.push(referral);
          continue;
        }
        const targets = known.targetsOf.get(step.id) ?? [];
        const missing = step.targets.filter((t) => !targets.some((s) => sameTarget(s, t)));
        const stepLoaded = {
          spec: SPECS.pathway_step,
          id: step.id,
          row: apiRow(pathwaySteps, stored),
          version,
          serviceId: null,
          pathwayId: current.id,
        } as Loaded;
        const planned = await planUpdate(
          ctx,
          stepLoaded,
          { ...asChanges(step.values), services: [...targets, ...missing] },
          { services: targets },
        );
        own.push({ ...planned, changes: planned.changes.map((c) => ({ ...c, field: `step ${step.id}: ${c.field}` })) });
        const referral = await planReferral(ctx, step, current.id, known.referrals.get(step.id), version);
        if (referral) own.push(referral);
      }
      // Every write of this pathway is based on the version read: a change meanwhile fails the batch.
      if (own.some((w) => w.writes.length))
        own.unshift({ guards: [parentGuard(ctx, loaded, version)], writes: [], indexed: [], changes: [] });
      onceUnverified(own);
    }
    const changes = own.flatMap((w) => w.changes);
    writes.push(...own);
    outcomes.push({
      ...base,
      outcome: !current ? 'new' : changes.length ? 'changed' : 'unchanged',
      service_id: null,
      pathway_id: current ? current.id : null,
      changes,
      errors: [],
    });
  }
  return { outcomes, writes };
}
