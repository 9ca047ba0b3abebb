/** Batches of drizzle statements for the admin side, with their write guards. */
import { sql, type SQL } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Database } from '../../db/client.ts';
import { writeGuards } from '../../db/maintainer-schema.ts';
import { ProblemError } from '../errors.ts';

export const GUARD_FAILED = 'masar_write_guard';

/** One statement of a batch: a drizzle insert, update, delete or select. */
export type Statement = BatchItem<'sqlite'>;

/** The message of a database error and of its cause (drizzle wraps D1's error as the cause). */
export function databaseErrorText(error: unknown): string {
  const messageOf = (e: unknown) => String((e as Error)?.message ?? e);
  const cause = (error as { cause?: unknown })?.cause;
  return cause === undefined ? messageOf(error) : `${messageOf(error)}\n${messageOf(cause)}`;
}

export const isGuardFailure = (error: unknown) => databaseErrorText(error).includes(GUARD_FAILED);

/**
 * Runs statements as one D1 batch (one transaction). A failed write guard (see
 * db/maintainer-schema.ts `writeGuards`) becomes `onGuard()`'s problem, typically a 412;
 * without `onGuard` the database's error is thrown as it is.
 */
export async function runBatch(
  db: Database,
  statements: Statement[],
  onGuard?: () => Promise<ProblemError> | ProblemError,
) {
  try {
    return statements.length ? await db.batch(statements as [Statement, ...Statement[]]) : [];
  } catch (error) {
    if (onGuard && isGuardFailure(error)) throw await onGuard();
    throw error;
  }
}

/**
 * A guard statement: the batch goes on only if some row of `table` meets `where` (or, with
 * `expect: 'none'`, only if no row does).
 */
export function guard(
  db: Database,
  table: SQLiteTable,
  where: SQL | undefined,
  expect: 'some' | 'none' = 'some',
): Statement {
  const ok = expect === 'some' ? sql<number>`count(*)` : sql<number>`count(*) = 0`;
  return db.insert(writeGuards).select(
    db
      .select({ ok: ok.as('ok') })
      .from(table)
      .where(where),
  );
}

export const iso = (d: Date) => d.toISOString();
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
