import { describe, expect, it } from 'vitest';
import {
  PATHWAY_CARD_RULES,
  SERVICE_CARD_RULES,
  SMS_LIMIT,
  cardText,
  fitCard,
  mergeRoutes,
  shortenName,
  weekText,
  type CardContent,
  type CardDay,
  type CardWords,
} from '../../api/domain/safe-card.ts';
import { localDigits } from '../../web/src/i18n/format.ts';

const EN: CardWords = {
  rtl: false,
  days: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  digits: (text) => text,
  kind: (kind) => ({ hotline: 'Call', phone: 'Call', sms: 'SMS' })[kind as 'phone'] ?? 'WhatsApp',
  daily: 'daily',
  always: '24/7',
  allDay: '24h',
};
const AR: CardWords = {
  rtl: true,
  days: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  digits: (text) => localDigits(text, 'ar'),
  kind: (kind) => (kind === 'whatsapp' ? 'واتساب' : 'اتصال'),
  daily: 'يومياً',
  always: '٢٤/٧',
  allDay: '٢٤ ساعة',
};

/** A week from one entry per weekday: "" closed, "24h" all day, "08:00-14:00" one interval. */
const week = (...days: string[]): CardDay[] =>
  days.map((d, weekday) => ({
    weekday,
    allDay: d === '24h',
    intervals:
      d === '' || d === '24h' ? [] : d.split(',').map((i) => ({ opens: i.split('-')[0]!, closes: i.split('-')[1]! })),
  }));
const OFFICE = week('', '08:00-14:00', '08:00-14:00', '08:00-14:00', '08:00-14:00', '08:00-14:00', '');
const SUN_TO_THU = week('08:00-14:00', '08:00-14:00', '08:00-14:00', '08:00-14:00', '08:00-14:00', '', '');

describe('a safe card writes the weekly hours compressed', () => {
  it.each([
    ['working days as one run', SUN_TO_THU, false, 'Sun–Thu 8:00–14:00'],
    ['short times drop ":00"', SUN_TO_THU, true, 'Sun–Thu 8–14'],
    [
      'a run that crosses Saturday into Sunday stays one run',
      week(...Array(5).fill('09:00-17:00'), '', '09:00-17:00'),
      true,
      'Sat–Thu 9–17',
    ],
    ['the same hours every day say "daily"', week(...Array(7).fill('09:00-17:00')), true, 'daily 9–17'],
    ['open all day every day says 24/7', week(...Array(7).fill('24h')), true, '24/7'],
    [
      'minutes are kept when they are not on the hour',
      week('', '08:30-14:00', '', '', '', '', ''),
      true,
      'Mon 8:30–14',
    ],
    [
      'two runs with different hours',
      week('08:00-14:00', '08:00-14:00', '', '', '16:00-20:00', '', ''),
      true,
      'Sun–Mon 8–14, Thu 16–20',
    ],
  ])('%s', (_, days, short, expected) => {
    expect(weekText(days, EN, short)).toBe(expected);
  });

  it('hours that are not known, or a week closed every day, say nothing rather than "closed"', () => {
    expect(weekText(null, EN, false)).toBeNull();
    expect(weekText(week('', '', '', '', '', '', ''), EN, false)).toBeNull();
  });

  it('Arabic hours use Arabic-Indic digits and the Arabic comma', () => {
    const days = week('08:00-14:00', '08:00-14:00', '', '', '16:00-20:00', '', '');
    expect(weekText(days, AR, true)).toBe('الأحد–الاثنين ٨–١٤، الخميس ١٦–٢٠');
  });
});

describe('a safe card merges routes that share a number and hours', () => {
  it('hotlines come first; the same number with the same hours is one line, with different hours two', () => {
    expect(
      mergeRoutes([
        { kind: 'whatsapp', number: '+9647700000001', rule: 'Su-Th 08:00-14:00' },
        { kind: 'phone', number: '+9647700000001', rule: 'Su-Th 08:00-14:00' },
        { kind: 'hotline', number: '497', rule: '24/7' },
        { kind: 'sms', number: '+9647700000001', rule: '24/7' },
      ]),
    ).toEqual([
      { kinds: ['hotline'], number: '497', rule: '24/7' },
      { kinds: ['phone', 'whatsapp'], number: '+9647700000001', rule: 'Su-Th 08:00-14:00' },
      { kinds: ['sms'], number: '+9647700000001', rule: '24/7' },
    ]);
  });
});

const LONG_NAME =
  'مركز الاستشارات القانونية المجانية للنساء والفتيات في محافظة كربلاء المقدسة، الفرع الرئيسي والمكاتب التابعة له';
const serviceCard = (name = LONG_NAME): CardContent => ({
  title: name,
  entries: [
    {
      name: null,
      routes: [
        { kinds: ['phone', 'whatsapp'], number: '+9647700000001', week: OFFICE },
        { kinds: ['sms'], number: '+9647700000002', week: SUN_TO_THU },
        { kinds: ['phone'], number: '+9647700000003', week: SUN_TO_THU },
      ],
    },
  ],
  footer: 'من Masar',
});

describe('the SMS form of a safe card fits two UCS-2 segments', () => {
  it('a card that fits is sent whole, with nothing shortened', () => {
    const card: CardContent = {
      title: 'خط المساعدة',
      entries: [{ name: null, routes: [{ kinds: ['hotline'], number: '119', week: week(...Array(7).fill('24h')) }] }],
      footer: 'من Masar',
    };
    expect(fitCard(card, AR, SERVICE_CARD_RULES)).toEqual({ text: cardText(card, AR), applied: [] });
    expect(cardText(card, AR)).toBe('خط المساعدة\nاتصال: 119\n٢٤/٧\nمن Masar');
  });

  it("a long card is shortened in the rules' order: times, site name, further numbers, then the name", () => {
    const full = cardText(serviceCard(), AR);
    expect(full.length).toBeGreaterThan(SMS_LIMIT);
    const { text, applied } = fitCard(serviceCard(), AR, SERVICE_CARD_RULES);
    expect(text.length).toBeLessThanOrEqual(SMS_LIMIT);
    expect(applied).toEqual(['times-shortened', 'site-name-dropped', 'further-routes-dropped', 'names-shortened']);
    // Never dropped: the first number, dialable, with its hours in Arabic-Indic digits on their own line.
    expect(text).toContain('+9647700000001');
    expect(text).toContain('الاثنين–الجمعة ٨–١٤');
    expect(text).not.toContain('Masar');
    expect(text).toContain('…');
  });

  it('the first number is never dropped, however little room there is', () => {
    const { text, applied } = fitCard(serviceCard(), AR, SERVICE_CARD_RULES, 30);
    expect(text).toBe('اتصال/واتساب: \u200E+9647700000001');
    expect(applied).toContain('names-dropped');
    expect(applied).toContain('hours-dropped');
  });

  it('a pathway card drops hours before later services, and keeps its first service', () => {
    const pathway: CardContent = {
      title: 'ما تفعلينه عند الابتزاز الإلكتروني',
      entries: ['خط الشرطة المجتمعية', 'مركز الدعم النفسي', 'مكتب المساعدة القانونية', 'دار الإيواء'].map(
        (name, i) => ({ name, routes: [{ kinds: ['phone'], number: `+96477000000${i}1`, week: OFFICE }] }),
      ),
      footer: 'من Masar',
    };
    const { text, applied } = fitCard(pathway, AR, PATHWAY_CARD_RULES);
    expect(text.length).toBeLessThanOrEqual(SMS_LIMIT);
    expect(applied.indexOf('hours-dropped')).toBeLessThan(applied.indexOf('later-services-dropped'));
    expect(text).toContain('+9647700000001');
    expect(text).toContain('خط الشرطة');
    expect(text).not.toContain('دار الإيواء');
  });

  it('a shortened name is cut at a word and marked', () => {
    expect(shortenName('Legal aid centre for women and girls', 20)).toBe('Legal aid centre…');
    expect(shortenName('Short name', 20)).toBe('Short name');
  });
});
