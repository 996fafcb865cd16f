import { goalClock, goalOf, isGoalEventOwed } from './goals';
import { isLoweringEventOwed } from './lowering';
import { isSlaEventOwed } from './ticket';
import { GOAL_EVENT_KINDS, type Ticket, type TimerEventKind } from './types';

/**
 * The SLA events a ticket is owed right now, as entries of the due-events sorted set
 * (member `ticketId|kind|version`, score = due time in epoch ms).
 *
 * The store writes exactly these entries in the same Lua script as the ticket, so a ticket and
 * its timers never disagree; reconciliation recomputes them from the tickets. Which events are
 * owed is the ticket's rule (isSlaEventOwed).
 */
export interface DueEvent {
  ticketId: string;
  kind: TimerEventKind;
  version: number;
  dueAtMs: number;
  member: string;
}

export function dueEventsOf(ticket: Ticket): DueEvent[] {
  const { sla } = ticket;
  const events: DueEvent[] = [];
  if (sla.warningAt !== null && isSlaEventOwed(ticket, 'warning'))
    events.push(dueEvent(ticket.id, 'warning', sla.version, Date.parse(sla.warningAt)));
  if (sla.dueAt !== null && isSlaEventOwed(ticket, 'breach'))
    events.push(dueEvent(ticket.id, 'breach', sla.version, Date.parse(sla.dueAt)));
  const plan = ticket.autoLowering;
  if (plan && isLoweringEventOwed(ticket, 'lowering_notice'))
    events.push(dueEvent(ticket.id, 'lowering_notice', plan.version, Date.parse(plan.noticeAt)));
  if (plan?.lowerAt && isLoweringEventOwed(ticket, 'lowering'))
    events.push(dueEvent(ticket.id, 'lowering', plan.version, Date.parse(plan.lowerAt)));
  for (const kind of GOAL_EVENT_KINDS) {
    const clock = goalClock(ticket, goalOf(kind));
    const at = kind.endsWith('_breach') ? clock?.dueAt : clock?.warningAt;
    if (clock && at && isGoalEventOwed(ticket, kind)) events.push(dueEvent(ticket.id, kind, clock.version, Date.parse(at)));
  }
  return events;
}

const KINDS: readonly TimerEventKind[] = ['warning', 'breach', 'lowering_notice', 'lowering', ...GOAL_EVENT_KINDS];

export function dueEvent(ticketId: string, kind: TimerEventKind, version: number, dueAtMs: number): DueEvent {
  return { ticketId, kind, version, dueAtMs, member: `${ticketId}|${kind}|${version}` };
}

/** Reads a due-set member back; null for anything that is not one. */
export function parseDueMember(member: string): { ticketId: string; kind: TimerEventKind; version: number } | null {
  const [ticketId, kind, version] = member.split('|');
  if (!ticketId || !KINDS.includes(kind as TimerEventKind) || !/^\d+$/.test(version ?? '')) return null;
  return { ticketId, kind: kind as TimerEventKind, version: Number(version) };
}
