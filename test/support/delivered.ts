import type { TicketService } from '../../ticketing/service/ticketService';
import type { Ticket } from '../../ticketing/domain/types';

/**
 * For tests of the tickets themselves (SLA, reports, queues), not of the ways to the customer:
 * every queued message of the ticket is taken by a channel that accepts it, through the service's
 * own delivery steps, at the service's clock. How messages really travel is tested in
 * test/integration/delivery/.
 */
export async function customerReceives(service: TicketService, id: string): Promise<Ticket> {
  let ticket = (await service.get(id))!;
  for (const [index, message] of ticket.messages.entries()) {
    const d = message.delivery;
    if (d?.state !== 'queued') continue;
    const sent = await service.beginDelivery(id, index, d.version);
    if (!sent) continue;
    ticket = (await service.endDelivery(id, index, sent.messages[index]!.delivery!.version, { ok: true })) ?? ticket;
  }
  return (await service.get(id))!;
}
