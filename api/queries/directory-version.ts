import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { shaped } from '../../db/shaped-query.ts';
import { directoryVersion } from '../../db/schema.ts';

export type DirectoryVersion = typeof directoryVersion.$inferSelect;

/**
 * The version of everything public (one row, one index lookup: D1 bills it as one row read). Bumped
 * by database triggers on every public write (migration 0011), so a copy keyed by it is never
 * older than the last edit the reader's database session has seen.
 */
export async function readDirectoryVersion(db: Database): Promise<DirectoryVersion> {
  // Every request reads it, so its SQL is built once per isolate (db/shaped-query.ts).
  const row = await shaped(
    db,
    'directory version',
    () => db.select().from(directoryVersion).where(eq(directoryVersion.id, 1)),
    {},
  ).get();
  // A database migrated but never written to still has its row; this guards a hand-made one.
  return row ?? { id: 1, version: 0, stamp: '', publishedServices: 0, publishedSites: 0 };
}
