/**
 * The scheduled job (Workers cron trigger, wrangler.toml [triggers]). `now` is a parameter, so
 * tests run it at any moment.
 *
 * - Listings, contact routes and referral pathways past their next verification date leave
 *   "verified" for "overdue" (each change logged, by "scheduled job"). The public API already judges freshness
 *   at read time; this makes the stored status, the queue and exports say the same.
 * - Listings whose rank in area listings judged their freshness at a moment now past are ranked again;
 *   a database migrated from before ranks existed (no rank rows at all), or from before site cells
 *   existed (public sites but no cell rows), gets every published listing's derived rows written,
 *   and one migrated from before open hours were derived gets them derived.
 * - Published listings without a stored public document (an edit dropped it and its own rebuild
 *   lost a race, or a write was made straight into the database) get one, at most
 *   DOCUMENTS_PER_RUN a run, so a run stays within a scheduled invocation's queries.
 * Each is read through an index or a table of what is due (migration 0021), so an hour with nothing
 * due reads a few rows whatever the directory holds.
 * - M5: closures end by themselves (the public API ignores ended ones); ended closures older than
 *   CLOSURE_RETENTION_DAYS are deleted, logged, to keep the data tidy.
 * - Ended sessions, expired throttle rows and old throttle keys are deleted.
 * - Imports staged and never committed within their hour are deleted with their staged rows.
 */
import { and, eq, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import {
  closures,
  contactRoutes,
  listingCounts,
  listingRanks,
  locations,
  pathways,
  serviceAtLocations,
  serviceOpenHours,
  services,
  siteCells,
} from '../../../db/schema.ts';
import { authKeys, loginThrottle, restrictedReads, sessions } from '../../../db/maintainer-schema.ts';
import { DAY_MS, HOUR_MS, iso } from '../db.ts';
import { deleteEntity, updateEntity, type WriteContext } from '../edit/write.ts';
import {
  documentsWithoutPoint,
  refreshDerived,
  refreshDocuments,
  servicesWithoutDocument,
} from '../edit/listing-index.ts';
import { SESSION_IDLE_MS } from '../auth/session.ts';
import { deleteExpiredRuns } from '../import/staging.ts';

export const CLOSURE_RETENTION_DAYS = 90;
export const SCHEDULED_JOB_ACTOR = 'scheduled job';
/** Documents stored per run: ten chunks of a hundred (`DOCUMENT_CHUNK`), about eleven queries each. */
export const DOCUMENTS_PER_RUN = 1000;

export interface MaintenanceReport {
  services_overdue: number;
  contact_routes_overdue: number;
  pathways_overdue: number;
  closures_removed: number;
  sessions_removed: number;
  import_runs_removed: number;
  documents_stored: number;
}

export async function runMaintenance(db: Database, now: Date): Promise<MaintenanceReport> {
  const ctx: WriteContext = {
    db,
    actor: { userId: null, label: SCHEDULED_JOB_ACTOR },
    now,
    reason: 'next verification date passed',
  };
  const report: MaintenanceReport = {
    services_overdue: 0,
    contact_routes_overdue: 0,
    pathways_overdue: 0,
    closures_removed: 0,
    sessions_removed: 0,
    import_runs_removed: 0,
    documents_stored: 0,
  };
  for (const [entity, table, key] of [
    ['service', services, 'services_overdue'],
    ['contact_route', contactRoutes, 'contact_routes_overdue'],
    ['pathway', pathways, 'pathways_overdue'],
  ] as const) {
    const due = await db
      .select({ id: table.id, version: table.version })
      .from(table)
      .where(
        and(
          eq(table.verificationStatus, 'verified'),
          isNotNull(table.nextVerificationDue),
          lt(table.nextVerificationDue, iso(now)),
        ),
      );
    for (const row of due) {
      try {
        await updateEntity(ctx, entity, row.id, row.version, { verification_status: 'overdue' });
        report[key]++;
      } catch {
        // Edited at this very moment: the next run will see it.
      }
    }
  }
  // A listing's place in area listings judges its freshness at a moment; once that judgement has
  // passed (a due date, 90 or 365 days since its check), it is ranked again, so readers between two
  // runs rank only the few listings that changed since the last run themselves.
  const neverRanked = !(
    await db
      .select({ one: sql`1` })
      .from(listingCounts)
      .limit(1)
  ).length;
  // No cell rows while a published service has a public site with coordinates: migrated from before them.
  const anyCell = await db
    .select({ one: sql`1` })
    .from(siteCells)
    .limit(1);
  const neverPlaced =
    !anyCell.length &&
    (
      await db
        .select({ one: sql`1` })
        .from(serviceAtLocations)
        .innerJoin(locations, eq(locations.id, serviceAtLocations.locationId))
        .innerJoin(services, eq(services.id, serviceAtLocations.serviceId))
        .where(and(eq(services.status, 'published'), eq(locations.isConfidential, false), isNotNull(locations.lat)))
        .limit(1)
    ).length > 0;
  // Not DISTINCT: SQLite would then walk every rank row in service order to group them, instead of
  // seeking the due ones by listing_ranks_due_idx; refreshDerived takes each id once.
  const reranked =
    neverRanked || neverPlaced
      ? await db.select({ id: services.id }).from(services).where(eq(services.status, 'published'))
      : await db
          .select({ id: listingRanks.serviceId })
          .from(listingRanks)
          .where(lt(listingRanks.rankUntil, iso(now)));
  // A directory migrated from before open hours were derived says every hour "may be open", on rows
  // marked not derived (db/migrations, service_open_hours): those listings are derived here once.
  const pending = await db
    .select({ id: serviceOpenHours.serviceId })
    .from(serviceOpenHours)
    .where(eq(serviceOpenHours.derived, false));
  await refreshDerived(
    db,
    [...reranked, ...pending].map((r) => r.id),
    now,
  );
  const ended = await db
    .select({ id: closures.id, version: closures.version })
    .from(closures)
    .where(lt(closures.endsAt, iso(new Date(now.getTime() - CLOSURE_RETENTION_DAYS * DAY_MS))));
  for (const closure of ended) {
    try {
      await deleteEntity(
        { ...ctx, reason: `ended more than ${CLOSURE_RETENTION_DAYS} days ago` },
        'closure',
        closure.id,
        closure.version,
      );
      report.closures_removed++;
    } catch {
      // As above.
    }
  }
  // After the closures: deleting one drops its service's document, which is stored again here.
  // Then, within the same number, documents stored before their map point was kept.
  const missing = await servicesWithoutDocument(db, DOCUMENTS_PER_RUN);
  const withoutPoint = await documentsWithoutPoint(db, DOCUMENTS_PER_RUN - missing.length);
  report.documents_stored = await refreshDocuments(db, [...missing, ...withoutPoint]);
  const endedSessions = await db
    .delete(sessions)
    .where(
      or(lte(sessions.expiresAt, iso(now)), lte(sessions.lastSeenAt, iso(new Date(now.getTime() - SESSION_IDLE_MS)))),
    );
  report.sessions_removed = endedSessions.meta.changes ?? 0;
  report.import_runs_removed = await deleteExpiredRuns(db, now);
  await db.batch([
    db.delete(loginThrottle).where(lte(loginThrottle.expiresAt, iso(now))),
    db.delete(restrictedReads).where(lte(restrictedReads.expiresAt, iso(now))),
    db.delete(authKeys).where(lt(authKeys.createdAt, iso(new Date(now.getTime() - 2 * DAY_MS - HOUR_MS)))),
  ]);
  return report;
}
