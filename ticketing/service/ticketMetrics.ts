import type { Logger } from '../../common/logger';
import type { Metrics } from '../../common/metrics';
import type { Ticket, TicketMessage } from '../domain/types';
import type { TicketEvents } from './ticketService';

/** Ticket events as figures: tickets opened, and the working time to the first response when the first reply reaches the customer. */
export function ticketMetrics(metrics: Metrics, logger: Logger): TicketEvents {
  return {
    onCreated(ticket: Ticket) {
      metrics.ticketsOpened.inc({ grade: ticket.grade, category: ticket.category });
      logger.info({ ticketId: ticket.id, orgId: ticket.orgId, grade: ticket.grade, category: ticket.category }, 'ticket opened');
    },
    onDelivery(ticket: Ticket, message: TicketMessage) {
      const { firstResponseAt, responseWorkingMs } = ticket.sla;
      if (message.delivery?.state !== 'delivered' || firstResponseAt !== message.delivery.at || responseWorkingMs === undefined) return;
      metrics.firstResponse.observe({ grade: ticket.grade }, responseWorkingMs / 1000);
    },
  };
}
