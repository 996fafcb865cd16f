import { DateTime } from 'luxon';
import { t, type Locale, type MessageKey } from './i18n';

/**
 * A deadline as a person says it, in the organisation's time zone: "dziś do 15:30", "jutro do 10:00",
 * "we wtorek do 10:00", "12 marca do 10:00" (English: "today by 15:30", "by 10:00 on Tuesday"...).
 */
export function deadlineInWords(dueAt: string, timeZone: string, locale: Locale, now: Date): string {
  const exact = DateTime.fromISO(dueAt, { zone: timeZone }).setLocale(locale);
  // Midnight closes the day before (a 09:00-24:00 range): "dziś do 24:00", not "jutro do 00:00".
  const atMidnight = exact.hour === 0 && exact.minute === 0;
  const due = atMidnight ? exact.minus({ minutes: 1 }) : exact;
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const time = atMidnight ? '24:00' : due.toFormat('HH:mm');
  const days = Math.round(due.startOf('day').diff(today, 'days').days);
  if (days <= 0) return t(locale, 'deadline.today', { time });
  if (days === 1) return t(locale, 'deadline.tomorrow', { time });
  if (days < 7) return t(locale, 'deadline.weekday', { day: t(locale, `weekday.${due.weekday}` as MessageKey), time });
  return t(locale, 'deadline.date', { date: due.toFormat('d MMMM'), time });
}

/** A moment already past, as its date and time in the organisation's time zone ("11 marca", "10:00"). */
export function dateAndTime(at: string, timeZone: string, locale: Locale): { date: string; time: string } {
  const moment = DateTime.fromISO(at, { zone: timeZone }).setLocale(locale);
  return { date: moment.toFormat('d MMMM'), time: moment.toFormat('HH:mm') };
}
