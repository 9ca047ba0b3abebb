/**
 * The filters of an area's list as they appear in page URLs, and their translation to the API's
 * service query, which the API's own schema then parses (see page-query.ts). Page URLs must not
 * say what a person is looking for (S5): a type travels as its sort number ("t=30"), never as an
 * id such as "shelter", and the other filters have short names.
 */
import type { ServiceTypeRow } from '../queries/service-types.ts';
import type { ServiceListParams } from '../schemas/services.ts';
import { readServiceQuery, type PageServiceQuery } from './page-query.ts';

export interface AreaFilters {
  typeId?: string;
  openNow: boolean;
  femaleStaff: boolean;
  free: boolean;
  anonymous: boolean;
  /** Offered in this language (a code such as "ku" or "kek"). */
  language?: string;
  gender?: 'female' | 'male';
  age?: number;
  /** Continue a long list (the API's cursor). */
  cursor?: string;
}

/** The page's "1" for a ticked box, as the API's "true"; anything else is not ticked. */
const flag = (value: string | undefined) => (value === '1' ? 'true' : undefined);
/** An empty form field ("any language", no age) is not a filter. */
const given = (value: string | undefined) => (value === '' ? undefined : value);

export interface AreaQuery extends PageServiceQuery {
  /** What the person asked for, for the form and the links that keep it. */
  filters: AreaFilters;
}

/**
 * The page's filters, read through the API's own schema: each short name is mapped onto the API's
 * parameter and the whole query is parsed as the API parses it. A value the schema refuses is
 * ignored, as if not given. `typeIds` replaces the person's type (a country lists only its
 * hotlines and official channels).
 */
export function readAreaQuery(
  page: Record<string, string>,
  types: ServiceTypeRow[],
  scope: { area: string; limit: number; typeIds?: string[] },
): AreaQuery {
  const typeId = types.find((t) => String(t.sortOrder) === page.t)?.id;
  const { query, params } = readServiceQuery(
    {
      area: scope.area,
      type: scope.typeIds?.join(',') ?? typeId,
      open_now: flag(page.open),
      female_staff: flag(page.fs),
      free: flag(page.free),
      anonymous: flag(page.anon),
      language: given(page.ln),
      gender: page.g === 'f' ? 'female' : page.g === 'm' ? 'male' : undefined,
      age: given(page.age),
      sort: 'relevance',
      limit: scope.limit,
      cursor: given(page.more),
    },
    ['area', 'type', 'sort', 'limit'],
  );
  const filters: AreaFilters = {
    typeId,
    openNow: query.open_now === 'true',
    femaleStaff: query.female_staff === 'true',
    free: query.free === 'true',
    anonymous: query.anonymous === 'true',
    language: query.language,
    gender: query.gender,
    age: query.age,
    cursor: query.cursor,
  };
  return { query, params, filters };
}

/** The filters as page URL parameters (without the cursor). */
export function filterParams(f: AreaFilters, types: ServiceTypeRow[]): Record<string, string | undefined> {
  const type = types.find((t) => t.id === f.typeId);
  return {
    t: type ? String(type.sortOrder) : undefined,
    open: f.openNow ? '1' : undefined,
    fs: f.femaleStaff ? '1' : undefined,
    free: f.free ? '1' : undefined,
    anon: f.anonymous ? '1' : undefined,
    ln: f.language,
    g: f.gender === 'female' ? 'f' : f.gender === 'male' ? 'm' : undefined,
    age: f.age === undefined ? undefined : String(f.age),
  };
}

export const hasFilters = (f: AreaFilters) =>
  Boolean(
    f.typeId || f.openNow || f.femaleStaff || f.free || f.anonymous || f.language || f.gender || f.age !== undefined,
  );

/** The map's data URL: fetched by the script, so it is never shown in the address bar or history. */
export function mapServicesUrl(params: ServiceListParams, lang: string): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && key !== 'limit' && key !== 'cursor' && key !== 'sort') search.set(key, String(value));
  }
  search.set('lang', lang);
  return `/api/v1/map/services?${search}`;
}
