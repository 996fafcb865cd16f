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
    goals: { next_response: 'next response', resolution: 'resolution' } as Record<GoalName, string>,
    goalRunning: (goal: string, due: string, warn: string) => `${goal} due ${due} (warning at ${warn})`,
    goalPaused: (goal: string) => `the ${goal} clock is paused while the ticket waits on the customer`,
    goalDecided: (goal: string, at: string, result: string) => `${goal} decided ${at}: ${result}`,
    goalIdle: {
      next_response: 'no next response is owed: every customer message is answered',
      resolution: 'the policy sets no resolution target for this ticket',
    } as Record<GoalName, string>,
    goalBasis: (grade: string, target: string, calendar: string, start: string) =>
      `grade ${grade}: ${target} on the ${calendar} calendar, counted from ${start}`,
    earlier: (results: string) => `earlier next responses: ${results}`,
    regraded: (at: string, from: string, to: string) =>
      `${at}: grade ${from} -> ${to}, the running goal recomputed from its start with the new target`,
    regradedAfter: (at: string, from: string, to: string) => `${at}: grade ${from} -> ${to} after the result; the result stays`,
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
    goals: { next_response: 'kolejna odpowiedź', resolution: 'rozwiązanie' } as Record<GoalName, string>,
    goalRunning: (goal: string, due: string, warn: string) => `${goal} do ${due} (ostrzeżenie o ${warn})`,
    goalPaused: (goal: string) => `zegar (${goal}) jest wstrzymany, bo zgłoszenie czeka na klienta`,
    goalDecided: (goal: string, at: string, result: string) => `${goal}: wynik ustalony ${at}: ${result}`,
    goalIdle: {
      next_response: 'żadna kolejna odpowiedź nie jest należna: każda wiadomość klienta ma odpowiedź',
      resolution: 'polityka nie wyznacza temu zgłoszeniu terminu rozwiązania',
    } as Record<GoalName, string>,
    goalBasis: (grade: string, target: string, calendar: string, start: string) =>
      `priorytet ${grade}: ${target} według kalendarza ${calendar}, liczone od ${start}`,
    earlier: (results: string) => `wcześniejsze kolejne odpowiedzi: ${results}`,
    regraded: (at: string, from: string, to: string) =>
      `${at}: priorytet ${from} -> ${to}, trwający cel przeliczony od początku z nowym terminem`,
    regradedAfter: (at: string, from: string, to: string) => `${at}: priorytet ${from} -> ${to} po ustaleniu wyniku; wynik się nie zmienia`,
  },
};

type GoalName = 'next_response' | 'resolution';

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

/** Where a next-response or resolution goal stands: its clock now, the results recorded so far, and why, in words. */
export interface GoalExplanation {
  goal: GoalName;
  state: 'running' | 'paused' | 'decided' | 'not_running';
  dueAt: string | null;
  targetMs: number | null;
  /** Working time of the current clock that fell into pauses up to `now` (or its result). */
  pausedWorkingMs: number;
  /** Recorded results, oldest first (the next response has one per answered customer message). */
  results: SlaOutcome[];
  /** What later regrades would have made of the current clock's result, recorded beside it. */
  alternatives: SlaAlternative[];
  /** The same account as the first response's: state, calendar and target, pauses, results, regrades. */
  summary: string;
  /** The grade changes since the current clock started, each with what it did to the goal. */
  steps: string[];
}

export function explainGoals(ticket: Ticket, now: Date, locale: Locale = 'en'): GoalExplanation[] {
  const t = TEXT[locale];
  const describe = (goal: GoalName, clock: SlaClock | undefined, earlier: SlaOutcome[]): GoalExplanation => {
    const earlierText = earlier.length > 0 ? t.earlier(tally(earlier, t.results)) : null;
    if (!clock) {
      const summary = [t.goalIdle[goal], earlierText].filter(Boolean).join('; ');
      return {
        goal,
        state: 'not_running',
        dueAt: null,
        targetMs: null,
        pausedWorkingMs: 0,
        results: earlier,
        alternatives: [],
        summary,
        steps: [],
      };
    }
    const local = (iso: string | null | undefined) =>
      iso ? DateTime.fromISO(iso).setZone(clock.timeZone).toFormat('yyyy-MM-dd HH:mm') : '-';
    const calendar = clockCalendar(clock);
    const start = new Date(clock.startedAt);
    const until = new Date(clock.outcome?.at ?? now);
    const pausedWorkingMs = workingTimeBetween(calendar, start, until) - workingTimeBetween(calendar, start, until, clock.pauses);
    const state = clock.outcome ? 'decided' : isPaused(clock) ? 'paused' : 'running';
    const results = clock.outcome ? [...earlier, clock.outcome] : earlier;
    const alternatives = clock.alternatives ?? [];
    const name = t.goals[goal];
    const lines = [
      clock.outcome
        ? t.goalDecided(name, local(clock.outcome.at), t.results[clock.outcome.result]!)
        : state === 'paused'
          ? t.goalPaused(name)
          : t.goalRunning(name, local(clock.dueAt), local(clock.warningAt)),
      t.goalBasis(
        clock.outcome?.grade ?? ticket.grade,
        formatDuration(clock.targetMs),
        `${clock.calendar} (${t.calendars[clock.calendar] ?? clock.calendar}, ${clock.timeZone})`,
        local(clock.startedAt),
      ),
    ];
    if (pausedWorkingMs > 0) lines.push(t.paused_time(formatDuration(pausedWorkingMs)));
    if (clock.outcome) lines.push(t.outcome(t.results[clock.outcome.result]!, clock.outcome.grade, local(clock.outcome.dueAt)));
    for (const alt of alternatives) lines.push(t.alternative(alt.change, t.results[alt.result]!, local(alt.dueAt)));
    if (earlierText) lines.push(earlierText);
    const steps = ticket.history
      .filter((entry) => entry.kind === 'grade' && entry.at >= clock.startedAt)
      .map((entry) =>
        (clock.outcome && entry.at >= clock.outcome.at ? t.regradedAfter : t.regraded)(local(entry.at), entry.from ?? '-', entry.to ?? '-'),
      );
    return {
      goal,
      state,
      dueAt: clock.dueAt,
      targetMs: clock.targetMs,
      pausedWorkingMs,
      results,
      alternatives,
      summary: lines.join('; '),
      steps,
    };
  };
  return [
    describe('next_response', ticket.nextResponse?.clock, ticket.nextResponse?.outcomes ?? []),
    describe('resolution', ticket.resolution, []),
  ];
}

/** "2 met, 1 missed": the earlier results by kind, in the order of the results' names. */
function tally(outcomes: SlaOutcome[], names: Record<string, string>): string {
  return Object.keys(names)
    .map((result) => [names[result], outcomes.filter((o) => o.result === result).length] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${name}`)
    .join(', ');
}
