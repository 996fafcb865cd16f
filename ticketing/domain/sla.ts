import { DateTime } from 'luxon';
import { addWorkingTime, defaultCalendar, workingTimeBetween, type Calendar, type CalendarName } from './calendar';
import { DEFAULT_TIME_ZONE } from './policy';
import { DEFAULT_SLA_POLICY, DEFAULT_WARNING_SHARE, termsFor, type GoalTerms, type SlaGoal, type SlaPolicyDocument } from './slaPolicy';
import type { Category, Grade, Organisation, Pause, SlaAlternative, SlaClock, SlaOutcome } from './types';

/**
 * The first-response SLA clock: pure functions from one clock to the next. A deadline is always
 * recomputed from the creation time with every pause excluded, so pausing, resuming and
 * regrading compose without drift. Each change of the deadline bumps `version`; a timer event of
 * another version is stale.
 *
 * Once the goal is decided (met, missed, resolved without a response) its result is a fact: the
 * clock is frozen, pauses are still recorded, and a regrade that would judge it otherwise is
 * recorded beside it as an alternative.
 */

/** The calendar the clock counts in: its own copy of the policy's week, or (clocks stored before policies) a default calendar by name. */
export function clockCalendar(clock: SlaClock): Calendar {
  if (clock.week)
    return {
      name: clock.calendar,
      timeZone: clock.timeZone,
      realTime: clock.realTime === true,
      week: clock.week,
      holidays: clock.holidays ?? [],
    };
  return defaultCalendar(clock.calendar as CalendarName, clock.timeZone, clock.holidays ?? []);
}

/** The terms of a ticket's goals under a policy, in the organisation's time zone. */
export function goalTerms(org: Organisation, category: Category, grade: Grade, policy: SlaPolicyDocument = DEFAULT_SLA_POLICY): GoalTerms {
  return termsFor(policy, org, category, grade, org.timeZone || DEFAULT_TIME_ZONE);
}

export function isPaused(clock: SlaClock): boolean {
  return clock.pauses.some((p) => p.to === undefined);
}

/** The first-response clock of a new ticket under a policy (by default the repository's). */
export function startClock(
  org: Organisation,
  category: Category,
  grade: Grade,
  createdAt: Date,
  policy: SlaPolicyDocument = DEFAULT_SLA_POLICY,
): SlaClock {
  return startGoalClock(goalTerms(org, category, grade, policy), 'first_response', createdAt)!;
}

/**
 * A goal's clock started at `startedAt` with the terms' calendar and target; null when the terms
 * set no target for the goal. `version` continues from an earlier clock of the same goal, so the
 * timer entries of a repeated goal (next response) never collide.
 */
export function startGoalClock(terms: GoalTerms, goal: SlaGoal, startedAt: Date, version = 0): SlaClock | null {
  const targetMs = terms.targets[goal];
  if (targetMs === undefined) return null;
  const clock: SlaClock = {
    ...calendarFields(terms, startedAt),
    targetMs,
    startedAt: startedAt.toISOString(),
    pauses: [],
    dueAt: null,
    warningAt: null,
    version,
    warned: false,
    breached: false,
  };
  if (terms.warningShare[goal] !== DEFAULT_WARNING_SHARE) clock.warningShare = terms.warningShare[goal];
  return withDeadlines(clock, startedAt);
}

/** What a clock keeps of its calendar: enough to recompute alone (holidays before its start left out). */
function calendarFields(terms: GoalTerms, startedAt: Date): Pick<SlaClock, 'calendar' | 'timeZone' | 'holidays' | 'week' | 'realTime'> {
  const { calendar } = terms;
  const firstDay = DateTime.fromJSDate(startedAt).setZone(calendar.timeZone).minus({ days: 1 }).toISODate() ?? '';
  const fields: Pick<SlaClock, 'calendar' | 'timeZone' | 'holidays' | 'week' | 'realTime'> = {
    calendar: calendar.name,
    timeZone: calendar.timeZone,
    holidays: calendar.holidays.filter((d) => d >= firstDay),
    week: calendar.week,
  };
  if (calendar.realTime) fields.realTime = true;
  return fields;
}

/** Whether the goal has its result (stored before outcomes existed: answered or breached). */
export function isDecided(clock: SlaClock): boolean {
  return clock.outcome !== undefined || clock.firstResponseAt !== undefined || clock.breached;
}

/**
 * Records a deadline that passed unanswered as missed, before any change is applied to the
 * clock: a change made after the deadline must find the miss, whether or not the timer has fired yet.
 */
export function settleClock(clock: SlaClock, grade: Grade, now: Date): SlaClock {
  if (isDecided(clock) || clock.dueAt === null || Date.parse(clock.dueAt) > now.getTime()) return clock;
  return markBreached(clock, grade);
}

/** The clock with its deadline missed: breached at dueAt, the outcome recorded. */
export function markBreached(clock: SlaClock, grade: Grade): SlaClock {
  const dueAt = clock.dueAt!;
  const outcome: SlaOutcome = { result: 'missed', at: dueAt, dueAt, grade };
  return { ...clock, warned: true, breached: true, breachedAt: dueAt, outcome };
}

/** Stops the clock (waiting on the customer on `question`). A decided clock only records the pause. */
export function pauseClock(clock: SlaClock, now: Date, question?: string): SlaClock {
  if (isPaused(clock)) return clock;
  const pause: Pause = { from: now.toISOString() };
  if (question) pause.question = question;
  const paused = { ...clock, pauses: [...clock.pauses, pause] };
  return isDecided(clock) ? paused : withDeadlines(paused, now);
}

/** Restarts a paused clock: the deadline moves by the working time that was left. */
export function resumeClock(clock: SlaClock, now: Date): SlaClock {
  if (!isPaused(clock)) return clock;
  const resumed = { ...clock, pauses: closePauses(clock.pauses, now) };
  return isDecided(clock) ? resumed : withDeadlines(resumed, now);
}

/**
 * The clock of a new grade: calendar and target change, counted from creation, pauses still
 * excluded. A decided clock keeps its result; when the new grade would have judged it otherwise,
 * that is recorded beside it (`alternatives`).
 */
export function regradeClock(
  clock: SlaClock,
  org: Organisation,
  category: Category,
  newGrade: Grade,
  now: Date,
  change: { actor: string; change: string },
  policy: SlaPolicyDocument = DEFAULT_SLA_POLICY,
  goal: SlaGoal = 'first_response',
): SlaClock {
  const terms = goalTerms(org, category, newGrade, policy);
  // A goal the new grade's rule does not measure keeps the target it had.
  const targetMs = terms.targets[goal] ?? clock.targetMs;
  const regraded: SlaClock = { ...clock, ...calendarFields(terms, new Date(clock.startedAt)), targetMs };
  if (terms.warningShare[goal] !== DEFAULT_WARNING_SHARE) regraded.warningShare = terms.warningShare[goal];
  else delete regraded.warningShare;
  if (!isDecided(clock)) return withDeadlines(regraded, now);
  const recorded = resultOf(clock);
  const alternative = judge(regraded, now);
  if (alternative.result === recorded) return clock;
  const entry: SlaAlternative = { at: now.toISOString(), ...change, grade: newGrade, ...alternative };
  return { ...clock, alternatives: [...(clock.alternatives ?? []), entry] };
}

/**
 * Stops the first-response clock for good: records the response's working time and whether it
 * was in time. A goal already decided (a breach recorded) keeps its result.
 */
export function recordFirstResponse(clock: SlaClock, grade: Grade, now: Date): SlaClock {
  if (clock.firstResponseAt) return clock;
  const calendar = clockCalendar(clock);
  const responseWorkingMs = workingTimeBetween(calendar, new Date(clock.startedAt), now, closePauses(clock.pauses, now));
  const deadline = deadlineOf(clock, now);
  const outcome: SlaOutcome = clock.outcome ?? {
    result: now.getTime() <= deadline.getTime() ? 'met' : 'missed',
    at: now.toISOString(),
    dueAt: deadline.toISOString(),
    grade,
  };
  return { ...clock, firstResponseAt: now.toISOString(), responseWorkingMs, met: outcome.result === 'met', outcome };
}

/** The ticket was resolved: a goal still running ends as resolved without a response. */
export function resolveClock(clock: SlaClock, grade: Grade, now: Date): SlaClock {
  if (isDecided(clock)) return clock;
  const outcome: SlaOutcome = { result: 'resolved_without_response', at: now.toISOString(), dueAt: clock.dueAt, grade };
  return { ...clock, met: false, outcome };
}

/** The result of a goal reached at `now` (a reply, a resolve): the recorded outcome, or met/missed by the deadline as it stands. */
export function reachedOutcome(clock: SlaClock, grade: Grade, now: Date): SlaOutcome {
  if (clock.outcome) return clock.outcome;
  const deadline = deadlineOf(clock, now);
  return { result: now.getTime() <= deadline.getTime() ? 'met' : 'missed', at: now.toISOString(), dueAt: deadline.toISOString(), grade };
}

/** The recorded result, also of clocks stored before outcomes existed. */
export function resultOf(clock: SlaClock): SlaOutcome['result'] | null {
  if (clock.outcome) return clock.outcome.result;
  if (clock.firstResponseAt) return clock.met ? 'met' : 'missed';
  return clock.breached ? 'missed' : null;
}

/** How a clock (with another grade's target) would judge the goal at `now`. */
function judge(clock: SlaClock, now: Date): Pick<SlaAlternative, 'dueAt' | 'result'> {
  const answeredAt = clock.firstResponseAt ? new Date(clock.firstResponseAt) : null;
  const until = answeredAt ?? now;
  const deadline = deadlineOf(clock, until);
  const result = answeredAt ? (answeredAt <= deadline ? 'met' : 'missed') : deadline <= now ? 'missed' : 'not_yet_due';
  return { dueAt: deadline.toISOString(), result };
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
 * A warning that already fired is re-armed only when its new time lies after `now`. Only an
 * undecided clock comes here, so there is no breach to undo.
 */
function withDeadlines(clock: SlaClock, now: Date): SlaClock {
  let dueAt: string | null = null;
  let warningAt: string | null = null;
  if (!isPaused(clock)) {
    const calendar = clockCalendar(clock);
    const start = new Date(clock.startedAt);
    dueAt = addWorkingTime(calendar, start, clock.targetMs, clock.pauses).toISOString();
    warningAt = addWorkingTime(
      calendar,
      start,
      Math.round(clock.targetMs * (clock.warningShare ?? DEFAULT_WARNING_SHARE)),
      clock.pauses,
    ).toISOString();
  }
  if (dueAt === clock.dueAt && warningAt === clock.warningAt && clock.version > 0) return clock;
  const stillPast = (iso: string | null) => iso !== null && Date.parse(iso) <= now.getTime();
  return {
    ...clock,
    dueAt,
    warningAt,
    version: clock.version + 1,
    warned: clock.warned && (warningAt === null || stillPast(warningAt)),
    armedAt: now.toISOString(),
  };
}
