import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, matchTotp, totpCode } from '../../api/admin/auth/totp.ts';
import { hashPassword, PASSWORD_ITERATIONS, verifyPassword } from '../../api/admin/auth/secrets.ts';

const ascii = (s: string) => new TextEncoder().encode(s);
const SHA1_SECRET = ascii('12345678901234567890');
const SHA256_SECRET = ascii('12345678901234567890123456789012');
const SHA512_SECRET = ascii('1234567890123456789012345678901234567890123456789012345678901234');

describe('TOTP (RFC 6238 appendix B test vectors)', () => {
  it.each([
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ])('at T=%i', async (seconds, sha1, sha256, sha512) => {
    const counter = Math.floor(seconds / 30);
    expect(await hotp(SHA1_SECRET, counter, 8, 'SHA-1')).toBe(sha1);
    expect(await hotp(SHA256_SECRET, counter, 8, 'SHA-256')).toBe(sha256);
    expect(await hotp(SHA512_SECRET, counter, 8, 'SHA-512')).toBe(sha512);
  });

  it('base32 round-trips (RFC 4648 alphabet, as authenticator apps read it)', () => {
    expect(base32Encode(ascii('12345678901234567890'))).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toEqual(SHA1_SECRET);
  });

  it('accepts one step of clock drift either way, and never the same step twice', async () => {
    const secret = base32Encode(SHA1_SECRET);
    const at = new Date(1_700_000_000_000);
    const code = await totpCode(secret, at);
    const step = await matchTotp(secret, code, at, null);
    expect(step).toBe(Math.floor(at.getTime() / 30_000));
    expect(await matchTotp(secret, code, new Date(at.getTime() + 30_000), null)).toBe(step);
    expect(await matchTotp(secret, code, new Date(at.getTime() + 90_000), null)).toBeNull();
    expect(await matchTotp(secret, code, at, step)).toBeNull(); // replay
    expect(await matchTotp(secret, 'abcdef', at, null)).toBeNull();
  });
});

describe('password hashing', () => {
  it('is PBKDF2-SHA-256 at the Workers maximum of 100 000 iterations, salted per hash', async () => {
    const a = await hashPassword('a long enough password');
    const b = await hashPassword('a long enough password');
    expect(PASSWORD_ITERATIONS).toBe(100_000);
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('a long enough password', a)).toBe(true);
    expect(await verifyPassword('a long enough passwore', a)).toBe(false);
  });

  it('refuses stored hashes it must not run (unknown scheme, iteration count above the cap)', async () => {
    const good = await hashPassword('x'.repeat(12));
    expect(await verifyPassword('x'.repeat(12), good.replace('$100000$', '$100001$'))).toBe(false);
    expect(await verifyPassword('x'.repeat(12), null)).toBe(false);
    expect(await verifyPassword('x'.repeat(12), 'plain')).toBe(false);
  });
});
