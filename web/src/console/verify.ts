/** M1, M2: record a verification of the listing or a route; log test calls with the answer rate. */
import { ApiError } from './api.ts';
import type { ConsoleContext } from './context.ts';
import { field, h, select } from './dom.ts';
import type { TestCallList } from '../../../api/admin/schemas/verification.ts';
import type { ContactRoute, Listing } from './listing.ts';
import { badge } from './queue.ts';
import { routeLabel, routeLabelText } from './values.ts';
import {
  FEMALE_STAFF_OFFERED,
  isCallableKind,
  LANGUAGES,
  VERIFICATION_METHODS,
  VERIFICATION_RESULTS,
} from '../../../api/domain/vocabulary.ts';

export async function verifyTab(ctx: ConsoleContext, listing: Listing, reload: () => void): Promise<HTMLElement> {
  const { t } = ctx;
  const sid = encodeURIComponent(listing.id);
  const canVerify = ctx.may('verify');
  const labelOf = (r: ContactRoute) => routeLabel(ctx, r, listing.locations);

  const status = h(
    'dl',
    { class: 'facts' },
    h('dt', {}, t('consoleVerification')),
    h('dd', {}, badge(ctx, listing.verification_status)),
    h('dt', {}, t('consoleLastVerified')),
    h('dd', {}, ctx.date(listing.last_verified_at)),
    h('dt', {}, t('consoleNextDue')),
    h('dd', {}, ctx.date(listing.next_verification_due)),
  );

  const target = select(
    'contact_route_id',
    [
      ['', t('consoleWholeListing')],
      ...listing.contact_routes.map((r): [string, string] => [r.id, routeLabelText(ctx, r, listing.locations)]),
    ],
    '',
  );
  const method = select(
    'method',
    VERIFICATION_METHODS.map((m): [string, string] => [m, ctx.tk(`consoleMethod_${m}`)]),
    'call',
  );
  const result = select(
    'result',
    VERIFICATION_RESULTS.map((r): [string, string] => [r, ctx.tk(`consoleResult_${r}`)]),
    'confirmed',
  );
  const note = h('textarea', { name: 'note', rows: 2 });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'console-form', dataset: { role: 'verification-form' } },
    h('h3', {}, t('consoleRecordVerification')),
    field(t('consoleVerifyWhat'), target),
    field(t('consoleMethod'), method),
    field(t('consoleResult'), result),
    field(t('consoleNote'), note),
    message,
    h('button', { type: 'submit', class: 'button' }, t('consoleRecord')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await ctx.api.post(`/services/${sid}/verifications`, {
        contact_route_id: target.value || null,
        method: method.value,
        result: result.value,
        note: note.value.trim() || null,
      });
      ctx.announce(t('consoleVerificationRecorded'));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = ctx.problemText(error, 'verify');
    }
  });

  const phones = listing.contact_routes.filter((r) => isCallableKind(r.kind));
  const calls = await Promise.all(
    phones.map((r) =>
      ctx.api.get<TestCallList>(`/contact-routes/${encodeURIComponent(r.id)}/test-calls`).then((a) => a.data),
    ),
  );
  const callSections = phones.map((route, i) => testCallForm(ctx, route, calls[i]!, labelOf(route), reload, canVerify));

  const routes = h(
    'ul',
    { class: 'work-list' },
    listing.contact_routes.map((r) =>
      h(
        'li',
        {},
        labelOf(r),
        ' ',
        badge(ctx, r.verification_status),
        ' ',
        h('span', { class: 'muted' }, t('consoleDue', { date: ctx.date(r.next_verification_due) })),
      ),
    ),
  );
  return h(
    'div',
    {},
    status,
    h('h3', {}, t('consoleContactRoutes')),
    routes,
    canVerify ? form : h('p', {}, t('consoleVerifyNotAllowed')),
    h('h3', {}, t('consoleTestCalls')),
    callSections.length ? callSections : h('p', { class: 'muted' }, t('consoleNoPhoneRoutes')),
  );
}

function testCallForm(
  ctx: ConsoleContext,
  route: ContactRoute,
  calls: TestCallList,
  label: Node[] | (Node | string)[],
  reload: () => void,
  canLog: boolean,
): HTMLElement {
  const { t } = ctx;
  const rate =
    calls.answer_rate === null
      ? t('consoleNoCallsYet')
      : t('consoleAnswerRate', {
          rate: ctx.number(Math.round(calls.answer_rate * 100)),
          answered: ctx.number(calls.answered),
          calls: ctx.number(calls.calls),
        });
  const answered = h('input', { type: 'checkbox', name: 'answered', id: `answered-${route.id}`, checked: true });
  const language = select(
    'language_offered',
    [['', t('consoleNone')], ...LANGUAGES.map((l): [string, string] => [l, ctx.tk(`lang_${l}`)])],
    'ar',
  );
  const female = select(
    'female_staff_offered',
    FEMALE_STAFF_OFFERED.map((f): [string, string] => [f, ctx.tk(`consoleFemaleOffered_${f}`)]),
    'not_asked',
  );
  const verify = h('input', { type: 'checkbox', name: 'verify', id: `verify-${route.id}`, checked: true });
  const note = h('input', { type: 'text', name: 'note' });
  const message = h('p', { class: 'form-message', role: 'alert' });
  const form = h(
    'form',
    { class: 'console-form test-call', dataset: { role: 'test-call', routeId: route.id } },
    h('h4', {}, ...label),
    h('p', { class: 'answer-rate', dataset: { role: 'answer-rate' } }, rate),
    h(
      'ul',
      { class: 'call-log' },
      calls.items
        .slice(0, 5)
        .map((c) =>
          h(
            'li',
            {},
            ctx.dateTime(c.called_at),
            ': ',
            c.answered ? t('consoleAnswered') : t('consoleNotAnswered'),
            c.language_offered ? ` · ${ctx.tk(`lang_${c.language_offered}`)}` : '',
          ),
        ),
    ),
    canLog
      ? [
          h('div', { class: 'checkbox' }, answered, h('label', { for: answered.id }, t('consoleAnswered'))),
          field(t('consoleLanguageOffered'), language),
          field(t('consoleFemaleOffered'), female),
          field(t('consoleNote'), note),
          h('div', { class: 'checkbox' }, verify, h('label', { for: verify.id }, t('consoleAlsoVerify'))),
          message,
          h('button', { type: 'submit', class: 'button' }, t('consoleLogCall')),
        ]
      : null,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await ctx.api.post(`/contact-routes/${encodeURIComponent(route.id)}/test-calls`, {
        answered: answered.checked,
        language_offered: answered.checked && language.value ? language.value : null,
        female_staff_offered: female.value,
        note: note.value.trim() || null,
        verify: verify.checked,
      });
      ctx.announce(t('consoleCallLogged'));
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      message.textContent = ctx.problemText(error, 'verify');
    }
  });
  return form;
}
