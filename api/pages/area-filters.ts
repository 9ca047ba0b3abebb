/**
 * The filters of an area's list as they appear in page URLs, and their translation to the API's
 * service query. Page URLs must not say what a person is looking for (S5): a type travels as its
 * sort number ("t=30"), never as an id such as "shelter", and the other filters have short names.
 */
import type { ServiceTypeRow } from '../queries/service-types.ts';
import type { ServiceListQuery } from '../schemas/services.ts';

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

const flag = (value: string | undefined) => value === '1';

export function readAreaFilters(query: Record<string, string>, types: ServiceTypeRow[]): AreaFilters {
  const type = types.find((t) => String(t.sortOrder) === query.t);
  const age = /^\d{1,3}$/.test(query.age ?? '') ? Number(query.age) : undefined;
  return {
    typeId: type?.id,
    openNow: flag(query.open),
    femaleStaff: flag(query.fs),
    free: flag(query.free),
    anonymous: flag(query.anon),
    language: /^[a-z]{2,3}$/.test(query.ln ?? '') ? query.ln : undefined,
    gender: query.g === 'f' ? 'female' : query.g === 'm' ? 'male' : undefined,
    age: age !== undefined && age <= 120 ? age : undefined,
    cursor: query.more && query.more.length <= 2000 ? query.more : undefined,
  };
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
  Boolean(f.typeId || f.openNow || f.femaleStaff || f.free || f.anonymous || f.language || f.gender || f.age !== undefined);

/** The same filters as the API's service query, for the listing and for the map's GeoJSON. */
export function serviceListQuery(area: string, f: AreaFilters, limit: number, typeIds?: string[]): ServiceListQuery {
  const type = typeIds?.join(',') ?? f.typeId;
  return {
    area,
    type,
    open_now: f.openNow ? 'true' : undefined,
    female_staff: f.femaleStaff ? 'true' : undefined,
    free: f.free ? 'true' : undefined,
    anonymous: f.anonymous ? 'true' : undefined,
    language: f.language,
    gender: f.gender,
    age: f.age,
    sort: 'relevance',
    limit,
    cursor: f.cursor,
  };
}

/** The map's data URL: fetched by the script, so it is never shown in the address bar or history. */
export function mapServicesUrl(query: ServiceListQuery, lang: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && key !== 'limit' && key !== 'cursor' && key !== 'sort') params.set(key, String(value));
  }
  params.set('lang', lang);
  return `/api/v1/map/services?${params}`;
}
