import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { forEachLimited } from '../support/concurrency.ts';
import { get } from '../support/http.ts';

const CONCURRENCY = 12;
// Generous: a sweep is hundreds of requests, and a shared, busy machine makes each one slow.
const SWEEP_TIMEOUT = 600_000;

let areas: string[] = [];
let services: string[] = [];

beforeAll(async () => {
  areas = (await env.DB.prepare('SELECT pcode FROM areas ORDER BY pcode').all<{ pcode: string }>()).results.map(
    (r) => r.pcode,
  );
  services = (
    await env.DB.prepare("SELECT id FROM services WHERE status = 'published' ORDER BY id").all<{ id: string }>()
  ).results.map((r) => r.id);
});

/** Every path that does not answer 200 JSON, with what it answered instead. */
async function failingJson(
  paths: string[],
  check: (path: string, body: any) => string | null = () => null,
): Promise<string[]> {
  const failures: string[] = [];
  await forEachLimited(paths, CONCURRENCY, async (path) => {
    const response = await get(path);
    const type = response.headers.get('Content-Type') ?? '';
    if (response.status !== 200 || !type.startsWith('application/json')) {
      failures.push(`${path} → ${response.status} ${type} ${response.text.slice(0, 120)}`);
      return;
    }
    const wrong = check(path, response.body);
    if (wrong) failures.push(`${path}: ${wrong}`);
  });
  return failures;
}

describe('every area and every published service answers through the API', () => {
  it('the sweep covers both countries and the Kurdistan Region', () => {
    expect(areas).toContain('IQ');
    expect(areas).toContain('GT');
    expect(areas).toContain('IQ-KR');
    expect(services.length).toBeGreaterThan(10);
  });

  it(
    'every area answers with itself and its children',
    async () => {
      const failures = await failingJson(
        areas.map((pcode) => `/api/v1/areas/${pcode}?lang=ckb`),
        (path, body) =>
          path.includes(`/${body.pcode}?`) && Array.isArray(body.children) ? null : 'not the area asked for',
      );
      expect(failures).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    "every area's service list answers",
    async () => {
      const failures = await failingJson(
        areas.map((pcode) => `/api/v1/services?area=${pcode}&lang=en&limit=100`),
        (_, body) => (Array.isArray(body.items) && typeof body.total === 'number' ? null : 'not a service list'),
      );
      expect(failures).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    'every published service answers with its details',
    async () => {
      const failures = await failingJson(
        services.map((id) => `/api/v1/services/${id}?lang=es`),
        (path, body) => (path.includes(body.id) ? null : 'not the service asked for'),
      );
      expect(failures).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );

  it(
    'every published service answers with its safe card',
    async () => {
      const failures = await failingJson(
        services.map((id) => `/api/v1/services/${id}/safe-card?lang=kmr`),
        (_, body) => (body.sms === null || body.sms.body.length <= 134 ? null : 'an SMS that does not fit'),
      );
      expect(failures).toEqual([]);
    },
    SWEEP_TIMEOUT,
  );
});
