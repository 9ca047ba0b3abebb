/**
 * Name-based UUIDs (RFC 9562 §5.5, version 5: SHA-1 of namespace + name).
 *
 * HSDS 3 requires a `uuid` id on every object, including objects we do not store as rows: a
 * schedule derived from an opening_hours rule, a service's language, a taxonomy term whose key is
 * a slug. Deriving the id from a stable name gives the same id on every request, so a consumer
 * that syncs the export sees an unchanged object as unchanged. Same layout as the sample seed's
 * `sampleId`. https://www.rfc-editor.org/rfc/rfc9562#section-5.5
 */
import { createHash } from 'node:crypto';

export function nameUuid(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 4122/9562 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
