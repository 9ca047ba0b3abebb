// Routes with the same weekly rule in the same zone, asked about at the same minute, have one
// answer; a dated closure still closes the one service it belongs to, whatever the others say.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { get } from '../support/http.ts';
import { baghdadMoment, SUNDAY } from '../support/time.ts';

const RULE = 'Su-Th 09:00-13:00';

interface Route {
  id: string;
  opening_hours: string | null;
  hours: { state: string; next_change: string | null; closed_by: string | null };
}
interface Item {
  id: string;
  contact_routes: Route[];
}

/** Each open service's routes that follow RULE, at `moment` (a fixed Sunday, Baghdad time). */
async function routesWithRule(moment: string) {
  const response = await get(`/api/v1/services?country=IQ&limit=100&open_at=${moment}`);
  expect(response.status).toBe(200);
  return (response.body.items as Item[]).flatMap((item) =>
    item.contact_routes.filter((r) => r.opening_hours === RULE).map((route) => ({ service: item.id, route })),
  );
}

describe('opening hours shared by services with the same rule', () => {
  it('two services with the same rule at the same moment are open until the same time, and a closure of one closes only that one', async () => {
    // 11:00 and 11:00:40 on a Sunday in Baghdad: one minute, open until 13:00 (10:00 UTC).
    const moment = baghdadMoment(SUNDAY, '11:00');
    const later = new Date(Date.parse(moment) + 40_000).toISOString();
    const closesAt = new Date(Date.parse(moment) + 2 * 3_600_000).toISOString();
    const found = await routesWithRule(moment);
    const services = [...new Set(found.map((f) => f.service))];
    expect(services.length).toBeGreaterThanOrEqual(2);
    for (const { route } of [...found, ...(await routesWithRule(later))]) {
      expect(route.hours).toMatchObject({ state: 'open', next_change: closesAt, closed_by: null });
    }

    // A closure of the first service from an hour ago until after the moment.
    const [closed, ...others] = services as [string, ...string[]];
    const closure = crypto.randomUUID();
    await env.DB.prepare('INSERT INTO closures (id, service_id, starts_at, ends_at, closes) VALUES (?, ?, ?, ?, 1)')
      .bind(closure, closed, new Date(Date.now() - 3_600_000).toISOString(), closesAt)
      .run();
    try {
      const after = await routesWithRule(moment);
      expect(after.map((f) => f.service)).not.toContain(closed);
      expect([...new Set(after.map((f) => f.service))]).toEqual(others);
      for (const { route } of after) {
        expect(route.hours).toMatchObject({ state: 'open', next_change: closesAt, closed_by: null });
      }
      // Now too, the closed service's route with that rule says which closure closes it.
      const detail = await get(`/api/v1/services/${closed}?lang=en`);
      const route = (detail.body.contact_routes as Route[]).find((r) => r.opening_hours === RULE)!;
      expect(route.hours).toMatchObject({ state: 'closed', closed_by: closure });
    } finally {
      await env.DB.prepare('DELETE FROM closures WHERE id = ?').bind(closure).run();
    }
  });
});
