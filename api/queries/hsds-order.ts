/**
 * Where a numbered page of the unfiltered HSDS services starts, from the stored blocks and spans of
 * the HSDS order (service_order_blocks and service_order_spans, kept by triggers on services,
 * migration 0025): two index seeks find the block that holds the page's first service, and the page
 * skips at most a block of the name index to reach it. What a page reads is then the same at page 1
 * and the last page, at 1,000 services and at 100,000.
 */
import { desc, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import {
  serviceOrderBlocks,
  serviceOrderSpans,
  serviceTypeOrderBlocks,
  serviceTypeOrderSpans,
} from '../../db/schema.ts';

/** A block holds this many to twice as many published services (the last and an emptied-out one fewer). */
export const ORDER_BLOCK_SIZE = 32;
/** A span holds this many to twice as many blocks. */
export const ORDER_SPAN_BLOCKS = 32;

/** The stored spans and blocks of one order: the whole directory's, or one service type's. */
interface OrderLevels {
  /** Names the page's CTEs, so two orders' starts could share a statement. */
  name: string;
  spans: SQLiteTable & { id: AnySQLiteColumn; start: AnySQLiteColumn; services: AnySQLiteColumn };
  blocks: SQLiteTable & {
    span: AnySQLiteColumn;
    start: AnySQLiteColumn;
    services: AnySQLiteColumn;
    sortName: AnySQLiteColumn;
    serviceId: AnySQLiteColumn;
  };
  /** Which of the spans hold this order (one type's), when the table holds several. */
  spansOf?: SQL;
}

/**
 * Where the `skip`-th service of an order (0-based, name order) lies: the key its block starts at and
 * how many services of that block come before it. The span is the one whose services cover `skip`
 * (its start at or before it, its start plus its services past it), the block likewise within the
 * span; each is one seek of a start index, whatever the depth. The block is sought on its own, the
 * span's id and start bound from their CTE: joined to the span, SQLite sorted all the span's blocks
 * before it. A CTE used twice by the page's query is read once. Past the last service no span
 * matches, so neither does a block, and the page is empty.
 */
function orderPageStart(db: Database, { name, spans, blocks, spansOf }: OrderLevels, skip: number) {
  const span = db.$with(`${name}_span`).as(
    db
      .select({ id: sql<string>`${spans.id}`.as('id'), start: sql<number>`${spans.start}`.as('start') })
      .from(spans)
      .where(
        sql`${spansOf ? sql`${spansOf} AND ` : sql``}${spans.start} <= ${skip}
          AND ${spans.start} + ${spans.services} > ${skip}`,
      )
      .orderBy(desc(spans.start))
      .limit(1),
  );
  const inSpan = sql`${skip} - (SELECT ${span.start} FROM ${span})`;
  const start = db.$with(`${name}_start`).as(
    db
      .select({
        sortName: sql<string>`${blocks.sortName}`.as('sort_name'),
        serviceId: sql<string>`${blocks.serviceId}`.as('service_id'),
        into: sql<number>`${inSpan} - ${blocks.start}`.as('into_block'),
      })
      .from(blocks)
      .where(
        sql`${blocks.span} = (SELECT ${span.id} FROM ${span}) AND ${blocks.start} <= ${inSpan}
          AND ${blocks.start} + ${blocks.services} > ${inSpan}`,
      )
      .orderBy(desc(blocks.start))
      .limit(1),
  );
  return { ctes: [span, start] as const, start };
}

/** The unfiltered HSDS services' page start (service_order_spans/_blocks, migration 0025). */
export const pageStart = (db: Database, skip: number) =>
  orderPageStart(db, { name: 'page', spans: serviceOrderSpans, blocks: serviceOrderBlocks }, skip);

/**
 * pageStart for the members of one service type (service_type_members, in the same HSDS order): the
 * type's own spans and blocks (service_type_order_spans/_blocks, kept by the triggers of migration
 * 0027 with the same sizes). Past the type's last member no span matches and the page is empty.
 */
export const typePageStart = (db: Database, typeId: string, skip: number) =>
  orderPageStart(
    db,
    {
      name: 'type_page',
      spans: serviceTypeOrderSpans,
      blocks: serviceTypeOrderBlocks,
      spansOf: sql`${serviceTypeOrderSpans.typeId} = ${typeId}`,
    },
    skip,
  );

/**
 * How many members a service type has: where its last span ends. Only a type's first span can be
 * empty (then at the same start as the next), so the last two by start hold the end.
 */
export function typeMemberCount(db: Database, typeId: string) {
  const spans = serviceTypeOrderSpans;
  const last = db
    .select({ end: sql<number>`${spans.start} + ${spans.services}`.as('span_end') })
    .from(spans)
    .where(sql`${spans.typeId} = ${typeId}`)
    .orderBy(desc(spans.start))
    .limit(2)
    .as('last_spans');
  return db.select({ total: sql<number>`coalesce(max(${last.end}), 0)` }).from(last);
}
