import { createExecutionContext, createScheduledController, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../api/index.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMaintenance } from '../../api/admin/index.ts';
import { database } from '../../db/client.ts';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { Client, one, rows, signedIn } from './support.ts';

const DAY = 86_400_000;
const sample = sampleDirectory(new Date());
const byName = (name: string) => sample.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const noor = byName('Noor 24-hour helpline (sample)'); // hotline covering Baghdad, Karbala and Ninewa
const karbalaLegal = byName('Legal aid, Karbala (sample)');

let coordinator: Client;
let admin: Client;
beforeAll(async () => {
  coordinator = await signedIn('coordinator', { areas: ['IQG12'] });
  admin = await signedIn('admin');
});

describe('verification records (M1)', () => {
  it('verifying a hotline route sets verified, by a role label, due after the hotline cycle of 30 days', async () => {
    const route = noor.routes.find((r: { kind: string }) => r.kind === 'hotline')!;
    const response = await coordinator.post(`/services/${noor.id}/verifications`, {
      contact_route_id: route.id,
      method: 'call',
      result: 'confirmed',
      note: 'Answered in Arabic by a woman.',
    });
    expect(response.status).toBe(201);
    const verifiedAt = Date.parse(response.body.target.last_verified_at);
    expect(Date.parse(response.body.next_due) - verifiedAt).toBe(30 * DAY);
    expect(response.body.target).toMatchObject({
      verification_status: 'verified',
      last_verified_by: 'Masar coordinator',
      verification_method: 'call',
    });
    const record = await one<{ verified_by: string; result: string }>(
      'SELECT verified_by, result FROM verifications WHERE id = ?',
      response.body.id,
    );
    expect(record).toEqual({ verified_by: coordinator.user!.id, result: 'confirmed' });
    const publicView = await get(`/api/v1/services/${noor.id}`);
    expect(publicView.body.contact_routes.find((r: { id: string }) => r.id === route.id).verification.status).toBe(
      'verified',
    );
  });

  it('a legal-aid listing is due after 90 days; an unreachable result takes it out of "verified"', async () => {
    const ok = await coordinator.post(`/services/${karbalaLegal.id}/verifications`, {
      method: 'visit',
      result: 'confirmed',
    });
    expect(Date.parse(ok.body.next_due) - Date.parse(ok.body.target.last_verified_at)).toBe(90 * DAY);
    const failed = await coordinator.post(`/services/${karbalaLegal.id}/verifications`, {
      method: 'call',
      result: 'unreachable',
      note: 'No answer three times.',
    });
    expect(failed.body.target.verification_status).toBe('overdue');
    expect(failed.body.next_due).toBeNull();
    const records = await coordinator.get(`/services/${karbalaLegal.id}/verifications`);
    expect(records.body.items.map((r: { result: string }) => r.result)).toEqual(
      expect.arrayContaining(['confirmed', 'unreachable']),
    );
  });

  it('a verification date in the future is refused', async () => {
    const response = await coordinator.post(`/services/${karbalaLegal.id}/verifications`, {
      method: 'call',
      result: 'confirmed',
      verified_at: new Date(Date.now() + 2 * DAY).toISOString(),
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].name).toBe('verified_at');
  });

  it('the cycle comes from service_types and is capped at 365 days', async () => {
    await env.DB.prepare("UPDATE service_types SET verification_cycle_days = 1000 WHERE id = 'legal_aid'").run();
    try {
      const response = await coordinator.post(`/services/${karbalaLegal.id}/verifications`, {
        method: 'email',
        result: 'confirmed',
      });
      expect(Date.parse(response.body.next_due) - Date.parse(response.body.target.last_verified_at)).toBe(365 * DAY);
    } finally {
      await env.DB.prepare("UPDATE service_types SET verification_cycle_days = 90 WHERE id = 'legal_aid'").run();
    }
  });
});

describe('the maintainers’ notes on seeded listings', () => {
  it('a listing that has a public source is asked to confirm it, never told that none is recorded', async () => {
    const listings = await rows<{ source_url: string | null; verification_note: string | null }>(
      "SELECT source_url, verification_note FROM services WHERE verification_note LIKE 'Verification call pending%'",
    );
    expect(listings.length).toBeGreaterThan(0);
    for (const listing of listings) {
      const asksForSource = /No public source is recorded yet/.test(listing.verification_note ?? '');
      expect({ listing, asksForSource }).toEqual({ listing, asksForSource: listing.source_url === null });
    }
  });
});

describe('test calls (M2)', () => {
  it('logs calls to a phone route with the answer rate, and can verify the route by an answered call', async () => {
    const route = noor.routes.find((r: { kind: string }) => r.kind === 'hotline')!;
    const missed = await coordinator.post(`/contact-routes/${route.id}/test-calls`, { answered: false });
    expect(missed.body).toMatchObject({ calls: 1, answered: 0, answer_rate: 0 });
    const answered = await coordinator.post(`/contact-routes/${route.id}/test-calls`, {
      answered: true,
      language_offered: 'ar',
      female_staff_offered: 'yes',
      verify: true,
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ calls: 2, answered: 1, answer_rate: 0.5 });
    expect(answered.body.verification.route).toMatchObject({
      verification_status: 'verified',
      verification_method: 'call',
    });
    const log = await coordinator.get(`/contact-routes/${route.id}/test-calls`);
    expect(log.body.items[0]).toMatchObject({ answered: true, language_offered: 'ar', female_staff_offered: 'yes' });
    expect(log.body.answer_rate).toBe(0.5);
  });

  it('a non-phone route cannot be called', async () => {
    const email = karbalaLegal.routes.find((r: { kind: string }) => r.kind === 'email')!;
    expect((await coordinator.post(`/contact-routes/${email.id}/test-calls`, { answered: true })).status).toBe(400);
  });
});

describe('closures and alerts (M5)', () => {
  it('a closure closes the service between its start and its end, and not before or after', async () => {
    const service = byName('Psychosocial support, Karbala (sample)');
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const current = await coordinator.post(`/services/${service.id}/closures`, {
      starts_at: iso(now - 3_600_000),
      ends_at: iso(now + 3_600_000),
      reason: { en: 'Heat day (test)' },
    });
    const upcoming = await coordinator.post(`/services/${service.id}/closures`, {
      starts_at: iso(now + 5 * DAY),
      ends_at: iso(now + 6 * DAY),
      reason: { en: 'Eid (test)' },
    });
    const ended = await coordinator.post(`/services/${service.id}/closures`, {
      starts_at: iso(now - 3 * DAY),
      ends_at: iso(now - 2 * DAY),
      reason: { en: 'Elections (test)' },
    });
    for (const response of [current, upcoming, ended]) expect(response.status).toBe(201);
    const publicView = await get(`/api/v1/services/${service.id}?lang=en`);
    const ids = publicView.body.closures.map((c: { id: string }) => c.id);
    expect(ids).toContain(current.body.id);
    expect(ids).toContain(upcoming.body.id);
    expect(ids).not.toContain(ended.body.id);
    expect(publicView.body.hours).toMatchObject({ state: 'closed', closed_by: current.body.id });
    // Ending it now (edit) reopens the service at once.
    const ends = await coordinator.patch(
      `/closures/${current.body.id}`,
      { ends_at: iso(now - 60_000) },
      current.body.version,
    );
    expect(ends.status).toBe(200);
    const after = await get(`/api/v1/services/${service.id}?lang=en`);
    expect(after.body.hours.closed_by).toBeNull();
    expect(after.body.closures.map((c: { id: string }) => c.id)).not.toContain(current.body.id);
  });

  it('an end before the start is refused', async () => {
    const service = byName('Psychosocial support, Karbala (sample)');
    const response = await coordinator.post(`/services/${service.id}/closures`, {
      starts_at: '2030-01-02T00:00:00Z',
      ends_at: '2030-01-01T00:00:00Z',
    });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].name).toBe('ends_at');
  });
});

describe('admin sees the same', () => {
  it("the admin may verify anything, including a national channel outside every coordinator's areas", async () => {
    const police = byName('Community Police (497 and 533)');
    expect(
      (await coordinator.post(`/services/${police.id}/verifications`, { method: 'call', result: 'confirmed' })).status,
    ).toBe(403);
    expect(
      (await admin.post(`/services/${police.id}/verifications`, { method: 'partner_report', result: 'confirmed' }))
        .status,
    ).toBe(201);
  });
});

// Last in the file: a run at a later clock also ends the sessions signed in above.
describe('the scheduled job (injected clock)', () => {
  it('moves listings and routes past their due date from verified to overdue, logged, and the public sees it (C2)', async () => {
    const service = byName('Women and girls safe space, Karbala (sample)');
    const current = await one<{ next_verification_due: string; verification_status: string }>(
      'SELECT next_verification_due, verification_status FROM services WHERE id = ?',
      service.id,
    );
    expect(current.verification_status).toBe('verified');
    const due = Date.parse(current.next_verification_due);

    const before = await runMaintenance(database(env.DB), new Date(due - 60_000));
    expect((await one<{ s: string }>('SELECT verification_status AS s FROM services WHERE id = ?', service.id)).s).toBe(
      'verified',
    );
    void before;

    const report = await runMaintenance(database(env.DB), new Date(due + 60_000));
    expect(report.services_overdue).toBeGreaterThanOrEqual(1);
    expect((await one<{ s: string }>('SELECT verification_status AS s FROM services WHERE id = ?', service.id)).s).toBe(
      'overdue',
    );
    const log = await rows<{ actor: string; old_value: string; new_value: string }>(
      'SELECT actor, old_value, new_value FROM change_log ' +
        "WHERE entity = 'service' AND entity_id = ? AND field = 'verification_status'",
      service.id,
    );
    expect(log.at(-1)).toEqual({ actor: 'scheduled job', old_value: '"verified"', new_value: '"overdue"' });
    const publicView = await get(`/api/v1/services/${service.id}`);
    expect(publicView.body.verification.status).toBe('overdue');
    // Running again changes nothing more.
    const again = await runMaintenance(database(env.DB), new Date(due + 120_000));
    expect(
      (await rows("SELECT id FROM change_log WHERE entity_id = ? AND field = 'verification_status'", service.id))
        .length,
    ).toBe(log.length);
    void again;
  });

  it("runs from the Worker's scheduled handler with the trigger's time", async () => {
    const route = await one<{ id: string; next_verification_due: string }>(
      'SELECT id, next_verification_due FROM contact_routes ' +
        "WHERE verification_status = 'verified' AND next_verification_due IS NOT NULL " +
        'ORDER BY next_verification_due LIMIT 1',
    );
    const controller = createScheduledController({
      scheduledTime: new Date(Date.parse(route.next_verification_due) + 60_000),
      cron: '17 * * * *',
    });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(
      (await one<{ s: string }>('SELECT verification_status AS s FROM contact_routes WHERE id = ?', route.id)).s,
    ).toBe('overdue');
  });

  it('deletes closures that ended long ago (logged) and ended sessions', async () => {
    const service = byName('Legal aid, Karbala (sample)');
    // The runs above, at a later clock, ended every session: sign in again.
    const fresh = await signedIn('coordinator', { areas: ['IQG12'] });
    const closure = await fresh.post(`/services/${service.id}/closures`, {
      starts_at: '2020-01-01T00:00:00Z',
      ends_at: '2020-01-02T00:00:00Z',
      reason: { en: 'Old closure' },
    });
    expect(closure.status).toBe(201);
    const report = await runMaintenance(database(env.DB), new Date());
    expect(report.closures_removed).toBeGreaterThanOrEqual(1);
    expect(await env.DB.prepare('SELECT id FROM closures WHERE id = ?').bind(closure.body.id).first()).toBeNull();
    const entry = await one<{ actor: string; field: string }>(
      "SELECT actor, field FROM change_log WHERE entity = 'closure' AND entity_id = ? ORDER BY id DESC",
      closure.body.id,
    );
    expect(entry).toEqual({ actor: 'scheduled job', field: '*' });
  });
});
