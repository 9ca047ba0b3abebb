import { createRoute } from '@hono/zod-openapi';
import { sharingTrips } from '../../db/shared-trip.ts';
import { notFound } from '../errors.ts';
import { listingRequest, typesAndArea } from '../queries/listing-request.ts';
import { getService, listServices } from '../queries/service-listing.ts';
import { priorityChannelsLeftOut } from '../queries/priority-channels.ts';
import { serviceWithLinks } from '../queries/service-page.ts';
import { serviceTypesAt } from '../queries/service-types.ts';
import { createRouter } from '../router.ts';
import { LangQuery, jsonContent, problemResponses } from '../schemas/common.ts';
import { SafeCard, SafeCardQuery } from '../schemas/safe-card.ts';
import { ServiceDetail, ServiceIdParam, ServiceList, ServiceListQuery } from '../schemas/services.ts';
import { safeCard } from '../views/safe-card-view.ts';
import { referralLinkView, serviceDetail, serviceSummary } from '../views/service-view.ts';

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Services'],
  summary: 'Find services',
  description:
    'Published services matching every filter given. Hotlines and official reporting channels come first, stale ' +
    'listings below fresh ones. Continue with `next_cursor`. A filter leaves out a service whose fact is not ' +
    "known; the area's hotlines and official channels left out that way are listed in " +
    '`priority_channels_left_out`, with what is unknown or does not match.',
  request: { query: ServiceListQuery },
  responses: { 200: jsonContent(ServiceList, 'A page of services'), 400: problemResponses[400] },
});

const detailRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['Services'],
  summary: 'One service with everything public about it',
  request: { params: ServiceIdParam, query: LangQuery },
  responses: { 200: jsonContent(ServiceDetail, 'The service'), 400: problemResponses[400], 404: problemResponses[404] },
});

const safeCardRoute = createRoute({
  method: 'get',
  path: '/{id}/safe-card',
  tags: ['Services'],
  summary: "A safe card: the service's public numbers and weekly hours, to print, text or share",
  description:
    'The card as text, the SMS body (at most 134 UTF-16 code units: two concatenated UCS-2 segments, ' +
    'shortened by the rules named in `shortened_by`, never without a number) and the `sms:` and WhatsApp links.',
  request: { params: ServiceIdParam, query: SafeCardQuery },
  responses: { 200: jsonContent(SafeCard, 'The card'), 400: problemResponses[400], 404: problemResponses[404] },
});

export const servicesRouter = createRouter()
  .openapi(listRoute, async (c) => {
    const query = c.req.valid('query');
    const db = c.get('db');
    const lang = c.get('language');
    const { types, area } = await typesAndArea(db, c.get('directory'), query.area);
    const request = await listingRequest(db, query, types, { limit: query.limit, now: new Date(), area });
    // The listing and the priority channels it left out send their first statements in one round trip.
    const together = sharingTrips(db);
    const [page, leftOut] = await Promise.all([
      listServices(together, request),
      priorityChannelsLeftOut(together, request, types, query.open_at ? 'open_at' : 'open_now'),
    ]);
    return c.json(
      {
        items: page.items.map((parts) => serviceSummary(parts, types, lang, page.evaluatedAt)),
        priority_channels_left_out: leftOut.map(({ parts, unmet }) => ({
          ...serviceSummary(parts, types, lang, page.evaluatedAt),
          unmet_filters: unmet,
        })),
        total: page.total,
        total_is_exact: page.totalIsExact,
        next_cursor: page.nextCursor,
        lang,
        evaluated_at: page.evaluatedAt.toISOString(),
        hours_at: page.hoursAt.toISOString(),
      },
      200,
    );
  })
  .openapi(detailRoute, async (c) => {
    const { id } = c.req.valid('param');
    const db = c.get('db');
    const now = new Date();
    const lang = c.get('language');
    const { parts, types, areas, links } = await serviceWithLinks(db, c.get('directory'), id, now);
    if (!parts) throw notFound('published service', id);
    return c.json(
      {
        ...serviceDetail(
          parts,
          areas.map((a) => a.areaPcode),
          types,
          lang,
          now,
        ),
        receives_cases_from: links.receivesFrom.map((l) => referralLinkView(l, lang)),
        passes_cases_to: links.passesTo.map((l) => referralLinkView(l, lang)),
      },
      200,
    );
  })
  .openapi(safeCardRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { discreet } = c.req.valid('query');
    const db = c.get('db');
    const now = new Date();
    const lang = c.get('language');
    const [parts, types] = await Promise.all([getService(db, id, now), serviceTypesAt(db, c.get('directory'))]);
    if (!parts) throw notFound('published service', id);
    const service = serviceSummary(parts, types, lang, now);
    const card = safeCard({
      kind: 'service',
      name: service.name?.text ?? '',
      services: [service],
      lang,
      discreet: discreet === 'true',
      siteName: c.env.SITE_NAME || 'Masar',
      now,
    });
    return c.json(card, 200);
  });
