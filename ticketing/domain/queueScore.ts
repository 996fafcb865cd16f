import { isOpen } from './ticket';
import type { Grade, Ticket } from './types';

/**
 * The urgency score of a ticket in its category's queue: lower is more urgent, so the head of
 * the sorted set is the ticket to claim next and claiming never scans.
 *
 *   score = bucket * 10^13 + first-response deadline (epoch ms)
 *   bucket = 2 * grade index (A=0, B=1, C=2) + (breached ? 0 : 1)
 *
 * So grade comes first, breached tickets lead their grade, then the earliest deadline. A ticket
 * waiting on the customer (nothing to do until they answer) sorts after every deadline of its bucket. Epoch ms stay below 10^13 until
 * the year 2286 and the largest score (6 * 10^13) is far inside a double's exact integers.
 * Equal scores fall back to the member, i.e. the older ticket id first.
 */
const BUCKET = 1e13;
const NO_DEADLINE = BUCKET - 1;
const GRADE_RANK: Record<Grade, number> = { A: 0, B: 1, C: 2 };

export function queueScore(ticket: Ticket): number {
  const bucket = 2 * GRADE_RANK[ticket.grade] + (ticket.sla.breached ? 0 : 1);
  const waiting = ticket.status === 'waiting_on_customer' || ticket.sla.dueAt === null;
  const due = waiting ? NO_DEADLINE : Date.parse(ticket.sla.dueAt!);
  return bucket * BUCKET + due;
}

/** An open ticket waits for an agent in its category's queue until someone is assigned. */
export function isQueued(ticket: Ticket): boolean {
  return isOpen(ticket) && ticket.assignee === null;
}
