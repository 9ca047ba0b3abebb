import { env } from 'cloudflare:workers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDirectory } from '../../db/seed/sample-directory.mjs';
import { serviceTypes } from '../../db/seed/service-types.mjs';
import { growDirectory, shrinkDirectory } from '../support/grow-directory.ts';
import { allPages, get } from '../support/http.ts';
import { element, pieces, textOf } from '../support/html.ts';

const directory = sampleDirectory(new Date());
const serviceNamed = (name: string) => directory.services.find((s: { names: { en?: string } }) => s.names.en === name)!;
const directoryService = (key: string) => directory.services.find((s: { key: string }) => s.key === key)!;
const legalAidSortOrder = () => serviceTypes.find((t: { id: string }) => t.id === 'legal_aid')!.sortOrder;
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
    expect(textOf(visit!)).toMatch(
      /^Visit in person Noor centre, Mosul \(sample\) · Street 00, left bank, Mosul \(sample address\) (Open|Closed)/,
    );
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
    expect(body.contact_routes.find((r: { kind: string }) => r.kind === 'telegram').href).toBe(
      'https://t.me/+9647700000116',
    );
  });
});

/** The cards of the emergency block of an area page, by service id, with their text. */
function emergencyCards(html: string): Map<string, string> {
  const block = element(html, 'data-role="emergency-block"');
  expect(block, 'the emergency block').not.toBeNull();
  const cards = pieces(block!, /<li class="service-card"/);
  return new Map(cards.map((card) => [/data-service="([^"]+)"/.exec(card)![1]!, textOf(card)]));
}

describe('filters on an area page never silently drop the hotlines and official channels', () => {
  const qayyarah = '/a/IQG15Q05N01';
  const communityPolice = () => serviceNamed('Community Police (497 and 533)');
  const nationalSecurity = () => serviceNamed('National Security Service (131)');

  it.each([
    ['open=1', 'Opening hours not known'],
    ['fs=1', 'Whether female staff are available is not known'],
    ['anon=1', 'Whether you can stay anonymous is not known'],
    ['ln=ar', 'Languages spoken not known'],
    ['free=1', 'Cost not known'],
    ['g=f', 'Who can use it is not known'],
  ])('with %s the national hotlines stay on the page, marked "%s"', async (filter, mark) => {
    const html = await page(`${qayyarah}?lang=en&${filter}`);
    const cards = emergencyCards(html);
    for (const hotline of [communityPolice(), nationalSecurity()]) {
      expect(cards.get(hotline.id)).toContain(mark);
    }
    // They come before the filtered list.
    const block = html.indexOf('data-role="emergency-block"');
    const list = html.search(/data-role="(priority-group|type-groups)"/);
    if (list >= 0) expect(block).toBeLessThan(list);
  });

  it("a hotline whose recorded fact does not match says so, in the reader's language", async () => {
    // The Ninewa early-warning hotline records that it has no female staff.
    const earlyWarning = directoryService('ninewa-early-warning');
    const cards = emergencyCards(await page(`${qayyarah}?lang=ar&fs=1`));
    expect(cards.get(earlyWarning.id)).toContain('لا توجد موظفات');
    expect(cards.get(communityPolice().id)).toContain('غير معروف إن كانت هناك موظفات');
  });

  it('a hotline that meets every filter is in the list, not repeated in the block', async () => {
    // The Ninewa early-warning hotline is open 24/7.
    const earlyWarning = directoryService('ninewa-early-warning');
    const html = await page(`${qayyarah}?lang=en&open=1`);
    expect(emergencyCards(html).has(earlyWarning.id)).toBe(false);
    expect(element(html, 'data-role="priority-group"')).toContain(`data-service="${earlyWarning.id}"`);
  });

  it('a type filter keeps the hotlines of other types above the list', async () => {
    const html = await page(`${qayyarah}?lang=es&t=${legalAidSortOrder()}`);
    const cards = emergencyCards(html);
    expect(cards.has(communityPolice().id)).toBe(true);
  });

  it('an empty filtered list says nothing matched, offers to clear the filters and still shows the hotlines', async () => {
    const html = await page(`${qayyarah}?lang=en&fs=1&ln=tr`);
    const results = element(html, 'id="results"')!;
    expect(textOf(results)).toContain('Nothing matched your filters.');
    expect(results).toMatch(/<a [^>]*href="\/a\/IQG15Q05N01\?lang=en"[^>]*data-role="clear-filters-empty"/);
    expect(emergencyCards(html).get(communityPolice().id)).toContain('Whether female staff are available is not known');
  });

  it("in Guatemala and on a whole country's page too", async () => {
    const pnc = serviceNamed('National Civil Police (110)');
    expect(emergencyCards(await page('/a/GT0401?lang=es&ln=kek')).get(pnc.id)).toContain(
      'No se sabe en qué idiomas atiende',
    );
    expect(emergencyCards(await page('/a/IQ?lang=ckb&open=1')).get(nationalSecurity().id)).toContain(
      'کاتی کارکردن نەزانراوە',
    );
  });

  it('without filters there is no separate block: the hotlines are first in the list', async () => {
    const html = await page(`${qayyarah}?lang=en`);
    expect(html).not.toContain('data-role="emergency-block"');
    expect(element(html, 'data-role="priority-group"')).toContain(`data-service="${communityPolice().id}"`);
  });
});

describe('an area page reads its filters as the API reads them', () => {
  /** The services of the page's list (not the hotlines block above it), by id. */
  function listed(html: string): string[] {
    const groups = ['data-role="priority-group"', 'data-role="type-groups"'].map(
      (marker) => element(html, marker) ?? '',
    );
    return groups.flatMap((group) => [...group.matchAll(/data-service="([^"]+)"/g)].map((m) => m[1]!)).sort();
  }
  const apiIds = async (query: string) => {
    const { body } = await get(`/api/v1/services?limit=100&${query}`);
    expect(body.next_cursor).toBeNull();
    return body.items.map((i: { id: string }) => i.id).sort();
  };

  it.each([
    ['free=1&ln=ar', 'free=true&language=ar'],
    [`t=${legalAidSortOrder()}&g=f&age=30`, 'type=legal_aid&gender=female&age=30'],
    ['fs=1&anon=1', 'female_staff=true&anonymous=true'],
  ])('the page with %s lists what the API lists with %s', async (pageQuery, apiQuery) => {
    const html = await page(`/a/IQG15Q05?lang=en&${pageQuery}`);
    expect(listed(html).length).toBeGreaterThan(0);
    expect(listed(html)).toEqual(await apiIds(`area=IQG15Q05&${apiQuery}`));
    // The map asks the API for the same list.
    expect(element(html, 'id="results"')).toContain(
      `data-map-services="/api/v1/map/services?area=IQG15Q05&amp;${apiQuery.replaceAll('&', '&amp;')}&amp;lang=en"`,
    );
  });

  it('a value the API refuses is ignored by the page, which shows the rest of its filters', async () => {
    const html = await page('/a/IQG15Q05?lang=en&free=1&age=old&ln=Arabic&g=x');
    expect(listed(html).length).toBeGreaterThan(0);
    expect(listed(html)).toEqual(await apiIds('area=IQG15Q05&free=true'));
    expect(html).toMatch(/<input type="checkbox" name="free" value="1" checked/);
    expect(html).toMatch(/<input id="filter-age" name="age"[^>]* value=""/);
  });
});

describe('following an area page\'s "more" link', () => {
  let grown: string[] = [];
  // Enough services in the district that its list takes several pages.
  beforeAll(async () => {
    grown = await growDirectory(env.DB, 60, { withinPath: '/IQ/IQG15/IQG15Q05/', name: 'Paged service' });
  });
  afterAll(() => shrinkDirectory(env.DB, grown));

  /** The services listed on one page (hotlines first, then by type) and the link to the next page. */
  function pageOf(html: string): { ids: string[]; more: string | null } {
    const groups = ['data-role="priority-group"', 'data-role="type-groups"'].map(
      (marker) => element(html, marker) ?? '',
    );
    const ids = groups.flatMap((group) => [...group.matchAll(/<li class="service-card" data-service="([^"]+)"/g)]);
    const more = /<p class="results__more"><a [^>]*href="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? null;
    return { ids: ids.map((m) => m[1]!), more };
  }

  it.each([
    ['', ''],
    [`&t=${legalAidSortOrder()}`, '&type=legal_aid'],
  ])('with "%s" reaches every service of the district exactly once', async (pageQuery, apiQuery) => {
    const seen: string[] = [];
    let pages = 0;
    for (let next: string | null = `/a/IQG15Q05?lang=en${pageQuery}`; next; pages++) {
      expect(pages, 'paging ends').toBeLessThan(20);
      const { ids, more } = pageOf(await page(next));
      expect(ids.length).toBeGreaterThan(0);
      seen.push(...ids);
      next = more;
    }
    expect(pages).toBeGreaterThan(1);
    const expected = await allPages<{ id: string }>(`/api/v1/services?area=IQG15Q05&lang=en${apiQuery}`, 100);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(expected.map((s) => s.id).sort());
    for (const id of grown) expect(seen).toContain(id);
  });
});

describe('directory texts that look like markup', () => {
  // A name, an organisation or a contact route comes from whoever filled in the directory: on a page it
  // must stay text, in an element and in an attribute (the cards and the page frame are printed with
  // hono's `html` template, which escapes whatever is put into it).
  const hostile = `<script>"&'`;
  const escaped = '&lt;script&gt;&quot;&amp;&#39;';
  let grown: string[] = [];
  beforeAll(async () => {
    const shared = { withinPath: '/IQ/IQG15/IQG15Q05/', organisationName: `Hostile ${hostile} organisation` };
    grown = [
      // A link: the value is in the href and in the text.
      ...(await growDirectory(env.DB, 1, {
        ...shared,
        name: `Hostile ${hostile} mail`,
        route: { kind: 'email', value: `help${hostile}@example.org` },
      })),
      // No link: the value is shown as it was given.
      ...(await growDirectory(env.DB, 1, {
        ...shared,
        name: `Hostile ${hostile} phone`,
        route: { kind: 'phone', value: `call ${hostile}` },
      })),
    ];
  });
  afterAll(() => shrinkDirectory(env.DB, grown));

  /** The texts are there, escaped, and nothing of them is markup. */
  function expectEscaped(html: string, where: string, texts: string[]) {
    expect(html, where).not.toContain(hostile);
    for (const text of texts) {
      expect(html, `${text} on ${where}`).toContain(text.replaceAll(hostile, escaped));
      expect(textOf(html), `${text} on ${where}`).toContain(text);
    }
  }

  it('stays text in the cards of an area page and on the service page', async () => {
    const [mail, phone] = grown as [string, string];
    const area = await page('/a/IQG15Q05?lang=en');
    expect(area).not.toContain(hostile);
    expect(area.match(/<script\b/g), "only the page's own script").toHaveLength(1);
    const mailCard = cardOf(area, mail);
    expectEscaped(mailCard, 'the mail card', [
      `Hostile ${hostile} mail`,
      `Run by Hostile ${hostile} organisation`,
      `help${hostile}@example.org`,
    ]);
    expect(mailCard).toContain(`href="mailto:help${escaped}@example.org"`);
    expectEscaped(cardOf(area, phone), 'the phone card', [`Hostile ${hostile} phone`, `call ${hostile}`]);

    const mailPage = await page(`/s/${mail}?lang=en`);
    expectEscaped(mailPage, 'the mail service page', [
      `Hostile ${hostile} mail`,
      `Hostile ${hostile} organisation`,
      `help${hostile}@example.org`,
    ]);
    expect(mailPage).toContain(`href="mailto:help${escaped}@example.org"`);
    expect(mailPage.match(/<script\b/g), "only the page's own script").toHaveLength(1);
    expectEscaped(await page(`/s/${phone}?lang=en`), 'the phone service page', [
      `Hostile ${hostile} phone`,
      `call ${hostile}`,
    ]);
  });
});
