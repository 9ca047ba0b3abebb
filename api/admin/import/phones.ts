/**
 * Phone numbers from a sheet → E.164 (libphonenumber-js, with its small "min" metadata) or a
 * short code. libphonenumber-js has no short-number metadata in any of its builds (its README lists
 * short codes among what it does not parse), so a short code is accepted by a documented pattern:
 * 3 to 5 digits, not starting with 0 (Iraq's 104, 119, 122, 139; Guatemala's 110, 1500, 1572).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Country } from '../../domain/vocabulary.ts';

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;
export const SHORT_CODE = /^[1-9]\d{2,4}$/;

export type PhoneResult = { ok: true; value: string; shortCode: boolean } | { ok: false; written: string };

/** The numbers written in one cell ("0750 123 4567 / 0770 765 4321"), each normalised. */
export function parsePhones(cell: string, country: Country): PhoneResult[] {
  const ascii = cell.replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0)! & 0xf) % 10));
  return ascii
    .split(/[\n,;/،؛|]|\s(?:or|o|أو|او|یان|an)\s/u)
    .map((part) => part.trim())
    .filter((part) => /\d/.test(part))
    .map((written) => parsePhone(written, country));
}

function parsePhone(written: string, country: Country): PhoneResult {
  const digits = written.replace(/[\s().-]/g, '');
  if (SHORT_CODE.test(digits)) return { ok: true, value: digits, shortCode: true };
  const parsed = parsePhoneNumberFromString(digits.replace(/^00/, '+'), country);
  if (!parsed || !parsed.isValid()) return { ok: false, written };
  return { ok: true, value: parsed.number, shortCode: false };
}
