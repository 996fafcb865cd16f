import { addWorkingTime, defaultCalendar, workingTimeBetween, type Calendar, type CalendarName } from './calendar';
import { calendarFor, firstResponseTarget } from './policy';
import type { Category, Grade, Organisation, Pause, SlaClock } from './types';

/**
 * The first-response SLA clock: pure functions from one clock to the next. A deadline is always
 * recomputed from the creation time with every pause excluded, so pausing, resuming and
 * regrading compose without drift. Each change of the deadline bumps `version`; a timer event of
 * another version is stale.
 */

/** Share of the target after which the warning fires. */
export const WARNING_SHARE = 0.75;

/** The calendar the clock counts in (rebuilt from its name, zone and holidays). */
export function clockCalendar(clock: SlaClock): Calendar {
  return defaultCalendar(clock.calendar as CalendarName, clock.timeZone, clock.holidays ?? []);
}

export function isPaused(clock: SlaClock): boolean {
  return clock.pauses.some((p) => p.to === undefined);
}

export function startClock(org: Organisation, category: Category, grade: Grade, createdAt: Date): SlaClock {
  const calendar = calendarFor(org, category, grade);
  const clock: SlaClock = {
    calendar: calendar.name,
    timeZone: calendar.timeZone,
    holidays: calendar.holidays,
    targetMs: firstResponseTarget(grade, calendar),
    startedAt: createdAt.toISOString(),
    pauses: [],
    dueAt: null,
    warningAt: null,
    version: 0,
    warned: false,
    breached: false,
  };
  return withDeadlines(clock, createdAt);
}

/** Stops the clock (waiting on the customer). A clock already paused or answered is returned as is. */
export function pauseClock(clock: SlaClock, now: Date): SlaClock {
  if (isPaused(clock) || clock.firstResponseAt) return clock;
  return withDeadlines({ ...clock, pauses: [...clock.pauses, { from: now.toISOString() }] }, now);
}

/** Restarts a paused clock: the deadline moves by the working time that was left. */
export function resumeClock(clock: SlaClock, now: Date): SlaClock {
  if (!isPaused(clock)) return clock;
  return withDeadlines({ ...clock, pauses: closePauses(clock.pauses, now) }, now);
}

/** The clock of a new grade: calendar and target change, counted from creation, pauses still excluded. */
export function regradeClock(clock: SlaClock, org: Organisation, category: Category, newGrade: Grade, now: Date): SlaClock {
  const calendar = calendarFor(org, category, newGrade);
  const regraded: SlaClock = {
    ...clock,
    calendar: calendar.name,
    timeZone: calendar.timeZone,
    holidays: calendar.holidays,
    targetMs: firstResponseTarget(newGrade, calendar),
  };
  const result = withDeadlines(regraded, now);
  if (!clock.firstResponseAt) return result;
  return { ...result, met: Date.parse(clock.firstResponseAt) <= deadlineOf(result, new Date(clock.firstResponseAt)).getTime() };
}

/** Stops the first-response clock for good: records the response's working time and whether it was in time. */
export function recordFirstResponse(clock: SlaClock, now: Date): SlaClock {
  if (clock.firstResponseAt) return clock;
  const calendar = clockCalendar(clock);
  const responseWorkingMs = workingTimeBetween(calendar, new Date(clock.startedAt), now, closePauses(clock.pauses, now));
  const met = now.getTime() <= deadlineOf(clock, now).getTime();
  return { ...clock, firstResponseAt: now.toISOString(), responseWorkingMs, met };
}

/** The deadline as it stands at `now`, counting an open pause as ending now. */
function deadlineOf(clock: SlaClock, now: Date): Date {
  return addWorkingTime(clockCalendar(clock), new Date(clock.startedAt), clock.targetMs, closePauses(clock.pauses, now));
}

function closePauses(pauses: readonly Pause[], now: Date): Pause[] {
  return pauses.map((p) => (p.to === undefined ? { from: p.from, to: now.toISOString() } : p));
}

/**
 * Recomputes dueAt and warningAt (null while paused) and bumps the version when they change.
 * An event that already fired is re-armed only when its new time lies after `now`.
 */
function withDeadlines(clock: SlaClock, now: Date): SlaClock {
  let dueAt: string | null = null;
  let warningAt: string | null = null;
  if (!isPaused(clock)) {
    const calendar = clockCalendar(clock);
    const start = new Date(clock.startedAt);
    dueAt = addWorkingTime(calendar, start, clock.targetMs, clock.pauses).toISOString();
    warningAt = addWorkingTime(calendar, start, Math.round(clock.targetMs * WARNING_SHARE), clock.pauses).toISOString();
  }
  if (dueAt === clock.dueAt && warningAt === clock.warningAt && clock.version > 0) return clock;
  const stillPast = (iso: string | null) => iso !== null && Date.parse(iso) <= now.getTime();
  const next: SlaClock = {
    ...clock,
    dueAt,
    warningAt,
    version: clock.version + 1,
    warned: clock.warned && (warningAt === null || stillPast(warningAt)),
    breached: clock.breached && (dueAt === null || stillPast(dueAt)),
  };
  if (!next.breached) delete next.breachedAt;
  return next;
}
