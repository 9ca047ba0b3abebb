/**
 * Account-level events in the change log (no listing): invitations sent, API tokens made and
 * revoked, changes to a person's role, scope or state. Values are JSON, like every change.
 */
import type { Database } from '../../db/client.ts';
import { changeLogEntry } from './change-log.ts';
import type { Principal } from './auth/principal.ts';

export interface AccountChange {
  entity: 'invitation' | 'api_token' | 'user';
  entityId: string;
  /** A column, or "*" for a whole record created. */
  field: string;
  old?: unknown;
  new: unknown;
}

/** The insert, as a statement to run on its own or in the batch that makes the change. */
export function accountChange(db: Database, p: Principal, at: string, change: AccountChange) {
  return changeLogEntry(db, { at, by: { userId: p.userId, label: p.label }, serviceId: null, ...change });
}
