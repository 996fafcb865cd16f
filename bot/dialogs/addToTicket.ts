import type { TurnContext } from 'botbuilder';
import type { VerifiedAdmin } from '../../ticketing';
import type { TicketDesk } from '../ports';
import { t } from '../i18n';
import { localeOf } from '../turnLocale';

/**
 * "dodaj do SR-… <message>" from a verified administrator: the message goes to that open ticket
 * of their organisation (from any conversation), and the ticket's thread opens here. A ticket of
 * another organisation gets the same answer as one that does not exist, so ids reveal nothing.
 * True when the ticket takes messages.
 */
export async function addToTicket(
  context: TurnContext,
  deps: { tickets: TicketDesk },
  admin: VerifiedAdmin,
  ticketId: string,
  text: string,
): Promise<boolean> {
  const locale = localeOf(context);
  const ticket = await deps.tickets.get(ticketId);
  if (!ticket || ticket.orgId !== admin.orgId) {
    await context.sendActivity(t(locale, 'status.notFound', { id: ticketId }));
    return false;
  }
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    await context.sendActivity(t(locale, 'add.notOpen', { id: ticketId }));
    return false;
  }
  if (text) await deps.tickets.customerMessage(ticketId, admin.adminId, text);
  await context.sendActivity(
    text
      ? `${t(locale, 'add.added', { id: ticketId })}\n\n${t(locale, 'thread.joined', { id: ticketId })}`
      : t(locale, 'thread.joined', { id: ticketId }),
  );
  return true;
}
