/**
 * How a page reads a service query: its own parameter names are mapped onto the API's query and
 * then parsed by the API's schema, so a page and the API agree on what every value means. Where
 * the API answers a value it cannot read with a problem, a page leaves that value out and shows
 * the rest: a person who followed a damaged link still gets a page, never an error.
 */
import { ServiceListQuery, type ServiceListParams } from '../schemas/services.ts';

export interface PageServiceQuery {
  /** Parsed by the API's schema, for the listing. */
  query: ServiceListQuery;
  /** The parameters the schema accepted, as text: what a client would send for the same list. */
  params: ServiceListParams;
}

/**
 * Parses `params` with the API's schema, dropping every parameter it refuses, except those in
 * `scope`: the page chose them itself (area, types, limit), so a refusal there is a bug that must
 * not quietly widen the list.
 */
export function readServiceQuery(
  params: ServiceListParams,
  scope: ReadonlyArray<keyof ServiceListParams> = [],
): PageServiceQuery {
  let kept: ServiceListParams = Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
  for (;;) {
    const result = ServiceListQuery.safeParse(kept);
    if (result.success) return { query: result.data, params: kept };
    const refused = new Set(result.error.issues.map((issue) => issue.path[0]));
    const dropped = Object.keys(kept).filter((key) => refused.has(key));
    if (!dropped.length || dropped.some((key) => scope.includes(key as keyof ServiceListParams))) throw result.error;
    kept = Object.fromEntries(Object.entries(kept).filter(([key]) => !refused.has(key)));
  }
}
