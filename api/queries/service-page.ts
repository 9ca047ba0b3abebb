/**
 * Everything one service's answer needs (the API's `/services/{id}` and the page `/s/{id}`), read in
 * one D1 round trip: its stored document, the taxonomy, its areas and its referral links both ways,
 * as one batch. Every query of a request is a network round trip in production; these five do not
 * depend on each other. A service without a usable document is read live (one more trip, after an
 * edit until the document is built again).
 */
import type { Database } from '../../db/client.ts';
import { referralLinkQueries } from './pathways.ts';
import { serviceAreaCodesQuery } from './public-directory.ts';
import { storedDocuments } from './service-documents.ts';
import { getServices } from './service-listing.ts';
import { allServiceTypes } from './service-types.ts';

export async function serviceWithLinks(db: Database, id: string, now: Date) {
  const [receivesFromQuery, passesToQuery] = referralLinkQueries(db, id);
  const [stored, types, areas, receivesFrom, passesTo] = await db.batch([
    storedDocuments(db, [id]),
    allServiceTypes(db),
    serviceAreaCodesQuery(db, [id]),
    receivesFromQuery,
    passesToQuery,
  ]);
  const [parts] = await getServices(db, [id], now, stored);
  return { parts: parts ?? null, types, areas, links: { receivesFrom, passesTo } };
}
