/**
 * /a/{pcode}: an area's services, readable without JavaScript (S10). Hotlines and official
 * channels first, right under the area's name (S12); then the child areas as links (governorate →
 * district → subdistrict), filters as a plain GET form, and the other services grouped by type. The
 * map and near-me are added by the script on top of this page.
 */
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { Database } from '../../db/client.ts';
import { sharingTrips } from '../../db/shared-trip.ts';
import { AREA_LEVELS, isPcode, isPhoneKind, OFFERED_LANGUAGES, type Country } from '../domain/vocabulary.ts';
import { formatNumber } from '../../web/src/i18n/format.ts';
import type { AppEnv } from '../env.ts';
import { localise } from '../domain/language.ts';
import { ProblemError } from '../errors.ts';
import type { AreaRow } from '../queries/areas.ts';
import { areaPageData } from '../queries/area-page.ts';
import { listingRequest } from '../queries/listing-request.ts';
import { listServices, type ListingPage } from '../queries/service-listing.ts';
import type { ServiceTypeRow } from '../queries/service-types.ts';
import type { ServiceListQuery } from '../schemas/services.ts';
import { serviceSummary } from '../views/service-view.ts';
import { filterParams, hasFilters, mapServicesUrl, readAreaQuery, type AreaFilters } from './area-filters.ts';
import { NothingMatched, emergencyChannels } from './emergency-block.tsx';
import { Layout, type OfflinePackOffer } from './layout.tsx';
import { ListNotice } from './list-notice.tsx';
import { AreaLink, AreaName, inChoiceOrder, Localised, nameOf } from './localised.tsx';
import { notFoundPage } from './not-found.tsx';
import { AreaNowBlock, type ListedService } from './now-block.tsx';
import { pageContext, type PageContext } from './page-context.ts';
import { WhatCanIDo } from './pathway-links.tsx';
import { ServiceCard } from './service-card.tsx';
import { ContactAction } from './service-parts.tsx';
import { languageList, timeZoneOf, type ServiceSummaryView } from './service-texts.ts';

/**
 * Cards per page; the rest are one "more" link away (keyset paging, `more=`). 25 keeps the page
 * small on a slow connection and the Worker's CPU low (the cards are most of both), and the hotlines,
 * listed first, are on the first page.
 */
const PAGE_SIZE = 25;

export async function areaPage(c: Context<AppEnv>) {
  const page = pageContext(c);
  const pcode = c.req.param('pcode') ?? '';
  // One round trip for the area, its breadcrumbs and children, the taxonomy and its pathways; the
  // listing is the next (queries/area-page.ts).
  const data = isPcode(pcode) ? await areaPageData(c.get('db'), c.get('directory'), pcode) : null;
  if (!data) return notFoundPage(c);
  const { area, ancestors, children, types } = data;
  // A whole country is too much to list: there, only its hotlines and official channels (S12).
  const countryLevel = area.level === AREA_LEVELS.country;
  const priorityTypes = countryLevel ? types.filter((t) => t.isPriorityChannel).map((t) => t.id) : undefined;
  const { filters, query, params } = readAreaQuery(c.req.query(), types, {
    area: pcode,
    limit: PAGE_SIZE,
    typeIds: priorityTypes,
  });
  // Unknown is not no: with filters, the hotlines and official channels they leave out stay shown.
  // The listing's walk and the channels' walk go to D1 in one round trip (db/shared-trip.ts).
  const together = sharingTrips(c.get('db'));
  const [listing, emergency] = await Promise.all([
    listOrRestart(together, page, query, types, area),
    hasFilters(filters) ? emergencyChannels(together, page, query, types, area) : [],
  ]);
  const listed = listing.items.map((parts) => ({
    view: serviceSummary(parts, types, page.lang, listing.evaluatedAt),
    timeZone: timeZoneOf(parts.service.country),
  }));
  const areaName = nameOf(area, page);
  const services = [...listed.map((s) => s.view), ...emergency.map((e) => e.view)];
  return c.html(
    <Layout
      page={page}
      kind="area"
      title={areaName}
      dataAsOf={{ timeZone: timeZoneOf(area.country) }}
      offlinePack={offlinePackOffer(area, ancestors, page)}
    >
      <Breadcrumbs page={page} area={area} ancestors={ancestors} />
      <h1>
        <AreaName area={area} page={page} />
      </h1>
      {/* What to do now comes first: on a 360×740 phone its first dial link is on the first screen. */}
      <AreaNowBlock
        page={page}
        area={area}
        priority={listed.filter((s) => s.view.is_priority_channel)}
        emergency={emergency}
        language={filters.language}
      />
      {/* Then "What can I do?": the pathways that apply to the area, right after its hotlines. */}
      <WhatCanIDo page={page} area={area} pathways={data.pathways} />
      {children.length > 0 && <ChildAreas page={page} area={area} areas={children} />}
      {!countryLevel && <FilterForm page={page} area={area} filters={filters} types={types} />}
      <p class="area-print-link">
        <a href={page.href(`/a/${area.pcode}/print`)} data-role="print-link">
          {page.t('printLink')}
        </a>
      </p>
      <ViewControls
        page={page}
        area={area}
        areaName={areaName}
        types={types}
        hasChildren={children.length > 0}
        hotlines={[
          ...listed.filter((s) => s.view.is_priority_channel).map((s) => s.view),
          ...emergency.map((e) => e.view),
        ]}
      />
      <Results
        page={page}
        area={area}
        listed={listed}
        types={types}
        filters={filters}
        services={services}
        total={listing.total}
        totalIsExact={listing.totalIsExact}
        walkStopped={listing.walkStopped}
        nextCursor={listing.nextCursor}
        mapServices={mapServicesUrl(params, page.lang)}
      />
    </Layout>,
  );
}

/** A governorate, and each place inside it, offers to save the whole governorate for use without internet. */
function offlinePackOffer(area: AreaRow, ancestors: AreaRow[], page: PageContext): OfflinePackOffer | undefined {
  const governorate = [area, ...ancestors].find((a) => a.level === AREA_LEVELS.governorate);
  return governorate && { pcode: governorate.pcode, name: nameOf(governorate, page) };
}

/** A stale or foreign cursor just starts the list again instead of failing the page. */
async function listOrRestart(
  db: Database,
  page: PageContext,
  query: ServiceListQuery,
  types: ServiceTypeRow[],
  area: AreaRow,
): Promise<ListingPage> {
  // The area was read with the page's first batch: the listing does not read it again.
  const scope = { limit: PAGE_SIZE, now: page.now, area };
  try {
    return await listServices(db, await listingRequest(db, query, types, scope));
  } catch (error) {
    if (!(error instanceof ProblemError) || !query.cursor) throw error;
    return listServices(db, await listingRequest(db, { ...query, cursor: undefined }, types, scope));
  }
}

const Breadcrumbs: FC<{ page: PageContext; area: AreaRow; ancestors: AreaRow[] }> = ({ page, area, ancestors }) => (
  <nav class="breadcrumbs" aria-label={page.t('breadcrumbLabel')}>
    <ol>
      <li>
        <a href={page.href('/')}>{page.t('navStart')}</a>
      </li>
      {ancestors.map((a) => (
        <li>
          <AreaLink area={a} page={page} />
        </li>
      ))}
      <li>
        <span aria-current="page">
          <AreaName area={area} page={page} />
        </span>
      </li>
    </ol>
  </nav>
);

/**
 * governorate → district → subdistrict as plain links (no script needed). The list is not named
 * `children`: hono/jsx unwraps a one-element `children` prop, which broke areas with one child.
 */
const ChildAreas: FC<{ page: PageContext; area: AreaRow; areas: AreaRow[] }> = ({ page, area, areas }) => {
  // A region's children are governorates; every other area's are one level below it.
  const key =
    area.level === AREA_LEVELS.region ? 'chooseGovernorate' : (`choose${area.country}${area.level + 1}` as 'chooseIQ1');
  const sorted = inChoiceOrder(areas, page);
  return (
    <nav class="area-picker" aria-labelledby="area-picker-heading">
      <h2 id="area-picker-heading">{page.t(key)}</h2>
      <ul class="area-links">
        {sorted.map((child) => (
          <li>
            <AreaLink area={child} page={page} />
          </li>
        ))}
      </ul>
    </nav>
  );
};

const FilterForm: FC<{ page: PageContext; area: AreaRow; filters: AreaFilters; types: ServiceTypeRow[] }> = ({
  page,
  area,
  filters,
  types,
}) => {
  const { t } = page;
  const params = filterParams(filters, types);
  const typeOptions = orderedTypes(types);
  const languages = OFFERED_LANGUAGES[area.country as Country] ?? [];
  return (
    <details class="disclosure filters" open={hasFilters(filters) ? true : undefined}>
      <summary>{t('filtersHeading')}</summary>
      <form
        class="disclosure__body filters__form"
        method="get"
        action={`/a/${area.pcode}`}
        id="filters"
        data-role="filters"
      >
        <input type="hidden" name="lang" value={page.lang} />
        <div class="field">
          <label for="filter-type">{t('filterType')}</label>
          <select id="filter-type" name="t">
            <option value="">{t('filterAnyType')}</option>
            {typeOptions.map(({ type, depth }) => (
              <option value={String(type.sortOrder)} selected={params.t === String(type.sortOrder)}>
                {(depth ? '— ' : '') + (localise(type.names, page.lang)?.text ?? type.id)}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="field field--checks">
          <legend class="visually-hidden">{t('filtersHeading')}</legend>
          <Check name="open" label={t('filterOpenNow')} checked={filters.openNow} />
          <Check name="fs" label={t('filterFemaleStaff')} checked={filters.femaleStaff} />
          <Check name="free" label={t('filterFree')} checked={filters.free} />
          <Check name="anon" label={t('filterAnonymous')} checked={filters.anonymous} />
        </fieldset>
        <div class="field">
          <label for="filter-language">{t('filterLanguage')}</label>
          <select id="filter-language" name="ln">
            <option value="">{t('filterAnyLanguage')}</option>
            {languages.map((code) => (
              <option value={code} selected={filters.language === code}>
                {languageList([code], page)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-gender">{t('filterGender')}</label>
          <select id="filter-gender" name="g">
            <option value="">{t('filterAnyone')}</option>
            <option value="f" selected={filters.gender === 'female'}>
              {t('filterWomen')}
            </option>
            <option value="m" selected={filters.gender === 'male'}>
              {t('filterMen')}
            </option>
          </select>
        </div>
        <div class="field field--age">
          <label for="filter-age">{t('filterAge')}</label>
          <input
            id="filter-age"
            name="age"
            type="number"
            inputmode="numeric"
            min="0"
            max="120"
            value={filters.age === undefined ? '' : String(filters.age)}
          />
        </div>
        <div class="filters__buttons">
          <button type="submit" class="button">
            {t('applyFilters')}
          </button>
          {hasFilters(filters) && (
            <a class="button button--secondary" href={page.href(`/a/${area.pcode}`)} data-role="clear-filters">
              {t('clearFilters')}
            </a>
          )}
        </div>
      </form>
    </details>
  );
};

const Check: FC<{ name: string; label: string; checked: boolean }> = ({ name, label, checked }) => (
  <label class="check">
    <input type="checkbox" name={name} value="1" checked={checked} /> {label}
  </label>
);

/** Types in taxonomy order, each parent followed by its sub-types. */
function orderedTypes(types: ServiceTypeRow[]): Array<{ type: ServiceTypeRow; depth: number }> {
  const out: Array<{ type: ServiceTypeRow; depth: number }> = [];
  for (const parent of types.filter((t) => !t.parentId)) {
    out.push({ type: parent, depth: 0 });
    for (const child of types.filter((t) => t.parentId === parent.id)) out.push({ type: child, depth: 1 });
  }
  return out;
}

/** The top-level type of a type: services are grouped under it. */
export function topLevelOf(id: string, types: ServiceTypeRow[]): ServiceTypeRow | undefined {
  let type = types.find((t) => t.id === id);
  while (type?.parentId) type = types.find((t) => t.id === type!.parentId);
  return type;
}

/**
 * List ↔ map toggle, near-me sorting and the map's container: all need the script, so they are
 * hidden until it runs. Texts and data URLs travel as data attributes.
 */
const ViewControls: FC<{
  page: PageContext;
  area: AreaRow;
  areaName: string;
  types: ServiceTypeRow[];
  hasChildren: boolean;
  /** The area's hotlines and official channels: dialable in map view too, where the list is hidden. */
  hotlines: ServiceSummaryView[];
}> = (props) => {
  const { page, area, areaName, types, hotlines } = props;
  const { t } = page;
  // The map's base layer is the area's children; an area without any shows its siblings.
  const boundaryParent = props.hasChildren || !area.parentPcode ? area.pcode : area.parentPcode;
  return (
    <div class="view-controls">
      <div class="view-toggle" role="group" aria-label={t('viewToggleLabel')} data-role="view-toggle" hidden>
        <button type="button" class="toggle" data-view="list" aria-pressed="true">
          {t('viewList')}
        </button>
        <button type="button" class="toggle" data-view="map" aria-pressed="false">
          {t('viewMap')}
        </button>
      </div>
      <div
        class="near-me"
        data-role="near-me-sort"
        hidden
        data-msg-working={t('nearMeWorking')}
        data-msg-unavailable={t('nearMeUnavailable')}
        data-msg-distance={t('distanceKm')}
        data-msg-unknown={t('distanceUnknown')}
        data-msg-heading={t('nearestFirst')}
      >
        <button type="button" class="button button--secondary">
          {t('sortNearMe')}
        </button>
        <p class="near-me__note">{t('nearMeNote')}</p>
        <p class="near-me__status" role="status" data-role="status"></p>
      </div>
      <section
        class="map-view"
        id="map-view"
        hidden
        aria-label={t('mapLabel', { area: areaName })}
        data-lang={page.lang}
        data-area={area.pcode}
        data-bbox={[area.minLon, area.minLat, area.maxLon, area.maxLat].join(',')}
        data-boundaries-url={`/api/v1/map/boundaries?parent=${boundaryParent}&lang=${page.lang}`}
        data-attribution-url="/api/v1/attribution"
        data-basemap-style={page.basemapStyle ?? undefined}
        data-msg-loading={t('mapLoading')}
        data-msg-failed={t('mapFailed')}
        data-msg-zoom-in={t('mapZoomIn')}
        data-msg-zoom-out={t('mapZoomOut')}
        data-msg-cluster={t('resultsCount')}
        data-msg-cell={t('mapCellCount')}
        data-msg-cells={t('mapCellsUpTo')}
        data-msg-map={t('viewMap')}
        data-msg-cluster-zoom={t('mapClusterZoom')}
        data-msg-cluster-more={t('mapClusterMore')}
      >
        <p class="map-view__status" role="status" data-role="status"></p>
        <p class="map-view__status" data-role="partly-checked" hidden>
          {t('mapPartlyChecked')}
        </p>
        {hotlines.length > 0 && <MapHotlines page={page} hotlines={hotlines} />}
        <div class="map-view__canvas" data-role="canvas"></div>
        <ul class="map-legend" aria-label={t('mapLegend')}>
          {types
            .filter((type) => !type.parentId)
            .map((type) => (
              <li
                data-group={type.id}
                data-types={[type.id, ...types.filter((s) => s.parentId === type.id).map((s) => s.id)].join(' ')}
              >
                <span class="map-legend__swatch" aria-hidden="true"></span>
                <Localised value={localise(type.names, page.lang)} ui={page.lang} fallback={type.id} />
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
};

/**
 * In map view the list is hidden, but the hotlines must stay one tap away: each channel's name and
 * its dial and message actions, above the map.
 */
const MapHotlines: FC<{ page: PageContext; hotlines: ServiceSummaryView[] }> = ({ page, hotlines }) => (
  <ul class="map-hotlines" aria-label={page.t('mapHotlinesLabel')} data-role="map-hotlines">
    {hotlines.map((s) => (
      <li class="map-hotlines__item" data-service={s.id}>
        <span class="map-hotlines__name">
          <Localised value={s.name} ui={page.lang} />
        </span>{' '}
        {s.contact_routes
          .filter((r) => r.href && isPhoneKind(r.kind))
          .map((route) => (
            <ContactAction route={route} page={page} compact />
          ))}
      </li>
    ))}
  </ul>
);

interface ResultsProps {
  page: PageContext;
  area: AreaRow;
  listed: ListedService[];
  types: ServiceTypeRow[];
  filters: AreaFilters;
  /** Every service on the page, the hotlines above included: what the notice speaks of. */
  services: ServiceSummaryView[];
  total: number;
  /** False when only part of a filtered listing was read: `total` is then "at least". */
  totalIsExact: boolean;
  /** "Open now" stopped looking before the area's end: more may be open further on. */
  walkStopped: boolean;
  nextCursor: string | null;
  mapServices: string;
}

/**
 * The part the script replaces when filters change (fetched as HTML, so one renderer), with the
 * hotlines block above. The hotlines themselves are in that block, not here.
 */
const Results: FC<ResultsProps> = ({
  page,
  area,
  listed,
  types,
  filters,
  services,
  total,
  totalIsExact,
  walkStopped,
  nextCursor,
  mapServices,
}) => {
  const { t } = page;
  const others = listed.filter((s) => !s.view.is_priority_channel);
  const groups = new Map<string, { type: ServiceTypeRow; services: ListedService[] }>();
  for (const s of others) {
    const top = topLevelOf(s.view.service_types[0]?.id ?? '', types);
    if (!top) continue;
    const group = groups.get(top.id) ?? { type: top, services: [] };
    group.services.push(s);
    groups.set(top.id, group);
  }
  const orderedGroups = [...groups.values()].sort((a, b) => a.type.sortOrder - b.type.sortOrder);
  const moreHref = nextCursor
    ? page.href(`/a/${area.pcode}`, { ...filterParams(filters, types), more: nextCursor })
    : null;
  return (
    <section id="results" class="results" aria-labelledby="results-count" data-map-services={mapServices}>
      <p id="results-count" class="results__count" role="status">
        {t(totalIsExact ? 'resultsCount' : 'resultsCountAtLeast', { n: formatNumber(total, page.lang) })}
      </p>
      <ListNotice page={page} services={services} />
      {walkStopped && (
        <p class="results__partial" data-role="open-search-stopped">
          {t('openSearchStopped')}
        </p>
      )}
      {listed.length === 0 &&
        !walkStopped &&
        (hasFilters(filters) ? (
          <NothingMatched page={page} clearHref={page.href(`/a/${area.pcode}`)} />
        ) : (
          <p class="results__empty">{t('noServices')}</p>
        ))}
      {orderedGroups.length > 0 && (
        <section class="service-groups" aria-labelledby="groups-heading" data-role="type-groups">
          <h2 id="groups-heading">{t('byTypeHeading')}</h2>
          {orderedGroups.map((group) => (
            <section class="service-group" aria-labelledby={`group-${group.type.sortOrder}`}>
              <h3 id={`group-${group.type.sortOrder}`}>
                <Localised value={localise(group.type.names, page.lang)} ui={page.lang} fallback={group.type.id} />
              </h3>
              <ul class="service-list">
                {group.services.map((s) => (
                  <ServiceCard
                    service={s.view}
                    timeZone={s.timeZone}
                    page={page}
                    areaPcode={area.pcode}
                    headingLevel={4}
                  />
                ))}
              </ul>
            </section>
          ))}
        </section>
      )}
      {moreHref && (
        <p class="results__more">
          <a class="button button--secondary" href={moreHref}>
            {t('showMore')}
          </a>
        </p>
      )}
    </section>
  );
};
