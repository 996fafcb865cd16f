import type { TurnContext } from 'botbuilder';
import { DEFAULT_TIME_ZONE, type Ticket, type VerifiedAdmin } from '../../ticketing';
import type { OrganisationDirectory, TicketDesk } from '../ports';
import { t, type Locale, type MessageKey } from '../i18n';
import { localeOf } from '../turnLocale';
import { dateAndTime, deadlineInWords } from '../deadlineWords';

const LIST_LIMIT = 10;

export interface TicketStatusDeps {
  tickets: TicketDesk;
  organisations: OrganisationDirectory;
  clock: () => Date;
}

/**
 * Tells a verified administrator where one of their organisation's tickets stands. A ticket of
 * another organisation gets the same answer as one that does not exist, so ids reveal nothing.
 */
export async function sendTicketStatus(
  context: TurnContext,
  deps: TicketStatusDeps,
  admin: VerifiedAdmin,
  ticketId: string,
): Promise<void> {
  const locale = localeOf(context);
  const ticket = await deps.tickets.get(ticketId);
  if (!ticket || ticket.orgId !== admin.orgId) {
    await context.sendActivity(t(locale, 'status.notFound', { id: ticketId }));
    return;
  }
  await sendStatusOf(context, deps, ticket);
}

/**
 * Where a ticket stands, told without asking who is there: for the ticket whose thread this chat
 * is (its agent's replies come here already), or one whose organisation was checked.
 */
export async function sendStatusOf(context: TurnContext, deps: TicketStatusDeps, ticket: Ticket): Promise<void> {
  const timeZone = (await deps.organisations.get(ticket.orgId))?.timeZone ?? DEFAULT_TIME_ZONE;
  await context.sendActivity(describeTicket(ticket, localeOf(context), timeZone, deps.clock()));
}

/** "moje zgłoszenia": the organisation's newest tickets, one line each. */
export async function sendTicketList(context: TurnContext, deps: TicketStatusDeps, admin: VerifiedAdmin): Promise<void> {
  const locale = localeOf(context);
  const tickets = (await deps.tickets.list({ orgId: admin.orgId }))
    .filter((ticket) => ticket.orgId === admin.orgId)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, LIST_LIMIT);
  if (tickets.length === 0) {
    await context.sendActivity(t(locale, 'status.none'));
    return;
  }
  const lines = tickets.map((ticket) =>
    t(locale, 'status.line', { id: ticket.id, title: ticket.title, status: statusName(ticket, locale), grade: ticket.grade }),
  );
  await context.sendActivity([t(locale, 'status.listHeading'), ...lines].join('\n'));
}

function describeTicket(ticket: Ticket, locale: Locale, timeZone: string, now: Date): string {
  const lines = [
    t(locale, 'status.heading', { id: ticket.id, title: ticket.title }),
    t(locale, 'status.state', { status: statusName(ticket, locale) }),
    t(locale, 'status.grade', { grade: t(locale, `grade.${ticket.grade}` as MessageKey) }),
  ];
  if (ticket.sla.firstResponseAt) lines.push(t(locale, 'status.answered'));
  else if (ticket.sla.dueAt && Date.parse(ticket.sla.dueAt) <= now.getTime())
    lines.push(t(locale, 'status.overdue', dateAndTime(ticket.sla.dueAt, timeZone, locale)));
  else if (ticket.sla.dueAt)
    lines.push(t(locale, 'status.deadline', { deadline: deadlineInWords(ticket.sla.dueAt, timeZone, locale, now) }));
  return lines.join('\n');
}

function statusName(ticket: Ticket, locale: Locale): string {
  return t(locale, `ticketStatus.${ticket.status}` as MessageKey);
}
