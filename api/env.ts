import type { Database } from '../db/client.ts';
import type { Language } from './domain/vocabulary.ts';
import type { DirectoryVersion } from './queries/directory-version.ts';

export interface Bindings {
  DB: D1Database;
  ASSETS: Fetcher;
  SITE_NAME: string;
  QUICK_EXIT_URL: string;
  /**
   * Optional self-hosted basemap: the same-origin path of a MapLibre style (e.g. one whose
   * vector source is a PMTiles file served beside it). Empty: the boundaries are the basemap.
   */
  MAP_BASEMAP_STYLE?: string;
  /**
   * The most services a map view (`/api/v1/map/services?summary=auto`) draws as points before it
   * draws counts per cell instead; unset: 500 (what the map route draws at most).
   */
  MAP_POINTS_LIMIT?: string;
  /**
   * The SPDX identifier of the licence the directory's listings are published under (e.g.
   * `CC-BY-4.0`); empty or unset: none granted, and the feeds say so (api/domain/data-licence.ts).
   */
  DATA_LICENCE?: string;
  /** How many days a saved offline pack is trusted before its pages say they may be out of date. */
  OFFLINE_PACK_DAYS?: string;
  /** `off`: no edge copy of public reads (api/middleware/edge-cache.ts); anything else or unset: on. */
  EDGE_CACHE?: string;
  /** `1` only in the load bench's `wrangler dev`: D1 costs in a header on request (api/middleware/d1-metering.ts). */
  MASAR_BENCH?: string;
}

export interface Variables {
  db: Database;
  /** The D1 session under `db` (read replication): its bookmark goes back to maintainers. */
  dbSession: D1DatabaseSession;
  /** The directory version read by the edge cache before routing, when it read one. */
  directory?: DirectoryVersion;
  /** The language responses are written in, negotiated from ?lang= and Accept-Language. */
  language: Language;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
