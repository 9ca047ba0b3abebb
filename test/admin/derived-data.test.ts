import { beforeAll, describe, expect, it } from 'vitest';
import { deriveListing, verificationCycleDays } from '../../api/domain/listing-index.ts';
import { resolveService, sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { serviceTypes } from '../../db/seed/service-types.mjs';
import { get } from '../support/http.ts';
import { Client, one, rows, signedIn } from './support.ts';

const DAY = 86_400_000;
const sample = sampleDirectory(new Date());
const byName = (name: string) => sample.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const cybercrime = byName('Cybercrime unit, Al-Risafa (sample)');
const shelter = byName('Dar Al-Aman shelter, Erbil (sample)'); // a confidential site: covered at governorate level only
const typeById = new Map(serviceTypes.map((t) => [t.id, t]));
const typeOf = (id: string) => typeById.get(id)!;

let admin: Client;
beforeAll(async () => {
  admin = await signedIn('admin');
});

/** Ids of the services a public text search finds. */
async function search(q: string, lang = 'en'): Promise<string[]> {
  const response = await get(`/api/v1/services?q=${encodeURIComponent(q)}&lang=${lang}&limit=50`);
  expect(response.status).toBe(200);
  return response.body.items.map((s: { id: string }) => s.id);
}

/** An edit that changes no fact the derived rows depend on. */
async function editNote(id: string, note: string) {
  const current = await admin.get(`/services/${id}`);
  const edited = await admin.patch(
    `/services/${id}`,
    { cost_note: { ...current.body.cost_note, en: note } },
    current.body.version,
  );
  expect(edited.status).toBe(200);
}

/** A listing's stored derived rows; search words are a set (the index does not care for order). */
async function derivedRows(id: string) {
  const search = await one<{ body: string; skeletons: string } | null>(
    'SELECT body, skeletons FROM service_search WHERE service_id = ?',
    id,
  );
  const words = (text: string) => [...new Set(text.split(' '))].sort();
  return {
    coverage: (
      await rows<{ path: string }>(
        'SELECT area_path AS path FROM service_coverage WHERE service_id = ? ORDER BY path',
        id,
      )
    ).map((r) => r.path),
    search: search && { body: words(search.body), skeletons: words(search.skeletons) },
    cells: await rows<{ cell: number; location_id: string; lat: number; lon: number }>(
      'SELECT cell, location_id, lat, lon FROM site_cells WHERE service_id = ? ORDER BY location_id',
      id,
    ),
    sortName: (await one<{ sort_name: string }>('SELECT sort_name FROM services WHERE id = ?', id)).sort_name,
  };
}

describe('derived data after a maintainer edit', () => {
  it('a site a maintainer moves is found nearest at its new place, and one made confidential leaves the map', async () => {
    const [cell] = (await derivedRows(cybercrime.id)).cells;
    const location = await admin.get(`/locations/${cell!.location_id}`);
    expect(location.status).toBe(200);
    // Far from every other site of the sample: in the desert west of Rutba.
    const nearest = async () =>
      (await get('/api/v1/services?near=32.9,39.2&sort=distance&limit=1&lang=en')).body.items[0] as {
        id: string;
        distance_km: number | null;
      };
    const moved = await admin.patch(
      `/locations/${cell!.location_id}`,
      { lat: 32.9, lon: 39.2001 },
      location.body.version,
    );
    expect(moved.status).toBe(200);
    expect((await nearest()).id).toBe(cybercrime.id);
    expect((await nearest()).distance_km).toBeLessThan(0.1);
    const hidden = await admin.patch(`/locations/${cell!.location_id}`, { is_confidential: true }, moved.body.version);
    expect(hidden.status).toBe(200);
    expect((await derivedRows(cybercrime.id)).cells).toEqual([]);
    expect((await nearest()).id).not.toBe(cybercrime.id);
    const back = await admin.patch(
      `/locations/${cell!.location_id}`,
      { lat: cell!.lat, lon: cell!.lon, is_confidential: false },
      hidden.body.version,
    );
    expect(back.status).toBe(200);
    expect((await derivedRows(cybercrime.id)).cells).toEqual([cell]);
  });

  it("search finds a listing by its type's description after a maintainer edits it", async () => {
    // "blackmail" is in the cybercrime unit type's description, not in the listing's own texts;
    // "إبلاغ" (reporting) likewise only in the Arabic description of the type.
    expect(await search('blackmail')).toContain(cybercrime.id);
    expect(await search('إبلاغ ابتزاز', 'ar')).toContain(cybercrime.id);
    await editNote(cybercrime.id, 'Reporting is free of charge.');
    expect(await search('blackmail')).toContain(cybercrime.id);
    expect(await search('إبلاغ ابتزاز', 'ar')).toContain(cybercrime.id);
  });

  it('after an edit the derived rows equal what the seed builds', async () => {
    for (const listing of [shelter, cybercrime]) {
      const seeded = await derivedRows(listing.id);
      expect(seeded.coverage.length).toBeGreaterThan(0);
      expect(seeded.search).not.toBeNull();
      // Renamed and renamed back: the same facts as the seed's, so the same rows.
      const current = await admin.get(`/services/${listing.id}`);
      const renamed = await admin.patch(
        `/services/${listing.id}`,
        { names: { ...current.body.names, en: 'Renamed for a moment (sample)' } },
        current.body.version,
      );
      expect(renamed.status).toBe(200);
      expect((await derivedRows(listing.id)).sortName).toBe('renamed for a moment sample');
      const back = await admin.patch(`/services/${listing.id}`, { names: current.body.names }, renamed.body.version);
      expect(back.status).toBe(200);
      expect(await derivedRows(listing.id)).toEqual(seeded);
    }
    // The shelter's confidential site puts it in its governorate (Erbil), never finer, and never on the map.
    expect((await derivedRows(shelter.id)).coverage).toEqual(['/IQ/IQ-KR/IQG11/']);
    expect((await derivedRows(shelter.id)).cells).toEqual([]);
    expect((await derivedRows(cybercrime.id)).cells.length).toBeGreaterThan(0);

    // The cycle: a check recorded after the edits is next due after the cycle the seed used.
    const verified = await admin.post(`/services/${cybercrime.id}/verifications`, {
      method: 'call',
      result: 'confirmed',
    });
    expect(verified.status).toBe(201);
    const seedCycle = verificationCycleDays(cybercrime.typeIds.map(typeOf));
    expect(Date.parse(verified.body.next_due) - Date.parse(verified.body.target.last_verified_at)).toBe(
      seedCycle * DAY,
    );
    expect(
      Date.parse(cybercrime.verification.nextVerificationDue!) - Date.parse(cybercrime.verification.lastVerifiedAt!),
    ).toBe(seedCycle * DAY);
  });

  it('a listing with two types gets the shortest verification cycle, from the seed and after an edit', async () => {
    // From the seed: a sample listing whose first type is checked every 90 days and whose second
    // is a hotline (every 30 days) is due 30 days after its last check.
    const twoTypes = resolveService(
      {
        key: 'two-types',
        org: 'tigris',
        types: ['mhpss', 'hotline'],
        names: { en: 'Two types (sample)' },
        languages: ['ar'],
        country: 'IQ',
        verification: { ageDays: 10, by: 'Masar coordinator', method: 'call' },
        routes: [
          {
            key: 'line',
            kind: 'hotline',
            value: '+9647700000999',
            visibility: 'public',
            verification: { ageDays: 10, by: 'Masar coordinator', method: 'call' },
          },
        ],
      },
      new Date(),
    );
    expect(typeById.get('mhpss')).toMatchObject({ verificationCycleDays: 90 });
    expect(
      Date.parse(twoTypes.verification.nextVerificationDue!) - Date.parse(twoTypes.verification.lastVerifiedAt!),
    ).toBe(30 * DAY);
    expect(
      Date.parse(twoTypes.routes[0]!.verification.nextVerificationDue!) -
        Date.parse(twoTypes.routes[0]!.verification.lastVerifiedAt!),
    ).toBe(30 * DAY);

    // After an edit: a legal-aid listing (90 days) given the hotline type too is due after 30.
    const created = await admin.post('/services', {
      organisation_id: cybercrime.organisationId,
      country: 'IQ',
      names: { en: 'Two-type listing (sample)' },
      type_ids: ['legal_aid'],
      area_pcodes: ['IQG10'],
    });
    expect(created.status).toBe(201);
    const edited = await admin.patch(
      `/services/${created.body.id}`,
      { type_ids: ['legal_aid', 'hotline'] },
      created.body.version,
    );
    expect(edited.status).toBe(200);
    const verified = await admin.post(`/services/${created.body.id}/verifications`, {
      method: 'call',
      result: 'confirmed',
    });
    expect(Date.parse(verified.body.next_due) - Date.parse(verified.body.target.last_verified_at)).toBe(30 * DAY);
    // The same number the shared module gives for these types.
    expect(
      deriveListing({
        status: 'draft',
        names: {},
        descriptions: {},
        organisationNames: {},
        areaPaths: [],
        locations: [],
        areaNames: () => [],
        hours: [],
        types: ['legal_aid', 'hotline'].map(typeOf),
      }).verificationCycleDays,
    ).toBe(30);
  });
});
