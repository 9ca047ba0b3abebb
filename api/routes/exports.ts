/**
 * Full exports of the public directory, streamed: each response is a ReadableStream that reads the
 * directory batch by batch (a seek along the name index) and writes each batch as it comes, so an
 * export of 100,000 services is never held in memory. Only what the public HSDS feed shows:
 * published services, public routes, confidential sites as the public projection gives them (no
 * address, no coordinates, their governorate as their area). Any origin may read them (CORS).
 *
 *   /exports/services.ndjson        one HSDS service (fully nested) per line
 *   /exports/services.csv           one row per service, for spreadsheets
 *   /exports/locations.geojson      one feature per site; a confidential site has no geometry
 *   /exports/hsds/datapackage.json  the HSDS data package: tabular CSVs + JSON (README.md)
 *   /exports/hsds/datapackage.zip   the same package in one zip (deflated as it streams)
 */
import { createRoute, z } from '@hono/zod-openapi';
import { Zip, ZipDeflate } from 'fflate';
import type { Context } from 'hono';
import Papa from 'papaparse';
import type { AppEnv } from '../env.ts';
import { notFound } from '../errors.ts';
import { dataLicenceLink } from '../middleware/data-licence-link.ts';
import { readOnlyCors } from '../middleware/read-only-cors.ts';
import { publishedPathwayPage, publishedServiceBatch, serviceDetails } from '../queries/hsds.ts';
import { stepsOfPathways } from '../queries/pathways.ts';
import { allServiceTypes, type ServiceTypeRow } from '../queries/service-types.ts';
import { createRouter } from '../router.ts';
import { LanguageParam, problemResponses } from '../schemas/common.ts';
import { hsdsServiceFull } from '../views/hsds.ts';
import { hsdsContext, HSDS_VERSION, type HsdsContext } from '../views/hsds-context.ts';
import { FACT_CODES, hsdsFactTerm, hsdsFactsTaxonomy } from '../views/hsds-facts.ts';
import { hsdsPathway } from '../views/hsds-pathways.ts';
import { hsdsStepKindTerm, hsdsStepTaxonomy, hsdsTaxonomy, hsdsTaxonomyTerm } from '../views/hsds-taxonomy.ts';
import { columnsOf, HSDS_RESOURCES, tabularRows } from '../views/hsds-tabular.ts';
import { hsdsTranslationTaxonomy, hsdsTranslationTerm } from '../views/hsds-translations.ts';
import attribution from '../../db/seed/geo/ATTRIBUTION.json';
import { CSV_WRITE } from '../domain/csv-cells.ts';
import { dataLicence, NO_DATA_LICENCE, type DataLicence } from '../domain/data-licence.ts';
import { LANGUAGES, STEP_KINDS } from '../domain/vocabulary.ts';

/** Services read and written per step of a stream: a few statements per batch, bounded memory. */
const BATCH = 50;

type FullService = ReturnType<typeof hsdsServiceFull>;

/** Every published service, fully nested, batch by batch in name order. */
async function* allServices(c: Context<AppEnv>, ctx: HsdsContext): AsyncGenerator<FullService[]> {
  const db = c.get('db');
  const types = await allServiceTypes(db);
  let after: { sortName: string; id: string } | null = null;
  for (;;) {
    const batch = await publishedServiceBatch(db, after, BATCH);
    if (!batch.length) return;
    const ids = batch.map((b) => b.id);
    const { records, areas } = await serviceDetails(db, ids, ctx.now, true);
    yield records.map((r) => hsdsServiceFull(r, types, areas, ctx));
    after = batch.at(-1)!;
    if (batch.length < BATCH) return;
  }
}

/** A streamed response: `chunks` is pulled only as fast as the client reads. */
export function streamed(
  c: Context<AppEnv>,
  type: string,
  chunks: AsyncGenerator<string | Uint8Array>,
  filename: string,
) {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) controller.close();
      else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${filename}"`);
  c.header('Content-Language', ctxLanguage(c));
  return c.body(stream, 200);
}

const ctxLanguage = (c: Context<AppEnv>) => c.get('language');
const contextOf = (c: Context<AppEnv>) => hsdsContext(c.get('language'), new URL(c.req.url).origin, new Date());

async function* ndjson(c: Context<AppEnv>, ctx: HsdsContext): AsyncGenerator<string> {
  for await (const services of allServices(c, ctx)) {
    yield services.map((s) => `${JSON.stringify(s)}\n`).join('');
  }
}

/** The spreadsheet form: one row per service, Masar's facts as columns, several values joined by " | ". */
const SPREADSHEET_COLUMNS = [
  'id',
  'name',
  'organization',
  'organization_id',
  'status',
  'service_types',
  'area_pcodes',
  'phones',
  'other_contacts',
  'hours',
  'description',
  'eligibility',
  'minimum_age',
  'maximum_age',
  ...FACT_CODES.filter(
    (code) =>
      ![
        'area_pcode',
        'confidential_site',
        'contact_route',
        'contact_route_kind',
        'contact_route_value',
        'opening_hours',
        'closure',
        'pathway_step',
      ].includes(code),
  ),
  'site_pcodes',
  'last_modified',
] as const;

function spreadsheetRow(s: FullService): Record<string, string | number> {
  const facts = new Map<string, string[]>();
  for (const a of s.attributes) {
    const code = a.taxonomy_term?.code;
    if (!code || a.taxonomy_term?.taxonomy !== 'masar-facts') continue;
    facts.set(code, [...(facts.get(code) ?? []), 'value' in a ? a.value : '']);
  }
  const rules = new Set(
    s.schedules.flatMap((h) =>
      h.notes?.startsWith('opening_hours=') ? [`${h.attending_type ?? ''}: ${h.notes.slice(14)}`] : [],
    ),
  );
  const row: Record<string, string | number> = {
    id: s.id,
    name: s.name,
    organization: s.organization.name,
    organization_id: s.organization_id,
    status: s.status,
    service_types: s.attributes
      .filter((a) => a.taxonomy_term?.taxonomy === 'masar-service-types')
      .map((a) => a.taxonomy_term!.code)
      .join(' | '),
    area_pcodes: s.service_areas.map((a) => a.extent).join(' | '),
    phones: s.phones.map((p) => p.number).join(' | '),
    other_contacts: s.additional_urls.map((u) => u.url).join(' | '),
    hours: [...rules].join(' | '),
    description: s.description ?? '',
    eligibility: s.eligibility_description ?? '',
    minimum_age: s.minimum_age ?? '',
    maximum_age: s.maximum_age ?? '',
    site_pcodes: s.service_at_locations
      .flatMap((l) => l.location.attributes.filter((a) => a.taxonomy_term?.code === 'area_pcode').map((a) => a.value))
      .join(' | '),
    last_modified: s.last_modified,
  };
  for (const column of SPREADSHEET_COLUMNS) if (!(column in row)) row[column] = (facts.get(column) ?? []).join(' | ');
  return row;
}

/**
 * CSV chunks, every line written by papaparse (RFC 4180 quoting; a cell that would run as a formula
 * in a spreadsheet prefixed with `'`, domain/csv-cells.ts): the header once, at the top, then
 * the rows of each page. papaparse ends no chunk with a line break, so each chunk after the first
 * begins with one: no blank line anywhere, and none at the end.
 */
async function* csv(
  rowsOf: AsyncGenerator<Array<Record<string, unknown>>>,
  columns: readonly string[],
): AsyncGenerator<string> {
  yield Papa.unparse([[...columns]], CSV_WRITE);
  for await (const rows of rowsOf) {
    if (!rows.length) continue;
    const data = rows.map((r) => columns.map((k) => r[k] ?? ''));
    yield `\r\n${Papa.unparse(data, CSV_WRITE)}`;
  }
}

async function* spreadsheetRows(c: Context<AppEnv>, ctx: HsdsContext) {
  for await (const services of allServices(c, ctx)) yield services.map(spreadsheetRow);
}

/**
 * GeoJSON (RFC 7946) of every public site of a published service. A confidential site is there as
 * the public projection gives it: no geometry (`null`, an unlocated feature), no address, and its
 * governorate as its area.
 */
async function* geojson(c: Context<AppEnv>, ctx: HsdsContext): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":[';
  let first = true;
  for await (const services of allServices(c, ctx)) {
    const features = services.flatMap((s) =>
      s.service_at_locations.map((sal) => {
        const l = sal.location;
        const fact = (code: string) => l.attributes.find((a) => a.taxonomy_term?.code === code)?.value;
        return {
          type: 'Feature',
          id: sal.id,
          geometry:
            l.longitude !== undefined && l.latitude !== undefined
              ? { type: 'Point', coordinates: [l.longitude, l.latitude] }
              : null,
          properties: {
            service_id: s.id,
            service_name: s.name,
            organization: s.organization.name,
            location_id: l.id,
            location_name: l.name ?? null,
            area_pcode: fact('area_pcode') ?? null,
            confidential: fact('confidential_site') === 'true',
            address: l.addresses[0]?.address_1 ?? null,
            status: s.status,
            url: `${ctx.origin}/api/v1/services/${s.id}`,
          },
        };
      }),
    );
    if (!features.length) continue;
    yield `${first ? '' : ','}${features.map((f) => JSON.stringify(f)).join(',')}`;
    first = false;
  }
  yield ']}';
}

/** A JSON array, streamed item by item. */
async function* jsonArray<T>(batches: AsyncGenerator<T[]>): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const items of batches) {
    if (!items.length) continue;
    yield `${first ? '' : ','}${items.map((i) => JSON.stringify(i)).join(',')}`;
    first = false;
  }
  yield ']';
}

/** HSDS tables of the package that hold rows here (the others would be empty files). */
const PACKAGE_TABLES = [
  'organization',
  'service',
  'service_at_location',
  'location',
  'address',
  'phone',
  'schedule',
  'service_area',
  'language',
  'accessibility',
  'cost_option',
  'url',
  'attribute',
  'metadata',
  'taxonomy',
  'taxonomy_term',
];

/** Every term and taxonomy, including those no service uses yet, as the API serves them. */
function taxonomyObjects(types: ServiceTypeRow[], ctx: HsdsContext) {
  return {
    taxonomies: [hsdsTaxonomy(ctx), hsdsFactsTaxonomy(ctx), hsdsStepTaxonomy(ctx), hsdsTranslationTaxonomy(ctx)],
    terms: [
      ...types.map((t) => hsdsTaxonomyTerm(t, ctx)),
      ...FACT_CODES.map((code) => hsdsFactTerm(code, ctx)),
      ...STEP_KINDS.map((kind) => hsdsStepKindTerm(kind, ctx)),
      ...LANGUAGES.map((lang) => hsdsTranslationTerm(lang, ctx)),
    ],
  };
}

async function* tableRows(c: Context<AppEnv>, ctx: HsdsContext, table: string) {
  const seen = new Set<string>();
  if (table === 'taxonomy' || table === 'taxonomy_term') {
    const { taxonomies, terms } = taxonomyObjects(await allServiceTypes(c.get('db')), ctx);
    yield (table === 'taxonomy' ? taxonomies : terms).flatMap((o) => tabularRows(o, table, table, seen));
    return;
  }
  for await (const services of allServices(c, ctx)) {
    yield services.flatMap((s) => tabularRows(s, 'service', table, seen));
  }
}

async function* allPathways(c: Context<AppEnv>, ctx: HsdsContext) {
  const db = c.get('db');
  for (let page = 1; ; page++) {
    const { rows } = await publishedPathwayPage(db, { page, perPage: BATCH });
    if (!rows.length) return;
    const steps = await stepsOfPathways(
      db,
      rows.map((p) => p.id),
    );
    yield rows.map((p) => hsdsPathway(p, steps, ctx));
    if (rows.length < BATCH) return;
  }
}

/** A source's credit as its licensor wrote it, with its licence's name when the credit does not say it. */
const creditWithLicence = (credit: { text: string; licence: string }) =>
  credit.text.includes(credit.licence) ? credit.text : `${credit.text} (${credit.licence})`;

/**
 * The data package descriptor: HSDS's own table schemas for the CSVs, plus the JSON resources. Its
 * `licenses` are the listings' (the deployment's `DATA_LICENCE`), by Open Definition identifier with
 * the licence's address; a licence without either (none granted, or one this code does not know) is
 * only named in the description, since a package licence needs a `name` or a `path` of that kind.
 * The boundaries and names its locations carry are credited in `sources`, each with its licence.
 */
function dataPackage(ctx: HsdsContext, licence: DataLicence | null) {
  return {
    profile: 'tabular-data-package',
    name: 'masar-directory',
    title: 'Masar directory (HSDS 3.1)',
    description:
      'The published services of Masar as an Open Referral HSDS 3.1 data package: the HSDS tables as CSV (columns ' +
      "and schemas from HSDS's datapackage.json), the same services as HSDS JSON, and the pathways extension. " +
      "The table schemas are HSDS's (Open Referral, CC BY-SA 4.0). " +
      (licence ? `The listings are published under ${licence.name}.` : `${NO_DATA_LICENCE}.`),
    version: HSDS_VERSION,
    created: ctx.now.toISOString(),
    homepage: ctx.origin,
    ...(licence?.openDefinitionId &&
      licence.url && {
        licenses: [{ name: licence.openDefinitionId, path: licence.url, title: licence.name }],
      }),
    sources: [
      { title: 'Masar', path: `${ctx.origin}/api/v1/hsds/` },
      ...attribution.map((credit) => ({ title: creditWithLicence(credit), path: credit.url })),
    ],
    resources: [
      ...HSDS_RESOURCES.filter((r) => PACKAGE_TABLES.includes(r.name)),
      {
        name: 'services_json',
        path: 'services.json',
        format: 'json',
        mediatype: 'application/json',
        description: 'Every published service as HSDS JSON (compiled/service.json), fully nested.',
      },
      {
        name: 'taxonomies_json',
        path: 'taxonomies.json',
        format: 'json',
        mediatype: 'application/json',
        description:
          'The four taxonomies and all their terms (masar-service-types, masar-facts, masar-pathway-step, ' +
          'masar-translation).',
      },
      {
        name: 'pathways_json',
        path: 'pathways.json',
        format: 'json',
        mediatype: 'application/json',
        description: 'Masar\'s pathways extension: referral pathways with their steps (README.md, "HSDS mapping").',
      },
    ],
  };
}

/** One file of the package as text chunks, by its path in the descriptor; null for a path it does not name. */
function packageFile(c: Context<AppEnv>, ctx: HsdsContext, file: string): AsyncGenerator<string> | null {
  const table = HSDS_RESOURCES.find((r) => r.path === file && PACKAGE_TABLES.includes(r.name));
  if (table) return csv(tableRows(c, ctx, table.name), columnsOf(table.name));
  if (file === 'services.json') return jsonArray(allServices(c, ctx));
  if (file === 'pathways.json') return jsonArray(allPathways(c, ctx));
  if (file === 'taxonomies.json')
    return (async function* () {
      const { taxonomies, terms } = taxonomyObjects(await allServiceTypes(c.get('db')), ctx);
      yield JSON.stringify({ taxonomies, taxonomy_terms: terms });
    })();
  return null;
}

/**
 * The whole package in one zip, for a partner to download in one file: the descriptor, then every
 * file it names, each deflated as its rows are read (fflate's streaming Zip), so neither the files
 * nor the zip are ever whole in memory.
 */
async function* packageZip(c: Context<AppEnv>, ctx: HsdsContext): AsyncGenerator<Uint8Array> {
  const descriptor = dataPackage(ctx, dataLicence(c.env.DATA_LICENCE));
  const ready: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    ready.push(chunk);
  });
  const encoder = new TextEncoder();
  const files: Array<[string, AsyncGenerator<string>]> = [
    [
      'datapackage.json',
      (async function* () {
        yield JSON.stringify(descriptor);
      })(),
    ],
    ...descriptor.resources.map((r): [string, AsyncGenerator<string>] => [r.path, packageFile(c, ctx, r.path)!]),
  ];
  for (const [name, chunks] of files) {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    for await (const text of chunks) {
      entry.push(encoder.encode(text));
      yield* ready.splice(0);
    }
    entry.push(new Uint8Array(0), true);
    yield* ready.splice(0);
  }
  zip.end();
  yield* ready.splice(0);
}

const ExportQuery = z.object({ lang: LanguageParam.optional() }).strict();
const tags = ['Exports'];
const download = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string() } } },
  400: problemResponses[400],
});

const route = (path: string, summary: string, type: string, description: string) =>
  createRoute({
    method: 'get',
    path,
    tags,
    summary,
    request: { query: ExportQuery },
    responses: download(type, description),
  });

const indexRoute = createRoute({
  method: 'get',
  path: '/',
  tags,
  summary: 'The full exports of the public directory',
  request: { query: ExportQuery },
  responses: { 200: { description: 'Links', content: { 'application/json': { schema: z.object({}).passthrough() } } } },
});
const ndjsonRoute = route(
  '/services.ndjson',
  'Every published service as HSDS JSON, one per line',
  'application/x-ndjson',
  'ndjson',
);
const csvRoute = route('/services.csv', 'Every published service as one CSV row, for spreadsheets', 'text/csv', 'CSV');
const geojsonRoute = route(
  '/locations.geojson',
  'Every public site as a GeoJSON feature (a confidential site has no geometry)',
  'application/geo+json',
  'GeoJSON',
);
const packageRoute = createRoute({
  method: 'get',
  path: '/hsds/datapackage.json',
  tags,
  summary: 'The directory as an HSDS 3.1 data package: descriptor',
  request: { query: ExportQuery },
  responses: download('application/json', 'Frictionless data package descriptor'),
});
const packageZipRoute = createRoute({
  method: 'get',
  path: '/hsds/datapackage.zip',
  tags,
  summary: 'The directory as an HSDS 3.1 data package in one zip: datapackage.json and every file it names',
  request: { query: ExportQuery },
  responses: download('application/zip', 'The zip of the data package (import it with POST /admin/imports)'),
});
const packageFileRoute = createRoute({
  method: 'get',
  path: '/hsds/{file}',
  tags,
  summary: 'One file of the HSDS data package: a table as CSV, or services/taxonomies/pathways as JSON',
  request: {
    params: z.object({ file: z.string().openapi({ param: { name: 'file', in: 'path' }, example: 'services.csv' }) }),
    query: ExportQuery,
  },
  responses: { ...download('text/csv', 'CSV or JSON'), 404: problemResponses[404] },
});

export const exportsRouter = createRouter();
// Open data: any origin may read it; no cookie is set or read here.
exportsRouter.use('*', readOnlyCors());
exportsRouter.use('*', dataLicenceLink());
exportsRouter
  .openapi(indexRoute, (c) => {
    const base = `${new URL(c.req.url).origin}/api/v1/exports`;
    return c.json(
      {
        ndjson: `${base}/services.ndjson`,
        csv: `${base}/services.csv`,
        geojson: `${base}/locations.geojson`,
        hsds_data_package: `${base}/hsds/datapackage.json`,
        hsds_data_package_zip: `${base}/hsds/datapackage.zip`,
      },
      200,
    );
  })
  .openapi(ndjsonRoute, (c) =>
    streamed(c, 'application/x-ndjson; charset=utf-8', ndjson(c, contextOf(c)), 'masar-services.ndjson'),
  )
  .openapi(csvRoute, (c) =>
    streamed(
      c,
      'text/csv; charset=utf-8',
      csv(spreadsheetRows(c, contextOf(c)), SPREADSHEET_COLUMNS),
      'masar-services.csv',
    ),
  )
  .openapi(geojsonRoute, (c) =>
    streamed(c, 'application/geo+json; charset=utf-8', geojson(c, contextOf(c)), 'masar-locations.geojson'),
  )
  .openapi(packageRoute, (c) => c.json(dataPackage(contextOf(c), dataLicence(c.env.DATA_LICENCE)), 200))
  .openapi(packageZipRoute, (c) =>
    streamed(c, 'application/zip', packageZip(c, contextOf(c)), 'masar-hsds-datapackage.zip'),
  )
  .openapi(packageFileRoute, (c) => {
    const { file } = c.req.valid('param');
    const chunks = packageFile(c, contextOf(c), file);
    if (!chunks) throw notFound('file of the HSDS data package', file);
    const type = file.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8';
    return streamed(c, type, chunks, file);
  });
