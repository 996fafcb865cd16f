import {
  clockCalendar,
  goalTerms,
  isDecided,
  markBreached,
  pauseClock,
  reachedOutcome,
  regradeClock,
  resumeClock,
  settleClock,
  startGoalClock,
} from './sla';
import { DEFAULT_WARNING_SHARE, type GoalTerms, type SlaGoal, type SlaPolicy } from './slaPolicy';
import type {
  Category,
  GoalEventKind,
  Grade,
  HistoryEntry,
  Organisation,
  SlaClock,
  SlaEventKind,
  SlaOutcome,
  Ticket,
  TicketSlaTerms,
  TimerEventKind,
} from './types';

/**
 * The next-response and resolution goals (docs/sla.md, "Goals"), beside the first response
 * (sla.ts). Each is an SlaClock with the same rules: paused while the ticket waits on the
 * customer, recomputed by a regrade while it runs, and frozen once decided.
 *
 * - Next response: a clock starts at a customer message when the first response was given and no
 *   earlier message still awaits an answer; the next agent reply decides it (met or missed), a
 *   resolve decides it as resolved without a response. Each decided clock joins `outcomes`.
 * - Resolution: one clock from creation; the first resolve decides it.
 */

type GoalName = Exclude<SlaGoal, 'first_response'>;

/** The terms a new ticket keeps: its policy version and the targets of the other goals. */
export function ticketTerms(policy: SlaPolicy, terms: GoalTerms): TicketSlaTerms {
  const kept: TicketSlaTerms = { policyVersion: policy.version };
  if (terms.targets.next_response !== undefined) kept.nextResponseMs = terms.targets.next_response;
  if (terms.targets.resolution !== undefined) kept.resolutionMs = terms.targets.resolution;
  if (terms.warningShare.next_response !== DEFAULT_WARNING_SHARE) kept.nextResponseWarningShare = terms.warningShare.next_response;
  if (terms.warningShare.resolution !== DEFAULT_WARNING_SHARE) kept.resolutionWarningShare = terms.warningShare.resolution;
  return kept;
}

/** The goals a new ticket starts with (the resolution clock, when its rule sets one). */
export function openGoals(ticket: Ticket, terms: GoalTerms, now: Date): Ticket {
  const resolution = startGoalClock(terms, 'resolution', now);
  return resolution ? { ...ticket, resolution } : ticket;
}

/** The terms of a goal as the ticket keeps them: its own first-response calendar and the stored target. */
function keptTerms(ticket: Ticket): GoalTerms {
  const terms = ticket.terms;
  return {
    calendar: clockCalendar(ticket.sla),
    targets: { next_response: terms?.nextResponseMs, resolution: terms?.resolutionMs },
    warningShare: {
      first_response: ticket.sla.warningShare ?? DEFAULT_WARNING_SHARE,
      next_response: terms?.nextResponseWarningShare ?? DEFAULT_WARNING_SHARE,
      resolution: terms?.resolutionWarningShare ?? DEFAULT_WARNING_SHARE,
    },
  };
}

/** A customer message: starts a next-response clock when the desk had answered everything before it. */
export function customerWrote(ticket: Ticket, now: Date): Ticket {
  if (!ticket.sla.firstResponseAt || ticket.nextResponse?.clock) return ticket;
  const outcomes = ticket.nextResponse?.outcomes ?? [];
  const clock = startGoalClock(keptTerms(ticket), 'next_response', now, lastVersion(ticket));
  return clock ? { ...ticket, nextResponse: { clock, outcomes } } : ticket;
}

/** An agent reply: decides the running next-response clock and files it with the earlier results. */
export function agentAnswered(ticket: Ticket, agentId: string, now: Date): Ticket {
  const goal = ticket.nextResponse;
  if (!goal?.clock) return ticket;
  const outcome: SlaOutcome = { ...reachedOutcome(goal.clock, ticket.grade, now), by: agentId };
  return { ...ticket, nextResponse: { outcomes: [...goal.outcomes, outcome] } };
}

/** The ticket was resolved: the resolution goal is reached, a next response still owed ends without one. */
export function goalsResolved(ticket: Ticket, now: Date): Ticket {
  let next = ticket;
  if (next.resolution && !isDecided(next.resolution)) {
    next = { ...next, resolution: { ...next.resolution, outcome: reachedOutcome(next.resolution, next.grade, now) } };
  }
  const goal = next.nextResponse;
  if (goal?.clock) {
    const outcome = goal.clock.outcome ?? {
      result: 'resolved_without_response',
      at: now.toISOString(),
      dueAt: goal.clock.dueAt,
      grade: next.grade,
    };
    next = { ...next, nextResponse: { outcomes: [...goal.outcomes, outcome] } };
  }
  return next;
}

/** Waiting on the customer pauses the running goals; an answer resumes them. */
export function pauseGoals(ticket: Ticket, now: Date, pause: boolean): Ticket {
  return mapClocks(ticket, (clock) => (pause ? pauseClock(clock, now) : resumeClock(clock, now)));
}

/** A deadline that passed unanswered is recorded as missed before a change applies (like settleClock). */
export function settleGoals(ticket: Ticket, now: Date): { ticket: Ticket; missed: HistoryEntry[] } {
  const missed: HistoryEntry[] = [];
  const settled = mapClocks(ticket, (clock, goal) => {
    const next = settleClock(clock, ticket.grade, now);
    if (next !== clock) missed.push(breachEntry(goal, clock, now.toISOString()));
    return next;
  });
  return { ticket: settled, missed };
}

/** The goals under a new grade: running clocks recomputed, decided ones keep their result (alternatives beside it). */
export function regradeGoals(
  ticket: Ticket,
  org: Organisation,
  category: Category,
  grade: Grade,
  policy: SlaPolicy,
  now: Date,
  change: { actor: string; change: string },
): Ticket {
  const terms = goalTerms(org, category, grade, policy);
  const kept = ticket.terms ? { ...ticket.terms, ...ticketTerms(policy, terms), policyVersion: ticket.terms.policyVersion } : undefined;
  const next = mapClocks(ticket, (clock, goal) => regradeClock(clock, org, category, grade, now, change, policy, goal));
  return kept ? { ...next, terms: kept } : next;
}

/** Whether a goal event is still owed: its clock runs undecided on an open ticket, and a warning has not fired. */
export function isGoalEventOwed(ticket: Ticket, kind: GoalEventKind): boolean {
  const clock = goalClock(ticket, goalOf(kind));
  if (!clock || isDecided(clock) || clock.dueAt === null) return false;
  if (!['new', 'in_progress'].includes(ticket.status)) return false;
  return kind.endsWith('_breach') || (!clock.warned && clock.warningAt !== null);
}

/** Applies a goal's warning or breach; null when stale (another version, decided, paused, not open). */
export function markGoalEvent(ticket: Ticket, kind: GoalEventKind, version: number, now: Date): Ticket | null {
  const goal = goalOf(kind);
  const clock = goalClock(ticket, goal);
  if (!clock || clock.version !== version || !isGoalEventOwed(ticket, kind)) return null;
  const at = now.toISOString();
  const breach = kind.endsWith('_breach');
  const next = breach ? markBreached(clock, ticket.grade) : { ...clock, warned: true };
  const entry: HistoryEntry = breach
    ? breachEntry(goal, clock, at)
    : {
        at,
        actor: 'sla',
        kind: 'sla_warning',
        goal,
        reason: `${goalLabel(goal)}: ${Math.round((clock.warningShare ?? DEFAULT_WARNING_SHARE) * 100)}% of the time used; due ${clock.dueAt}`,
      };
  return { ...withClock(ticket, goal, next), updatedAt: at, history: [...ticket.history, entry] };
}

export function goalOf(kind: GoalEventKind): GoalName {
  return kind.startsWith('next_response') ? 'next_response' : 'resolution';
}

export function goalClock(ticket: Ticket, goal: GoalName): SlaClock | undefined {
  return goal === 'resolution' ? ticket.resolution : ticket.nextResponse?.clock;
}

function goalLabel(goal: GoalName): string {
  return goal === 'resolution' ? 'resolution' : 'next response';
}

function breachEntry(goal: GoalName, clock: SlaClock, at: string): HistoryEntry {
  return { at, actor: 'sla', kind: 'sla_breach', goal, reason: `${goalLabel(goal)} not by ${clock.dueAt}` };
}

function withClock(ticket: Ticket, goal: GoalName, clock: SlaClock): Ticket {
  if (goal === 'resolution') return { ...ticket, resolution: clock };
  return { ...ticket, nextResponse: { outcomes: ticket.nextResponse?.outcomes ?? [], clock } };
}

function mapClocks(ticket: Ticket, change: (clock: SlaClock, goal: GoalName) => SlaClock): Ticket {
  let next = ticket;
  for (const goal of ['next_response', 'resolution'] as const) {
    const clock = goalClock(next, goal);
    if (!clock) continue;
    const changed = change(clock, goal);
    if (changed !== clock) next = withClock(next, goal, changed);
  }
  return next;
}

/**
 * The version a new next-response clock starts from: the n-th clock starts at n * 1000 (a clock
 * changes far fewer times), so its timer entries never reuse an earlier clock's member.
 */
function lastVersion(ticket: Ticket): number {
  return ticket.nextResponse?.outcomes.length ? ticket.nextResponse.outcomes.length * 1000 : 0;
}

/** What a timer event means to escalations: the goal and warning or breach; null for the automatic lowering's events. */
export function slaEventOf(kind: TimerEventKind): { goal: SlaGoal; kind: SlaEventKind } | null {
  if (kind === 'warning' || kind === 'breach') return { goal: 'first_response', kind };
  if (kind === 'lowering_notice' || kind === 'lowering') return null;
  return { goal: goalOf(kind), kind: kind.endsWith('_breach') ? 'breach' : 'warning' };
}

/** The clock a goal's events belong to. */
export function clockOf(ticket: Ticket, goal: SlaGoal): SlaClock | undefined {
  return goal === 'first_response' ? ticket.sla : goalClock(ticket, goal);
}
