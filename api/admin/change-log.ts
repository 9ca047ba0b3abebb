/**
 * The one way a change enters the append-only change log: listing edits (edit/write.ts), account
 * events, problem-report resolutions and translation reviews all write their row here, so every
 * row has the same shape and its values the same encoding (the schema stores them as JSON text).
 */
import type { Database } from '../../db/client.ts';
import { changeLog } from '../../db/maintainer-schema.ts';
import type { Statement } from './db.ts';

export interface ChangeEntry {
  /** ISO time of the change. */
  at: string;
  /** Who made it: the person (null for API tokens and the scheduled job) and how the log names them. */
  by: { userId: string | null; label: string };
  entity: string;
  entityId: string;
  /** The listing the record belongs to, so a listing's history finds it; null for account events. */
  serviceId: string | null;
  /** The referral pathway the record belongs to, so a pathway's history finds it. */
  pathwayId?: string | null;
  /** A column, "*" for a whole record created or deleted, or "<field>.<lang>:status" for a review. */
  field: string;
  old?: unknown;
  new?: unknown;
  reason?: string | null;
  revertsChangeId?: number | null;
}

/** The insert, to run in the same batch as the change it records. */
export function changeLogEntry(db: Database, e: ChangeEntry): Statement {
  return db.insert(changeLog).values({
    at: e.at,
    userId: e.by.userId,
    actor: e.by.label,
    entity: e.entity,
    entityId: e.entityId,
    serviceId: e.serviceId,
    pathwayId: e.pathwayId ?? null,
    field: e.field,
    oldValue: e.old ?? null,
    newValue: e.new ?? null,
    reason: e.reason ?? null,
    revertsChangeId: e.revertsChangeId ?? null,
  });
}
