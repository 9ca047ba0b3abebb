/**
 * SQLite's statistics, as production D1 keeps them (README, Deploy: `PRAGMA optimize` runs ANALYZE
 * on the big tables). With them the planner weighs indexes by what they hold and may choose another
 * plan than the one the cost tests see without them: a plan that flips must fail a test too.
 */
import bench100k from '../fixtures/statistics-100k.json';

/**
 * A new directory version, as an edit makes: statistics change plans, not answers, so nothing else
 * moves the version, and a request measured with them would be answered from the edge copy of the
 * same request measured without.
 */
const bumpVersion = (db: D1Database) =>
  db
    .prepare('UPDATE directory_version SET version = version + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1')
    .run();

/**
 * The statistics of the load bench's directory of 100,000 services (test/fixtures/statistics-100k.json,
 * the rows its builder's `PRAGMA optimize` left in sqlite_stat1). A test's directory of 2,000 does not
 * look like that to ANALYZE: at 100,000 every rank of an area carried one moment, and a `UNION` of
 * walk arms was merged along the primary key instead of seeking that moment's index. Loaded over a
 * small directory, they make SQLite plan as it would at that size. To renew them after an index
 * changes: `npm run bench -- --sizes 100000`, then run `PRAGMA analysis_limit = 0; ANALYZE;` on a copy
 * of .wrangler/bench/100000's D1 file (after its documents are stored, so their table has statistics
 * too) and copy its sqlite_stat1 into the fixture.
 */
export const BENCH_100K_STATISTICS = bench100k.rows as Array<[string, string | null, string]>;

/**
 * `measure` with statistics of the directory as it is now, or with `shapedAs` in place of the rows
 * ANALYZE wrote for the same tables, then without them again.
 */
export async function withStatistics<T>(
  db: D1Database,
  measure: () => Promise<T>,
  shapedAs?: Array<[string, string | null, string]>,
): Promise<T> {
  await db.prepare('ANALYZE').run();
  if (shapedAs) {
    const tables = [...new Set(shapedAs.map(([table]) => table))];
    await db.batch([
      ...tables.map((table) => db.prepare('DELETE FROM sqlite_stat1 WHERE tbl = ?').bind(table)),
      ...shapedAs.map(([table, index, stat]) =>
        db.prepare('INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)').bind(table, index, stat),
      ),
    ]);
    // The planner reads sqlite_stat1 when it reads the schema.
    await db.prepare('ANALYZE sqlite_schema').run();
  }
  await bumpVersion(db);
  try {
    return await measure();
  } finally {
    await dropStatistics(db);
  }
}

/**
 * Drops the statistics, so the file's later tests plan as they did before (the database lives on
 * between the tests of a file). Deleting the rows is not enough: the planner keeps what it loaded
 * until the schema is read again, which `ANALYZE sqlite_schema` does.
 */
export async function dropStatistics(db: D1Database): Promise<void> {
  const table = await db
    .prepare("SELECT name FROM sqlite_schema WHERE name = 'sqlite_stat1'")
    .first<{ name: string }>();
  if (!table) return;
  await db.prepare('DELETE FROM sqlite_stat1').run();
  await db.prepare('ANALYZE sqlite_schema').run();
  await bumpVersion(db);
}

/** The statistics every cost test measures with, in the order it measures: the names its failures carry. */
export const STATISTICS_VARIANTS = ['without statistics', 'after ANALYZE', 'as at 100,000 services'] as const;
export type StatisticsVariant = (typeof STATISTICS_VARIANTS)[number];
/** What one measure gave under each variant. */
export type ByStatistics<T> = Record<StatisticsVariant, T>;

/**
 * `measure` three times: without statistics, after ANALYZE of the test's own directory, and with the
 * statistics of the bench's 100,000 services (`BENCH_100K_STATISTICS`) in their place. Production
 * plans with statistics (README, Deploy), and a plan may flip only at a size the test does not
 * grow to: each bound must hold under each. A failure inside `measure` carries the variant's name.
 */
export async function measureWithEachStatistics<T>(
  db: D1Database,
  measure: () => Promise<T>,
): Promise<ByStatistics<T>> {
  const under = {
    'without statistics': measure,
    'after ANALYZE': () => withStatistics(db, measure),
    'as at 100,000 services': () => withStatistics(db, measure, BENCH_100K_STATISTICS),
  } satisfies ByStatistics<() => Promise<T>>;
  const measured: Partial<ByStatistics<T>> = {};
  for (const variant of STATISTICS_VARIANTS) measured[variant] = await naming(variant, under[variant]);
  return measured as ByStatistics<T>;
}

/** Each variant with what it measured at the smaller and at the larger size: `[variant, small, large]`. */
export function eachStatistics<T>(
  small: ByStatistics<T>,
  large: ByStatistics<T>,
): Array<readonly [StatisticsVariant, T, T]> {
  return STATISTICS_VARIANTS.map((variant) => [variant, small[variant], large[variant]] as const);
}

/** Runs `check`, and names `variant` in what it throws, so a failure says which statistics it failed under. */
export async function naming<T>(variant: StatisticsVariant, check: () => T | Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (error) {
    if (error instanceof Error && !error.message.startsWith(`${variant}: `)) {
      error.message = `${variant}: ${error.message}`;
    }
    throw error;
  }
}
