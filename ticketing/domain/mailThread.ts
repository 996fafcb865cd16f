import { addCustomerMessage } from './ticket';
import type { MessageFiles, Ticket } from './types';

/** How a ticket's e-mail conversation grows: each mail once, threaded by its Message-ID. */

/** At most this many Message-IDs are kept for References (the first and the latest ones). */
const MAX_REFERENCES = 20;

/**
 * A customer's mail added to the ticket's thread. A mail already in the thread (same Message-ID)
 * returns the ticket unchanged, so a mail read twice (two instances, a retry after a crash) is
 * added once: the check and the write happen in the same revision-checked update.
 */
export function addCustomerMail(
  ticket: Ticket,
  author: string,
  text: string,
  mailId: string,
  address: string,
  now: Date,
  files?: MessageFiles,
): Ticket {
  if (hasMail(ticket, mailId)) return ticket;
  const next = addCustomerMessage(ticket, author, text, now, undefined, files);
  const messages = [...next.messages];
  const added = messages.findIndex((m, i) => i >= ticket.messages.length && m.from === 'customer');
  messages[added] = { ...messages[added]!, mailId };
  return { ...next, messages, mailThread: threadWith(ticket, address, mailId) };
}

/** Records the Message-ID an agent's message went out with (the next mail's References carry it). */
export function recordSentMail(ticket: Ticket, messageAt: string, mailId: string, address: string): Ticket {
  const index = ticket.messages.findIndex((m) => m.at === messageAt && m.from === 'agent' && !m.mailId);
  if (index < 0 || hasMail(ticket, mailId)) return ticket;
  const messages = [...ticket.messages];
  messages[index] = { ...messages[index]!, mailId };
  return { ...ticket, messages, mailThread: threadWith(ticket, address, mailId) };
}

export function hasMail(ticket: Ticket, mailId: string): boolean {
  return ticket.mailThread?.messageIds.includes(mailId) === true || ticket.messages.some((m) => m.mailId === mailId);
}

/** The ticket id a subject names ("Re: [SR-2026-000123] ..."), or null. */
export function ticketIdInSubject(subject: string): string | null {
  return /\bSR-\d{4}-\d{6,}\b/.exec(subject)?.[0] ?? null;
}

function threadWith(ticket: Ticket, address: string, mailId: string): Ticket['mailThread'] {
  const ids = [...(ticket.mailThread?.messageIds ?? []), mailId];
  // The first mail stays (it roots the thread); the latest ones follow it.
  const kept = ids.length > MAX_REFERENCES ? [ids[0]!, ...ids.slice(ids.length - MAX_REFERENCES + 1)] : ids;
  return { address: ticket.mailThread?.address ?? address, messageIds: kept };
}
