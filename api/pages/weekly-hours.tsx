/**
 * The coming week of a contact route or place, as a table that reads without JavaScript (a
 * native disclosure): localised day names and times, in the service's time zone, "open 24 hours",
 * closed days, several intervals a day, intervals past midnight and dated closures.
 */
import type { FC } from 'hono/jsx';
import { localDigits, weekdayName } from '../../web/src/i18n/format.ts';
import type { weekView } from '../views/service-view.ts';
import type { PageContext } from './page-context.ts';

type Week = NonNullable<ReturnType<typeof weekView>>;
type Day = Week[number];

/** What one day of the week says: "08:00–14:00", "Open 24 hours", "Closed (see notices)". */
export function dayText(day: Day, page: PageContext): string {
  const { t, lang } = page;
  const time = (hhmm: string) => localDigits(hhmm, lang);
  const notice = day.closures.length > 0;
  if (day.open_all_day) return notice ? `${t('hoursOpen24')} · ${t('weeklyChangedNotice')}` : t('hoursOpen24');
  if (!day.intervals.length) return notice ? t('weeklyClosedNotice') : t('weeklyClosed');
  const intervals = day.intervals
    .map((i) => {
      const key = i.unconfirmed ? 'weeklyIntervalUnconfirmed' : i.next_day ? 'weeklyIntervalNextDay' : 'weeklyInterval';
      return t(key, { from: time(i.opens), to: time(i.closes) });
    })
    .join(page.dir === 'rtl' ? '، ' : ', ');
  return notice ? `${intervals} · ${t('weeklyChangedNotice')}` : intervals;
}

export const WeeklyHours: FC<{ week: Week | null; page: PageContext; country: string }> = ({ week, page, country }) => {
  if (!week) return null;
  const { t, lang } = page;
  return (
    <details class="disclosure weekly-hours" data-role="weekly-hours">
      <summary>{t('weeklyHeading')}</summary>
      <div class="disclosure__body">
        <table class="weekly-hours__table">
          <caption>{t(country === 'GT' ? 'weeklyZoneGT' : 'weeklyZoneIQ')}</caption>
          <tbody>
            {week.map((day, index) => (
              <tr data-date={day.date} data-weekday={String(day.weekday)}>
                <th scope="row">
                  {index === 0
                    ? t('weeklyToday', { day: weekdayName(day.weekday, lang) })
                    : weekdayName(day.weekday, lang)}
                </th>
                <td>{dayText(day, page)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
};
