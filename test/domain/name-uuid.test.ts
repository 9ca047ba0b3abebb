import { describe, expect, it } from 'vitest';
import { nameUuid } from '../../api/domain/name-uuid.ts';
import { sampleId } from '../../db/seed/sample-directory.mjs';

describe('nameUuid (RFC 9562 version 5)', () => {
  it.each([
    // RFC 9562 Appendix A.4: the DNS namespace and "www.example.com".
    ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com', '2ed6657d-e927-568b-95e1-2665a8aea6a2'],
    // The sample seed's ids use the same construction.
    ['6f1d2b8e-3c4a-4e5f-9a7b-0c1d2e3f4a5b', 'service:noor-karbala-cm', sampleId('service:noor-karbala-cm')],
  ])('%s + %s → %s', (namespace, name, expected) => {
    expect(nameUuid(namespace, name)).toBe(expected);
  });

  it('is stable, and different names give different ids', () => {
    const ns = '0d6c7f3e-5b1a-4c2e-9f47-8a3b2c1d0e5f';
    expect(nameUuid(ns, 'schedule:a')).toBe(nameUuid(ns, 'schedule:a'));
    expect(nameUuid(ns, 'schedule:a')).not.toBe(nameUuid(ns, 'schedule:b'));
    expect(nameUuid(ns, 'دهوك')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
