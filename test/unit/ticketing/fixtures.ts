import { DateTime } from 'luxon';
import { addAgentReply, type NewTicketInput } from '../../../ticketing/domain/ticket';
import { beginAttempt, DEFAULT_DELIVERY_POLICY, endAttempt, queueNewMessages } from '../../../ticketing/domain/delivery';
import type { Organisation, Ticket } from '../../../ticketing/domain/types';

export const WARSAW = 'Europe/Warsaw';

/** The instant of a wall-clock time in a zone: at('2026-03-10 10:00') is 10:00 in Warsaw. */
export function at(local: string, zone = WARSAW): Date {
  const dt = DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone });
  if (!dt.isValid) throw new Error(`bad test time ${local}`);
  return dt.toJSDate();
}

/** An instant shown as wall-clock time in a zone, with the weekday: 'Wed 2026-03-11 10:00'. */
export function wall(date: Date | string | null, zone = WARSAW): string {
  if (date === null) return 'null';
  const dt = typeof date === 'string' ? DateTime.fromISO(date) : DateTime.fromJSDate(date);
  return dt.setZone(zone).toFormat('ccc yyyy-MM-dd HH:mm');
}

export function organisation(overrides: Partial<Organisation> = {}): Organisation {
  return {
    id: 'contoso',
    name: 'Contoso',
    tenantId: 'tenant-1',
    timeZone: WARSAW,
    contract: 'standard',
    administrators: [{ id: 'adm-1', name: 'Jan Kowalski', email: 'jan@contoso.pl', phone: '+48 600 100 123', chatIdentities: [] }],
    ...overrides,
  };
}

export const premier = (overrides: Partial<Organisation> = {}) =>
  organisation({ id: 'fabrikam', name: 'Fabrikam', contract: 'premier', ...overrides });

export function ticketInput(overrides: Partial<NewTicketInput> = {}): NewTicketInput {
  return {
    orgId: 'contoso',
    adminId: 'adm-1',
    category: 'technical',
    grade: 'B',
    title: 'Exchange Online nie wysyła poczty',
    description: 'Od rana użytkownicy nie mogą wysyłać wiadomości.',
    affected: '20 users',
    contact: { email: 'jan@contoso.pl', preferred: 'email' },
    ...overrides,
  };
}

/** An agent's reply that reached the customer at once (queued, sent and delivered at `now`). */
export function deliveredReply(ticket: Ticket, agentId: string, text: string, now: Date): Ticket {
  return delivered(ticket, addAgentReply(ticket, agentId, text, now), now);
}

/** `after` with the message it added to `before` delivered at `now`. */
export function delivered(before: Ticket, after: Ticket, now: Date): Ticket {
  const replied = queueNewMessages(before, after, now);
  const index = replied.messages.length - 1;
  const sent = beginAttempt(replied, index, 1, now, DEFAULT_DELIVERY_POLICY)!;
  return endAttempt(sent, index, 2, { ok: true }, now, DEFAULT_DELIVERY_POLICY)!;
}
