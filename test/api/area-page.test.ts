import { describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { element, pieces, textOf } from '../support/html.ts';

const directory = sampleDirectory(new Date());
const serviceNamed = (name: string) => directory.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const placeKeyed = (key: string) => directory.locations.find((l: { key: string }) => l.key === key)!;

async function page(path: string): Promise<string> {
  const response = await get<string>(path);
  expect(response.status).toBe(200);
  return response.text;
}

/** The card of one service in an area page. */
function cardOf(html: string, serviceId: string): string {
  const card = pieces(html, /<li class="service-card"/).find((c) => c.includes(`data-service="${serviceId}"`));
  expect(card, `card of ${serviceId}`).toBeDefined();
  return element(card!, `data-service="${serviceId}"`)!;
}

describe('service cards on an area page', () => {
  it('a card shows every public contact route, a visit in person with its place and hours, never a place id', async () => {
    const service = serviceNamed('Case management and psychosocial support, Mosul (sample)');
    const place = placeKeyed('noor-mosul');
    const card = cardOf(await page('/a/IQG15Q05?lang=en'), service.id);
    const walkIn = service.routes.find((r: { kind: string }) => r.kind === 'walk_in');
    const routes = pieces(card, /<li class="service-card__route"/);
    const visit = routes.find((r) => r.includes(`data-contact-route="${walkIn.id}"`));
    expect(visit).toBeDefined();
    expect(textOf(visit!)).toMatch(/^Visit in person Noor centre, Mosul \(sample\) · Street 00, left bank, Mosul \(sample address\) (Open|Closed)/);
    expect(card).not.toContain(place.id);
    for (const route of service.routes.filter((r: { visibility: string }) => r.visibility === 'public')) {
      expect(card).toContain(`data-contact-route="${route.id}"`);
    }
  });

  it('a Telegram route given as a phone number opens a Telegram chat, on the card and on the service page', async () => {
    const service = serviceNamed('Online safety for young people (12–17), Mosul (sample)');
    const card = cardOf(await page('/a/IQG15Q05?lang=ar'), service.id);
    expect(card).toContain('href="https://t.me/+9647700000116"');
    expect(await page(`/s/${service.id}?lang=ckb`)).toContain('href="https://t.me/+9647700000116"');
    const { body } = await get(`/api/v1/services/${service.id}`);
    expect(body.contact_routes.find((r: { kind: string }) => r.kind === 'telegram').href).toBe('https://t.me/+9647700000116');
  });
});
