import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addWorkingTime,
  defaultCalendar,
  validateCalendar,
  workingTimeBetween,
  type Calendar,
  type Weekday,
} from '../../../ticketing/domain/calendar';
import type { Pause } from '../../../ticketing/domain/types';

const H = 3_600_000;
// Zones with DST (including Lord Howe's 30-minute shift and the southern hemisphere) and without.
const ZONES = ['Europe/Warsaw', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC'];
const FROM = Date.parse('2025-12-01T00:00:00Z');
const TO = Date.parse('2027-02-01T00:00:00Z');

/** A split calendar whose ranges touch the DST hours (01:00-04:00) of most zones. */
function nightShift(timeZone: string, holidays: string[]): Calendar {
  const day = [
    { start: '01:30', end: '03:30' },
    { start: '08:00', end: '12:00' },
    { start: '13:00', end: '24:00' },
  ];
  return validateCalendar({
    name: 'night',
    timeZone,
    realTime: false,
    week: { 1: day, 2: day, 3: day, 4: day, 5: day, 6: [{ start: '02:00', end: '24:00' }], 7: [] },
    holidays,
  });
}

const holidaysArb = fc.array(
  fc.date({ min: new Date(FROM), max: new Date(TO) }).map((d) => d.toISOString().slice(0, 10)),
  { maxLength: 6 },
);
const calendarArb: fc.Arbitrary<Calendar> = fc
  .tuple(fc.constantFrom('extended', 'office', 'night'), fc.constantFrom(...ZONES), holidaysArb)
  .map(([name, zone, holidays]) =>
    name === 'night' ? nightShift(zone, holidays) : defaultCalendar(name as 'extended' | 'office', zone, holidays),
  );
const instantArb = fc.integer({ min: FROM, max: TO });
const targetArb = fc.integer({ min: 0, max: 4 * 15 * H });

/** Is this instant inside a working range, or exactly at a range's close? Checked on the wall clock. */
function openOrClosing(cal: Calendar, instant: Date): boolean {
  const local = DateTime.fromJSDate(instant, { zone: cal.timeZone });
  const minuteOfDay = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60000;
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const isHoliday = (day: DateTime) => cal.holidays.includes(day.toISODate() ?? '');
  const ranges = isHoliday(local) ? [] : cal.week[local.weekday as Weekday];
  if (ranges.some((r) => minuteOfDay >= minutes(r.start) && minuteOfDay <= minutes(r.end))) return true;
  // The start of a day (midnight, or 01:00 where DST skips midnight) closes yesterday's range ending at 24:00.
  const yesterday = local.minus({ days: 1 });
  return (
    local.toMillis() === local.startOf('day').toMillis() &&
    !isHoliday(yesterday) &&
    cal.week[yesterday.weekday as Weekday].some((r) => r.end === '24:00')
  );
}

describe('deadline properties', () => {
  it('a deadline is never in closed hours unless it is a range close, and never before the start', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, targetArb, (cal, startMs, target) => {
        const deadline = addWorkingTime(cal, new Date(startMs), target);
        expect(deadline.getTime()).toBeGreaterThanOrEqual(startMs);
        expect(openOrClosing(cal, deadline)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('a deadline grows monotonically with the target', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, targetArb, targetArb, (cal, startMs, a, b) => {
        const [small, large] = a <= b ? [a, b] : [b, a];
        expect(addWorkingTime(cal, new Date(startMs), small).getTime()).toBeLessThanOrEqual(
          addWorkingTime(cal, new Date(startMs), large).getTime(),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('the working time from the start to the deadline is the target', () => {
    fc.assert(
      fc.property(calendarArb, instantArb, targetArb, (cal, startMs, target) => {
        const deadline = addWorkingTime(cal, new Date(startMs), target);
        expect(workingTimeBetween(cal, new Date(startMs), deadline)).toBe(target);
      }),
      { numRuns: 200 },
    );
  });

  it('splitting a pause in two leaves the deadline unchanged', () => {
    const pauseArb = fc.tuple(
      fc.integer({ min: 0, max: 3 * 24 * H }),
      fc.integer({ min: 1, max: 2 * 24 * H }),
      fc.double({ min: 0, max: 1, noNaN: true }),
    );
    fc.assert(
      fc.property(calendarArb, instantArb, targetArb, pauseArb, (cal, startMs, target, [offset, length, cut]) => {
        const from = startMs + offset;
        const to = from + length;
        const middle = Math.round(from + cut * length);
        const iso = (ms: number) => new Date(ms).toISOString();
        const whole: Pause[] = [{ from: iso(from), to: iso(to) }];
        const split: Pause[] = [
          { from: iso(middle), to: iso(to) },
          { from: iso(from), to: iso(middle) },
        ];
        const start = new Date(startMs);
        const paused = addWorkingTime(cal, start, target, whole);
        expect(addWorkingTime(cal, start, target, split).getTime()).toBe(paused.getTime());
        expect(paused.getTime()).toBeGreaterThanOrEqual(addWorkingTime(cal, start, target).getTime());
      }),
      { numRuns: 200 },
    );
  });

  it("grade A's 1 hour is 3,600 real seconds, also across DST changes", () => {
    // Starts within two hours of every 2026 DST change of each zone, and anywhere else.
    const transitions = ZONES.flatMap((zone) => dstChanges(zone, 2026));
    expect(transitions.length).toBeGreaterThanOrEqual(8);
    const nearChange = fc.tuple(fc.constantFrom(...transitions), fc.integer({ min: -2 * H, max: 2 * H })).map(([t, d]) => t + d);
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.oneof(nearChange, instantArb), (zone, startMs) => {
        const deadline = addWorkingTime(defaultCalendar('always', zone), new Date(startMs), H);
        expect(deadline.getTime() - startMs).toBe(H);
      }),
      { numRuns: 300 },
    );
  });
});

/** The instants (to the hour) in a year at which a zone's UTC offset changes: a day scan, then hours. */
function dstChanges(zone: string, year: number): number[] {
  const changes: number[] = [];
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const end = DateTime.fromObject({ year: year + 1 }, { zone }).toMillis();
  for (let day = DateTime.fromObject({ year }, { zone }).toMillis(); day < end; day += 24 * H) {
    if (offsetAt(day) === offsetAt(day + 24 * H)) continue;
    for (let t = day + H; t <= day + 24 * H; t += H) {
      if (offsetAt(t) !== offsetAt(t - H)) changes.push(t);
    }
  }
  return changes;
}
