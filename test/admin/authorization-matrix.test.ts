/**
 * M10: the authorisation matrix. ONE table: every admin endpoint × every kind of principal
 * (role and scope) → allowed or denied. The tests below are generated from it, and the last test
 * fails when a route is registered under /api/v1/admin without a row here.
 *
 * The listing under test is a fresh draft of organisation A located in Karbala (IQG12Q03).
 * "in"/"out" = inside or outside the principal's scope (Karbala IQG12 vs Erbil IQG11; own vs
 * other organisation). Allowed cells must answer one of the row's `ok` statuses; denied cells
 * 403 (or 401 without credentials).
 */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { Client, createUser, send, signedIn, ORIGIN } from './support.ts';

const PRINCIPALS = [
  'anonymous',
  'admin',
  'coordinator_in',
  'coordinator_out',
  'editor_own',
  'editor_other',
  'caseworker_all',
  'caseworker_out',
  'token_read',
] as const;
type Who = (typeof PRINCIPALS)[number];

const sample = sampleDirectory(new Date());
const karbalaCase = sample.services.find(
  (s: { names: { en?: string } }) => s.names.en === 'Case management, Karbala (sample)',
)!;
const ORG_A = karbalaCase.organisationId as string;
const ORG_B = sample.services.find((s: { names: { en?: string } }) => s.names.en === 'Legal aid, Karbala (sample)')!
  .organisationId as string;

const EDIT: Who[] = ['admin', 'coordinator_in', 'editor_own'];
const COORDINATE: Who[] = ['admin', 'coordinator_in'];
const READ: Who[] = ['admin', 'coordinator_in', 'editor_own', 'caseworker_all', 'token_read'];
const SIGNED_IN: Who[] = PRINCIPALS.filter((p) => p !== 'anonymous');
const PEOPLE: Who[] = SIGNED_IN.filter((p) => p !== 'token_read');
const ADMIN: Who[] = ['admin'];
const COORDINATORS: Who[] = ['admin', 'coordinator_in', 'coordinator_out'];
const OPEN = 'open' as const;

/** Records made on demand for one cell (each cell gets its own). */
class Fixture {
  private cache = new Map<string, Promise<any>>();
  constructor(private admin: Client) {}
  private once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.cache.has(key)) this.cache.set(key, make());
    return this.cache.get(key)!;
  }
  private async created(response: Promise<{ status: number; body: any; text: string }>) {
    const r = await response;
    if (r.status >= 300) throw new Error(`fixture: ${r.status} ${r.text}`);
    return r.body;
  }
  location = () =>
    this.once('location', () =>
      this.created(
        this.admin.post(`/organisations/${ORG_A}/locations`, {
          area_pcode: 'IQG12Q03',
          names: { en: 'Matrix office' },
        }),
      ),
    );
  service = () =>
    this.once('service', async () => {
      const location = await this.location();
      const service = await this.created(
        this.admin.post('/services', {
          organisation_id: ORG_A,
          country: 'IQ',
          names: { en: 'Matrix listing' },
          type_ids: ['legal_aid'],
        }),
      );
      await this.created(
        this.admin.post(`/services/${service.id}/locations`, {
          location_id: location.id,
          opening_hours: 'Su-Th 08:00-14:00',
        }),
      );
      return (await this.admin.get(`/services/${service.id}`)).body;
    });
  route = () =>
    this.once('route', async () =>
      this.created(
        this.admin.post(`/services/${(await this.service()).id}/contact-routes`, {
          kind: 'phone',
          value: '+9647700000777',
        }),
      ),
    );
  closure = () =>
    this.once('closure', async () =>
      this.created(
        this.admin.post(`/services/${(await this.service()).id}/closures`, {
          starts_at: '2031-01-01T00:00:00Z',
          ends_at: '2031-01-02T00:00:00Z',
        }),
      ),
    );
  site = async () => (await this.service()).locations[0];
  /** The same listing, published (set directly: publication itself is tested elsewhere). */
  published = () =>
    this.once('published', async () => {
      const service = await this.service();
      await env.DB.prepare("UPDATE services SET status = 'published' WHERE id = ?").bind(service.id).run();
      return service;
    });
  change = () =>
    this.once('change', async () => {
      const service = await this.service();
      const edited = await this.created(
        this.admin.patch(`/services/${service.id}`, { cost_kind: 'free' }, service.version),
      );
      const history = (await this.admin.get(`/services/${service.id}/history`)).body.items;
      return { id: history.find((e: { field: string }) => e.field === 'cost_kind').id, version: edited.version };
    });
  report = () =>
    this.once('report', async () => {
      const id = crypto.randomUUID();
      // Filed by the public through POST /api/v1/problem-reports; written directly here (the listing is a draft).
      await env.DB.prepare("INSERT INTO problem_reports (id, service_id, kind) VALUES (?, ?, 'no_answer')")
        .bind(id, (await this.service()).id)
        .run();
      return { id };
    });
  /**
   * A draft pathway with one step; `publishable` ones each get an area and concern of their own in
   * Karbala, so that publishing one never meets another published for the same area and concern.
   */
  pathway = (publishable = false) =>
    this.once(`pathway:${publishable}`, async () => {
      const [area, concern] = publishable ? PATHWAY_SLOTS[nextSlot++]! : ['IQG12Q03', 'sexual_violence'];
      const created = await this.created(
        this.admin.post('/pathways', { area_pcode: area, concern_id: concern, names: { en: 'Matrix pathway' } }),
      );
      const step = await this.created(
        this.admin.post(`/pathways/${created.id}/steps`, { kind: 'report' }, ifMatch(created.version)),
      );
      return { id: created.id as string, version: step.version as number, stepId: step.id as string };
    });
  /** A pathway, published (set directly: publication itself is tested elsewhere). */
  publishedPathway = () =>
    this.once('publishedPathway', async () => {
      const pathway = await this.pathway(true);
      await env.DB.prepare("UPDATE pathways SET status = 'published' WHERE id = ?").bind(pathway.id).run();
      return pathway;
    });
  pathwayChange = () =>
    this.once('pathwayChange', async () => {
      const pathway = await this.pathway();
      const edited = await this.created(
        this.admin.patch(`/pathways/${pathway.id}`, { intro: { en: 'Changed' } }, pathway.version),
      );
      const history = (await this.admin.get(`/pathways/${pathway.id}/history`)).body.items;
      return {
        pathwayId: pathway.id,
        id: history.find((e: { field: string }) => e.field === 'intro').id,
        version: edited.version,
      };
    });
  user = () => this.once('user', () => createUser('caseworker'));
  token = () =>
    this.once('token', () => this.created(this.admin.post('/api-tokens', { name: 'to revoke', role: 'caseworker' })));
}

interface Request {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Row {
  /** Method and path as registered (Hono form, under /api/v1/admin). */
  route: string;
  allowed: Who[] | typeof OPEN;
  /** Statuses an allowed principal may get (the handler ran past its checks). */
  ok: number[];
  request: (f: Fixture) => Promise<Request>;
  /** The cell signs in a throwaway principal (the request ends its session). */
  fresh?: boolean;
}

const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** Areas and concerns in Karbala with no published pathway in the seed. */
const PATHWAY_SLOTS = ['IQG12Q01', 'IQG12Q02', 'IQG12Q03', 'IQG12Q01N01', 'IQG12Q02N01', 'IQG12Q03N01'].flatMap((a) =>
  ['online_harassment', 'online_child_sexual_abuse', 'domestic_violence', 'sexual_violence'].map(
    (c) => [a, c] as const,
  ),
);
let nextSlot = 0;

const MATRIX: Row[] = [
  { route: 'POST /session', allowed: OPEN, ok: [], request: async () => ({ method: 'POST', path: '/session' }) },
  { route: 'GET /session', allowed: SIGNED_IN, ok: [200], request: async () => ({ method: 'GET', path: '/session' }) },
  {
    route: 'DELETE /session',
    allowed: PEOPLE,
    ok: [204],
    fresh: true,
    request: async () => ({ method: 'DELETE', path: '/session' }),
  },
  {
    route: 'POST /session/password',
    allowed: PEOPLE,
    ok: [400],
    request: async () => ({
      method: 'POST',
      path: '/session/password',
      body: { current_password: 'not it', new_password: 'a long new password' },
    }),
  },
  {
    route: 'POST /session/totp',
    allowed: PEOPLE,
    ok: [200, 409],
    fresh: true,
    request: async () => ({ method: 'POST', path: '/session/totp', body: {} }),
  },
  {
    route: 'POST /session/totp/confirm',
    allowed: PEOPLE,
    ok: [400, 409],
    request: async () => ({ method: 'POST', path: '/session/totp/confirm', body: { code: '000000' } }),
  },

  {
    route: 'POST /invitations',
    allowed: ['admin', 'coordinator_in'],
    ok: [201],
    request: async () => ({
      method: 'POST',
      path: '/invitations',
      body: { email: `m-${crypto.randomUUID()}@example.org`, role: 'caseworker', area_pcodes: ['IQG12'] },
    }),
  },
  {
    route: 'GET /invitations',
    allowed: COORDINATORS,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/invitations' }),
  },
  {
    route: 'POST /invitations/accept',
    allowed: OPEN,
    ok: [],
    request: async () => ({ method: 'POST', path: '/invitations/accept' }),
  },
  { route: 'GET /users', allowed: ADMIN, ok: [200], request: async () => ({ method: 'GET', path: '/users' }) },
  {
    route: 'PATCH /users/:id',
    allowed: ADMIN,
    ok: [200],
    request: async (f) => ({
      method: 'PATCH',
      path: `/users/${(await f.user()).id}`,
      body: { area_pcodes: ['IQG12'] },
    }),
  },
  {
    route: 'POST /api-tokens',
    allowed: ADMIN,
    ok: [201],
    request: async () => ({ method: 'POST', path: '/api-tokens', body: { name: 'matrix', role: 'caseworker' } }),
  },
  {
    route: 'GET /api-tokens',
    allowed: ADMIN,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/api-tokens' }),
  },
  {
    route: 'DELETE /api-tokens/:id',
    allowed: ADMIN,
    ok: [204],
    request: async (f) => ({ method: 'DELETE', path: `/api-tokens/${(await f.token()).id}` }),
  },

  {
    route: 'GET /services',
    allowed: SIGNED_IN,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/services' }),
  },
  {
    route: 'POST /services',
    allowed: EDIT,
    ok: [201],
    request: async () => ({
      method: 'POST',
      path: '/services',
      body: { organisation_id: ORG_A, country: 'IQ', names: { en: 'New' }, area_pcodes: ['IQG12Q03'] },
    }),
  },
  {
    route: 'GET /services/:id',
    allowed: READ,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/services/${(await f.published()).id}` }),
  },
  {
    route: 'PATCH /services/:id',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      const s = await f.service();
      return { method: 'PATCH', path: `/services/${s.id}`, body: { cost_kind: 'paid' }, headers: ifMatch(s.version) };
    },
  },
  {
    route: 'PATCH /services/:id/referral',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      const s = await f.service();
      return {
        method: 'PATCH',
        path: `/services/${s.id}/referral`,
        body: { focal_point: { en: 'Ms A' } },
        headers: ifMatch(s.version),
      };
    },
  },
  {
    route: 'POST /services/:id/publish',
    allowed: COORDINATE,
    ok: [422],
    request: async (f) => {
      const s = await f.service();
      return { method: 'POST', path: `/services/${s.id}/publish`, body: {}, headers: ifMatch(s.version) };
    },
  },
  {
    route: 'POST /services/:id/close',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const s = await f.service();
      return { method: 'POST', path: `/services/${s.id}/close`, body: {}, headers: ifMatch(s.version) };
    },
  },
  {
    route: 'POST /services/:id/contact-routes',
    allowed: EDIT,
    ok: [201],
    request: async (f) => ({
      method: 'POST',
      path: `/services/${(await f.service()).id}/contact-routes`,
      body: { kind: 'phone', value: '+9647700000778' },
    }),
  },
  {
    route: 'PATCH /contact-routes/:id',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      const r = await f.route();
      return {
        method: 'PATCH',
        path: `/contact-routes/${r.id}`,
        body: { labels: { en: 'Office' } },
        headers: ifMatch(r.version),
      };
    },
  },
  {
    route: 'DELETE /contact-routes/:id',
    allowed: EDIT,
    ok: [204],
    request: async (f) => {
      const r = await f.route();
      return { method: 'DELETE', path: `/contact-routes/${r.id}`, headers: ifMatch(r.version) };
    },
  },
  {
    route: 'POST /services/:id/closures',
    allowed: EDIT,
    ok: [201],
    request: async (f) => ({
      method: 'POST',
      path: `/services/${(await f.service()).id}/closures`,
      body: { starts_at: '2031-02-01T00:00:00Z', ends_at: '2031-02-02T00:00:00Z' },
    }),
  },
  {
    route: 'PATCH /closures/:id',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      const c = await f.closure();
      return { method: 'PATCH', path: `/closures/${c.id}`, body: { closes: false }, headers: ifMatch(c.version) };
    },
  },
  {
    route: 'DELETE /closures/:id',
    allowed: EDIT,
    ok: [204],
    request: async (f) => {
      const c = await f.closure();
      return { method: 'DELETE', path: `/closures/${c.id}`, headers: ifMatch(c.version) };
    },
  },
  {
    route: 'POST /services/:id/locations',
    allowed: EDIT,
    ok: [201],
    request: async (f) => ({
      method: 'POST',
      path: `/services/${(await f.service()).id}/locations`,
      body: { location_id: (await f.location()).id },
    }),
  },
  {
    route: 'PATCH /service-locations/:id',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      const s = await f.service();
      return {
        method: 'PATCH',
        path: `/service-locations/${(await f.site()).id}`,
        body: { opening_hours: 'Su-Th 09:00-15:00' },
        headers: ifMatch(s.version),
      };
    },
  },
  {
    route: 'DELETE /service-locations/:id',
    allowed: EDIT,
    ok: [204],
    request: async (f) => {
      const s = await f.service();
      return { method: 'DELETE', path: `/service-locations/${(await f.site()).id}`, headers: ifMatch(s.version) };
    },
  },

  {
    route: 'POST /organisations',
    allowed: COORDINATORS,
    ok: [201],
    request: async () => ({ method: 'POST', path: '/organisations', body: { names: { en: 'New NGO' } } }),
  },
  {
    route: 'GET /organisations/:id',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      await f.service();
      return { method: 'GET', path: `/organisations/${ORG_A}` };
    },
  },
  // Organisation A has published listings: an editor's change would go live unreviewed, so only
  // coordinators and admins change it.
  {
    route: 'PATCH /organisations/:id',
    allowed: COORDINATE,
    ok: [200, 412],
    request: async (f) => {
      await f.service();
      return {
        method: 'PATCH',
        path: `/organisations/${ORG_A}`,
        body: { website: 'https://example.org/a' },
        headers: ifMatch(
          Number(
            (await env.DB.prepare('SELECT version FROM organisations WHERE id = ?')
              .bind(ORG_A)
              .first<{ version: number }>())!.version,
          ),
        ),
      };
    },
  },
  {
    route: 'POST /organisations/:id/locations',
    allowed: EDIT,
    ok: [201],
    request: async () => ({
      method: 'POST',
      path: `/organisations/${ORG_A}/locations`,
      body: { area_pcode: 'IQG12Q03' },
    }),
  },
  {
    route: 'GET /locations/:id',
    allowed: EDIT,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/locations/${(await f.location()).id}` }),
  },
  {
    route: 'PATCH /locations/:id',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      const l = await f.location();
      return {
        method: 'PATCH',
        path: `/locations/${l.id}`,
        body: { names: { en: 'Renamed' } },
        headers: ifMatch(l.version),
      };
    },
  },

  {
    route: 'GET /services/:id/history',
    allowed: EDIT,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/services/${(await f.service()).id}/history` }),
  },
  {
    route: 'POST /services/:id/history/:changeId/revert',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const ch = await f.change();
      return {
        method: 'POST',
        path: `/services/${(await f.service()).id}/history/${ch.id}/revert`,
        body: {},
        headers: ifMatch(ch.version),
      };
    },
  },
  {
    route: 'GET /services/:id/translations',
    allowed: EDIT,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/services/${(await f.service()).id}/translations` }),
  },
  {
    route: 'PUT /translations',
    allowed: EDIT,
    ok: [200],
    request: async (f) => {
      const s = await f.service();
      return {
        method: 'PUT',
        path: '/translations',
        body: { entity: 'service', entity_id: s.id, field: 'names', language: 'ar', text: 'قائمة', status: 'reviewed' },
        headers: ifMatch(s.version),
      };
    },
  },

  {
    route: 'POST /services/:id/verifications',
    allowed: COORDINATE,
    ok: [201],
    request: async (f) => ({
      method: 'POST',
      path: `/services/${(await f.service()).id}/verifications`,
      body: { method: 'call', result: 'confirmed' },
    }),
  },
  {
    route: 'GET /services/:id/verifications',
    allowed: EDIT,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/services/${(await f.service()).id}/verifications` }),
  },
  {
    route: 'POST /contact-routes/:id/test-calls',
    allowed: COORDINATE,
    ok: [201],
    request: async (f) => ({
      method: 'POST',
      path: `/contact-routes/${(await f.route()).id}/test-calls`,
      body: { answered: true },
    }),
  },
  {
    route: 'GET /contact-routes/:id/test-calls',
    allowed: EDIT,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/contact-routes/${(await f.route()).id}/test-calls` }),
  },

  {
    route: 'GET /problem-reports',
    allowed: COORDINATORS,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/problem-reports' }),
  },
  {
    // A practitioner's report about a published listing they may read (Karbala, organisation A).
    route: 'POST /problem-reports',
    allowed: ['admin', 'coordinator_in', 'editor_own', 'caseworker_all'],
    ok: [201],
    request: async () => ({
      method: 'POST',
      path: '/problem-reports',
      body: { service_id: karbalaCase.id, kind: 'no_answer' },
    }),
  },
  {
    route: 'POST /problem-reports/:id/resolve',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => ({
      method: 'POST',
      path: `/problem-reports/${(await f.report()).id}/resolve`,
      body: { outcome: 'fixed' },
    }),
  },
  {
    route: 'GET /queue',
    allowed: ['admin', 'coordinator_in', 'coordinator_out', 'editor_own', 'editor_other'],
    ok: [200],
    request: async () => ({ method: 'GET', path: '/queue' }),
  },
  {
    route: 'GET /data-quality',
    allowed: COORDINATORS,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/data-quality' }),
  },
  {
    // A dry run of a one-row sheet in Karbala: a coordinator elsewhere may check a sheet (its rows
    // outside their areas come back rejected, with that reason), editors and caseworkers may not.
    route: 'POST /imports',
    allowed: COORDINATORS,
    ok: [200],
    request: async () => {
      const form = new FormData();
      const sheet = 'organisation,service_type,pcode,phones\nMatrix Centre,legal_aid,IQG12Q03,0770 123 4567\n';
      form.set('file', new File([sheet], 'matrix.csv'));
      return { method: 'POST', path: '/imports', body: form };
    },
  },
  {
    // Staging the commit of that sheet: the plan is made again and checked against the dry run's
    // plan_hash, so past the role check a made-up hash is refused as a changed plan.
    route: 'POST /imports/runs',
    allowed: COORDINATORS,
    ok: [409],
    request: async () => {
      const form = new FormData();
      const sheet = 'organisation,service_type,pcode,phones\nMatrix Centre,legal_aid,IQG12Q03,0770 123 4567\n';
      form.set('file', new File([sheet], 'matrix.csv'));
      form.set('plan_hash', '0'.repeat(64));
      return { method: 'POST', path: '/imports/runs', body: form };
    },
  },
  {
    // A staged run belongs to whoever staged it: past the role check, anyone else's is not found.
    route: 'POST /imports/runs/:run_id/commit',
    allowed: COORDINATORS,
    ok: [404],
    request: async () => ({ method: 'POST', path: `/imports/runs/${crypto.randomUUID()}/commit` }),
  },
  {
    // The pathways with their steps' practitioner-only details, for moving them to another directory.
    route: 'GET /exports/pathways.json',
    allowed: COORDINATORS,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/exports/pathways.json' }),
  },
  {
    // The same pathways as a sheet, one row per step.
    route: 'GET /exports/pathways.csv',
    allowed: COORDINATORS,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/exports/pathways.csv' }),
  },
  {
    route: 'DELETE /imports/runs/:run_id',
    allowed: COORDINATORS,
    ok: [404],
    request: async () => ({ method: 'DELETE', path: `/imports/runs/${crypto.randomUUID()}` }),
  },

  // Referral pathways: edited by admins and the coordinators of their area, read by everyone who
  // reads listings there (the pathway is in Karbala; the "out" principals work in Erbil).
  {
    route: 'GET /pathways',
    allowed: SIGNED_IN,
    ok: [200],
    request: async () => ({ method: 'GET', path: '/pathways' }),
  },
  {
    route: 'POST /pathways',
    allowed: COORDINATE,
    ok: [201],
    request: async () => ({
      method: 'POST',
      path: '/pathways',
      body: { area_pcode: 'IQG12Q03', concern_id: 'domestic_violence', names: { en: 'Matrix pathway' } },
    }),
  },
  {
    route: 'GET /pathways/:id',
    allowed: ['admin', 'coordinator_in', 'editor_own', 'editor_other', 'caseworker_all', 'token_read'],
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/pathways/${(await f.publishedPathway()).id}` }),
  },
  {
    route: 'PATCH /pathways/:id',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const pathway = await f.pathway();
      return {
        method: 'PATCH',
        path: `/pathways/${pathway.id}`,
        body: { intro: { en: 'Matrix' } },
        headers: ifMatch(pathway.version),
      };
    },
  },
  {
    route: 'POST /pathways/:id/steps',
    allowed: COORDINATE,
    ok: [201],
    request: async (f) => {
      const pathway = await f.pathway();
      return {
        method: 'POST',
        path: `/pathways/${pathway.id}/steps`,
        body: { kind: 'recovery' },
        headers: ifMatch(pathway.version),
      };
    },
  },
  {
    route: 'PUT /pathways/:id/step-order',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const pathway = await f.pathway();
      return {
        method: 'PUT',
        path: `/pathways/${pathway.id}/step-order`,
        body: { step_ids: [pathway.stepId] },
        headers: ifMatch(pathway.version),
      };
    },
  },
  {
    route: 'PATCH /pathway-steps/:id',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const pathway = await f.pathway();
      return {
        method: 'PATCH',
        path: `/pathway-steps/${pathway.stepId}`,
        body: { title: { en: 'Matrix' } },
        headers: ifMatch(pathway.version),
      };
    },
  },
  {
    route: 'PATCH /pathway-steps/:id/referral',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const pathway = await f.pathway();
      return {
        method: 'PATCH',
        path: `/pathway-steps/${pathway.stepId}/referral`,
        body: { focal_point: { en: 'Matrix' } },
        headers: ifMatch(pathway.version),
      };
    },
  },
  {
    route: 'DELETE /pathway-steps/:id',
    allowed: COORDINATE,
    ok: [204],
    request: async (f) => {
      const pathway = await f.pathway();
      return { method: 'DELETE', path: `/pathway-steps/${pathway.stepId}`, headers: ifMatch(pathway.version) };
    },
  },
  {
    route: 'POST /pathways/:id/publish',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const pathway = await f.pathway(true);
      return { method: 'POST', path: `/pathways/${pathway.id}/publish`, body: {}, headers: ifMatch(pathway.version) };
    },
  },
  {
    route: 'POST /pathways/:id/unpublish',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const pathway = await f.publishedPathway();
      return { method: 'POST', path: `/pathways/${pathway.id}/unpublish`, body: {}, headers: ifMatch(pathway.version) };
    },
  },
  {
    route: 'POST /pathways/:id/verifications',
    allowed: COORDINATE,
    ok: [201],
    request: async (f) => ({
      method: 'POST',
      path: `/pathways/${(await f.pathway()).id}/verifications`,
      body: { method: 'call' },
    }),
  },
  {
    route: 'GET /pathways/:id/verifications',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/pathways/${(await f.pathway()).id}/verifications` }),
  },
  {
    route: 'GET /pathways/:id/history',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/pathways/${(await f.pathway()).id}/history` }),
  },
  {
    route: 'POST /pathways/:id/history/:changeId/revert',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => {
      const change = await f.pathwayChange();
      return {
        method: 'POST',
        path: `/pathways/${change.pathwayId}/history/${change.id}/revert`,
        body: {},
        headers: ifMatch(change.version),
      };
    },
  },
  {
    route: 'GET /pathways/:id/translations',
    allowed: COORDINATE,
    ok: [200],
    request: async (f) => ({ method: 'GET', path: `/pathways/${(await f.pathway()).id}/translations` }),
  },
];

let adminClient: Client;
const shared = new Map<Row, Fixture>();
const principals = new Map<Who, Client>();

async function principal(who: Who): Promise<Client> {
  switch (who) {
    case 'anonymous':
      return new Client(null, null, null);
    case 'admin':
      return signedIn('admin');
    case 'coordinator_in':
      return signedIn('coordinator', { areas: ['IQG12'] });
    case 'coordinator_out':
      return signedIn('coordinator', { areas: ['IQG11'] });
    case 'editor_own':
      return signedIn('editor', { organisationId: ORG_A });
    case 'editor_other':
      return signedIn('editor', { organisationId: ORG_B });
    case 'caseworker_all':
      return signedIn('caseworker');
    case 'caseworker_out':
      return signedIn('caseworker', { areas: ['IQG11'] });
    case 'token_read': {
      const created = await adminClient.post('/api-tokens', {
        name: 'matrix partner',
        role: 'caseworker',
        area_pcodes: ['IQG12'],
      });
      return new Client(null, null, null, created.body.token);
    }
  }
}

beforeAll(async () => {
  adminClient = await signedIn('admin');
  for (const who of PRINCIPALS) principals.set(who, await principal(who));
});

const cells = MATRIX.filter((row) => row.allowed !== OPEN).flatMap((row) =>
  PRINCIPALS.map((who) => ({ row, who, allowed: (row.allowed as Who[]).includes(who) })),
);

describe('authorisation matrix (M10)', () => {
  it.each(cells.map((c) => [c.row.route, c.who, c.allowed ? 'allowed' : 'denied', c] as const))(
    '%s as %s: %s',
    async (_route, who, _verdict, cell) => {
      // Cells that cannot change anything (denied ones, reads) share their row's records; the
      // others get their own, so one allowed write never decides the next cell's answer.
      const shares = !cell.allowed || cell.row.route.startsWith('GET ');
      const fixture = shares
        ? (shared.get(cell.row) ?? shared.set(cell.row, new Fixture(adminClient)).get(cell.row)!)
        : new Fixture(adminClient);
      const request = await cell.row.request(fixture);
      const client =
        cell.row.fresh && who !== 'anonymous' && who !== 'token_read' ? await principal(who) : principals.get(who)!;
      const response = await client.request(request.method, request.path, request.body, request.headers ?? {});
      if (cell.allowed) {
        expect(cell.row.ok, `${response.status} ${response.text}`).toContain(response.status);
      } else {
        expect(response.status, response.text).toBe(who === 'anonymous' ? 401 : 403);
      }
    },
  );

  it('the open routes need no session and check the origin themselves', async () => {
    const crossSite = await send('POST', '/api/v1/admin/session', {
      body: { email: 'x@example.org', password: 'x' },
      headers: { Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const accept = await send('POST', '/api/v1/admin/invitations/accept', {
      body: { token: 'x'.repeat(43), display_name: 'X', password: 'long enough password' },
      headers: { Origin: ORIGIN },
    });
    expect(accept.status).toBe(410);
  });

  it('every route registered under /api/v1/admin has a row in the matrix', () => {
    const registered = createApp()
      .routes.filter((r) => r.path.startsWith('/api/v1/admin/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.slice('/api/v1/admin'.length)}`);
    const inTable = MATRIX.map((row) => row.route);
    expect([...new Set(registered)].sort()).toEqual([...new Set(inTable)].sort());
    expect(inTable.length).toBe(new Set(inTable).size);
  });
});
