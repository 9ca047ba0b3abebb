import { createRoute, z } from '@hono/zod-openapi';
import { localise } from '../domain/language.ts';
import { serviceTypesAt } from '../queries/service-types.ts';
import { createRouter } from '../router.ts';
import { LangQuery, LanguageParam, LocalizedValue, jsonContent, problemResponses } from '../schemas/common.ts';

const ServiceTypeView = z
  .object({
    id: z.string(),
    parent_id: z.string().nullable(),
    name: LocalizedValue,
    names: z.record(z.string(), z.string()),
    description: LocalizedValue,
    is_priority_channel: z.boolean(),
    verification_cycle_days: z.number().int(),
  })
  .openapi('ServiceType');

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['Service types'],
  summary: 'The service taxonomy, with names in every language',
  request: { query: LangQuery },
  responses: {
    200: jsonContent(z.object({ items: z.array(ServiceTypeView), lang: LanguageParam }), 'Service types'),
    400: problemResponses[400],
  },
});

export const serviceTypesRouter = createRouter().openapi(listRoute, async (c) => {
  const lang = c.get('language');
  const types = await serviceTypesAt(c.get('db'), c.get('directory'));
  const items = types.map((t) => ({
    id: t.id,
    parent_id: t.parentId,
    name: localise(t.names, lang),
    names: t.names as Record<string, string>,
    description: localise(t.descriptions, lang),
    is_priority_channel: t.isPriorityChannel,
    verification_cycle_days: t.verificationCycleDays,
  }));
  return c.json({ items, lang }, 200);
});
