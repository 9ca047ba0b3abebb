/** My work (verifications due, drafts to review, open problem reports) and the listings in my scope. */
import type { z } from '@hono/zod-openapi';
import type { ConsoleContext, Localized } from './context.ts';
import { h } from './dom.ts';
import { routeLabel } from './values.ts';
import type { WorkQueue } from '../../../api/admin/schemas/work-queue.ts';

type Queue = z.infer<typeof WorkQueue>;

export interface ListingSummary {
  id: string;
  names: Localized;
  status: string;
  verification_status: string;
  next_verification_due: string | null;
  pending_changes: number;
}

const section = (title: string, count: number, role: string, body: HTMLElement | string) =>
  h('section', { class: 'queue-section', dataset: { role } }, h('h2', {}, `${title} (${count})`), body);

export async function queueScreen(ctx: ConsoleContext): Promise<HTMLElement> {
  const { t } = ctx;
  const [{ data: queue }, { data: listings }] = await Promise.all([
    ctx.api.get<Queue>('/queue'),
    ctx.api.get<{ items: ListingSummary[] }>('/services'),
  ]);
  const names = new Map(listings.items.map((s) => [s.id, ctx.text(s.names)]));
  const empty = () => h('p', { class: 'muted' }, t('consoleNothingHere'));
  const list = (items: HTMLElement[]) => (items.length ? h('ul', { class: 'work-list' }, items) : empty());

  const services = queue.verifications_due.services.map((s) =>
    h(
      'li',
      {},
      h('a', { href: `#/s/${encodeURIComponent(s.id)}/verify` }, ctx.text(s.names)),
      ' ',
      badge(ctx, s.verification_status),
      ' ',
      h('span', { class: 'muted' }, t('consoleDue', { date: ctx.date(s.next_verification_due) })),
    ),
  );
  const routes = queue.verifications_due.contact_routes.map((r) =>
    h(
      'li',
      {},
      h(
        'a',
        { href: `#/s/${encodeURIComponent(r.service_id)}/verify` },
        `${names.get(r.service_id) ?? r.service_id}: `,
        routeLabel(ctx, r),
      ),
      ' ',
      badge(ctx, r.verification_status),
      ' ',
      h('span', { class: 'muted' }, t('consoleDue', { date: ctx.date(r.next_verification_due) })),
    ),
  );
  const drafts = queue.drafts.map((d) =>
    h(
      'li',
      {},
      h('a', { href: `#/s/${encodeURIComponent(d.id)}` }, ctx.text(d.names)),
      ' ',
      h('span', { class: `badge badge--${d.status}` }, ctx.tk(`consoleStatus_${d.status}`)),
      ' ',
      d.pending_changes ? t('consolePendingCount', { n: ctx.number(d.pending_changes) }) : '',
    ),
  );
  const reports = queue.problem_reports.map((r) =>
    h(
      'li',
      {},
      h('a', { href: `#/s/${encodeURIComponent(r.service_id)}` }, ctx.text(r.service_names)),
      ': ',
      ctx.tk(`report_${r.kind}`),
      r.note ? h('q', { class: 'report-note' }, r.note) : '',
      ' ',
      h('span', { class: 'muted' }, ctx.date(r.created_at)),
    ),
  );

  return h(
    'section',
    { class: 'queue' },
    h('h1', { tabindex: -1 }, t('consoleQueueHeading')),
    h('p', {}, t('consoleQueueIntro')),
    section(
      t('consoleQueueVerifications'),
      services.length + routes.length,
      'queue-verifications',
      h(
        'div',
        {},
        h('h3', {}, t('consoleListings')),
        list(services),
        h('h3', {}, t('consoleContactRoutes')),
        list(routes),
      ),
    ),
    section(t('consoleQueueDrafts'), drafts.length, 'queue-drafts', list(drafts)),
    ctx.canPublish
      ? section(
          t('consoleQueueReports'),
          reports.length,
          'queue-reports',
          h(
            'div',
            {},
            list(reports),
            reports.length ? h('p', {}, h('a', { href: '#/reports' }, t('consoleNavReports'))) : null,
          ),
        )
      : null,
  );
}

export async function listingsScreen(ctx: ConsoleContext): Promise<HTMLElement> {
  const { t } = ctx;
  const { data } = await ctx.api.get<{ items: ListingSummary[] }>('/services');
  const rows = data.items.map((s) =>
    h(
      'tr',
      {},
      h('th', { scope: 'row' }, h('a', { href: `#/s/${encodeURIComponent(s.id)}` }, ctx.text(s.names) || s.id)),
      h('td', {}, h('span', { class: `badge badge--${s.status}` }, ctx.tk(`consoleStatus_${s.status}`))),
      h('td', {}, badge(ctx, s.verification_status)),
      h('td', {}, ctx.date(s.next_verification_due)),
      h('td', {}, ctx.number(s.pending_changes)),
    ),
  );
  return h(
    'section',
    {},
    h('h1', { tabindex: -1 }, t('consoleListingsHeading')),
    h(
      'div',
      { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': t('consoleListingsHeading') },
      h(
        'table',
        { class: 'console-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            [
              t('consoleName'),
              t('consoleStatus'),
              t('consoleVerification'),
              t('consoleNextDue'),
              t('consolePendingChanges'),
            ].map((c) => h('th', { scope: 'col' }, c)),
          ),
        ),
        h('tbody', {}, rows),
      ),
    ),
  );
}

export function badge(ctx: ConsoleContext, verificationStatus: string) {
  return h(
    'span',
    { class: `badge badge--${verificationStatus}` },
    ctx.tk(`consoleVerification_${verificationStatus}`),
  );
}
