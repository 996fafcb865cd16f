import { isSlaEventOwed } from './ticket';
import type { SlaEventKind, Ticket } from './types';

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
  kind: SlaEventKind;
  version: number;
  dueAtMs: number;
  member: string;
}

export function dueEventsOf(ticket: Ticket): DueEvent[] {
  const { sla } = ticket;
  const events: DueEvent[] = [];
  if (sla.warningAt !== null && isSlaEventOwed(ticket, 'warning')) events.push(dueEvent(ticket.id, 'warning', sla.version, Date.parse(sla.warningAt)));
  if (sla.dueAt !== null && isSlaEventOwed(ticket, 'breach')) events.push(dueEvent(ticket.id, 'breach', sla.version, Date.parse(sla.dueAt)));
  return events;
}

export function dueEvent(ticketId: string, kind: SlaEventKind, version: number, dueAtMs: number): DueEvent {
  return { ticketId, kind, version, dueAtMs, member: `${ticketId}|${kind}|${version}` };
}

/** Reads a due-set member back; null for anything that is not one. */
export function parseDueMember(member: string): { ticketId: string; kind: SlaEventKind; version: number } | null {
  const [ticketId, kind, version] = member.split('|');
  if (!ticketId || (kind !== 'warning' && kind !== 'breach') || !/^\d+$/.test(version ?? '')) return null;
  return { ticketId, kind, version: Number(version) };
}
