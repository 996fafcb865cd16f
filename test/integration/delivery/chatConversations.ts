import { randomUUID } from 'crypto';
import type { DeskApp } from '../../support/deskApp';
import { ticketBody } from '../../support/ticketingApiServer';

/** The conversation a ticket opened in a personal Teams chat keeps, pointing at `serviceUrl`. */
export function teamsChat(serviceUrl: string) {
  return {
    channelId: 'msteams',
    serviceUrl,
    locale: 'pl-PL',
    activityId: '1700000000000',
    conversation: { id: `a:1${randomUUID()}`, conversationType: 'personal', tenantId: 'tenant-fabrikam' },
    user: { id: '29:1jan', aadObjectId: 'aad-jan' },
    bot: { id: '28:desk-bot', name: 'Desk' },
  };
}

/** Opens a ticket through the desk's service as if from `conversation`; returns its id. */
export async function openFrom(desk: DeskApp, conversation: Record<string, unknown>): Promise<string> {
  const { ticket } = await desk.app.tickets.create(
    { ...(ticketBody() as Parameters<DeskApp['app']['tickets']['create']>[0]), conversation },
    `delivery-${randomUUID()}`,
  );
  return ticket.id;
}
