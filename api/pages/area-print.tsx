/**
 * /a/{pcode}/print: an area's referral pathway as one sheet for an office wall, in place of the
 * printed lists that go stale. Hotlines and official channels first, then the area's pathways step
 * by step, then every other service by type, each with its week of hours, every public contact
 * route written out and whether our team checked it. A QR code (drawn here, no other origin) leads
 * to the live page. On paper: no quick exit, no filters, no map, no navigation
 * (web/src/print/area-print.css). The number of queries is the same however many services.
 */
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { FC } from 'hono/jsx';
import { renderSVG } from 'uqr';
import { formatDate, formatNumber, weekdayName } from '../../web/src/i18n/format.ts';
import type { MessageKey } from '../../web/src/i18n/index.ts';
import { localise } from '../domain/language.ts';
import { AREA_LEVELS, isPcode } from '../domain/vocabulary.ts';
import type { AppEnv } from '../env.ts';
import { areaScope } from '../queries/area-paths.ts';
import { ancestorsOf, getArea } from '../queries/areas.ts';
import { allConcerns, pathwaysFor, stepsOfPathways } from '../queries/pathways.ts';
import { listServices } from '../queries/service-listing.ts';
import { serviceTypesAt, withSubtypes, type ServiceTypeRow } from '../queries/service-types.ts';
import { pathwaySummary } from '../views/pathway-view.ts';
import { serviceDetail } from '../views/service-view.ts';
import { topLevelOf } from './area.tsx';
import { Layout } from './layout.tsx';
import { AreaName, Localised, nameOf } from './localised.tsx';
import { notFoundPage } from './not-found.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { ContactAction, FreshnessBadge, SampleBadge, WalkInPlace } from './service-parts.tsx';
import { dateText, timeZoneOf } from './service-texts.ts';
import { dayText } from './weekly-hours.tsx';

/**
 * At most this many services on one sheet (a district of the sample has a few dozen); beyond it
 * the sheet says that more are online rather than pretending to be complete.
 */
const PRINT_LIMIT = 300;

type PrintedService = ReturnType<typeof serviceDetail>;
type Week = NonNullable<PrintedService['contact_routes'][number]['week']>;

export async function areaPrintPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const pcode = c.req.param('pcode') ?? '';
  const db = c.get('db');
  const area = isPcode(pcode) ? await getArea(db, pcode) : undefined;
  if (!area) return notFoundPage(c);
  const [ancestors, types, pathways, concerns] = await Promise.all([
    ancestorsOf(db, area),
    serviceTypesAt(db, c.get('directory')),
    pathwaysFor(db, area.path),
    allConcerns(db),
  ]);
  // A whole country is too much for a sheet, as on its page: only its hotlines and official channels.
  const countryLevel = area.level === AREA_LEVELS.country;
  const priorityTypes = types.filter((t) => t.isPriorityChannel).map((t) => t.id);
  const [listing, pathwaySteps] = await Promise.all([
    listServices(db, {
      filters: { area: areaScope(area.path), typeIds: countryLevel ? priorityTypes : undefined },
      openOnly: false,
      sort: 'relevance',
      limit: PRINT_LIMIT,
      now: page.now,
    }),
    stepsOfPathways(
      db,
      pathways.map((p) => p.id),
    ),
  ]);
  const printed = listing.items.map((parts) => serviceDetail(parts, [], types, page.lang, page.now));
  const priority = printed.filter((s) => s.is_priority_channel);
  const groups = byType(
    printed.filter((s) => !s.is_priority_channel),
    types,
  );

  const order = new Map(concerns.map((concern, i) => [concern.id, i]));
  pathways.sort((a, b) => (order.get(a.concernId) ?? 0) - (order.get(b.concernId) ?? 0));
  const sheetPathways = pathways.map((p) => ({
    summary: pathwaySummary(p, { concerns, areaNames: new Map(), requestedPcode: area.pcode }, page.lang, page.now),
    steps: pathwaySteps.steps
      .filter((s) => s.pathwayId === p.id)
      .map((step) => ({ step, services: stepServices(step.id, pathwaySteps.targets, printed, types) })),
  }));

  const timeZone = timeZoneOf(area.country);
  const asOf = latestChange(printed, pathways);
  const liveUrl = `${page.url.origin}${page.href(`/a/${area.pcode}`)}`;
  const areaName = nameOf(area, page);
  const parentNames = ancestors
    .filter((a) => a.level > AREA_LEVELS.country)
    .map((a) => nameOf(a, page))
    .reverse();
  return c.html(
    <Layout page={page} kind="area-print" title={areaName}>
      <article class="print-sheet" aria-labelledby="print-heading" data-area={area.pcode}>
        <div class="print-sheet__controls" data-role="print-controls">
          <button type="button" class="button" data-role="print" hidden>
            {page.t('printButton')}
          </button>
          <a class="button button--secondary" href={page.href(`/a/${area.pcode}`)}>
            {page.t('printBackToArea')}
          </a>
        </div>
        <header class="print-sheet__head">
          <div class="print-sheet__title">
            <h1 id="print-heading">
              <AreaName area={area} page={page} />
            </h1>
            {parentNames.length > 0 && (
              <p class="print-sheet__parents">{parentNames.join(page.t('printPlaceSeparator'))}</p>
            )}
            <p class="print-sheet__intro">{page.t('printIntro')}</p>
            {asOf && (
              <p class="print-sheet__as-of" data-role="data-as-of" data-date={asOf}>
                {page.t('printDataAsOf', { date: formatDate(asOf, page.lang, timeZone) })}
              </p>
            )}
            <p class="print-sheet__printed">
              {page.t('printPrintedOn', { date: formatDate(page.now, page.lang, timeZone) })}
            </p>
          </div>
          <LiveCode page={page} url={liveUrl} />
        </header>

        <section class="print-section" aria-labelledby="print-priority" data-role="print-priority">
          <h2 id="print-priority">{page.t('priorityHeading')}</h2>
          {priority.length === 0 ? (
            <p>{page.t('printNoPriority')}</p>
          ) : (
            <ul class="print-services">
              {priority.map((s) => (
                <PrintService service={s} page={page} />
              ))}
            </ul>
          )}
        </section>

        {sheetPathways.length > 0 && (
          <section class="print-section" aria-labelledby="print-pathways" data-role="print-pathways">
            <h2 id="print-pathways">{page.t('printPathwaysHeading')}</h2>
            {sheetPathways.map(({ summary, steps }) => (
              <section class="print-pathway" data-pathway={summary.id}>
                <h3>
                  <Localised value={summary.name} ui={page.lang} />
                </h3>
                <p class="print-verification">
                  <FreshnessBadge freshness={summary.verification.freshness} page={page} />
                  {summary.is_sample && (
                    <>
                      {' '}
                      <span class="badge badge--sample">{page.t('pathwaySampleBadge')}</span>
                    </>
                  )}
                </p>
                <ol class="print-steps">
                  {steps.map(({ step, services }) => (
                    <PrintStep page={page} step={step} services={services} />
                  ))}
                </ol>
              </section>
            ))}
          </section>
        )}

        {groups.length > 0 && (
          <section class="print-section" aria-labelledby="print-types" data-role="print-types">
            <h2 id="print-types">{page.t('byTypeHeading')}</h2>
            {groups.map((group) => (
              <section class="print-group" data-type={group.type.id}>
                <h3>
                  <Localised value={localise(group.type.names, page.lang)} ui={page.lang} fallback={group.type.id} />
                </h3>
                <ul class="print-services">
                  {group.services.map((s) => (
                    <PrintService service={s} page={page} />
                  ))}
                </ul>
              </section>
            ))}
          </section>
        )}
        {printed.length === 0 && <p>{page.t('noServices')}</p>}
        {listing.total > printed.length && (
          <p class="print-sheet__more" data-role="more-online">
            {page.t('printMoreOnline', {
              n: formatNumber(listing.total - printed.length, page.lang),
            })}
          </p>
        )}
      </article>
    </Layout>,
  );
}

/** The QR code of the live page, drawn here as inline SVG (no request to anyone), with the address written out. */
const LiveCode: FC<{ page: PageContext; url: string }> = ({ page, url }) => {
  const [before, after] = page.t('printedPageAddress', { url: '\u0000' }).split('\u0000');
  return (
    <figure class="print-sheet__code" data-role="live-code">
      <a href={url} aria-label={page.t('printCodeLabel')}>
        {raw(renderSVG(url, { border: 1, ecc: 'M' }).replace('<svg ', '<svg role="img" aria-hidden="true" '))}
      </a>
      <figcaption>
        {page.t('printCodeCaption')}{' '}
        <span class="print-sheet__address">
          {before}
          <bdi dir="ltr">{url}</bdi>
          {after}
        </span>
      </figcaption>
    </figure>
  );
};

type SheetStep = Awaited<ReturnType<typeof stepsOfPathways>>['steps'][number];

const PrintStep: FC<{ page: PageContext; step: SheetStep; services: PrintedService[] }> = ({
  page,
  step,
  services,
}) => {
  const { t, lang } = page;
  const title = localise(step.title, lang);
  const kind = t(`stepKind_${step.kind}` as MessageKey);
  const [before, after] = t('pathwayStepHeading', { n: formatNumber(step.position, lang), title: '\u0000' }).split(
    '\u0000',
  );
  const whatHappens = localise(step.whatHappens, lang);
  const whatToBring = localise(step.whatToBring, lang);
  return (
    <li class="print-step" data-step-kind={step.kind}>
      <p class="print-step__title">
        <strong>
          {before}
          {title ? <Localised value={title} ui={lang} /> : kind}
          {after}
        </strong>
        {title && <span class="print-step__kind"> ({kind})</span>}
      </p>
      {whatHappens && (
        <p>
          <Localised value={whatHappens} ui={lang} />
        </p>
      )}
      {whatToBring && (
        <p>
          {t('printWhatToBring')} <Localised value={whatToBring} ui={lang} />
        </p>
      )}
      <p class="print-step__services">
        {services.length === 0 ? (
          t('stepNoServices')
        ) : (
          <>
            {t('printStepServices')}{' '}
            {services.map((s, i) => (
              <>
                {i > 0 && t('printListSeparator')}
                <Localised value={s.name} ui={lang} marker={false} />
              </>
            ))}
          </>
        )}
      </p>
    </li>
  );
};

/**
 * One service on paper: its name, who runs it, whether and when our team checked it, and every
 * public way to reach it, each with its week of hours (said once when all share the same week).
 */
const PrintService: FC<{ service: PrintedService; page: PageContext }> = ({ service, page }) => {
  const { t } = page;
  const timeZone = timeZoneOf(service.country);
  const routeWeeks = service.contact_routes.map((r) => weekText(r.week, page, service.country));
  const placeWeeks = service.locations.filter((l) => l.week).map((l) => weekText(l.week, page, service.country));
  const all = [...routeWeeks, ...placeWeeks];
  const shared = all.length > 0 && all.every((w) => w === all[0]) ? all[0]! : null;
  return (
    <li class="print-service" data-service={service.id}>
      <p class="print-service__name">
        <strong>
          <Localised value={service.name} ui={page.lang} />
        </strong>
        {service.organisation.name && <> · {t('runBy', { org: service.organisation.name.text })}</>}
      </p>
      <p class="print-verification" data-role="verification" data-freshness={service.verification.freshness}>
        <FreshnessBadge freshness={service.verification.freshness} page={page} />
        {service.verification.last_verified_at && (
          <> {t('lastChecked', { date: dateText(service.verification.last_verified_at, page, timeZone) })}</>
        )}
        {service.is_sample && (
          <>
            {' '}
            <SampleBadge page={page} />
          </>
        )}
      </p>
      <ul class="print-routes">
        {service.contact_routes.map((route, i) => (
          <li data-contact-route={route.id}>
            <ContactAction route={route} page={page} compact />
            {route.kind === 'walk_in' && <WalkInPlace page={page} service={service} locationId={route.value} />}
            {!shared && <span class="print-hours"> {routeWeeks[i]}</span>}
          </li>
        ))}
      </ul>
      {shared && (
        <p class="print-hours">
          {t('weeklyHeading')}: {shared}
        </p>
      )}
    </li>
  );
};

/**
 * A week of hours on one line, days with the same hours together: "Sunday to Thursday: 08:00–14:00 ·
 * Friday to Saturday: Closed". The days are the coming seven, as on the service page (so a dated
 * closure shows), read from the first day of the working week: Sunday in Iraq, Monday in Guatemala.
 */
function weekText(week: Week | null, page: PageContext, country: string): string {
  if (!week) return page.t('hoursUnknown');
  const first = country === 'GT' ? 1 : 0;
  const days = [...week].sort((a, b) => ((a.weekday - first + 7) % 7) - ((b.weekday - first + 7) % 7));
  const runs: Array<{ first: number; last: number; text: string }> = [];
  for (const day of days) {
    const text = dayText(day, page);
    const run = runs.at(-1);
    if (run && run.text === text) run.last = day.weekday;
    else runs.push({ first: day.weekday, last: day.weekday, text });
  }
  if (runs.length === 1) return `${page.t('printEveryDay')}: ${runs[0]!.text}`;
  return runs
    .map(({ first, last, text }) => {
      const days =
        first === last
          ? weekdayName(first, page.lang)
          : page.t('printDayRange', { from: weekdayName(first, page.lang), to: weekdayName(last, page.lang) });
      return `${days}: ${text}`;
    })
    .join(' · ');
}

/** Services by their top-level type, in the taxonomy's order, as on the area page. */
function byType(services: PrintedService[], types: ServiceTypeRow[]) {
  const groups = new Map<string, { type: ServiceTypeRow; services: PrintedService[] }>();
  for (const s of services) {
    const top = topLevelOf(s.service_types[0]?.id ?? '', types);
    if (!top) continue;
    const group = groups.get(top.id) ?? { type: top, services: [] };
    group.services.push(s);
    groups.set(top.id, group);
  }
  return [...groups.values()].sort((a, b) => a.type.sortOrder - b.type.sortOrder);
}

/**
 * The services on this sheet that serve a step: those named on it and those of its types (sub-types
 * included). The sheet lists every published service relevant in the area, so this is the same set
 * the pathway page resolves, read from what is already loaded.
 */
function stepServices(
  stepId: string,
  targets: Awaited<ReturnType<typeof stepsOfPathways>>['targets'],
  printed: PrintedService[],
  types: ServiceTypeRow[],
): PrintedService[] {
  const own = targets.filter((target) => target.stepId === stepId);
  const named = new Set(own.flatMap((target) => (target.serviceId ? [target.serviceId] : [])));
  const typeIds = new Set(
    withSubtypes(
      types,
      own.flatMap((target) => (target.serviceTypeId ? [target.serviceTypeId] : [])),
    ),
  );
  return printed.filter((s) => named.has(s.id) || s.service_types.some((type) => typeIds.has(type.id)));
}

/**
 * The latest moment anything on the sheet was checked or changed: a service, one of its contact
 * routes, or a pathway. What "data as of" means on paper.
 */
function latestChange(
  printed: PrintedService[],
  pathways: Array<{ updatedAt: string | null; lastVerifiedAt: string | null }>,
): string | null {
  const moments = [
    ...printed.flatMap((s) => [
      s.updated_at,
      s.verification.last_verified_at,
      ...s.contact_routes.map((r) => r.verification.last_verified_at),
    ]),
    ...pathways.flatMap((p) => [p.updatedAt, p.lastVerifiedAt]),
  ].filter((m): m is string => typeof m === 'string' && !Number.isNaN(Date.parse(m)));
  if (!moments.length) return null;
  return moments.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}
