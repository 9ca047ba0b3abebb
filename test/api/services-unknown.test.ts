import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';

interface Item {
  id: string;
  name: { text: string } | null;
  is_priority_channel: boolean;
  female_staff: string;
}
interface LeftOut extends Item {
  unmet_filters: Array<{ filter: string; reason: string }>;
}
interface Listing {
  items: Item[];
  priority_channels_left_out: LeftOut[];
  total: number;
}

const list = async (query: string) => {
  const response = await get<Listing>(`/api/v1/services?lang=en&limit=100&${query}`);
  expect(response.status).toBe(200);
  return response.body;
};
const named = <T extends Item>(items: T[], name: string): T | undefined => items.find((i) => i.name?.text === name);

describe('GET /api/v1/services: unknown is not no', () => {
  it('a filter leaves out a hotline whose fact is unknown, and returns it beside the items saying so', async () => {
    const { items, priority_channels_left_out: leftOut } = await list('area=IQG15Q05N01&female_staff=true');
    expect(named(items, 'Community Police (497 and 533)')).toBeUndefined();
    expect(named(leftOut, 'Community Police (497 and 533)')).toMatchObject({
      female_staff: 'unknown',
      unmet_filters: [{ filter: 'female_staff', reason: 'unknown' }],
    });
    // A recorded "no" is not hidden either, and says that it does not match.
    expect(named(leftOut, 'Early-warning unit, Mosul (sample)')).toMatchObject({
      female_staff: 'no',
      unmet_filters: [{ filter: 'female_staff', reason: 'does_not_match' }],
    });
  });

  it.each([
    'open_now=true',
    'female_staff=true&anonymous=true',
    'language=kmr&free=true',
    'gender=male&age=15',
    'accessibility=wheelchair',
    'open_at=2026-01-02T23:00:00%2B03:00',
    'type=hotline&female_staff=true',
  ])(
    'with %s every hotline and official channel of the area is either an item or left out with a reason, never both',
    async (filters) => {
      for (const area of ['IQG15Q05N01', 'IQG11Q02', 'GT0401']) {
        const unfiltered = await list(`area=${area}${filters.startsWith('type=') ? '&type=hotline' : ''}`);
        const filtered = await list(`area=${area}&${filters}`);
        const itemIds = new Set(filtered.items.map((i) => i.id));
        const leftOutIds = new Set(filtered.priority_channels_left_out.map((i) => i.id));
        for (const channel of unfiltered.items.filter((i) => i.is_priority_channel)) {
          expect(itemIds.has(channel.id) !== leftOutIds.has(channel.id), `${area} ${channel.name?.text}`).toBe(true);
        }
        for (const left of filtered.priority_channels_left_out) {
          expect(left.is_priority_channel).toBe(true);
          expect(left.unmet_filters.length).toBeGreaterThan(0);
        }
      }
    },
  );

  it('names open_at as the filter when a moment was asked for', async () => {
    const { priority_channels_left_out: leftOut } = await list('area=IQG15Q05N01&open_at=2026-01-02T23:00:00%2B03:00');
    expect(named(leftOut, 'National Security Service (131)')?.unmet_filters).toEqual([
      { filter: 'open_at', reason: 'unknown' },
    ]);
  });

  it('is empty without filters and without an area, so existing clients see the same items as before', async () => {
    expect((await list('area=IQG15Q05N01')).priority_channels_left_out).toEqual([]);
    expect((await list('female_staff=true')).priority_channels_left_out).toEqual([]);
  });

  it('the response is what the OpenAPI description says', async () => {
    const { body: openapi } = await get('/api/v1/openapi.json');
    const ref = openapi.paths['/api/v1/services'].get.responses['200'].content['application/json'].schema.$ref;
    const validator = new Validator(
      { $id: 'https://masar.test/openapi', components: openapi.components, $ref: ref },
      '2020-12',
      false,
    );
    const listing = await list('area=IQG15Q05N01&female_staff=true&open_now=true');
    expect(listing.priority_channels_left_out.length).toBeGreaterThan(0);
    expect(validator.validate(listing).errors).toEqual([]);
  });
});
