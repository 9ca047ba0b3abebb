/**
 * Opening hours as people write them in service-mapping sheets ("Sun-Thu 8:00-14:00",
 * "الأحد - الخميس ٨ صباحاً - ٢ ظهراً", "lunes a viernes 8:00-16:00", "24/7") → OSM opening_hours,
 * then checked by the same library that evaluates it. Strict: a word it does not know makes the
 * whole value unreadable, because a half-read rule would state hours nobody wrote; the caller
 * then keeps the hours unknown (never "closed").
 */
import { checkOpeningHours } from '../../domain/opening-hours.ts';
import { normaliseText } from '../../domain/text-normalise.ts';

const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

/** Day names by language, Monday first; each written as people spell it, matched after normalising. */
const DAY_SPELLINGS: string[][] = [
  // Monday … Sunday
  ['mon', 'monday', 'lunes', 'lun', 'الاثنين', 'الإثنين', 'اثنين', 'دووشەممە', 'دوشەممە', 'duşem', 'duşemî'],
  ['tue', 'tues', 'tuesday', 'martes', 'mar', 'الثلاثاء', 'ثلاثاء', 'سێشەممە', 'sêşem', 'sêşemî'],
  ['wed', 'wednesday', 'miércoles', 'mié', 'mie', 'الأربعاء', 'أربعاء', 'چوارشەممە', 'çarşem', 'çarşemî'],
  ['thu', 'thur', 'thurs', 'thursday', 'jueves', 'jue', 'الخميس', 'خميس', 'پێنجشەممە', 'pêncşem', 'pêncşemî'],
  ['fri', 'friday', 'viernes', 'vie', 'الجمعة', 'جمعة', 'هەینی', 'ھەینی', 'în', 'înî'],
  ['sat', 'saturday', 'sábado', 'sab', 'sáb', 'السبت', 'سبت', 'شەممە', 'شەمە', 'şemî', 'şemiyê'],
  ['sun', 'sunday', 'domingo', 'dom', 'الأحد', 'الاحد', 'أحد', 'یەکشەممە', 'یەکشەمە', 'yekşem', 'yekşemî'],
];
const DAYS = new Map<string, number>(
  DAY_SPELLINGS.flatMap((spellings, day) => spellings.map((s) => [normaliseText(s), day] as [string, number])),
);

const words = (list: string[]) => new Set(list.map(normaliseText));
/** "from Sunday to Thursday": the words between two days or two times. */
const RANGE_WORDS = words([
  'to',
  'till',
  'until',
  'a',
  'al',
  'hasta',
  'إلى',
  'الى',
  'حتى',
  'لغاية',
  'ta',
  'heta',
  'هەتا',
  'تا',
  'بۆ',
]);
/** Words that carry nothing for the rule: "from", "de … a …", "h", "hours". */
const FILLER_WORDS = words([
  'from',
  'de',
  'del',
  'desde',
  'las',
  'la',
  'من',
  'لە',
  'ji',
  'h',
  'hrs',
  'hr',
  'horas',
  'الساعة',
  'ساعة',
  'کاتژمێر',
  'open',
  'abierto',
  'and',
  'y',
  'و',
  'û',
]);
const EVERY_DAY = words([
  'daily',
  'everyday',
  'يوميا',
  'يومياً',
  'رۆژانە',
  'todos',
  'días',
  'dias',
  'diario',
  'every',
  'day',
  'days',
  'كل',
  'الايام',
  'الأيام',
  'هەموو',
  'ڕۆژێک',
  'rojane',
]);
/** Morning, afternoon/evening, and noon ("٢ ظهراً" is 14:00, "١٢ ظهراً" is 12:00). */
const AM_WORDS = words(['am', 'صباحا', 'صباحاً', 'ص', 'بەیانی', 'mañana', 'manana']);
const PM_WORDS = words(['pm', 'مساء', 'مساءً', 'م', 'ئێوارە', 'tarde', 'noche']);
const NOON_WORDS = words(['ظهرا', 'ظهراً', 'الظهر', 'نیوەڕۆ', 'mediodía', 'mediodia']);
const ALWAYS = /^(24\s*\/\s*7|24\s*h(ours|oras|rs)?|24\s*ساع[ةه]|24\s*کاتژمێر)$/i;

type Marker = 'am' | 'pm' | 'noon';
type Token =
  | { t: 'day'; day: number }
  | { t: 'every' }
  | { t: 'time'; h: number; m: number }
  | { t: 'marker'; marker: Marker }
  | { t: 'range' }
  | { t: 'list' }
  | { t: 'segment' };

const EASTERN_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

function tokenize(text: string): Token[] | null {
  const prepared = text
    .replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0)! & 0xf) % 10))
    .replace(/[٫]/g, ':')
    .replace(/\b([ap])\.\s?m\./gi, '$1m')
    .replace(/(\d)(?=\p{L})|(\p{L})(?=\d)/gu, '$1$2 ');
  const raw = prepared.match(/\d{1,2}(?:[:.]\d{2})?|[\p{L}\p{M}'’]+|[-–—~]|[;\n|]|[,،/&+]/gu) ?? [];
  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i]!;
    const time = /^(\d{1,2})(?:[:.](\d{2}))?$/.exec(part);
    if (time) {
      tokens.push({ t: 'time', h: Number(time[1]), m: Number(time[2] ?? 0) });
      continue;
    }
    if (/^[-–—~]$/.test(part)) tokens.push({ t: 'range' });
    else if (/^[;\n|]$/.test(part)) tokens.push({ t: 'segment' });
    else if (/^[,،/&+]$/.test(part)) tokens.push({ t: 'list' });
    else {
      const word = normaliseText(part).replace(/ /g, '');
      const bare = word.startsWith('ال') && word.length > 4 ? word.slice(2) : word;
      // A day written as two words ("یەک شەممە") is one day, not "one" and Saturday.
      const following = raw[i + 1] ?? '';
      const joined = /^\p{L}/u.test(following) ? normaliseText(part + following).replace(/ /g, '') : '';
      if (joined && DAYS.has(joined)) {
        tokens.push({ t: 'day', day: DAYS.get(joined)! });
        i++;
      } else if (DAYS.has(word) || DAYS.has(bare)) tokens.push({ t: 'day', day: DAYS.get(word) ?? DAYS.get(bare)! });
      else if (RANGE_WORDS.has(word)) tokens.push({ t: 'range' });
      else if (AM_WORDS.has(word)) tokens.push({ t: 'marker', marker: 'am' });
      else if (PM_WORDS.has(word)) tokens.push({ t: 'marker', marker: 'pm' });
      else if (NOON_WORDS.has(word)) tokens.push({ t: 'marker', marker: 'noon' });
      else if (EVERY_DAY.has(word) || EVERY_DAY.has(bare)) tokens.push({ t: 'every' });
      else if (!FILLER_WORDS.has(word)) return null;
    }
  }
  return tokens;
}

function hour24(h: number, marker: Marker | undefined): number {
  if (marker === 'am') return h === 12 ? 0 : h;
  if (marker === 'pm') return h < 12 ? h + 12 : h;
  if (marker === 'noon') return h <= 5 ? h + 12 : h;
  return h;
}

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

interface Segment {
  days: string[];
  times: string[];
}

// A sheet writes the same few hours on many rows: each text is read once (the most recent kept).
const HOURS_CACHE_SIZE = 1000;
const readHours = new Map<string, string | null>();

/** The rule, or null when the text is not hours we can read without guessing. */
export function parseHours(text: string): string | null {
  if (readHours.has(text)) return readHours.get(text)!;
  const rule = parseHoursUncached(text);
  if (readHours.size >= HOURS_CACHE_SIZE) readHours.delete(readHours.keys().next().value as string);
  readHours.set(text, rule);
  return rule;
}

function parseHoursUncached(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const ascii = trimmed.replace(EASTERN_DIGITS, (d) => String((d.codePointAt(0)! & 0xf) % 10));
  if (ALWAYS.test(ascii)) return '24/7';
  const tokens = tokenize(trimmed);
  if (!tokens) return null;
  const segments: Segment[] = [];
  let current: Segment = { days: [], times: [] };
  const flush = () => {
    if (current.days.length || current.times.length) segments.push(current);
    current = { days: [], times: [] };
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.t === 'segment') flush();
    else if (token.t === 'list') continue;
    else if (token.t === 'every') {
      if (current.times.length) flush();
      if (!current.days.includes('Mo-Su')) current.days = ['Mo-Su'];
    } else if (token.t === 'day') {
      if (current.times.length) flush();
      const next = tokens[i + 1];
      const end = tokens[i + 2];
      if (next?.t === 'range' && end?.t === 'day') {
        current.days.push(`${OSM_DAYS[token.day]}-${OSM_DAYS[end.day]}`);
        i += 2;
      } else current.days.push(OSM_DAYS[token.day]!);
    } else if (token.t === 'time') {
      // time [marker] range time [marker]
      let j = i + 1;
      const startMarker = tokens[j]?.t === 'marker' ? (tokens[j++] as { marker: Marker }).marker : undefined;
      if (tokens[j]?.t !== 'range') return null;
      const endToken = tokens[j + 1];
      if (endToken?.t !== 'time') return null;
      j += 2;
      const endMarker = tokens[j]?.t === 'marker' ? (tokens[j++] as { marker: Marker }).marker : undefined;
      if (token.h > 24 || endToken.h > 24 || token.m > 59 || endToken.m > 59) return null;
      const start = hour24(token.h, startMarker ?? (endMarker === 'am' ? 'am' : undefined)) * 60 + token.m;
      let end = hour24(endToken.h, endMarker) * 60 + endToken.m;
      // "8-2" in a sheet means 8:00 to 14:00: an office does not close before it opens. An evening
      // start ("22-6") is read as overnight, as written.
      if (!endMarker && end <= start && start < 12 * 60 && end + 12 * 60 > start && end < 12 * 60) end += 12 * 60;
      current.times.push(`${clock(start)}-${clock(end)}`);
      i = j - 1;
    } else return null; // a marker or range with nothing to attach to
  }
  flush();
  if (!segments.length || segments.some((s) => !s.days.length || !s.times.length)) return null;
  const rule = segments.map((s) => `${s.days.join(',')} ${s.times.join(',')}`).join('; ');
  const checked = checkOpeningHours(rule);
  return checked.ok ? checked.normalised : null;
}
