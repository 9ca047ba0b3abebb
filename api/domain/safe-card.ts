/**
 * A safe card: only what a person needs to reach a service (its name, its public numbers and
 * their weekly hours), as text a caseworker can hand over by SMS, WhatsApp or on paper.
 *
 * The SMS form must fit two concatenated SMS segments. Arabic-script text travels as UCS-2, and
 * two concatenated UCS-2 segments hold 67 characters each (the rest carries the concatenation
 * header, 3GPP TS 23.040), so a body may have at most 134 UTF-16 code units. When the whole card
 * is longer, the shortening rules below are applied one step at a time, in their order, until it
 * fits. One thing is never dropped: the first number of the first service, written dialable.
 *
 * Pure: the words (day names, digits, labels) come from the caller, already in the card's language.
 */

/** Two concatenated UCS-2 SMS segments, in UTF-16 code units (what String#length counts). */
export const SMS_LIMIT = 134;

/** Code units as an SMS encoder counts them for UCS-2: one per UTF-16 unit. */
export const smsUnits = (text: string) => text.length;

/** Hotlines first, then the routes people ring, then text and messaging apps. */
const KIND_ORDER = ['hotline', 'phone', 'sms', 'whatsapp', 'signal', 'telegram'] as const;
export type CardRouteKind = (typeof KIND_ORDER)[number];
export const isCardRouteKind = (kind: string): kind is CardRouteKind =>
  (KIND_ORDER as readonly string[]).includes(kind);

/** One day of a route's regular week (no dated closures): the intervals it opens, or all day. */
export interface CardDay {
  weekday: number; // 0 = Sunday
  allDay: boolean;
  intervals: Array<{ opens: string; closes: string }>; // HH:MM, "24:00" for midnight
}

export interface CardRoute {
  kinds: CardRouteKind[];
  /** Dialable: ASCII digits, a leading "+" for an international number ("+9647700000001", "497"). */
  number: string;
  /** Seven days, or null when the hours are not known (which is not "closed"). */
  week: CardDay[] | null;
}

export interface CardEntry {
  /** A service's name; null on a one-service card (the title names it) or a discreet pathway card. */
  name: string | null;
  routes: CardRoute[];
}

export interface CardContent {
  title: string | null;
  entries: CardEntry[];
  /** "From Masar"; null on a discreet card. */
  footer: string | null;
}

/** The words a card is written with, in its language. */
export interface CardWords {
  rtl: boolean;
  /** Short day names, Sunday first. */
  days: readonly string[];
  /** How the language writes digits in hours ("١٤" in Arabic script); never applied to numbers. */
  digits: (text: string) => string;
  kind: (kind: CardRouteKind) => string;
  daily: string;
  always: string;
  allDay: string;
}

/**
 * Routes with the same number and the same hours become one line ("Call/WhatsApp: +964…"), in
 * the order hotline, phone, SMS, messaging apps. Different hours stay apart: merging them would
 * say one of them wrongly.
 */
export function mergeRoutes(routes: Array<{ kind: CardRouteKind; number: string; rule: string | null }>) {
  const sorted = [...routes].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
  const merged: Array<{ kinds: CardRouteKind[]; number: string; rule: string | null }> = [];
  for (const route of sorted) {
    const same = merged.find((m) => m.number === route.number && m.rule === route.rule);
    if (same) {
      if (!same.kinds.includes(route.kind)) same.kinds.push(route.kind);
    } else merged.push({ kinds: [route.kind], number: route.number, rule: route.rule });
  }
  return merged;
}

/** "08:00" → "8:00", or "8" when short and on the hour; "24:00" → "24". */
function timeText(hhmm: string, short: boolean): string {
  const [h, m] = hhmm.split(':');
  const hour = String(Number(h));
  return short && m === '00' ? hour : `${hour}:${m}`;
}

/**
 * Hours compressed to runs of days with the same hours: "Sun–Thu 8:00–14:00", "daily 9:00–17:00",
 * "24/7". Closed days are not written. Null when not known (an interval left unconfirmed counts
 * as not known: a card must not promise an hour).
 */
export function weekText(week: CardDay[] | null, words: CardWords, short: boolean): string | null {
  if (!week || week.length !== 7) return null;
  const separator = words.rtl ? '، ' : ', ';
  const byDay = [...week].sort((a, b) => a.weekday - b.weekday);
  const keys = byDay.map((d) =>
    d.allDay
      ? words.allDay
      : d.intervals.map((i) => `${timeText(i.opens, short)}–${timeText(i.closes, short)}`).join(separator),
  );
  if (keys.every((k) => k === words.allDay)) return words.always;
  if (keys.every((k) => k === '')) return null;
  if (keys.every((k) => k === keys[0])) return words.digits(`${words.daily} ${keys[0]!}`);
  // Start where the hours change, so a run across Saturday and Sunday stays one run.
  const start = keys.findIndex((k, i) => k !== keys[(i + 6) % 7]);
  const runs: string[] = [];
  for (let i = 0; i < 7;) {
    const from = (start + i) % 7;
    let length = 1;
    while (i + length < 7 && keys[(start + i + length) % 7] === keys[from]) length++;
    const to = (from + length - 1) % 7;
    if (keys[from]) {
      const days = length === 1 ? words.days[from]! : `${words.days[from]!}–${words.days[to]!}`;
      runs.push(`${days} ${keys[from]!}`);
    }
    i += length;
  }
  return words.digits(runs.join(separator));
}

/** How much of the card is kept; each shortening rule moves one of these one step. */
interface Shape {
  shortTimes: boolean;
  footer: boolean;
  routesPerService: number;
  hours: boolean;
  services: number;
  nameLength: number | null;
  names: boolean;
}

export type ShorteningRule =
  | 'times-shortened'
  | 'site-name-dropped'
  | 'further-routes-dropped'
  | 'names-shortened'
  | 'hours-dropped'
  | 'later-services-dropped'
  | 'names-dropped';

/** A name is not shortened below this many characters: shorter, it would name nothing. */
const MIN_NAME = 14;

/** One step of a rule, or null when the rule has nothing left to take. */
const STEPS: Record<ShorteningRule, (s: Shape, longestName: number) => Shape | null> = {
  // "08:00–14:00" → "8–14": the same hours in fewer characters.
  'times-shortened': (s) => (s.shortTimes ? null : { ...s, shortTimes: true }),
  // The site's name helps nobody reach the service.
  'site-name-dropped': (s) => (s.footer ? { ...s, footer: false } : null),
  // A third, then a second number of a service: the first still reaches it.
  'further-routes-dropped': (s) => (s.routesPerService > 1 ? { ...s, routesPerService: s.routesPerService - 1 } : null),
  // A name cut at a word with "…" still says which service it is.
  'names-shortened': (s, longest) => {
    if (!s.names) return null;
    const current = Math.min(s.nameLength ?? longest, longest);
    return current > MIN_NAME ? { ...s, nameLength: Math.max(MIN_NAME, current - 4) } : null;
  },
  // Without hours a person may call at a closed time, but can still call.
  'hours-dropped': (s) => (s.hours ? { ...s, hours: false } : null),
  // A pathway card keeps its first steps' services, the later ones go.
  'later-services-dropped': (s) => (s.services > 1 ? { ...s, services: s.services - 1 } : null),
  // Last: the number alone, which is never dropped.
  'names-dropped': (s) => (s.names ? { ...s, names: false } : null),
};

/** One service's card: its own numbers and hours matter more than a full name. */
export const SERVICE_CARD_RULES: readonly ShorteningRule[] = [
  'times-shortened',
  'site-name-dropped',
  'further-routes-dropped',
  'names-shortened',
  'hours-dropped',
  'names-dropped',
];

/** A pathway card: more services to choose from matter more than their hours or full names. */
export const PATHWAY_CARD_RULES: readonly ShorteningRule[] = [
  'times-shortened',
  'site-name-dropped',
  'further-routes-dropped',
  'hours-dropped',
  'names-shortened',
  'later-services-dropped',
  'names-dropped',
];

const LRM = '\u200E';

/**
 * A number as text: dialable ASCII digits (a phone turns them into a link). In right-to-left text a
 * left-to-right mark keeps the "+" at the number's start, where a reader expects it.
 */
export const numberText = (number: string, rtl: boolean) => (rtl && number.startsWith('+') ? LRM + number : number);

/** "…" cut at a word when one ends in the second half, never inside a surrogate pair. */
export function shortenName(name: string, length: number): string {
  if (name.length <= length) return name;
  let cut = name.slice(0, length - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space >= length / 2) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
}

/** The card as lines of text, as much of it as `shape` keeps. */
function render(content: CardContent, words: CardWords, shape: Shape): string {
  const name = (text: string | null) =>
    text && shape.names ? (shape.nameLength ? shortenName(text, shape.nameLength) : text) : null;
  const lines: string[] = [];
  const title = name(content.title);
  if (title) lines.push(title);
  for (const entry of content.entries.slice(0, shape.services)) {
    const entryName = name(entry.name);
    if (entryName) lines.push(entryName);
    for (const route of entry.routes.slice(0, shape.routesPerService)) {
      lines.push(`${route.kinds.map(words.kind).join('/')}: ${numberText(route.number, words.rtl)}`);
      const hours = shape.hours ? weekText(route.week, words, shape.shortTimes) : null;
      // Hours on their own line: one digit system per line (numbers stay ASCII, hours local).
      if (hours) lines.push(hours);
    }
  }
  if (shape.footer && content.footer) lines.push(content.footer);
  return lines.join('\n');
}

/** Everything kept. */
const full = (content: CardContent): Shape => ({
  shortTimes: false,
  footer: true,
  routesPerService: Math.max(1, ...content.entries.map((e) => e.routes.length)),
  hours: true,
  services: content.entries.length,
  nameLength: null,
  names: true,
});

/** The whole card, nothing shortened: for print, WhatsApp and copying. */
export const cardText = (content: CardContent, words: CardWords) => render(content, words, full(content));

/**
 * The card shortened to `limit` UTF-16 units by `rules`, in order: each rule is applied one step
 * at a time until the text fits or the rule has nothing left, then the next. Returns the text and
 * the rules that changed it. A card with no number at all is returned as it is shortened: it has
 * nothing that could be dropped to make room for a number.
 */
export function fitCard(
  content: CardContent,
  words: CardWords,
  rules: readonly ShorteningRule[],
  limit = SMS_LIMIT,
): { text: string; applied: ShorteningRule[] } {
  const names = [content.title, ...content.entries.map((e) => e.name)].filter((n): n is string => !!n);
  const longest = Math.max(0, ...names.map((n) => n.length));
  let shape = full(content);
  let text = render(content, words, shape);
  const applied: ShorteningRule[] = [];
  for (const rule of rules) {
    while (smsUnits(text) > limit) {
      const next = STEPS[rule](shape, longest);
      if (!next) break;
      shape = next;
      const shorter = render(content, words, shape);
      if (shorter !== text && !applied.includes(rule)) applied.push(rule);
      text = shorter;
    }
  }
  return { text, applied };
}
