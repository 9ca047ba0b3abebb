/**
 * The one home of the confidential-site rule as the public sees it: a confidential location (a
 * shelter) never shows its address or its coordinates, and of where it is discloses only its
 * governorate. Every public read of a location selects these fields, so restricted data never even
 * reaches the Worker's memory on a public request; the service's coverage applies the same rule
 * (api/domain/listing-index.ts places such a site no finer than its governorate), and maintainers'
 * reads decide who may see more in api/admin/auth/confidential.ts.
 */
import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { locations } from '../../db/schema.ts';
import type { LocalizedText } from '../domain/vocabulary.ts';
import { governorateOf } from './area-paths.ts';

/** The locations table as the public reads it (`l` in SQL). */
export const site = alias(locations, 'l');

/** A location's area as the public sees it: a confidential site's governorate, else its own area. */
export const publicAreaPcode = sql<string>`CASE WHEN ${site.isConfidential}
  THEN ${governorateOf(site.areaPcode)} ELSE ${site.areaPcode} END`;

/** The fields of a location as the public sees it (select them from `site`). */
export const publicSiteFields = {
  locationId: site.id,
  names: site.names,
  areaPcode: publicAreaPcode,
  isConfidential: site.isConfidential,
  /** Empty for a confidential site. */
  address: sql<LocalizedText>`CASE WHEN ${site.isConfidential} THEN '{}' ELSE ${site.address} END`.mapWith(
    site.address,
  ),
  /** NULL for a confidential site. */
  lon: sql<number | null>`CASE WHEN ${site.isConfidential} THEN NULL ELSE ${site.lon} END`,
  lat: sql<number | null>`CASE WHEN ${site.isConfidential} THEN NULL ELSE ${site.lat} END`,
};

/** Sites that may place their service on the map, in a box or by distance: never a confidential one. */
export const mayBePlaced: SQL = sql`${site.isConfidential} = 0`;
