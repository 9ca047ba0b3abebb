import { Validator } from '@cfworker/json-schema';
import { describe, expect, it } from 'vitest';
import { sampleDirectory, sampleId } from '../../db/seed/sample-directory.mjs';
import { get } from '../support/http.ts';
import { element, pieces, textOf } from '../support/html.ts';

const directory = sampleDirectory(new Date());
const serviceKeyed = (key: string) => directory.services.find((s: { key: string }) => s.key === key)!;

// Written out here, not taken from the code under test.
const WEEKDAYS = {
  ar: ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'],
  es: ['domingo', 'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado'],
};
const WORDS = {
  ar: {
    today: '(اليوم)',
    closed: 'مغلق',
    nextDay: '(في اليوم التالي)',
    notices: '(انظر التنبيهات)',
    zone: 'الأوقات بتوقيت العراق.',
  },
  es: {
    today: '(hoy)',
    closed: 'Cerrado',
    nextDay: '(del día siguiente)',
    notices: '(ver avisos)',
    zone: 'Horas de Irak.',
  },
};
const arabicDigits = (text: string) => text.replace(/[0-9]/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/** The coming seven dates in Baghdad, from today. */
function baghdadWeek(): Array<{ date: string; weekday: number }> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Baghdad' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(y, m - 1, d + i));
    return { date: day.toISOString().slice(0, 10), weekday: day.getUTCDay() };
  });
}

/** The weekly table of one contact route on the service page: [day heading, hours] per row. */
async function routeWeek(serviceId: string, routeId: string, lang: string) {
  const response = await get<string>(`/s/${serviceId}?lang=${lang}`);
  expect(response.status).toBe(200);
  const route = pieces(response.text, /<li class="route"/).find((r) => r.includes(`data-contact-route="${routeId}"`));
  expect(route, `route ${routeId}`).toBeDefined();
  const table = element(route!, 'data-role="weekly-hours"');
  expect(table, 'a weekly table, in the HTML itself').not.toBeNull();
  const rows = pieces(table!, /<tr data-date=/).map((row) => ({
    date: /data-date="([^"]+)"/.exec(row)![1]!,
    day: textOf(element(row, '<th')!),
    hours: textOf(element(row, '<td')!),
  }));
  return { rows, caption: textOf(element(table!, '<caption')!) };
}

describe('weekly opening hours on the service page', () => {
  const helpdesk = serviceKeyed('safescreen-remote-helpdesk');
  const routeKeyed = (key: string) => ({ id: sampleId(`route:safescreen-remote-helpdesk:${key}`) });

  it.each(['ar', 'es'] as const)(
    'in %s, each day of the coming week of a weekday rule reads as the rule says',
    async (lang) => {
      // Su-Th 10:00-18:00
      const { rows, caption } = await routeWeek(helpdesk.id, routeKeyed('signal').id, lang);
      const week = baghdadWeek();
      expect(rows.map((r) => r.date)).toEqual(week.map((d) => d.date));
      week.forEach(({ weekday }, i) => {
        const name = WEEKDAYS[lang][weekday]!;
        expect(rows[i]!.day).toBe(i === 0 ? `${name} ${WORDS[lang].today}` : name);
        const open = lang === 'ar' ? arabicDigits('10:00–18:00') : '10:00–18:00';
        expect(rows[i]!.hours).toBe(weekday <= 4 ? open : WORDS[lang].closed);
      });
      expect(caption).toBe(WORDS[lang].zone);
    },
  );

  it.each(['ar', 'es'] as const)(
    'in %s, an interval past midnight is listed on the day it opens, closing the next day',
    async (lang) => {
      // Mo-Su 20:00-02:00
      const { rows } = await routeWeek(helpdesk.id, routeKeyed('telegram-night').id, lang);
      expect(rows).toHaveLength(7);
      const text = `${lang === 'ar' ? arabicDigits('20:00–02:00') : '20:00–02:00'} ${WORDS[lang].nextDay}`;
      for (const row of rows) expect(row.hours).toBe(text);
    },
  );

  it('a 24/7 line is open 24 hours every day', async () => {
    const hotline = serviceKeyed('ninewa-early-warning');
    const { rows } = await routeWeek(hotline.id, hotline.routes[0].id, 'en');
    expect(rows.map((r) => r.hours)).toEqual(Array(7).fill('Open 24 hours'));
  });

  it('a dated closure within the week shows on the days it covers', async () => {
    // Closed from an hour ago for 48 hours: tomorrow is (at least partly) closed.
    const karkh = serviceKeyed('noor-karkh-case-management');
    const office = { id: sampleId('route:noor-karkh-case-management:office') };
    const { rows } = await routeWeek(karkh.id, office.id, 'ar');
    expect(rows[1]!.hours).toContain(WORDS.ar.notices);
    expect(rows.slice(3).some((r) => r.hours.includes(WORDS.ar.notices))).toBe(false);
  });

  it('a route without known hours has no table: unknown is not "closed"', async () => {
    const police = serviceKeyed('iq-community-police');
    const html = (await get<string>(`/s/${police.id}?lang=en`)).text;
    expect(html).not.toContain('data-role="weekly-hours"');
    expect(html).toContain('Opening hours not known');
  });
});

describe('weekly opening hours in the API', () => {
  it('each contact route and place of a service carries its coming week, as the OpenAPI description says', async () => {
    const karkh = serviceKeyed('noor-karkh-case-management');
    const { body } = await get(`/api/v1/services/${karkh.id}?lang=en`);
    const office = body.contact_routes.find((r: { value: string }) => r.value === '+9647700000117');
    const week = baghdadWeek();
    expect(office.week.map((d: { date: string }) => d.date)).toEqual(week.map((d) => d.date));
    // Su-Th 08:00-14:00; the heat-day closure is named on the days it covers.
    const [closure] = body.closures;
    expect(office.week[1].closures).toEqual([closure.id]);
    for (const [i, day] of office.week.entries()) {
      if (i < 3) continue;
      expect(day).toEqual({
        date: week[i]!.date,
        weekday: week[i]!.weekday,
        open_all_day: false,
        intervals:
          week[i]!.weekday <= 4 ? [{ opens: '08:00', closes: '14:00', next_day: false, unconfirmed: false }] : [],
        closures: [],
      });
    }
    expect(body.locations.every((l: { week: unknown[] | null }) => l.week === null || l.week.length === 7)).toBe(true);

    const { body: openapi } = await get('/api/v1/openapi.json');
    const ref = openapi.paths['/api/v1/services/{id}'].get.responses['200'].content['application/json'].schema.$ref;
    const validator = new Validator(
      { $id: 'https://masar.test/openapi', components: openapi.components, $ref: ref },
      '2020-12',
      false,
    );
    expect(validator.validate(body).errors).toEqual([]);
  });
});
