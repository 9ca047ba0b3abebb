/** The listing that cost and order tests ask of `listServices` directly, and the district they grow. */
import { areaScope } from '../../api/queries/area-paths.ts';
import type { ListingRequest } from '../../api/queries/service-listing.ts';

/** Mosul district: the tests grow the directory inside it (2,178 services at the bench's 100,000). */
export const MOSUL = areaScope('/IQ/IQG15/IQG15Q05/');

/** A first page of 20 in relevance order, at this moment, with these changes. */
export const listingRequest = (overrides: Partial<ListingRequest> = {}): ListingRequest => ({
  filters: {},
  openOnly: false,
  sort: 'relevance',
  limit: 20,
  now: new Date(),
  ...overrides,
});
