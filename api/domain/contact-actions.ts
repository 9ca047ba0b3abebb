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

/**
 * A number in international form ("+964…", "00964…"), without the plus, or null. Messaging apps
 * need the country code: a local number ("0770…") would open a chat with someone else, so it
 * gets no link (the value is still shown as text).
 */
function internationalDigits(value: string): string | null {
  const digits = dialable(value).replace(/^00/, '+');
  const bare = digits.replace('+', '');
  if (!digits.startsWith('+') && digits.startsWith('0')) return null;
  return /^\d{7,15}$/.test(bare) ? bare : null;
}

/** The path of a link on one of the app's own hosts ("https://t.me/name" → "name"), or null. */
function appLink(value: string, hosts: RegExp): string | null {
  const match = /^(?:https:\/\/)?([a-z.]+)\/(\S+)$/i.exec(value.trim());
  return match && hosts.test(match[1]!) ? `https://${match[1]!.toLowerCase()}/${match[2]}` : null;
}

const TELEGRAM_USERNAME = /^@?([A-Za-z][A-Za-z0-9_]{3,31})$/;
const PHONE_LIKE = /^[+0-9\u0660-\u0669\u06F0-\u06F9][0-9\u0660-\u0669\u06F0-\u06F9\s().-]*$/;

export function contactHref(kind: string, value: string): string | null {
  const digits = dialable(value);
  switch (kind) {
    case 'phone':
    case 'hotline':
      return digits ? `tel:${digits}` : null;
    case 'sms':
      return digits ? `sms:${digits}` : null;
    case 'whatsapp': {
      if (!PHONE_LIKE.test(value.trim())) return appLink(value, /^(wa\.me|api\.whatsapp\.com)$/i);
      const number = internationalDigits(value);
      return number ? `https://wa.me/${number}` : null;
    }
    case 'signal': {
      // A Signal username cannot be linked without the app's own share link (it carries a hash).
      if (!PHONE_LIKE.test(value.trim())) return appLink(value, /^signal\.me$/i);
      const number = internationalDigits(value);
      return number ? `https://signal.me/#p/+${number}` : null;
    }
    case 'telegram': {
      const trimmed = value.trim();
      // Telegram opens a chat by phone number with t.me/+<international number>.
      if (PHONE_LIKE.test(trimmed)) {
        const number = internationalDigits(trimmed);
        return number ? `https://t.me/+${number}` : null;
      }
      const username = TELEGRAM_USERNAME.exec(trimmed)?.[1];
      return username ? `https://t.me/${username}` : appLink(trimmed, /^(t\.me|telegram\.me)$/i);
    }
    case 'email':
      return /^[^\s@]+@[^\s@]+$/.test(value.trim()) ? `mailto:${value.trim()}` : null;
    case 'web_form':
      return /^https:\/\//.test(value.trim()) ? value.trim() : null;
    default:
      return null;
  }
}

/** Whether a value is written as a phone number (some app routes are given as one). */
export const isPhoneNumber = (value: string) =>
  PHONE_LIKE.test(value.trim()) && dialable(value).replace('+', '').length >= 3;
