import { recordResponseDelivered } from './ticket';
import type { Delivery, DeliveryChannel, HistoryEntry, Ticket, TicketMessage } from './types';

/**
 * How an outbound message travels (docs/delivery.md): queued -> sent -> delivered, or failed.
 * Pure rules over the ticket, with `now` passed in. Every change bumps the delivery's version,
 * and a queued or sent message owes exactly one due entry `ticketId|index|version` (the store
 * writes it with the ticket), so a stale or repeated delivery job does nothing.
 */

/** The author of the desk's automatic messages (notices); they never count as the first response. */
export const DESK_AUTHOR = 'desk';

export interface DeliveryPolicy {
  /** The waits before the 2nd, 3rd, ... attempt on one channel; when they run out, the channel gives up. */
  retryDelaysMs: readonly number[];
  /** How long a send may go unanswered before the attempt is taken back (a crash mid-send). */
  leaseMs: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = { retryDelaysMs: [5_000, 30_000, 120_000], leaseMs: 120_000 };

/** How an attempt ended. `permanent`: retrying the same channel cannot help (a dead conversation, a refused address). */
export type AttemptOutcome = { ok: true; to?: string } | { ok: false; reason: string; permanent: boolean };

/** Whether a message is one the first-response clock waits for: an agent's own reply, not a notice. */
export function isResponse(message: TicketMessage): boolean {
  return message.from === 'agent' && message.author !== DESK_AUTHOR;
}

/** Where a new message goes first: the chat it came from, unless it is a mail ticket or the chat is known dead. */
export function firstChannel(ticket: Ticket): DeliveryChannel {
  return ticket.conversation && !ticket.mailThread && !ticket.chatUnreachable ? 'chat' : 'email';
}

/** Queues every outbound message `after` added to `before`. */
export function queueNewMessages(before: Ticket | null, after: Ticket, now: Date): Ticket {
  const from = before?.messages.length ?? 0;
  if (after.messages.length <= from) return after;
  const at = now.toISOString();
  const messages = after.messages.map((m, i) =>
    i < from || m.from !== 'agent' || m.delivery
      ? m
      : { ...m, delivery: { state: 'queued' as const, channel: firstChannel(after), attempts: 0, version: 1, at, dueAt: at } },
  );
  return { ...after, messages };
}

export interface DeliveryDue {
  ticketId: string;
  index: number;
  version: number;
  dueAtMs: number;
  member: string;
}

/** The due entries a ticket's deliveries owe: one per queued or sent message. */
export function deliveryDueOf(ticket: Ticket): DeliveryDue[] {
  const due: DeliveryDue[] = [];
  ticket.messages.forEach((m, index) => {
    const d = m.delivery;
    if (!d || (d.state !== 'queued' && d.state !== 'sent') || !d.dueAt) return;
    due.push({
      ticketId: ticket.id,
      index,
      version: d.version,
      dueAtMs: Date.parse(d.dueAt),
      member: `${ticket.id}|${index}|${d.version}`,
    });
  });
  return due;
}

export function parseDeliveryMember(member: string): { ticketId: string; index: number; version: number } | null {
  const [ticketId, index, version, extra] = member.split('|');
  if (!ticketId || extra !== undefined || !/^\d+$/.test(index ?? '') || !/^\d+$/.test(version ?? '')) return null;
  return { ticketId, index: Number(index), version: Number(version) };
}

/** The delivery a job of `version` may act on, or null when the job is stale. */
export function deliveryAt(ticket: Ticket, index: number, version: number): Delivery | null {
  const d = ticket.messages[index]?.delivery;
  return d && d.version === version && (d.state === 'queued' || d.state === 'sent') ? d : null;
}

/** An attempt starts: the message is handed to its channel. Null when the job is stale or the attempt was interrupted. */
export function beginAttempt(ticket: Ticket, index: number, version: number, now: Date, policy: DeliveryPolicy): Ticket | null {
  const d = deliveryAt(ticket, index, version);
  if (!d || d.state !== 'queued') return null;
  const dueAt = new Date(now.getTime() + policy.leaseMs).toISOString();
  return withDelivery(ticket, index, {
    ...d,
    state: 'sent',
    attempts: d.attempts + 1,
    version: d.version + 1,
    at: now.toISOString(),
    dueAt,
  });
}

/**
 * An attempt ended. Delivered: the first reply to arrive is the first response. Failed: retried
 * after the next back-off; when the chat gives up (retries spent, or a permanent failure) the
 * message goes by e-mail; when e-mail gives up too, it has failed and the agent sees why.
 */
export function endAttempt(
  ticket: Ticket,
  index: number,
  version: number,
  outcome: AttemptOutcome,
  now: Date,
  policy: DeliveryPolicy,
): Ticket | null {
  const d = deliveryAt(ticket, index, version);
  if (!d || d.state !== 'sent') return null;
  const at = now.toISOString();
  const base = { channel: d.channel, attempts: d.attempts, version: d.version + 1, at, ...(d.fallback ? { fallback: d.fallback } : {}) };
  if (outcome.ok) {
    const delivered = withDelivery(ticket, index, { ...base, state: 'delivered', ...(outcome.to ? { to: outcome.to } : {}) });
    return isResponse(delivered.messages[index]!)
      ? recordResponseDelivered(delivered, d.channel === 'email' ? 'by e-mail' : 'in the chat', now)
      : delivered;
  }
  const delay = policy.retryDelaysMs[d.attempts - 1];
  if (!outcome.permanent && delay !== undefined) {
    const dueAt = new Date(now.getTime() + delay).toISOString();
    return withDelivery(ticket, index, { ...base, state: 'queued', dueAt, reason: outcome.reason });
  }
  if (d.channel === 'chat') {
    const fallback = outcome.reason;
    const fellBack = withDelivery(ticket, index, { ...base, channel: 'email', attempts: 0, state: 'queued', dueAt: at, fallback });
    const note = entry(at, `message ${index + 1}: chat unreachable (${fallback}); sending it by e-mail`);
    // A conversation that cannot exist any more takes later messages straight to e-mail.
    const dead = outcome.permanent ? { chatUnreachable: { at, reason: outcome.reason } } : {};
    return { ...fellBack, ...dead, history: [...fellBack.history, note] };
  }
  const failed = withDelivery(ticket, index, { ...base, state: 'failed', reason: outcome.reason });
  return { ...failed, history: [...failed.history, entry(at, `message ${index + 1} not delivered: ${outcome.reason}`)] };
}

/** An agent asks to try a failed message again, from the first channel (the chat may be back). */
export function retryDelivery(ticket: Ticket, index: number, actor: string, now: Date): Ticket | null {
  const d = ticket.messages[index]?.delivery;
  if (!d || d.state !== 'failed') return null;
  const at = now.toISOString();
  const revived: Ticket = { ...ticket, chatUnreachable: undefined };
  delete revived.chatUnreachable;
  const next = withDelivery(revived, index, {
    state: 'queued',
    channel: firstChannel(revived),
    attempts: 0,
    version: d.version + 1,
    at,
    dueAt: at,
  });
  return { ...next, history: [...next.history, { ...entry(at, `message ${index + 1}: delivery tried again`), actor }] };
}

function withDelivery(ticket: Ticket, index: number, delivery: Delivery): Ticket {
  const messages = [...ticket.messages];
  messages[index] = { ...messages[index]!, delivery };
  return { ...ticket, messages, updatedAt: delivery.at };
}

function entry(at: string, reason: string): HistoryEntry {
  return { at, actor: 'system', kind: 'delivery', reason };
}
