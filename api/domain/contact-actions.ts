/**
 * A contact route as a direct action on a phone (S7, S9): dialable ASCII digits whatever digits
 * the value was typed in, and the app-specific links people already use.
 */
const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** "+964 (770) ٠٠٠-0001" → "+9647700000001"; short codes stay as they are ("497"). */
export function dialable(value: string): string {
  const ascii = value.replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0)! & 0xf) % 10));
  const plus = ascii.trim().startsWith('+') ? '+' : '';
  return plus + ascii.replace(/\D/g, '');
}

export function contactHref(kind: string, value: string): string | null {
  const digits = dialable(value);
  switch (kind) {
    case 'phone':
    case 'hotline':
      return digits ? `tel:${digits}` : null;
    case 'sms':
      return digits ? `sms:${digits}` : null;
    case 'whatsapp':
      return digits ? `https://wa.me/${digits.replace('+', '')}` : null;
    case 'signal':
      return digits ? `https://signal.me/#p/${digits.startsWith('+') ? digits : `+${digits}`}` : null;
    case 'telegram': {
      const username = value.trim().replace(/^@/, '');
      return /^[A-Za-z][A-Za-z0-9_]{3,31}$/.test(username) ? `https://t.me/${username}` : null;
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+$/.test(value.trim()) ? `mailto:${value.trim()}` : null;
    case 'web_form':
      return /^https:\/\//.test(value.trim()) ? value.trim() : null;
    default:
      return null;
  }
}
