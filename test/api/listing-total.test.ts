// "Services found: N" must be true of the listing. An area listing reads only the page it shows,
// so a filtered listing longer than one page knows a lower bound, and says so.
import { describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';

/** Every item of a listing, page after page, and the first page's answer. */
async function allPages(query: string) {
  const first = await get(`/api/v1/services?${query}`);
  expect(first.status).toBe(200);
  const ids: string[] = first.body.items.map((s: { id: string }) => s.id);
  let cursor: string | null = first.body.next_cursor;
  while (cursor) {
    const next = await get(`/api/v1/services?${query}&cursor=${encodeURIComponent(cursor)}`);
    ids.push(...next.body.items.map((s: { id: string }) => s.id));
    cursor = next.body.next_cursor;
  }
  return { first: first.body, ids };
}

describe('the total of an area listing', () => {
  it('is exact for an unfiltered area listing, page after page', async () => {
    const { first, ids } = await allPages('area=IQG15&lang=en&limit=2');
    expect(ids.length).toBeGreaterThan(2);
    expect(first.total_is_exact).toBe(true);
    expect(first.total).toBe(ids.length);
  });

  it('is exact when one page holds the whole filtered listing', async () => {
    const { first, ids } = await allPages('area=IQG15&lang=en&female_staff=true&limit=100');
    expect(first.next_cursor).toBeNull();
    expect(first.total_is_exact).toBe(true);
    expect(first.total).toBe(ids.length);
  });

  it('is a lower bound, said to be one, for a filtered listing longer than its first page', async () => {
    const { first, ids } = await allPages('area=IQG15&lang=en&female_staff=true&limit=1');
    expect(ids.length).toBeGreaterThan(1);
    expect(first.total_is_exact).toBe(false);
    expect(first.total).toBeGreaterThanOrEqual(first.items.length);
    expect(first.total).toBeLessThan(ids.length);
  });

  it("the area page's count is the whole filtered listing when its page holds it all", async () => {
    const { ids } = await allPages('area=IQG15&lang=en&female_staff=true&limit=100');
    const page = await get('/a/IQG15?lang=en&fs=1');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Services found: ${ids.length}<`);
    expect(page.text).not.toContain('Services found: at least');
  });
});
