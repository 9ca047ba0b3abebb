/**
 * POST /api/v1/problem-reports (C8): anyone can say a listing is wrong, anonymously. The report
 * takes the same path as the page's form (queries/submit-problem-report.ts), which says what is
 * and is not kept about the sender.
 */
import { createRoute } from '@hono/zod-openapi';
import { crossSite, isCrossSiteRequest, submitProblemReport } from '../queries/submit-problem-report.ts';
import { createRouter } from '../router.ts';
import { jsonContent, problemResponses, Problem } from '../schemas/common.ts';
import { ProblemReportInput, ProblemReportReceipt } from '../schemas/problem-reports.ts';

const createReportRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['Problem reports'],
  summary: 'Report a problem with a listing (anonymous)',
  description:
    'No answer, closed, wrong number, unsafe practice or other, optionally about one contact route. Stores no IP ' +
    'address or any other data about the sender. Same-origin browsers only (Sec-Fetch-Site/Origin); rate-limited.',
  request: { body: { content: { 'application/json': { schema: ProblemReportInput } }, required: true } },
  responses: {
    201: jsonContent(ProblemReportReceipt, 'The report was recorded'),
    400: problemResponses[400],
    403: { description: 'Sent from another site', content: { 'application/problem+json': { schema: Problem } } },
    404: problemResponses[404],
    429: {
      description: 'Too many reports from this client',
      content: { 'application/problem+json': { schema: Problem } },
    },
  },
});

export const problemReportsRouter = createRouter();

// Refuse other sites before reading the body at all.
problemReportsRouter.use('*', async (c, next) => {
  if (isCrossSiteRequest(c)) throw crossSite();
  await next();
});

problemReportsRouter.openapi(createReportRoute, async (c) => {
  const row = await submitProblemReport(c, c.req.valid('json'));
  return c.json({ id: row.id, service_id: row.serviceId, kind: row.kind, created_at: row.createdAt }, 201);
});
