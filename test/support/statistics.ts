/**
 * SQLite's statistics, as production D1 keeps them (README, Deploy: `PRAGMA optimize` runs ANALYZE
 * on the big tables). With them the planner weighs indexes by what they hold and may choose another
 * plan than the one the cost tests see without them: a plan that flips must fail a test too.
 */

/**
 * A new directory version, as an edit makes: statistics change plans, not answers, so nothing else
 * moves the version, and a request measured with them would be answered from the edge copy of the
 * same request measured without.
 */
const bumpVersion = (db: D1Database) =>
  db
    .prepare('UPDATE directory_version SET version = version + 1, stamp = lower(hex(randomblob(8))) WHERE id = 1')
    .run();

/** `measure` with statistics of the directory as it is now, then without them again. */
export async function withStatistics<T>(db: D1Database, measure: () => Promise<T>): Promise<T> {
  await db.prepare('ANALYZE').run();
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
