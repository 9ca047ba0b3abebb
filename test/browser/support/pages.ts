import { url } from './browser.ts';

/** "id?a=IQG15Q05": the first service listed for Mosul district, as the list links to it. */
export async function firstServicePath(area = 'IQG15Q05'): Promise<string> {
  const listing = (await (await fetch(url(`/api/v1/services?area=${area}&lang=en&limit=1`))).json()) as {
    items: Array<{ id: string }>;
  };
  return `${listing.items[0]!.id}?a=${area}`;
}

/** A service of the area with at least `routes` public contact routes and a located place. */
export async function serviceWith(area: string, predicate: (s: ServiceSummary) => boolean): Promise<ServiceSummary> {
  const listing = (await (await fetch(url(`/api/v1/services?area=${area}&lang=en&limit=100`))).json()) as {
    items: ServiceSummary[];
  };
  const found = listing.items.find(predicate);
  if (!found) throw new Error(`no service in ${area} matches`);
  return found;
}

export interface ServiceSummary {
  id: string;
  name: { text: string };
  contact_routes: Array<{ id: string; kind: string; href: string | null; value: string }>;
  locations: Array<{ lat: number | null; lon: number | null; confidential: boolean }>;
  hours: { state: string; next_change_local: { weekday: number } | null };
  is_priority_channel: boolean;
}
