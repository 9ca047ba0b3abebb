/**
 * The public sites of published services by geohash cell (site_cells: see
 * api/queries/nearby-services.ts for why): a box is covered by a few cells, each one range of the
 * cell index, then checked exactly, since a cell reaches past the box. Only sites that may be
 * placed have a row (api/domain/listing-index.ts never writes a confidential one).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { siteCells } from '../../db/schema.ts';
import { coverBox } from '../domain/geohash.ts';
import type { BoundingBox } from '../domain/geo.ts';

export const sc = alias(siteCells, 'sc');

/** `FROM` the sites in the cells covering the box (alias `sc`); add `WHERE ${inBox(box)}`. */
export const cellsCovering = (box: BoundingBox): SQL =>
  sql`json_each(${JSON.stringify(coverBox(box))}) CROSS JOIN ${siteCells} ${sc}
    ON ${sc.cell} BETWEEN json_each.value ->> 0 AND json_each.value ->> 1`;

/** The site `sc` lies in the box. */
export const inBox = ([minLon, minLat, maxLon, maxLat]: BoundingBox): SQL =>
  sql`${sc.lat} BETWEEN ${minLat} AND ${maxLat} AND ${sc.lon} BETWEEN ${minLon} AND ${maxLon}`;

/** The ids of the services placed in the box (as `service_id`): a candidate query's driver. */
export const placedInBox = (box: BoundingBox): SQL =>
  sql`SELECT DISTINCT ${sc.serviceId} AS service_id FROM ${cellsCovering(box)} WHERE ${inBox(box)}`;

/** The service whose id is `serviceId` has a public site in the box (a probe, when an area drives). */
export const hasSiteInBox = (serviceId: SQLWrapper, box: BoundingBox): SQL =>
  sql`EXISTS (SELECT 1 FROM ${siteCells} ${sc} WHERE ${sc.serviceId} = ${serviceId} AND ${inBox(box)})`;
