import { DateTime } from 'luxon';
import type { Locale } from '../../common/locale';
import { workingTimeBetween } from './calendar';
import { formatDuration } from './duration';
import { clockCalendar, isPaused } from './sla';
import type { HistoryEntry, SlaAlternative, SlaClock, SlaOutcome, Ticket } from './types';

/**
 * "Explain this deadline": where the first-response deadline of a ticket comes from, told from
 * the ticket's clock and the deadline entries of its history.
 */

export interface DeadlineStep {
  at: string;
  actor: string;
  deadlineBefore: string | null;
  deadlineAfter: string | null;
  reason: string;
  text: string;
}

export interface DeadlineExplanation {
  state: 'running' | 'paused' | 'answered' | 'closed';
  dueAt: string | null;
  warningAt: string | null;
  calendar: string;
  timeZone: string;
  targetMs: number;
  /** Working time that fell into pauses up to `now`, which the deadline does not count. */
  pausedWorkingMs: number;
  /** The goal's recorded result (null while it runs), and what later regrades would have made of it. */
  outcome: SlaOutcome | null;
  alternatives: SlaAlternative[];
  summary: string;
  steps: DeadlineStep[];
}

const TEXT = {
  en: {
    calendars: { always: '24x7 in real time', extended: '09:00-24:00 every day', office: 'Monday-Friday 09:00-17:00' } as Record<
      string,
      string
    >,
    running: (due: string, warn: string) => `first response due ${due} (warning at ${warn})`,
    paused: 'the clock is paused while the ticket waits on the customer',
    answered: (at: string, met: boolean) => `answered ${at}, SLA ${met ? 'met' : 'missed'}`,
    closed: 'the ticket is no longer open',
    basis: (grade: string, category: string, target: string, calendar: string, start: string) =>
      `grade ${grade} ${category}: ${target} on the ${calendar} calendar, counted from ${start}`,
    paused_time: (d: string) => `paused working time excluded: ${d}`,
    results: {
      met: 'met',
      missed: 'missed',
      resolved_without_response: 'resolved without a response',
      not_yet_due: 'not yet due',
    } as Record<string, string>,
    outcome: (result: string, grade: string, due: string) =>
      `result: ${result} (grade ${grade}, deadline ${due}); a recorded result never changes`,
    alternative: (change: string, result: string, due: string) =>
      `later, ${change} would have made it ${result} (deadline ${due}); recorded beside the result`,
    step: (at: string, before: string, after: string, reason: string) => `${at}: deadline ${before} -> ${after} (${reason})`,
  },
  pl: {
    calendars: {
      always: 'całodobowo, w czasie rzeczywistym',
      extended: 'codziennie 09:00-24:00',
      office: 'poniedziałek-piątek 09:00-17:00',
    } as Record<string, string>,
    running: (due: string, warn: string) => `pierwsza odpowiedź do ${due} (ostrzeżenie o ${warn})`,
    paused: 'zegar jest wstrzymany, bo zgłoszenie czeka na klienta',
    answered: (at: string, met: boolean) => `odpowiedź udzielona ${at}, SLA ${met ? 'dotrzymane' : 'przekroczone'}`,
    closed: 'zgłoszenie nie jest już otwarte',
    basis: (grade: string, category: string, target: string, calendar: string, start: string) =>
      `priorytet ${grade}, kategoria ${category}: ${target} według kalendarza ${calendar}, liczone od ${start}`,
    paused_time: (d: string) => `wyłączony czas wstrzymania: ${d}`,
    results: {
      met: 'dotrzymane',
      missed: 'przekroczone',
      resolved_without_response: 'rozwiązane bez odpowiedzi',
      not_yet_due: 'jeszcze przed terminem',
    } as Record<string, string>,
    outcome: (result: string, grade: string, due: string) =>
      `wynik: ${result} (priorytet ${grade}, termin ${due}); zapisany wynik się nie zmienia`,
    alternative: (change: string, result: string, due: string) =>
      `później zmiana (${change}) dałaby wynik: ${result} (termin ${due}); zapisana obok wyniku`,
    step: (at: string, before: string, after: string, reason: string) => `${at}: termin ${before} -> ${after} (${reason})`,
  },
};

export function explainDeadline(ticket: Ticket, now: Date, locale: Locale = 'en'): DeadlineExplanation {
  const t = TEXT[locale];
  const { sla } = ticket;
  const local = (iso: string | null | undefined) => (iso ? DateTime.fromISO(iso).setZone(sla.timeZone).toFormat('yyyy-MM-dd HH:mm') : '-');
  const calendar = clockCalendar(sla);
  const start = new Date(sla.startedAt);
  const resolvedAt = sla.outcome?.result === 'resolved_without_response' ? sla.outcome.at : undefined;
  const until = new Date(sla.firstResponseAt ?? resolvedAt ?? now);
  const pausedWorkingMs = workingTimeBetween(calendar, start, until) - workingTimeBetween(calendar, start, until, sla.pauses);

  const state: DeadlineExplanation['state'] = sla.firstResponseAt
    ? 'answered'
    : ticket.status === 'resolved' || ticket.status === 'closed'
      ? 'closed'
      : isPaused(sla)
        ? 'paused'
        : 'running';
  const status = {
    running: t.running(local(sla.dueAt), local(sla.warningAt)),
    paused: t.paused,
    answered: t.answered(local(sla.firstResponseAt), sla.met === true),
    closed: t.closed,
  }[state];
  const calendarText = `${sla.calendar} (${t.calendars[sla.calendar] ?? sla.calendar}, ${sla.timeZone})`;
  const lines = [status, t.basis(ticket.grade, ticket.category, formatDuration(sla.targetMs), calendarText, local(sla.startedAt))];
  if (pausedWorkingMs > 0) lines.push(t.paused_time(formatDuration(pausedWorkingMs)));
  const outcome = sla.outcome ?? null;
  const alternatives = sla.alternatives ?? [];
  if (outcome) lines.push(t.outcome(t.results[outcome.result]!, outcome.grade, local(outcome.dueAt)));
  for (const alt of alternatives) lines.push(t.alternative(alt.change, t.results[alt.result]!, local(alt.dueAt)));

  const steps = ticket.history
    .filter((entry: HistoryEntry) => entry.deadlineAfter !== undefined)
    .map((entry): DeadlineStep => {
      const reason = entry.reason ?? entry.kind;
      return {
        at: entry.at,
        actor: entry.actor,
        deadlineBefore: entry.deadlineBefore ?? null,
        deadlineAfter: entry.deadlineAfter ?? null,
        reason,
        text: t.step(local(entry.at), local(entry.deadlineBefore), local(entry.deadlineAfter), reason),
      };
    });
  return {
    state,
    dueAt: sla.dueAt,
    warningAt: sla.warningAt,
    calendar: sla.calendar,
    timeZone: sla.timeZone,
    targetMs: sla.targetMs,
    pausedWorkingMs,
    outcome,
    alternatives,
    summary: lines.join('; '),
    steps,
  };
}

/** Where a next-response or resolution goal stands: its clock now, and the results recorded so far. */
export interface GoalExplanation {
  goal: 'next_response' | 'resolution';
  state: 'running' | 'paused' | 'decided' | 'not_running';
  dueAt: string | null;
  targetMs: number | null;
  /** Working time of the current clock that fell into pauses up to `now` (or its result). */
  pausedWorkingMs: number;
  /** Recorded results, oldest first (the next response has one per answered customer message). */
  results: SlaOutcome[];
}

export function explainGoals(ticket: Ticket, now: Date): GoalExplanation[] {
  const describe = (goal: GoalExplanation['goal'], clock: SlaClock | undefined, earlier: SlaOutcome[]): GoalExplanation => {
    if (!clock) return { goal, state: 'not_running', dueAt: null, targetMs: null, pausedWorkingMs: 0, results: earlier };
    const calendar = clockCalendar(clock);
    const start = new Date(clock.startedAt);
    const until = new Date(clock.outcome?.at ?? now);
    const pausedWorkingMs = workingTimeBetween(calendar, start, until) - workingTimeBetween(calendar, start, until, clock.pauses);
    const state = clock.outcome ? 'decided' : isPaused(clock) ? 'paused' : 'running';
    const results = clock.outcome ? [...earlier, clock.outcome] : earlier;
    return { goal, state, dueAt: clock.dueAt, targetMs: clock.targetMs, pausedWorkingMs, results };
  };
  return [
    describe('next_response', ticket.nextResponse?.clock, ticket.nextResponse?.outcomes ?? []),
    describe('resolution', ticket.resolution, []),
  ];
}
