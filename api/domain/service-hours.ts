/**
 * "Open now" for a whole service: it is open when any of its public contact routes or locations
 * is open. A closure of the service closes all of them; a closure of a route closes that route.
 */
import type { LocalizedText } from './vocabulary.ts';
import { combineStates, hoursAt, type Closure, type HoursState } from './opening-hours.ts';
import { weekAhead, type DayHours } from './weekly-hours.ts';

export interface HoursSource {
  id: string;
  openingHours: string | null;
}

export interface ClosureFact extends Closure {
  serviceId: string | null;
  contactRouteId: string | null;
  reason: LocalizedText;
}

export function toClosure(row: Omit<ClosureFact, 'closes'> & { closes: number | boolean }): ClosureFact {
  return { ...row, closes: Boolean(row.closes) };
}

export function routeHours(route: HoursSource, closures: ClosureFact[], at: Date, timeZone: string): HoursState {
  const relevant = closures.filter((c) => c.serviceId !== null || c.contactRouteId === route.id);
  return hoursAt(route.openingHours, relevant, at, timeZone);
}

export function locationHours(
  location: { openingHours: string | null },
  closures: ClosureFact[],
  at: Date,
  timeZone: string,
): HoursState {
  const relevant = closures.filter((c) => c.serviceId !== null);
  return hoursAt(location.openingHours, relevant, at, timeZone);
}

/** Each route's and place's state and the whole service's, from one evaluation. */
export interface ServiceHours {
  service: HoursState;
  routes: HoursState[];
  locations: HoursState[];
}

/**
 * Evaluated once per listing: the list's "open now" filter and the hours shown for each route and
 * place come from the same states, so they cannot disagree and are not worked out twice.
 */
export function serviceHours(
  routes: HoursSource[],
  locations: Array<{ openingHours: string | null }>,
  closures: ClosureFact[],
  at: Date,
  timeZone: string,
): ServiceHours {
  const routeStates = routes.map((r) => routeHours(r, closures, at, timeZone));
  const locationStates = locations.map((l) => locationHours(l, closures, at, timeZone));
  const states = [...routeStates, ...locationStates];
  const service = states.length ? combineStates(states) : hoursAt(null, [], at, timeZone);
  return { service, routes: routeStates, locations: locationStates };
}

/** The coming week of a contact route: its own rule, the service's closures and its own. */
export function routeWeek(
  route: HoursSource,
  closures: ClosureFact[],
  from: Date,
  timeZone: string,
): DayHours[] | null {
  return weekAhead(
    route.openingHours,
    closures.filter((c) => c.serviceId !== null || c.contactRouteId === route.id),
    from,
    timeZone,
  );
}

/** The coming week of a place: its rule and the service's closures. */
export function locationWeek(
  location: { openingHours: string | null },
  closures: ClosureFact[],
  from: Date,
  timeZone: string,
): DayHours[] | null {
  return weekAhead(
    location.openingHours,
    closures.filter((c) => c.serviceId !== null),
    from,
    timeZone,
  );
}
