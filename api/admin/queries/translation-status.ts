/**
 * The review status of each translation (missing, machine, reviewed), read and recorded. A change
 * of status is logged like any edit, as field "<field>.<language>:status", so it can be reverted.
 */
import { changeLogEntry } from '../change-log.ts';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { translationStatus } from '../../../db/maintainer-schema.ts';
import type { Principal } from '../auth/principal.ts';
import { iso } from '../db.ts';

export interface TranslationKey {
  entity: string;
  entityId: string;
  field: string;
  language: string;
}

const matches = (key: TranslationKey) =>
  and(
    eq(translationStatus.entity, key.entity),
    eq(translationStatus.entityId, key.entityId),
    eq(translationStatus.field, key.field),
    eq(translationStatus.language, key.language),
  );

/** The status a maintainer recorded for one translation, or null when none was. */
export async function recordedStatus(db: Database, key: TranslationKey) {
  return (
    (await db.select({ status: translationStatus.status }).from(translationStatus).where(matches(key)).get())?.status ??
    null
  );
}

/** Records a translation's status (null removes it) and logs the change; nothing when it is unchanged. */
export async function setTranslationStatus(
  db: Database,
  by: { principal: Principal; now: Date; reason: string | null; revertsChangeId: number | null },
  key: TranslationKey & { serviceId: string | null; pathwayId?: string | null },
  status: (typeof translationStatus.$inferInsert)['status'] | null,
) {
  const before = await recordedStatus(db, key);
  if (before === status) return;
  const now = iso(by.now);
  const { principal: p } = by;
  await db.batch([
    status === null
      ? db.delete(translationStatus).where(matches(key))
      : db
          .insert(translationStatus)
          .values({
            entity: key.entity,
            entityId: key.entityId,
            field: key.field,
            language: key.language,
            status,
            updatedBy: p.id,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [
              translationStatus.entity,
              translationStatus.entityId,
              translationStatus.field,
              translationStatus.language,
            ],
            set: { status, updatedBy: p.id, updatedAt: now },
          }),
    changeLogEntry(db, {
      at: now,
      by: { userId: p.userId, label: p.label },
      entity: key.entity,
      entityId: key.entityId,
      serviceId: key.serviceId,
      pathwayId: key.pathwayId ?? null,
      field: `${key.field}.${key.language}:status`,
      old: before,
      new: status,
      reason: by.reason,
      revertsChangeId: by.revertsChangeId,
    }),
  ]);
}

/** A localised column with one language's text replaced (null or '' removes it). */
export function withText(texts: unknown, language: string, text: unknown): Record<string, string> {
  const next = { ...((texts as Record<string, string> | null) ?? {}) };
  if (typeof text === 'string' && text !== '') next[language] = text;
  else delete next[language];
  return next;
}
