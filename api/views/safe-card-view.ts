/**
 * A safe card from the public view of one or more services (already public: see
 * queries/public-directory.ts), in the card's language: the words, the three text forms (the
 * whole card, the SMS body that fits two segments, the WhatsApp text) and their links. No I/O.
 */
import { localDigits } from '../../web/src/i18n/format.ts';
import { dirOf, translator, type Translate, type UiLanguage } from '../../web/src/i18n/index.ts';
import { dialable, isPhoneNumber } from '../domain/contact-actions.ts';
import {
  PATHWAY_CARD_RULES,
  SERVICE_CARD_RULES,
  SMS_LIMIT,
  cardText,
  fitCard,
  isCardRouteKind,
  mergeRoutes,
  smsUnits,
  weekText,
  type CardContent,
  type CardRouteKind,
  type CardWords,
} from '../domain/safe-card.ts';
import { weekAhead } from '../domain/weekly-hours.ts';
import type { serviceSummary } from './service-view.ts';

type ServiceSummaryView = ReturnType<typeof serviceSummary>;

/** A pathway card lists the first services of its first steps: a small card has room for these. */
export const PATHWAY_CARD_SERVICES = 6;

const KIND_KEYS = {
  hotline: 'safeCardCall',
  phone: 'safeCardCall',
  sms: 'safeCardSmsKind',
  whatsapp: 'contactWhatsapp',
  signal: 'contactSignal',
  telegram: 'contactTelegram',
} as const;

export function cardWords(lang: UiLanguage): CardWords & { t: Translate } {
  const t = translator(lang);
  return {
    t,
    rtl: dirOf(lang) === 'rtl',
    days: t('safeCardDays').split(','),
    digits: (text) => localDigits(text, lang),
    kind: (kind: CardRouteKind) => t(KIND_KEYS[kind]),
    daily: t('safeCardDaily'),
    always: t('safeCardAlways'),
    allDay: t('safeCardAllDay'),
  };
}

/** Whether a service has a number to put on a card (the service page links to its card only then). */
export const hasCardNumber = (service: Pick<ServiceSummaryView, 'contact_routes'>) =>
  service.contact_routes.some((r) => isCardRouteKind(r.kind) && isPhoneNumber(r.value));

/**
 * A service's routes that a person can dial or message by number, merged by number and hours.
 * The regular week is read without dated closures: a card is kept for weeks, a closure is not.
 */
function cardRoutes(service: ServiceSummaryView, now: Date) {
  const routes = service.contact_routes
    .filter((r) => isCardRouteKind(r.kind) && isPhoneNumber(r.value))
    .map((r) => ({ kind: r.kind as CardRouteKind, number: dialable(r.value), rule: r.opening_hours }));
  return mergeRoutes(routes).map((r) => {
    const days = weekAhead(r.rule, [], now, service.time_zone);
    const known = days && days.every((d) => d.intervals.every((i) => !i.unknown));
    return {
      kinds: r.kinds,
      number: r.number,
      week: known
        ? days.map((d) => ({
            weekday: d.weekday,
            allDay: d.allDay,
            intervals: d.intervals.map((i) => ({ opens: i.opens, closes: i.closes })),
          }))
        : null,
    };
  });
}

export interface SafeCardInput {
  kind: 'service' | 'pathway';
  /** The service's or pathway's name in the card's language. */
  name: string;
  services: ServiceSummaryView[];
  lang: UiLanguage;
  /** No service or pathway name and no site name: nothing that says what the card is about. */
  discreet: boolean;
  siteName: string;
  now: Date;
}

export function safeCard(input: SafeCardInput) {
  const { lang, discreet, kind } = input;
  const words = cardWords(lang);
  const { t } = words;
  const entries = input.services
    .map((service) => ({
      service,
      name: kind === 'pathway' && !discreet ? (service.name?.text ?? null) : null,
      routes: cardRoutes(service, input.now),
    }))
    .filter((e) => e.routes.length > 0)
    .slice(0, kind === 'pathway' ? PATHWAY_CARD_SERVICES : 1);
  const content: CardContent = {
    title: discreet ? t('safeCardNeutralTitle') : input.name,
    entries: entries.map(({ name, routes }) => ({ name, routes })),
    footer: discreet ? null : t('safeCardFrom', { site: input.siteName }),
  };
  // A listing with no number to dial has no card to send: saying a name alone would reach nobody.
  const reachable = content.entries.length > 0;
  const text = cardText(content, words);
  const sms = fitCard(content, words, kind === 'pathway' ? PATHWAY_CARD_RULES : SERVICE_CARD_RULES);
  return {
    kind,
    lang,
    dir: dirOf(lang),
    discreet,
    title: content.title,
    footer: content.footer,
    entries: entries.map((e) => ({
      service_id: e.service.id,
      name: e.name,
      routes: e.routes.map((r) => ({
        kinds: r.kinds,
        labels: r.kinds.map(words.kind),
        number: r.number,
        hours: weekText(r.week, words, false),
      })),
    })),
    text: reachable ? text : null,
    sms: reachable
      ? {
          body: sms.text,
          units: smsUnits(sms.text),
          limit: SMS_LIMIT,
          shortened_by: sms.applied,
          // "sms:?&body=": the form both iOS (which wants "&") and Android read; no recipient, the
          // caseworker picks the person's number in their own messaging app.
          href: `sms:?&body=${encodeURIComponent(sms.text)}`,
        }
      : null,
    // A link the caseworker taps: WhatsApp is contacted only then, never when the page loads.
    whatsapp_href: reachable ? `https://wa.me/?text=${encodeURIComponent(text)}` : null,
  };
}

export type SafeCardView = ReturnType<typeof safeCard>;
