import type { Ticket, TimerEventKind } from '../domain/types';

/** What the SLA timers need from the ticket service. */
export interface SlaTicketService {
  /**
   * Applies a due event if it is still owed (ticket open, unanswered, SLA version unchanged, not
   * yet warned/breached): marks the ticket, records history, raises it in its queue, and returns
   * it. Returns null for a stale or repeated event and changes nothing.
   */
  applySlaEvent(ticketId: string, kind: TimerEventKind, version: number): Promise<Ticket | null>;
  /** Every ticket that may be owed an SLA event (dueEventsOf decides which are). */
  openTickets(): AsyncIterable<Ticket>;
  getTicket(id: string): Promise<Ticket | null>;
}
