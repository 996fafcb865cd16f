import {
  addWorkingTime,
  defaultCalendar,
  validateCalendar,
  workingDayMs,
  workingTimeBetween,
  type Calendar,
} from '../../../ticketing/domain/calendar';
import { at, wall, WARSAW } from './fixtures';

const H = 3_600_000;
const extended = defaultCalendar('extended', WARSAW);
const office = defaultCalendar('office', WARSAW);
const always = defaultCalendar('always', WARSAW);

function due(cal: Calendar, start: string, hours: number, pauses: { from: string; to?: string }[] = []): string {
  return wall(
    addWorkingTime(
      cal,
      at(start),
      hours * H,
      pauses.map((p) => ({ from: at(p.from).toISOString(), ...(p.to ? { to: at(p.to).toISOString() } : {}) })),
    ),
  );
}

describe('default calendars', () => {
  it('have the business-day lengths of docs/sla.md', () => {
    expect(workingDayMs(extended)).toBe(15 * H);
    expect(workingDayMs(office)).toBe(8 * H);
    expect(workingDayMs(always)).toBe(24 * H);
  });

  it('refuse an unknown time zone, naming it', () => {
    expect(() => defaultCalendar('office', 'Europe/Atlantis')).toThrow(/Europe\/Atlantis/);
    expect(() => defaultCalendar('office', 'Mars/Base')).toThrow(expect.objectContaining({ code: 'invalid_time_zone' }));
  });

  it('refuse a malformed holiday', () => {
    expect(() => defaultCalendar('office', WARSAW, ['2026-02-30'])).toThrow(/2026-02-30/);
  });
});

describe('validateCalendar', () => {
  const base: Calendar = {
    name: 'custom',
    timeZone: WARSAW,
    realTime: false,
    week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
    holidays: [],
  };
  it.each([
    [[{ start: '9:00', end: '17:00' }], /start "9:00"/],
    [[{ start: '09:00', end: '24:30' }], /end "24:30"/],
    [[{ start: '17:00', end: '09:00' }], /ends before it starts/],
    [
      [
        { start: '09:00', end: '13:00' },
        { start: '12:00', end: '18:00' },
      ],
      /overlap/,
    ],
  ])('refuses %j', (ranges, message) => {
    expect(() => validateCalendar({ ...base, week: { ...base.week, 3: ranges } })).toThrow(message);
  });

  it('accepts several ranges a day ending at 24:00', () => {
    const cal = {
      ...base,
      week: {
        ...base.week,
        1: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '24:00' },
        ],
      },
    };
    expect(validateCalendar(cal)).toBe(cal);
    expect(workingDayMs(cal)).toBe(15 * H);
  });
});

describe('extended calendar (09:00-24:00 every day)', () => {
  it('technical B on Tuesday 10:00 is due Wednesday 10:00', () => {
    expect(due(extended, '2026-03-10 10:00', 15)).toBe('Wed 2026-03-11 10:00');
  });

  it('technical C on Saturday 23:30 is due Tuesday 23:30 (weekends count)', () => {
    expect(due(extended, '2026-03-14 23:30', 45)).toBe('Tue 2026-03-17 23:30');
  });

  it('starts counting at the next opening when created at night', () => {
    expect(due(extended, '2026-03-10 03:00', 1)).toBe('Tue 2026-03-10 10:00');
    expect(due(extended, '2026-03-10 03:00', 15)).toBe('Wed 2026-03-11 00:00');
  });

  it('ends a deadline that exactly fills the day at 24:00, not at the next opening', () => {
    expect(due(extended, '2026-03-10 10:00', 14)).toBe('Wed 2026-03-11 00:00');
  });

  it('is not shifted by the spring DST jump, which falls in closed hours', () => {
    const start = at('2026-03-28 10:00');
    const deadline = addWorkingTime(extended, start, 15 * H);
    expect(wall(deadline)).toBe('Sun 2026-03-29 10:00');
    expect(deadline.getTime() - start.getTime()).toBe(23 * H); // the night lost an hour
  });

  it('is not shifted by the autumn DST change either', () => {
    const start = at('2026-10-24 10:00');
    const deadline = addWorkingTime(extended, start, 15 * H);
    expect(wall(deadline)).toBe('Sun 2026-10-25 10:00');
    expect(deadline.getTime() - start.getTime()).toBe(25 * H);
  });
});

describe('office calendar (Monday-Friday 09:00-17:00)', () => {
  it('billing B on Friday 16:00 is due Monday 16:00', () => {
    expect(due(office, '2026-03-13 16:00', 8)).toBe('Mon 2026-03-16 16:00');
  });

  it('ends a deadline that exactly fills the day at 17:00 the same day', () => {
    expect(due(office, '2026-03-16 09:00', 8)).toBe('Mon 2026-03-16 17:00');
  });

  it('starts counting on Monday morning when created on Saturday', () => {
    expect(due(office, '2026-03-14 12:00', 1)).toBe('Mon 2026-03-16 10:00');
  });

  it('skips holidays in the calendar time zone', () => {
    const withHolidays = defaultCalendar('office', WARSAW, ['2026-03-16', '2026-03-17']);
    expect(due(withHolidays, '2026-03-13 16:00', 8)).toBe('Wed 2026-03-18 16:00');
    expect(due(withHolidays, '2026-03-16 10:00', 1)).toBe('Wed 2026-03-18 10:00');
  });

  it('counts C as three business days of working time', () => {
    expect(due(office, '2026-03-11 13:00', 24)).toBe('Mon 2026-03-16 13:00');
  });
});

describe('always calendar (grade A, 24x7 in real time)', () => {
  it('A at 01:30 on the spring DST night is due 03:30 CEST, one real hour later', () => {
    const start = at('2026-03-29 01:30');
    const deadline = addWorkingTime(always, start, H);
    expect(wall(deadline)).toBe('Sun 2026-03-29 03:30');
    expect(deadline.getTime() - start.getTime()).toBe(H);
  });

  it('A at 02:30 CEST on the autumn DST night is due 02:30 CET, one real hour later', () => {
    const start = new Date('2026-10-25T00:30:00Z'); // 02:30 CEST, the first of the two 02:30s
    const deadline = addWorkingTime(always, start, H);
    expect(deadline.toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(wall(deadline)).toBe('Sun 2026-10-25 02:30');
  });

  it('runs on holidays too', () => {
    const withHoliday = defaultCalendar('always', WARSAW, ['2026-12-25']);
    expect(due(withHoliday, '2026-12-25 12:00', 1)).toBe('Fri 2026-12-25 13:00');
  });
});

describe('several ranges a day and 24:00', () => {
  const split: Calendar = validateCalendar({
    name: 'split',
    timeZone: WARSAW,
    realTime: false,
    week: {
      1: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '24:00' },
      ],
      2: [{ start: '00:00', end: '02:00' }],
      3: [],
      4: [],
      5: [],
      6: [],
      7: [],
    },
    holidays: [],
  });

  it('skips the lunch break', () => {
    expect(due(split, '2026-03-16 11:00', 2)).toBe('Mon 2026-03-16 14:00');
  });

  it('ends at the morning close when the morning exactly fills the target', () => {
    expect(due(split, '2026-03-16 11:00', 1)).toBe('Mon 2026-03-16 12:00');
  });

  it('runs on across midnight from a 24:00 end into a 00:00 start', () => {
    expect(due(split, '2026-03-16 23:00', 2)).toBe('Tue 2026-03-17 01:00');
  });

  it('counts the real length of a 00:00-24:00 day on the DST days', () => {
    const fullDays: Calendar = validateCalendar({
      ...split,
      week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [{ start: '00:00', end: '24:00' }], 7: [{ start: '00:00', end: '24:00' }] },
    });
    expect(workingTimeBetween(fullDays, at('2026-03-28 00:00'), at('2026-03-30 00:00'))).toBe(47 * H);
    expect(workingTimeBetween(fullDays, at('2026-10-24 00:00'), at('2026-10-26 00:00'))).toBe(49 * H);
  });
});

describe('pauses', () => {
  it('move the deadline by the paused working time', () => {
    expect(due(extended, '2026-03-10 10:00', 15, [{ from: '2026-03-10 12:00', to: '2026-03-10 14:00' }])).toBe('Wed 2026-03-11 12:00');
  });

  it('do not move it when they fall in closed hours', () => {
    expect(due(office, '2026-03-13 16:00', 8, [{ from: '2026-03-13 18:00', to: '2026-03-16 08:00' }])).toBe('Mon 2026-03-16 16:00');
  });

  it('do not matter after the deadline', () => {
    expect(due(extended, '2026-03-10 10:00', 1, [{ from: '2026-03-10 12:00' }])).toBe('Tue 2026-03-10 11:00');
  });

  it('leave no deadline while open and reached first', () => {
    expect(() => due(extended, '2026-03-10 10:00', 15, [{ from: '2026-03-10 12:00' }])).toThrow(
      expect.objectContaining({ code: 'clock_paused' }),
    );
  });
});

describe('workingTimeBetween', () => {
  it('counts only open hours', () => {
    expect(workingTimeBetween(office, at('2026-03-13 16:00'), at('2026-03-16 10:00'))).toBe(2 * H);
    expect(workingTimeBetween(extended, at('2026-03-10 23:00'), at('2026-03-11 10:00'))).toBe(2 * H);
  });

  it('leaves out paused time and is 0 for an empty span', () => {
    const pauses = [{ from: at('2026-03-16 10:00').toISOString(), to: at('2026-03-16 11:30').toISOString() }];
    expect(workingTimeBetween(office, at('2026-03-16 09:00'), at('2026-03-16 17:00'), pauses)).toBe(6.5 * H);
    expect(workingTimeBetween(office, at('2026-03-16 12:00'), at('2026-03-16 11:00'))).toBe(0);
  });
});

describe('bad input', () => {
  it('refuses a negative or non-finite duration', () => {
    expect(() => addWorkingTime(office, at('2026-03-16 09:00'), -1)).toThrow(/non-negative/);
    expect(() => addWorkingTime(office, at('2026-03-16 09:00'), Number.NaN)).toThrow(/non-negative/);
  });

  it('refuses a calendar with no working time instead of looping', () => {
    const closed: Calendar = {
      name: 'closed',
      timeZone: WARSAW,
      realTime: false,
      week: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
      holidays: [],
    };
    expect(() => addWorkingTime(closed, at('2026-03-16 09:00'), H)).toThrow(/no working time/);
  });
});
