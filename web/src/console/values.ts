/**
 * Values of a listing as words of the console's language: contact routes by what they are (a
 * walk-in route's value is a place id, shown as that place), and field values (enums, texts per
 * language, lists) as labels, for the read-only view, pending drafts and the history.
 */
import type { ConsoleContext, Localized } from './context.ts';
import { routeKindKey } from '../i18n/route-kinds.ts';
import { h, ltr } from './dom.ts';
import type { ContactRoute, ServiceLocation } from './listing.ts';

/** What naming a route needs: its kind and value (a contact route of the API, or one in the history). */
export type RouteLike = { kind: string; value: ContactRoute['value'] };
/** What naming a place needs, from a site of the listing (api/admin/schemas). */
export type PlaceLike = Pick<ServiceLocation, 'location_id'> & {
  location: Pick<ServiceLocation['location'], 'names' | 'address' | 'is_confidential'>;
};

/** The kind of a route in words ("Call", "WhatsApp"), or a plain word for an unknown kind. */
export function routeKind(ctx: ConsoleContext, kind: string): string {
  const key = routeKindKey(kind);
  return key ? ctx.tk(key) : ctx.t('consoleRouteOther');
}

/**
 * Walk-in routes hold a place id: "walk-in at {place}" by the place's name (or address), or
 * just "walk-in" when the place is not one of the listing's. A confidential place is named,
 * never addressed.
 */
export function walkInText(ctx: ConsoleContext, locationId: string, places: readonly PlaceLike[] = []): string {
  const site = places.find((p) => p.location_id === locationId);
  const place = site
    ? ctx.text(site.location.names) || (site.location.is_confidential ? '' : ctx.text(site.location.address))
    : '';
  return place ? ctx.t('consoleWalkInAt', { place }) : ctx.t('consoleWalkIn');
}

/** A route as the console shows it: its kind and its number or address, never a bare id. */
export function routeLabel(
  ctx: ConsoleContext,
  route: RouteLike,
  places: readonly PlaceLike[] = [],
): Array<Node | string> {
  if (route.kind === 'walk_in') return [walkInText(ctx, route.value, places)];
  return [routeKind(ctx, route.kind), ' ', ltr(route.value)];
}

/** The same label as one string (for <option> texts). */
export function routeLabelText(ctx: ConsoleContext, route: RouteLike, places: readonly PlaceLike[] = []): string {
  return route.kind === 'walk_in'
    ? walkInText(ctx, route.value, places)
    : `${routeKind(ctx, route.kind)} ${route.value}`;
}

const cap = (v: string) => v.charAt(0).toUpperCase() + v.slice(1);

/** Message keys of the enum values, as the public pages word them. */
const ENUM_KEYS: Record<string, (v: string) => string> = {
  cost_kind: (v) => `cost${cap(v)}`,
  female_staff: (v) => `female${v === 'on_request' ? 'OnRequest' : cap(v)}`,
  anonymous_reporting: (v) => `anonymous${cap(v)}`,
  eligible_gender: (v) => `eligible${cap(v)}`,
  status: (v) => `consoleStatus_${v}`,
  verification_status: (v) => `consoleVerification_${v}`,
  visibility: (v) => `consoleVisibility_${v}`,
  verification_method: (v) => `consoleMethod_${v}`,
};

export interface ValueContext {
  /** Type names by id, for type_ids. */
  types?: ReadonlyMap<string, string>;
  places?: readonly PlaceLike[];
  /** The kind of the route a `value` belongs to (walk-in values are place ids). */
  routeKind?: string;
}

/** A field's value as text of the console's language ("—" for none). */
export function valueText(ctx: ConsoleContext, field: string, value: unknown, context: ValueContext = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? ctx.t('consoleYes') : ctx.t('consoleNo');
  if (field === 'kind' && typeof value === 'string') return routeKind(ctx, value);
  if ((field === 'value' && context.routeKind === 'walk_in') || field === 'location_id')
    return walkInPlace(ctx, String(value), context.places);
  const enumKey = ENUM_KEYS[field];
  if (enumKey && typeof value === 'string') {
    const key = enumKey(value);
    return ctx.has(key) ? ctx.tk(key) : value;
  }
  if (Array.isArray(value)) {
    if (!value.length) return '—';
    const label = (v: unknown) => {
      const s = String(v);
      if (field === 'type_ids') return context.types?.get(s) ?? s;
      if (field === 'languages') return ctx.has(`lang_${s}`) ? ctx.tk(`lang_${s}`) : s;
      if (field === 'accessibility') return ctx.has(`access_${s}`) ? ctx.tk(`access_${s}`) : s;
      return s;
    };
    return ctx.list(value.map(label));
  }
  if (typeof value === 'object') return ctx.text(value as Localized) || '—';
  if (typeof value === 'number') return ctx.number(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(String(value))) return ctx.dateTime(String(value));
  if (/^\d{4}-\d{2}-\d{2}$/.test(String(value))) return ctx.date(String(value));
  return String(value);
}

function walkInPlace(ctx: ConsoleContext, locationId: string, places: readonly PlaceLike[] = []): string {
  const site = places.find((p) => p.location_id === locationId);
  return site ? ctx.text(site.location.names) || ctx.t('consolePlaceUnnamed') : ctx.t('consolePlaceOther');
}

/** A value cell: left-to-right for numbers, addresses and links inside right-to-left text. */
export function valueNode(
  ctx: ConsoleContext,
  field: string,
  value: unknown,
  context: ValueContext = {},
): Node | string {
  const text = valueText(ctx, field, value, context);
  return field === 'value' && context.routeKind !== 'walk_in'
    ? ltr(text)
    : field === 'source_url' || field === 'opening_hours'
      ? h('bdi', { dir: 'ltr' }, text)
      : text;
}

let typeNames: Promise<Map<string, string>> | null = null;

/** Service type names by id, in the console's language (the public taxonomy, read once a page). */
export function loadTypes(ctx: ConsoleContext): Promise<Map<string, string>> {
  typeNames ??= readTypes(ctx).catch((error: unknown) => {
    typeNames = null;
    throw error;
  });
  return typeNames;
}

async function readTypes(ctx: ConsoleContext): Promise<Map<string, string>> {
  type Ty = { id: string; name: { text: string } | string; children?: Ty[] };
  const { data } = await ctx.api.get<{ items: Ty[] } | Ty[]>(`/api/v1/service-types?lang=${ctx.lang}`);
  const out = new Map<string, string>();
  const walk = (types: Ty[]) => {
    for (const ty of types) {
      out.set(ty.id, typeof ty.name === 'string' ? ty.name : ty.name.text);
      if (Array.isArray(ty.children)) walk(ty.children);
    }
  };
  walk(Array.isArray(data) ? data : data.items);
  return out;
}

/** Area names by P-code, in the console's language (the public area API); a P-code stays when unknown. */
export async function areaNames(ctx: ConsoleContext, pcodes: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(pcodes)].slice(0, 50);
  const named = await Promise.all(
    unique.map((pcode) =>
      ctx.api
        .get<{ name: { text: string } }>(`/api/v1/areas/${encodeURIComponent(pcode)}?lang=${ctx.lang}`)
        .then((a): [string, string] => [pcode, a.data.name.text])
        .catch((): [string, string] => [pcode, pcode]),
    ),
  );
  return new Map(named);
}
