/**
 * Where a numbered page of the unfiltered HSDS services starts, from the stored blocks and spans of
 * the HSDS order (service_order_blocks and service_order_spans, kept by triggers on services,
 * migration 0025): two index seeks find the block that holds the page's first service, and the page
 * skips at most a block of the name index to reach it. What a page reads is then the same at page 1
 * and the last page, at 1,000 services and at 100,000.
 */
import { desc, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { serviceOrderBlocks, serviceOrderSpans } from '../../db/schema.ts';

/** A block holds this many to twice as many published services (the last and an emptied-out one fewer). */
export const ORDER_BLOCK_SIZE = 32;
/** A span holds this many to twice as many blocks. */
export const ORDER_SPAN_BLOCKS = 32;

/**
 * Where the `skip`-th published service (0-based, name order) lies: the key its block starts at and
 * how many services of that block come before it. The span is the one whose services cover `skip`
 * (its start at or before it, its start plus its services past it), the block likewise within the
 * span; each is one seek of a start index, whatever the depth. The block is sought on its own, the
 * span's id and start bound from their CTE: joined to the span, SQLite sorted all the span's blocks
 * before it. A CTE used twice by the page's query is read once. Past the last service no span
 * matches, so neither does a block, and the page is empty.
 */
export function pageStart(db: Database, skip: number) {
  const spanStart = serviceOrderSpans.start;
  const span = db.$with('page_span').as(
    db
      .select({ id: serviceOrderSpans.id, start: serviceOrderSpans.start })
      .from(serviceOrderSpans)
      .where(sql`${spanStart} <= ${skip} AND ${spanStart} + ${serviceOrderSpans.services} > ${skip}`)
      .orderBy(desc(serviceOrderSpans.start))
      .limit(1),
  );
  const inSpan = sql`${skip} - (SELECT ${span.start} FROM ${span})`;
  const start = db.$with('page_start').as(
    db
      .select({
        sortName: serviceOrderBlocks.sortName,
        serviceId: serviceOrderBlocks.serviceId,
        into: sql<number>`${inSpan} - ${serviceOrderBlocks.start}`.as('into_block'),
      })
      .from(serviceOrderBlocks)
      .where(
        sql`${serviceOrderBlocks.span} = (SELECT ${span.id} FROM ${span}) AND ${serviceOrderBlocks.start} <= ${inSpan}
          AND ${serviceOrderBlocks.start} + ${serviceOrderBlocks.services} > ${inSpan}`,
      )
      .orderBy(desc(serviceOrderBlocks.start))
      .limit(1),
  );
  return { ctes: [span, start] as const, start };
}
