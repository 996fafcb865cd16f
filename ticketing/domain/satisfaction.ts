import { DomainError, type Ticket } from './types';

/**
 * Customer satisfaction (docs/sla.md, "Reports"): after a ticket is resolved its administrator
 * may rate it 1-5 with an optional comment, once. The answer is a fact like an SLA outcome.
 */

export const MAX_SATISFACTION_COMMENT = 1_000;

export function rateTicket(ticket: Ticket, author: string, rating: number, comment: string | undefined, now: Date): Ticket {
  if (!Number.isInteger(rating) || rating < 1 || rating > 5)
    throw new DomainError('invalid_rating', `a satisfaction rating is a whole number from 1 to 5, got ${rating}`);
  if (author !== ticket.adminId)
    throw new DomainError('author_not_administrator', `${ticket.id} was opened by ${ticket.adminId}: only they rate it, not ${author}`);
  if (ticket.status !== 'resolved' && ticket.status !== 'closed')
    throw new DomainError('ticket_not_resolved', `${ticket.id} is ${ticket.status}: it can be rated once it is resolved`);
  if (ticket.satisfaction)
    throw new DomainError('already_rated', `${ticket.id} was already rated ${ticket.satisfaction.rating} on ${ticket.satisfaction.at}`);
  const text = comment?.trim();
  if (text && text.length > MAX_SATISFACTION_COMMENT)
    throw new DomainError('invalid_rating', `the comment is longer than ${MAX_SATISFACTION_COMMENT} characters`);
  const at = now.toISOString();
  const satisfaction: NonNullable<Ticket['satisfaction']> = { rating, at, grade: ticket.grade };
  if (text) satisfaction.comment = text;
  return {
    ...ticket,
    satisfaction,
    updatedAt: at,
    history: [
      ...ticket.history,
      { at, actor: `admin:${author}`, kind: 'satisfaction', to: String(rating), ...(text ? { reason: text } : {}) },
    ],
  };
}
