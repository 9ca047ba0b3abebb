/** Problem reports about listings in my scope, each resolved with an outcome (logged). */
import type { z } from '@hono/zod-openapi';
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { field, h, select } from './dom.ts';
import { REPORT_OUTCOMES } from '../../../api/domain/vocabulary.ts';
import type { ProblemReportList } from '../../../api/admin/schemas/problem-reports.ts';

export async function reportsScreen(ctx: ConsoleContext): Promise<HTMLElement> {
  const { t } = ctx;
  const { data } = await ctx.api.get<z.infer<typeof ProblemReportList>>('/problem-reports?status=open');
  const items = data.items.map((r) => {
    const outcome = select(
      'outcome',
      REPORT_OUTCOMES.map((o): [string, string] => [o, ctx.tk(`consoleOutcome_${o}`)]),
      'fixed',
    );
    const note = h('input', { type: 'text', name: 'note' });
    const message = h('p', { class: 'form-message', role: 'alert' });
    const form = h(
      'form',
      { class: 'console-form report', dataset: { role: 'report', reportId: r.id } },
      h('h2', {}, h('a', { href: `#/s/${encodeURIComponent(r.service_id)}` }, ctx.text(r.service_names))),
      h('p', {}, h('strong', {}, ctx.tk(`report_${r.kind}`)), ' · ', ctx.dateTime(r.created_at)),
      // Who sent it, as far as the report knows: a practitioner's role, or the public, anonymously.
      h(
        'p',
        { dataset: { role: 'reporter' } },
        r.reporter_role
          ? t('consoleReportedByRole', { role: ctx.tk(`consoleRole_${r.reporter_role}`) })
          : t('consoleReportedByPublic'),
      ),
      r.note ? h('blockquote', { class: 'report-note' }, r.note) : null,
      field(t('consoleOutcome'), outcome),
      field(t('consoleNote'), note),
      message,
      h('button', { type: 'submit', class: 'button' }, t('consoleResolve')),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await ctx.api.post(`/problem-reports/${encodeURIComponent(r.id)}/resolve`, {
          outcome: outcome.value,
          note: note.value.trim() || null,
        });
        form.replaceChildren(h('p', { class: 'muted' }, t('consoleResolved')));
        ctx.announce(t('consoleResolved'));
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        message.textContent = ctx.problemText(error);
      }
    });
    return form;
  });
  return h(
    'section',
    {},
    h('h1', { tabindex: -1 }, t('consoleReportsHeading')),
    items.length ? items : h('p', { class: 'muted' }, t('consoleNothingHere')),
  );
}
