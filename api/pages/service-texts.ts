/**
 * From the public service view (the same shape the API returns) to words on the page: hours in
 * the service's own time zone (S8), contact actions (S7), eligibility and freshness (C2).
 */
import { formatDate, localDigits, weekdayName } from '../../web/src/i18n/format.ts';
import type { MessageKey } from '../../web/src/i18n/index.ts';
import { routeKindKey } from '../../web/src/i18n/route-kinds.ts';
import { isPhoneKind } from '../domain/vocabulary.ts';
import { isPhoneNumber } from '../domain/contact-actions.ts';
import { wallTime } from '../domain/zoned-time.ts';
import type { hoursView, serviceSummary } from '../views/service-view.ts';
import type { PageContext } from './page-context.ts';

export type ServiceSummaryView = ReturnType<typeof serviceSummary>;
export type HoursView = ReturnType<typeof hoursView>;
export type ContactRouteView = ServiceSummaryView['contact_routes'][number];

export { timeZoneOf } from '../domain/vocabulary.ts';

/** "Open now · closes at ١٤:٠٠", "Closed now · opens Sunday 08:00", "Opening hours not known". */
export function hoursText(hours: HoursView, page: PageContext, timeZone: string): string {
  const { t, lang } = page;
  const next = hours.next_change_local;
  const when = next && { time: localDigits(next.time, lang), day: weekdayName(next.weekday, lang) };
  const today = next?.date === wallTime(page.now, timeZone).date;
  switch (hours.state) {
    case 'open':
      if (hours.always_open) return t('hoursOpen24');
      if (!when) return t('hoursOpen');
      return today ? t('hoursOpenClosesAt', when) : t('hoursOpenClosesOn', when);
    case 'closed':
      if (!when) return hours.closed_by ? t('hoursClosedTemporarily') : t('hoursClosed');
      return today ? t('hoursClosedOpensAt', when) : t('hoursClosedOpensOn', when);
    default:
      return t('hoursUnknown');
  }
}

export const actionKey = (kind: string): MessageKey => routeKindKey(kind) ?? 'contactPhone';

/** A phone route whose value is written as a number is shown as one (a Telegram username as written). */
export const shownAsPhone = (route: { kind: string; value: string }) =>
  isPhoneKind(route.kind) && isPhoneNumber(route.value);

/** "+9647700000113" → "+964 770 000 0113": groups that are easy to read out and type. */
export function displayPhone(value: string): string {
  const digits = value.replace(/[^\d+]/g, '');
  const iraq = /^\+964(\d{3})(\d{3})(\d{4})$/.exec(digits);
  if (iraq) return `+964 ${iraq[1]} ${iraq[2]} ${iraq[3]}`;
  const guatemala = /^\+502(\d{4})(\d{4})$/.exec(digits);
  if (guatemala) return `+502 ${guatemala[1]} ${guatemala[2]}`;
  return value;
}

export function languageList(codes: string[], page: PageContext): string {
  const names = codes.map((code) => {
    const key = `lang_${code}` as MessageKey;
    return page.t(key) === key ? code : page.t(key);
  });
  return names.join(page.dir === 'rtl' ? '، ' : ', ');
}

/**
 * Who a service is for, exactly as the data says: "Adults (18 and over)" rather than "Anyone,
 * from age 18", "Women and girls aged 12 and over", "Women (18 and over)".
 */
export function eligibilityText(e: ServiceSummaryView['eligibility'], page: PageContext): string {
  const { t, lang } = page;
  const min = e.min_age === null ? null : localDigits(String(e.min_age), lang);
  const max = e.max_age === null ? null : localDigits(String(e.max_age), lang);
  const adultsOnly = e.min_age !== null && e.min_age >= 18 && e.max_age === null;
  if (adultsOnly && (e.gender === 'any' || e.gender === 'unknown')) return t('eligibleAdults', { min: min! });
  if (adultsOnly && e.gender === 'women') return t('eligibleAdultWomen', { min: min! });
  if (adultsOnly && e.gender === 'men') return t('eligibleAdultMen', { min: min! });
  const who = {
    any: t('eligibleAny'),
    women: t('eligibleWomen'),
    men: t('eligibleMen'),
    unknown: t('eligibleUnknown'),
  }[e.gender];
  const ages =
    min && max ? t('ageRange', { min, max }) : min ? t('ageFrom', { min }) : max ? t('ageUpTo', { max }) : null;
  return ages ? `${who}${page.dir === 'rtl' ? '، ' : ', '}${ages}` : who;
}

/**
 * Letters and digits only, lower case, without Arabic short vowels, tanween or tatweel, and
 * without the Arabic article and its attached prepositions ("للنساء" and "النساء" are one word).
 */
const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => w.replace(/^و?(?:بال|فال|كال|لل|ال)(?=\p{L}{3})/u, ''))
    .filter((w) => w.length > 1);

/** The same word up to its ending: "مجاناً" and "مجاني", "gratuito" and "gratuita". */
const sameWord = (a: string, b: string) => (a.length < 4 || b.length < 4 ? a === b : a.slice(0, 4) === b.slice(0, 4));

/**
 * A data note beside a structured fact keeps only the sentences that add something: a sentence
 * whose every word is already in the fact ("Free" + "Free of charge" is not, "مجاناً" + "مجاني"
 * is) says the fact twice and is left out. Null when nothing is left.
 */
export function noteBeyondFact(note: string, fact: string): string | null {
  const factWords = wordsOf(fact);
  const kept = note.split(/(?<=[.!?؟])\s+/).filter((sentence) => {
    const words = wordsOf(sentence);
    return words.length > 0 && !words.every((w) => factWords.some((f) => sameWord(w, f)));
  });
  return kept.length ? kept.join(' ') : null;
}

export const costKey: Record<ServiceSummaryView['cost'], MessageKey> = {
  free: 'costFree',
  paid: 'costPaid',
  varies: 'costVaries',
  unknown: 'costUnknown',
};

export const femaleStaffKey: Record<ServiceSummaryView['female_staff'], MessageKey> = {
  yes: 'femaleYes',
  on_request: 'femaleOnRequest',
  no: 'femaleNo',
  unknown: 'femaleUnknown',
};

export const anonymousKey: Record<ServiceSummaryView['anonymous_reporting'], MessageKey> = {
  yes: 'anonymousYes',
  no: 'anonymousNo',
  unknown: 'anonymousUnknown',
};

export const freshnessKey = (freshness: string): MessageKey => `freshness_${freshness}` as MessageKey;

export const dateText = (iso: string, page: PageContext, timeZone: string) => formatDate(iso, page.lang, timeZone);
