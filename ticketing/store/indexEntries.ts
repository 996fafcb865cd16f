import type { Ticket } from '../domain/types';
import { dueEventsOf } from '../domain/dueEvents';
import { deliveryDueOf } from '../domain/delivery';
import { isOpen } from '../domain/ticket';
import { isQueued, queueScore } from '../domain/queueScore';
import { reportCells, type ReportCell } from '../domain/reportCells';
import { searchTermsOf } from '../domain/searchTerms';
import { closedAtMs } from '../domain/retention';

/**
 * Everything a ticket contributes to the indexes besides its own record. The save script removes
 * the entries of the ticket as it was read and adds those of the ticket as written; the revision
 * check guarantees that "as it was read" is what Redis holds.
 */
export interface IndexEntries {
  org: string;
  status: string;
  grade: string;
  category: string;
  created: number; // epoch ms, the score in the list indexes
  breached: boolean;
  queue?: number; // queue score when the ticket waits unassigned
  agent?: string; // assignee while the ticket is open
  closed?: number; // epoch ms it was closed, while it is: the score in the closed set (archiving.ts)
  due: [member: string, dueAtMs: number][]; // exactly dueEventsOf(ticket)
  delivery: [member: string, dueAtMs: number][]; // exactly deliveryDueOf(ticket)
  report: ReportCell[]; // the report counters it counts in (reportCells)
  search: string[]; // the search terms it is found by (domain/searchTerms.ts)
}

export function indexEntriesOf(ticket: Ticket): IndexEntries {
  const entries: IndexEntries = {
    org: ticket.orgId,
    status: ticket.status,
    grade: ticket.grade,
    category: ticket.category,
    created: Date.parse(ticket.createdAt),
    breached: ticket.sla.breached,
    due: dueEventsOf(ticket).map((e) => [e.member, e.dueAtMs]),
    delivery: deliveryDueOf(ticket).map((e) => [e.member, e.dueAtMs]),
    report: reportCells(ticket),
    search: searchTermsOf(ticket),
  };
  if (isQueued(ticket)) entries.queue = queueScore(ticket);
  if (ticket.assignee !== null && isOpen(ticket)) entries.agent = ticket.assignee;
  const closed = closedAtMs(ticket);
  if (closed !== null) entries.closed = closed;
  return entries;
}
