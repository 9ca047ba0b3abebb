/**
 * Referral pathways in the console: the list in the person's scope, and one pathway step by step,
 * with each step's practitioner-only details for those who refer people. Those who may edit it
 * (its area's coordinators, admins: `may_edit` from the API) also get the forms: its name and
 * introduction and each step's texts in the five languages, the steps' order, publishing, and
 * recording a verification. Every write sends the pathway's version (If-Match); a 412 says to reload.
 */
import type { z } from '@hono/zod-openapi';
import type { PathwayDetail, PathwayList } from '../../../api/admin/schemas/pathways.ts';
import { LANGUAGES, VERIFICATION_METHODS } from '../../../api/domain/vocabulary.ts';
import { dirOf } from '../i18n/languages.ts';
import { ApiError } from './api.ts';
import type { ConsoleContext, Localized } from './context.ts';
import { field, h, select } from './dom.ts';
import { badge } from './queue.ts';
import { addPathway, hasPathway, referralSize } from './referral.ts';
import { translationsPanel } from './translations.ts';
import { areaNames, loadTypes } from './values.ts';

type Detail = z.output<typeof PathwayDetail>;
type Step = Detail['steps'][number];

async function concernNames(ctx: ConsoleContext): Promise<Map<string, string>> {
  const { data } = await ctx.api.get<{ items: Array<{ id: string; name: { text: string } | null }> }>(
    `/api/v1/concerns?lang=${ctx.lang}`,
  );
  return new Map(data.items.map((c) => [c.id, c.name?.text ?? c.id]));
}

export async function pathwaysScreen(ctx: ConsoleContext): Promise<HTMLElement> {
  const { t } = ctx;
  const { data } = await ctx.api.get<z.output<typeof PathwayList>>('/pathways');
  const [areas, concerns] = await Promise.all([
    areaNames(
      ctx,
      data.items.map((p) => p.area_pcode),
    ),
    concernNames(ctx),
  ]);
  const rows = data.items.map((p) =>
    h(
      'tr',
      { dataset: { pathwayId: p.id } },
      h('td', {}, h('a', { href: `#/pw/${encodeURIComponent(p.id)}` }, ctx.text(p.names) || p.id)),
      h('td', {}, areas.get(p.area_pcode) ?? p.area_pcode),
      h('td', {}, concerns.get(p.concern_id) ?? p.concern_id),
      h('td', {}, h('span', { class: `badge badge--${p.status}` }, ctx.tk(`consoleStatus_${p.status}`))),
      h('td', {}, badge(ctx, p.verification_status)),
      h('td', {}, ctx.number(p.steps)),
    ),
  );
  return h(
    'section',
    { dataset: { role: 'pathways' } },
    h('h1', { tabindex: -1 }, t('consolePathwaysHeading')),
    rows.length
      ? h(
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
                t('consoleField_area_pcode'),
                t('consolePathwayConcern'),
                t('consoleStatus'),
                t('consoleVerification'),
                t('consoleField_steps'),
              ].map((label) => h('th', { scope: 'col' }, label)),
            ),
          ),
          h('tbody', {}, rows),
        )
      : h('p', { class: 'muted' }, t('consoleNothingHere')),
  );
}

const STEP_TEXTS = ['title', 'what_happens', 'what_to_bring', 'what_next'] as const;

/** A text per language, one textarea each, named "<field>.<lang>". */
function languageFields(ctx: ConsoleContext, name: string, value: Localized) {
  return h(
    'fieldset',
    { class: 'language-fields', dataset: { field: name } },
    h('legend', {}, ctx.fieldLabel(name)),
    LANGUAGES.map((code) =>
      field(
        ctx.t('consoleInLanguage', { field: ctx.fieldLabel(name), language: ctx.tk(`lang_${code}`) }),
        h('textarea', {
          name: `${name}.${code}`,
          rows: 2,
          lang: code,
          dir: dirOf(code),
          value: value?.[code] ?? '',
        }),
      ),
    ),
  );
}

/** The texts of `names` as typed in a form, a language left empty removed. */
function typedTexts(form: HTMLFormElement, names: readonly string[]): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const name of names) {
    const texts: Record<string, string> = {};
    for (const code of LANGUAGES) {
      const value = form.querySelector<HTMLTextAreaElement>(`[name="${name}.${code}"]`)?.value.trim();
      if (value) texts[code] = value;
    }
    out[name] = texts;
  }
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

export async function pathwayScreen(
  ctx: ConsoleContext,
  id: string,
  tab: 'steps' | 'translations',
  reload: () => void,
): Promise<HTMLElement> {
  const { t } = ctx;
  const { data: pathway } = await ctx.api.get<Detail>(`/pathways/${encodeURIComponent(id)}`);
  const [types, areas, concerns] = await Promise.all([
    loadTypes(ctx).catch(() => new Map<string, string>()),
    areaNames(ctx, [pathway.area_pcode]),
    concernNames(ctx),
  ]);
  const base = `#/pw/${encodeURIComponent(id)}`;
  let version = pathway.version;

  /** Runs a write; a refusal is said in words next to the control, success reloads the screen. */
  const write = async (message: HTMLElement, run: () => Promise<unknown>, done: string) => {
    message.textContent = '';
    try {
      await run();
      ctx.announce(done);
      reload();
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      // A 409 on publishing: another pathway for the same area and concern is published.
      message.textContent =
        error.status === 412
          ? t('consoleConflictReload')
          : error.status === 409 && pathway.status !== 'published'
            ? t('consolePathwayPublishedElsewhere')
            : ctx.problemText(error, 'edit');
    }
  };

  const texts = (step: Step) =>
    h(
      'dl',
      { class: 'facts' },
      [
        [t('whatHappensHeading'), step.what_happens],
        [t('whatToBringHeading'), step.what_to_bring],
        [t('whatNextHeading'), step.what_next],
      ].flatMap(([label, value]) =>
        ctx.text(value as Localized) ? [h('dt', {}, label as string), h('dd', {}, ctx.text(value as Localized))] : [],
      ),
      step.choices.length
        ? [
            h('dt', {}, t('yourChoicesHeading')),
            h('dd', {}, ctx.list(step.choices.map((c) => ctx.tk(`choice_${c.code}`)))),
          ]
        : [],
      h('dt', {}, t('stepServicesHeading')),
      h(
        'dd',
        {},
        step.services.length
          ? ctx.list(
              step.services.map((s) =>
                s.service_type_id
                  ? (types.get(s.service_type_id) ?? s.service_type_id)
                  : `${t('consoleEntity_service')} ${s.service_id}`,
              ),
            )
          : h('span', { class: 'muted' }, t('consoleNotGiven')),
      ),
    );

  const referral = (step: Step) =>
    step.referral
      ? h(
          'section',
          { class: 'referral-details', dataset: { role: 'step-referral' } },
          h('h3', {}, t('consoleReferralHeading')),
          h('p', { class: 'field__hint' }, t('consoleReferralIntro')),
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, t('consoleField_focal_point')),
            h(
              'dd',
              { dataset: { role: 'focal-point' } },
              ctx.text(step.referral.focal_point) || h('span', { class: 'muted' }, t('consoleNotGiven')),
            ),
            h('dt', {}, t('consoleField_intake_route')),
            h(
              'dd',
              { dataset: { role: 'intake-route' } },
              ctx.text(step.referral.intake_route) || h('span', { class: 'muted' }, t('consoleNotGiven')),
            ),
          ),
        )
      : null;

  const order = pathway.steps.map((s) => s.id);
  const move = (index: number, by: -1 | 1, message: HTMLElement) => {
    const next = [...order];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    void write(
      message,
      () => ctx.api.put(`/pathways/${encodeURIComponent(id)}/step-order`, { step_ids: next }, version),
      t('consoleStepsReordered'),
    );
  };

  const stepEditor = (step: Step) => {
    const message = h('p', { class: 'form-message', role: 'alert' });
    const form = h(
      'form',
      { class: 'step-form', dataset: { role: 'step-form' } },
      STEP_TEXTS.map((name) => languageFields(ctx, name, step[name])),
      step.referral
        ? ['focal_point', 'intake_route'].map((name) =>
            languageFields(ctx, name, step.referral![name as 'focal_point' | 'intake_route']),
          )
        : null,
      message,
      h('button', { type: 'submit', class: 'button' }, t('consoleSave')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = typedTexts(form, STEP_TEXTS);
      const changes = Object.fromEntries(Object.entries(typed).filter(([name, v]) => !same(v, step[name as 'title'])));
      const details = step.referral ? typedTexts(form, ['focal_point', 'intake_route']) : {};
      const detailChanges = Object.fromEntries(
        Object.entries(details).filter(([name, v]) => !same(v, step.referral![name as 'focal_point'])),
      );
      if (!Object.keys(changes).length && !Object.keys(detailChanges).length) {
        message.textContent = t('consoleNoChanges');
        return;
      }
      void write(
        message,
        async () => {
          if (Object.keys(changes).length)
            version = (await ctx.api.patch(`/pathway-steps/${encodeURIComponent(step.id)}`, changes, version)).version!;
          if (Object.keys(detailChanges).length)
            await ctx.api.patch(`/pathway-steps/${encodeURIComponent(step.id)}/referral`, detailChanges, version);
        },
        t('consoleSaved'),
      );
    });
    return h('details', { class: 'step-edit' }, h('summary', {}, t('consoleEditStep')), form);
  };

  const steps = h(
    'ol',
    { class: 'pathway-steps', dataset: { role: 'steps' } },
    pathway.steps.map((step, i) => {
      const message = h('p', { class: 'form-message', role: 'alert' });
      return h(
        'li',
        { class: 'pathway-step', dataset: { stepId: step.id, stepKind: step.kind } },
        h(
          'h2',
          {},
          t('pathwayStepHeading', {
            n: ctx.number(i + 1),
            title: ctx.text(step.title) || ctx.tk(`stepKind_${step.kind}`),
          }),
        ),
        h('p', { class: 'muted' }, ctx.tk(`stepKind_${step.kind}`)),
        texts(step),
        referral(step),
        pathway.may_edit
          ? h(
              'p',
              { class: 'step-actions' },
              i > 0
                ? h(
                    'button',
                    { type: 'button', class: 'button button--secondary', onclick: () => move(i, -1, message) },
                    t('consoleMoveUp'),
                  )
                : null,
              ' ',
              i < pathway.steps.length - 1
                ? h(
                    'button',
                    { type: 'button', class: 'button button--secondary', onclick: () => move(i, 1, message) },
                    t('consoleMoveDown'),
                  )
                : null,
              message,
            )
          : null,
        pathway.may_edit ? stepEditor(step) : null,
      );
    }),
  );

  const namesForm = () => {
    const message = h('p', { class: 'form-message', role: 'alert' });
    const form = h(
      'form',
      { dataset: { role: 'pathway-texts' } },
      languageFields(ctx, 'names', pathway.names),
      languageFields(ctx, 'intro', pathway.intro),
      message,
      h('button', { type: 'submit', class: 'button' }, t('consoleSave')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = typedTexts(form, ['names', 'intro']);
      const changes = Object.fromEntries(
        Object.entries(typed).filter(([name, v]) => !same(v, pathway[name as 'names'])),
      );
      if (!Object.keys(changes).length) {
        message.textContent = t('consoleNoChanges');
        return;
      }
      void write(
        message,
        () => ctx.api.patch(`/pathways/${encodeURIComponent(id)}`, changes, version),
        t('consoleSaved'),
      );
    });
    return h('details', { class: 'step-edit' }, h('summary', {}, t('consolePathwayTexts')), form);
  };

  const statusActions = () => {
    const message = h('p', { class: 'form-message', role: 'alert' });
    const published = pathway.status === 'published';
    return h(
      'p',
      { class: 'listing-actions' },
      h(
        'button',
        {
          type: 'button',
          class: published ? 'button button--secondary' : 'button',
          dataset: { role: published ? 'unpublish' : 'publish' },
          onclick: () =>
            void write(
              message,
              () =>
                ctx.api.post(`/pathways/${encodeURIComponent(id)}/${published ? 'unpublish' : 'publish'}`, {}, version),
              published ? t('consoleUnpublished') : t('consolePublished'),
            ),
        },
        published ? t('consoleUnpublish') : t('consolePublish'),
      ),
      message,
    );
  };

  const verifyForm = () => {
    const message = h('p', { class: 'form-message', role: 'alert' });
    const method = select(
      'method',
      VERIFICATION_METHODS.map((m): [string, string] => [m, ctx.tk(`consoleMethod_${m}`)]),
      'call',
    );
    const note = h('textarea', { name: 'note', rows: 2 });
    const form = h(
      'form',
      { dataset: { role: 'verify' } },
      h('h2', {}, t('consoleRecordVerification')),
      field(t('consoleMethod'), method),
      field(t('consoleNote'), note),
      message,
      h('button', { type: 'submit', class: 'button' }, t('consoleRecord')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void write(
        message,
        () =>
          ctx.api.post(`/pathways/${encodeURIComponent(id)}/verifications`, {
            method: method.value,
            note: note.value.trim() || null,
          }),
        t('consoleVerificationRecorded'),
      );
    });
    return form;
  };

  const tabs = pathway.may_edit
    ? h(
        'nav',
        { class: 'listing-tabs', 'aria-label': t('consoleListingSections') },
        h(
          'ul',
          {},
          h(
            'li',
            {},
            h('a', { href: base, 'aria-current': tab === 'steps' ? 'page' : undefined }, t('consoleField_steps')),
          ),
          h(
            'li',
            {},
            h(
              'a',
              { href: `${base}/translations`, 'aria-current': tab === 'translations' ? 'page' : undefined },
              t('consoleTab_translations'),
            ),
          ),
        ),
      )
    : null;

  const body =
    pathway.may_edit && tab === 'translations'
      ? await translationsPanel(ctx, `/pathways/${encodeURIComponent(id)}/translations`, 'pathway')
      : h(
          'div',
          {},
          ctx.text(pathway.intro) ? h('p', { class: 'pathway-intro' }, ctx.text(pathway.intro)) : null,
          pathway.may_edit ? [statusActions(), namesForm()] : null,
          steps,
          pathway.may_edit ? verifyForm() : null,
        );

  return h(
    'article',
    { class: 'listing', dataset: { pathwayId: pathway.id, version: String(pathway.version) } },
    h('h1', { tabindex: -1 }, ctx.text(pathway.names) || pathway.id),
    h(
      'p',
      { class: 'listing-meta' },
      h(
        'span',
        { class: `badge badge--${pathway.status}`, dataset: { role: 'pathway-status' } },
        ctx.tk(`consoleStatus_${pathway.status}`),
      ),
      ' ',
      badge(ctx, pathway.verification_status),
      ' ',
      pathway.is_sample ? [h('span', { class: 'badge' }, t('pathwaySampleBadge')), ' '] : null,
      t('consoleVersion', { n: ctx.number(pathway.version) }),
    ),
    h(
      'p',
      {},
      areas.get(pathway.area_pcode) ?? pathway.area_pcode,
      ' · ',
      concerns.get(pathway.concern_id) ?? pathway.concern_id,
      ' · ',
      t('consoleLastVerified'),
      ': ',
      ctx.date(pathway.last_verified_at),
      ' · ',
      t('consoleNextDue'),
      ': ',
      ctx.date(pathway.next_verification_due),
    ),
    // A published pathway goes into the referral whole, from what this screen already read.
    pathway.status === 'published'
      ? h(
          'p',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'button button--secondary',
              dataset: { role: 'referral-add-pathway' },
              disabled: hasPathway(pathway.id),
              onclick: (event: Event) => {
                addPathway(pathway, areas.get(pathway.area_pcode) ?? pathway.area_pcode, types);
                const button = event.currentTarget as HTMLButtonElement;
                button.disabled = true;
                button.textContent = t('consoleReferralPathwayAdded');
                document.querySelector('[data-role="referral-count"]')?.replaceChildren(ctx.number(referralSize()));
                ctx.announce(t('consoleReferralAdded', { n: ctx.number(referralSize()) }));
              },
            },
            hasPathway(pathway.id) ? t('consoleReferralPathwayAdded') : t('consoleReferralAddPathway'),
          ),
        )
      : null,
    tabs,
    body,
  );
}
