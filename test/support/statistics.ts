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
 * changes: `npm run bench -- --sizes 100000`, then copy sqlite_stat1 of .wrangler/bench/100000's D1
 * file into the fixture.
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
