import { asc } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { serviceTypes } from '../../db/schema.ts';

export type ServiceTypeRow = typeof serviceTypes.$inferSelect;

/**
 * The whole taxonomy: a dozen rows, read once per request that needs names or sub-types. A query
 * not yet sent, so it can also go in a D1 batch.
 */
export function allServiceTypes(db: Database) {
  return db.select().from(serviceTypes).orderBy(asc(serviceTypes.sortOrder), asc(serviceTypes.id));
}

/** The given types with all their descendants: asking for "police" finds cybercrime units too. */
export function withSubtypes(types: ServiceTypeRow[], ids: string[]): string[] {
  const result = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of types) {
      if (t.parentId && result.has(t.parentId) && !result.has(t.id)) {
        result.add(t.id);
        grew = true;
      }
    }
  }
  return [...result];
}
