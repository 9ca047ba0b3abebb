/**
 * Everything one service's answer needs (the API's `/services/{id}` and the page `/s/{id}`), read in
 * one D1 round trip: its stored document, the taxonomy (unless the isolate keeps it for the
 * request's directory version), its areas and its referral links both ways,
 * as one batch. Every query of a request is a network round trip in production; these five do not
 * depend on each other. A service without a usable document is read live (one more trip, after an
 * edit until the document is built again).
 */
import type { Database } from '../../db/client.ts';
import { referralLinkQueries } from './pathways.ts';
import { serviceAreaCodesQuery } from './public-directory.ts';
import { storedDocuments } from './service-documents.ts';
import { getServices } from './service-listing.ts';
import type { DirectoryVersion } from './directory-version.ts';
import { batchWithServiceTypes } from './service-types.ts';

export async function serviceWithLinks(db: Database, directory: DirectoryVersion | undefined, id: string, now: Date) {
  const [receivesFromQuery, passesToQuery] = referralLinkQueries(db, id);
  const {
    results: [stored, areas, receivesFrom, passesTo],
    types,
  } = await batchWithServiceTypes(db, directory, [
    storedDocuments(db, [id]),
    serviceAreaCodesQuery(db, [id]),
    receivesFromQuery,
    passesToQuery,
  ]);
  const [parts] = await getServices(db, [id], now, stored);
  return { parts: parts ?? null, types, areas, links: { receivesFrom, passesTo } };
}
