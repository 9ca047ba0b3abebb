/**
 * /p/{id}?a={P-code}: a referral pathway step by step, in plain words, readable without JavaScript
 * and printable: each step's kind, what happens, what to bring, the person's choices, what comes
 * next and the services that serve it in the area, with their current state and direct actions.
 * The title stays neutral (S5): a pathway's name says what it is for.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { formatNumber } from '../../web/src/i18n/format.ts';
import type { MessageKey } from '../../web/src/i18n/index.ts';
import { localise } from '../domain/language.ts';
import { isPcode } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { loadPathway } from '../queries/pathways.ts';
import { pathwaySummary, stepView } from '../views/pathway-view.ts';
import { Layout } from './layout.tsx';
import { Localised } from './localised.tsx';
import { notFoundPage } from './not-found.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { ServiceCard } from './service-card.tsx';
import { FreshnessBadge, SafeCardLink } from './service-parts.tsx';
import { timeZoneOf } from './service-texts.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type StepView = ReturnType<typeof stepView>;

export async function pathwayPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const id = c.req.param('id') ?? '';
  const areaParam = c.req.query('a');
  if (!UUID.test(id) || (areaParam !== undefined && !isPcode(areaParam))) return notFoundPage(c);
  const loaded = await loadPathway(c.get('db'), id, areaParam, page.now);
  if (!loaded.ok) return notFoundPage(c);
  const { pathway, area, concerns, types, steps, areaNames } = loaded;
  const summary = pathwaySummary(pathway, { concerns, areaNames, requestedPcode: area.pcode }, page.lang, page.now);
  const areaName = localise(areaNames.get(area.pcode), page.lang)?.text ?? area.pcode;
  const timeZone = timeZoneOf(area.country);
  const views = steps.map((s) => stepView(s, types, page.lang, page.now));
  const address = `${page.url.origin}${page.href(`/p/${pathway.id}`, { a: area.pcode })}`;
  const [before, after] = page.t('printedPageAddress', { url: '\u0000' }).split('\u0000');
  return c.html(
    <Layout page={page} kind="pathway" title={areaName} dataAsOf={{ timeZone }}>
      <article class="pathway" aria-labelledby="pathway-name">
        <p class="back-link">
          <a href={page.href(`/a/${area.pcode}`)}>{page.t('backToList')}</a>
        </p>
        <h1 id="pathway-name">
          <Localised value={summary.name} ui={page.lang} />
        </h1>
        {summary.is_sample && (
          <p>
            <span class="badge badge--sample">{page.t('pathwaySampleBadge')}</span>
          </p>
        )}
        {summary.intro && (
          <p class="pathway__intro">
            <Localised value={summary.intro} ui={page.lang} />
          </p>
        )}
        <p class="pathway__area">{page.t('pathwayAreaNote', { area: areaName })}</p>
        <SafeCardLink page={page} path={`/p/${pathway.id}/card`} area={area.pcode} />
        <ol class="pathway__steps">
          {views.map((step) => (
            <Step page={page} step={step} areaPcode={area.pcode} />
          ))}
        </ol>
        <p class="pathway__checked">
          <FreshnessBadge freshness={summary.verification.freshness} page={page} />
        </p>
        {/* On paper only (web/src/pathway/pathway.css): where to find this page again, up to date. */}
        <p class="print-only pathway__address" data-role="page-address">
          {before}
          <bdi dir="ltr">{address}</bdi>
          {after}
        </p>
      </article>
    </Layout>,
  );
}

const Step: FC<{ page: PageContext; step: StepView; areaPcode: string }> = ({ page, step, areaPcode }) => {
  const { t, lang } = page;
  const kind = t(`stepKind_${step.kind}` as MessageKey);
  const headingId = `step-${step.position}`;
  // "Step {n}: {title}" with the title as a directory text (it may be in a fallback language).
  const [before, after] = t('pathwayStepHeading', { n: formatNumber(step.position, lang), title: '\u0000' }).split(
    '\u0000',
  );
  return (
    <li class="pathway-step" data-step-kind={step.kind}>
      <section aria-labelledby={headingId}>
        <h2 id={headingId}>
          {before}
          {step.title ? <Localised value={step.title} ui={lang} /> : kind}
          {after}
        </h2>
        {step.title && <p class="pathway-step__kind">{kind}</p>}
        {step.what_happens && (
          <>
            <h3>{t('whatHappensHeading')}</h3>
            <p>
              <Localised value={step.what_happens} ui={lang} />
            </p>
          </>
        )}
        {step.what_to_bring && (
          <>
            <h3>{t('whatToBringHeading')}</h3>
            <p>
              <Localised value={step.what_to_bring} ui={lang} />
            </p>
          </>
        )}
        {step.choices.length > 0 && (
          <>
            <h3>{t('yourChoicesHeading')}</h3>
            <ul class="pathway-step__choices">
              {step.choices.map((choice) => (
                <li data-choice={choice.code}>
                  {t(`choice_${choice.code}` as MessageKey)}
                  {choice.note && (
                    <>
                      {': '}
                      <Localised value={choice.note} ui={lang} />
                    </>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
        {step.what_next && (
          <>
            <h3>{t('whatNextHeading')}</h3>
            <p>
              <Localised value={step.what_next} ui={lang} />
            </p>
          </>
        )}
        <h3>{t('stepServicesHeading')}</h3>
        {step.services.length === 0 ? (
          <p>{t('stepNoServices')}</p>
        ) : (
          <ul class="service-list">
            {step.services.map((service) => (
              <ServiceCard
                service={service}
                page={page}
                areaPcode={areaPcode}
                timeZone={timeZoneOf(service.country)}
                headingLevel={4}
              />
            ))}
          </ul>
        )}
      </section>
    </li>
  );
};
