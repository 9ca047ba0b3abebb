// A problem reported from the console by a signed-in person keeps their role (a caseworker who
// called and found no one is worth more than a guess), never who they are; a public report keeps
// no role at all. The coordinators' list of reports says which is which.
import { exports } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { type Client, ORIGIN, one, signedIn } from './support.ts';

const sample = sampleDirectory(new Date());
const byName = (name: string) => sample.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const karbalaCase = byName('Case management, Karbala (sample)');

let coordinator: Client;
beforeAll(async () => {
  coordinator = await signedIn('coordinator', { areas: ['IQG12'] });
});

async function openReport(id: string) {
  const listed = await coordinator.get('/problem-reports?status=open');
  expect(listed.status).toBe(200);
  return listed.body.items.find((r: { id: string }) => r.id === id);
}

describe('a problem reported from the console', () => {
  it("records a caseworker's role with the report, and the coordinators' list shows it", async () => {
    const caseworker = await signedIn('caseworker', { areas: ['IQG12'] });
    const sent = await caseworker.post('/problem-reports', {
      service_id: karbalaCase.id,
      kind: 'no_answer',
      note: 'Called the intake line twice this morning.',
    });
    expect(sent.status).toBe(201);
    expect(sent.body.reporter_role).toBe('caseworker');
    const stored = await one<Record<string, unknown>>('SELECT * FROM problem_reports WHERE id = ?', sent.body.id);
    expect(stored.reporter_role).toBe('caseworker');
    // The role, not the person: no column of the report names who sent it.
    expect(Object.values(stored)).not.toContain(caseworker.user!.id);
    expect(Object.values(stored)).not.toContain(caseworker.user!.email);
    const listed = await openReport(sent.body.id);
    expect(listed).toMatchObject({ kind: 'no_answer', reporter_role: 'caseworker', service_id: karbalaCase.id });
  });

  it('records the role of an editor and of a coordinator who report', async () => {
    const editor = await signedIn('editor', { organisationId: karbalaCase.organisationId });
    for (const [client, role] of [
      [editor, 'editor'],
      [coordinator, 'coordinator'],
    ] as const) {
      const sent = await client.post('/problem-reports', { service_id: karbalaCase.id, kind: 'wrong_number' });
      expect(sent.status).toBe(201);
      expect((await openReport(sent.body.id)).reporter_role).toBe(role);
    }
  });

  it('keeps a report from the public anonymous, with no role', async () => {
    const response = await exports.default.fetch(`${ORIGIN}/api/v1/problem-reports`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Sec-Fetch-Site': 'same-origin',
        'CF-Connecting-IP': '192.0.2.77',
      },
      body: JSON.stringify({ service_id: karbalaCase.id, kind: 'closed' }),
    });
    expect(response.status).toBe(201);
    const { id } = await response.json<{ id: string }>();
    expect(
      (await one<{ reporter_role: unknown }>('SELECT reporter_role FROM problem_reports WHERE id = ?', id))
        .reporter_role,
    ).toBeNull();
    expect((await openReport(id)).reporter_role).toBeNull();
  });

  it('refuses a listing outside the caseworker’s areas, and names a wrong field', async () => {
    const elsewhere = await signedIn('caseworker', { areas: ['IQG11'] });
    const refused = await elsewhere.post('/problem-reports', { service_id: karbalaCase.id, kind: 'no_answer' });
    expect(refused.status).toBe(403);
    const caseworker = await signedIn('caseworker', { areas: ['IQG12'] });
    const bad = await caseworker.post('/problem-reports', { service_id: karbalaCase.id, kind: 'lost' });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('Content-Type')).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { name: string }) => e.name)).toContain('kind');
    const route = await caseworker.post('/problem-reports', {
      service_id: karbalaCase.id,
      contact_route_id: crypto.randomUUID(),
      kind: 'wrong_number',
    });
    expect(route.status).toBe(400);
    expect(route.body.errors.map((e: { name: string }) => e.name)).toContain('contact_route_id');
  });
});
