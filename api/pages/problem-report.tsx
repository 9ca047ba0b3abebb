/**
 * "Report a problem" (C8) in three taps: open, choose what went wrong, send. A plain HTML form
 * that posts to the page route below; the script sends the same report to the JSON API instead
 * and answers in place. Both go through submitProblemReport (same checks, same rate limit).
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { PROBLEM_KINDS } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { ProblemError } from '../errors.ts';
import { submitProblemReport } from '../queries/submit-problem-report.ts';
import { ProblemReportInput } from '../schemas/problem-reports.ts';
import { localDigits } from '../../web/src/i18n/format.ts';
import { Layout } from './layout.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { actionKey, displayPhone, shownAsPhone, type ContactRouteView } from './service-texts.ts';
import type { ServiceDetailView } from './service.tsx';

export const ProblemReportForm: FC<{ page: PageContext; service: ServiceDetailView }> = ({ page, service }) => {
  const { t } = page;
  return (
    <details class="disclosure report" id="report">
      <summary>{t('reportProblem')}</summary>
      <form
        class="disclosure__body report__form"
        method="post"
        action={page.href(`/s/${service.id}/problem`)}
        data-role="problem-report"
        data-service={service.id}
        data-msg-thanks={t('reportThanks')}
        data-msg-failed={t('reportFailed')}
        data-msg-too-many={t('reportTooMany')}
      >
        <p class="report__intro">{t('reportIntro')}</p>
        <fieldset class="field">
          <legend>{t('reportKindLegend')}</legend>
          {PROBLEM_KINDS.map((kind, i) => (
            <label class="check">
              <input type="radio" name="kind" value={kind} required={i === 0} /> {t(`report_${kind}`)}
            </label>
          ))}
        </fieldset>
        {service.contact_routes.length > 1 && (
          <div class="field">
            <label for="report-route">{t('reportRouteLabel')}</label>
            <select id="report-route" name="route">
              <option value="">{t('reportWholeService')}</option>
              {service.contact_routes.map((route) => (
                <option value={route.id}>{routeName(route, page)}</option>
              ))}
            </select>
          </div>
        )}
        <div class="field">
          <label for="report-note">{t('reportNoteLabel')}</label>
          <textarea id="report-note" name="note" maxlength={500} rows={3}></textarea>
        </div>
        <button type="submit" class="button">
          {t('reportSend')}
        </button>
        <p class="report__status" role="status" data-role="status"></p>
      </form>
    </details>
  );
};

/** POST /s/{id}/problem: the no-script path. Answers with a page, never with JSON. */
export async function problemReportPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const id = c.req.param('id') ?? '';
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const input = ProblemReportInput.safeParse({
    service_id: id,
    contact_route_id: typeof form.route === 'string' && form.route ? form.route : undefined,
    kind: form.kind,
    note: typeof form.note === 'string' && form.note.trim() ? form.note : undefined,
  });
  let status = 201;
  if (!input.success) status = 400;
  else {
    try {
      await submitProblemReport(c, input.data);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      status = error.problem.status;
      // The page says what the problem would: a 429 keeps its Retry-After.
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    }
  }
  const message =
    status === 201 ? page.t('reportThanks') : status === 429 ? page.t('reportTooMany') : page.t('reportFailed');
  return c.html(
    <Layout page={page} kind="report">
      <h1>{page.t('reportProblem')}</h1>
      <p class={`notice ${status === 201 ? 'notice--success' : 'notice--warning'}`} role="status">
        {message}
      </p>
      <p>
        <a href={page.href(`/s/${id}`)}>{page.t('backToService')}</a>
      </p>
    </Layout>,
    (status === 201 ? 200 : status) as 200 | 400 | 403 | 404 | 429,
  );
}

/** "Call · 24-hour hotline (+964 770 000 0113)": enough to tell the routes apart. */
function routeName(route: ContactRouteView, page: PageContext): string {
  const label = route.label ? ` · ${route.label.text}` : '';
  // An option is plain text (no <bdi>): the number names the route, so it takes the page's digits
  // like the rest of the line, isolated left-to-right.
  const value = shownAsPhone(route)
    ? ` (\u2066${localDigits(displayPhone(route.value), route.label?.lang ?? page.lang)}\u2069)`
    : route.kind === 'email' || route.kind === 'telegram'
      ? ` (${route.value})`
      : '';
  return `${page.t(actionKey(route.kind))}${label}${value}`;
}
