import { DateTime, IANAZone } from 'luxon';
import { DomainError, type Pause, type Weekday, type WorkingRange } from './types';

/**
 * Working calendars and the working-time arithmetic of SLA deadlines.
 *
 * Working time is real elapsed time inside the calendar's open hours, minus paused stretches.
 * Every step between wall-clock times and instants goes through luxon, so DST days (23 or 25
 * hours), '24:00' ends and several ranges a day come out right.
 */

export type { Weekday, WorkingRange };

export type CalendarName = 'always' | 'extended' | 'office';

export interface Calendar {
  name: string;
  timeZone: string;
  /** Around the clock in real elapsed time: week and holidays do not apply (grade A). */
  realTime: boolean;
  week: Record<Weekday, WorkingRange[]>;
  holidays: string[]; // 'YYYY-MM-DD' in the calendar's time zone
}

export const CALENDAR_NAMES: readonly CalendarName[] = ['always', 'extended', 'office'];

const HOUR_MS = 3_600_000;
const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
/** How many days without any working time a search crosses before calling the calendar unworkable. */
const MAX_SEARCH_DAYS = 3 * 366;

function everyDay(ranges: WorkingRange[]): Record<Weekday, WorkingRange[]> {
  return { 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges };
}

/** The three calendars of docs/sla.md: 24x7 real time, 09:00-24:00 daily, Monday-Friday 09:00-17:00. */
export function defaultCalendar(name: CalendarName, timeZone: string, holidays: string[] = []): Calendar {
  const office = [{ start: '09:00', end: '17:00' }];
  const calendars: Record<CalendarName, () => Calendar> = {
    always: () => ({ name, timeZone, realTime: true, week: everyDay([{ start: '00:00', end: '24:00' }]), holidays: [] }),
    extended: () => ({ name, timeZone, realTime: false, week: everyDay([{ start: '09:00', end: '24:00' }]), holidays: [...holidays] }),
    office: () => ({
      name,
      timeZone,
      realTime: false,
      week: { 1: office, 2: office, 3: office, 4: office, 5: office, 6: [], 7: [] },
      holidays: [...holidays],
    }),
  };
  const make = calendars[name];
  if (!make) throw new DomainError('invalid_calendar', `unknown calendar "${name}" (expected one of ${CALENDAR_NAMES.join(', ')})`);
  return validateCalendar(make());
}

/** Throws DomainError('invalid_calendar' | 'invalid_time_zone') naming the first problem; returns the calendar. */
export function validateCalendar(cal: Calendar): Calendar {
  if (!isKnownZone(cal.timeZone))
    throw new DomainError('invalid_time_zone', `unknown time zone "${cal.timeZone}" (expected an IANA name such as Europe/Warsaw)`);
  for (const day of WEEKDAYS) {
    let previousEnd = -1;
    for (const range of cal.week[day] ?? []) {
      const start = minutesOf(range.start, false);
      const end = minutesOf(range.end, true);
      if (start === null)
        throw new DomainError('invalid_calendar', `calendar ${cal.name}: weekday ${day} range start "${range.start}" is not HH:mm`);
      if (end === null)
        throw new DomainError('invalid_calendar', `calendar ${cal.name}: weekday ${day} range end "${range.end}" is not HH:mm or 24:00`);
      if (end <= start)
        throw new DomainError(
          'invalid_calendar',
          `calendar ${cal.name}: weekday ${day} range ${range.start}-${range.end} ends before it starts`,
        );
      if (start < previousEnd)
        throw new DomainError(
          'invalid_calendar',
          `calendar ${cal.name}: weekday ${day} ranges overlap or are out of order at ${range.start}`,
        );
      previousEnd = end;
    }
  }
  for (const holiday of cal.holidays) {
    if (!isLocalDate(holiday))
      throw new DomainError('invalid_calendar', `calendar ${cal.name}: holiday "${holiday}" is not a YYYY-MM-DD date`);
  }
  return cal;
}

/** Whether the text is a real 'YYYY-MM-DD' date. */
export function isLocalDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text).isValid;
}

const knownZones = new Set<string>();

/** Whether luxon knows the IANA zone (remembered: the check builds an Intl formatter each time). */
export function isKnownZone(timeZone: string): boolean {
  if (knownZones.has(timeZone)) return true;
  if (!IANAZone.isValidZone(timeZone)) return false;
  knownZones.add(timeZone);
  return true;
}

/** Minutes after midnight of 'HH:mm' ('24:00' only where allowed); null when malformed. */
function minutesOf(hhmm: string, allow24: boolean): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (allow24 && hours === 24 && minutes === 0) return 24 * 60;
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/** One working day's length: the longest day of the week (15 h extended, 8 h office, 24 h always). */
export function workingDayMs(cal: Calendar): number {
  if (cal.realTime) return 24 * HOUR_MS;
  const dayLengths = WEEKDAYS.map((day) =>
    (cal.week[day] ?? []).reduce((sum, r) => sum + ((minutesOf(r.end, true) ?? 0) - (minutesOf(r.start, false) ?? 0)), 0),
  );
  return Math.max(...dayLengths) * 60_000;
}

type Interval = readonly [from: number, to: number]; // epoch ms, to exclusive; to may be Infinity

/** The calendar's open intervals from the local day containing `fromMs` onwards, in time order. */
function* openIntervals(cal: Calendar, fromMs: number): Generator<Interval> {
  if (cal.realTime) {
    yield [fromMs, Infinity];
    return;
  }
  const holidays = new Set(cal.holidays);
  const local = DateTime.fromMillis(fromMs, { zone: cal.timeZone });
  // Local dates are walked as plain UTC dates (cheap); only range ends meet the calendar's zone.
  let date = DateTime.utc(local.year, local.month, local.day);
  for (let idleDays = 0; idleDays < MAX_SEARCH_DAYS; idleDays++, date = date.plus({ days: 1 })) {
    if (holidays.has(date.toISODate() ?? '')) continue;
    for (const interval of rangesOn(cal.timeZone, date, cal.week[date.weekday as Weekday] ?? [])) {
      idleDays = 0;
      yield interval;
    }
  }
  throw new DomainError('invalid_calendar', `calendar ${cal.name} has no working time within ${MAX_SEARCH_DAYS} days`);
}

/**
 * The instants of a day's working ranges. Memoised: converting wall-clock times in a zone is the
 * costly step, and deadlines of many tickets cross the same days.
 */
const dayRanges = new Map<string, Interval[]>();
const DAY_RANGES_LIMIT = 20_000;

function rangesOn(timeZone: string, date: DateTime, ranges: readonly WorkingRange[]): Interval[] {
  if (ranges.length === 0) return [];
  const key = `${timeZone}|${date.toISODate()}|${ranges.map((r) => `${r.start}-${r.end}`).join(',')}`;
  let intervals = dayRanges.get(key);
  if (!intervals) {
    intervals = ranges
      .map((r): Interval => [localInstant(timeZone, date, r.start), localInstant(timeZone, date, r.end)])
      .filter(([from, to]) => to > from); // a range swallowed by a DST gap has no length
    if (dayRanges.size >= DAY_RANGES_LIMIT) dayRanges.clear();
    dayRanges.set(key, intervals);
  }
  return intervals;
}

/** The instant of a wall-clock time on a local date; '24:00' is the next day's start. */
function localInstant(timeZone: string, date: DateTime, hhmm: string): number {
  const day = hhmm === '24:00' ? date.plus({ days: 1 }) : date;
  const [hour, minute] = hhmm === '24:00' ? [0, 0] : hhmm.split(':').map(Number);
  // luxon moves a time inside a spring-forward gap past the gap.
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: timeZone }).toMillis();
}

/** Pauses as sorted, merged intervals; an open pause runs to Infinity. */
function pauseIntervals(pauses: readonly Pause[]): Interval[] {
  const sorted = pauses
    .map((p): Interval => [Date.parse(p.from), p.to === undefined ? Infinity : Date.parse(p.to)])
    .filter(([from, to]) => to > from)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of sorted) {
    const last = merged[merged.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  return merged;
}

/** The working pieces: open intervals clipped to start at `fromMs`, with paused time cut out. */
function* workingPieces(cal: Calendar, fromMs: number, pauses: readonly Pause[]): Generator<Interval> {
  const paused = pauseIntervals(pauses);
  for (const [openFrom, openTo] of openIntervals(cal, fromMs)) {
    let cursor = Math.max(openFrom, fromMs);
    if (cursor >= openTo) continue;
    for (const [pauseFrom, pauseTo] of paused) {
      if (pauseTo <= cursor) continue;
      if (pauseFrom >= openTo) break;
      if (pauseFrom > cursor) yield [cursor, pauseFrom];
      cursor = Math.max(cursor, pauseTo);
      if (cursor >= openTo) break;
    }
    if (cursor < openTo) yield [cursor, openTo];
    if (cursor === Infinity) return; // an open pause: the clock never runs again
  }
}

/**
 * The instant when `ms` of working time has elapsed after `start`. Counting begins at the next
 * opening when `start` is outside working hours; a deadline that exactly fills a range ends at
 * that range's close. Throws DomainError('clock_paused') when an open pause stops the clock first.
 */
export function addWorkingTime(cal: Calendar, start: Date, ms: number, pauses: readonly Pause[] = []): Date {
  if (!Number.isFinite(ms) || ms < 0)
    throw new DomainError('invalid_duration', `working time must be a non-negative number of ms, got ${ms}`);
  if (Number.isNaN(start.getTime())) throw new DomainError('invalid_date', 'the start of a deadline is not a valid date');
  let remaining = ms;
  for (const [from, to] of workingPieces(cal, start.getTime(), pauses)) {
    if (remaining <= to - from) return new Date(from + remaining);
    remaining -= to - from;
  }
  throw new DomainError('clock_paused', 'the clock is paused: the deadline is not defined until it runs again');
}

/** Working time between two instants (0 when `to` is not after `from`), paused time excluded. */
export function workingTimeBetween(cal: Calendar, from: Date, to: Date, pauses: readonly Pause[] = []): number {
  const end = to.getTime();
  let total = 0;
  if (end <= from.getTime()) return 0;
  for (const [pieceFrom, pieceTo] of workingPieces(cal, from.getTime(), [...pauses, { from: to.toISOString() }])) {
    if (pieceFrom >= end) break;
    total += Math.min(pieceTo, end) - pieceFrom;
  }
  return total;
}
