import type { Logger } from '../../common/logger';
import type { SlaEventKind, Ticket } from '../domain/types';

/** An SLA event that has just been applied to its ticket: 75% of the target elapsed, or the deadline passed. */
export interface EscalationEvent {
  kind: SlaEventKind;
  ticket: Ticket;
}

/**
 * Tells people that a ticket needs attention. Implementations must not throw for a delivery
 * problem (they log it): the SLA event is already recorded on the ticket and is not re-run.
 */
export interface EscalationNotifier {
  notify(event: EscalationEvent): Promise<void>;
}

/** The short, customer-data-free summary that logs and webhooks carry. */
export function escalationSummary({ kind, ticket }: EscalationEvent) {
  return {
    event: kind === 'breach' ? 'sla.breach' : 'sla.warning',
    ticketId: ticket.id,
    orgId: ticket.orgId,
    category: ticket.category,
    grade: ticket.grade,
    status: ticket.status,
    assignee: ticket.assignee,
    title: ticket.title,
    firstResponseDue: ticket.sla.dueAt,
    warningAt: ticket.sla.warningAt,
    breachedAt: ticket.sla.breachedAt ?? null,
  };
}

/** Writes every warning and breach to the log (breaches as warnings, so they stand out). */
export class LogNotifier implements EscalationNotifier {
  constructor(private readonly logger: Logger) {}

  async notify(event: EscalationEvent): Promise<void> {
    const summary = escalationSummary(event);
    if (event.kind === 'breach') this.logger.warn(summary, `SLA breached: ${event.ticket.id}`);
    else this.logger.info(summary, `SLA warning (75% of the target elapsed): ${event.ticket.id}`);
  }
}

/**
 * Sends each event to every notifier in parallel; one failing (even by throwing) never keeps
 * the others from delivering. The bot adds its Teams/web-chat notifier with add().
 */
export class CompositeNotifier implements EscalationNotifier {
  private readonly notifiers: EscalationNotifier[];

  constructor(
    private readonly logger: Logger,
    notifiers: EscalationNotifier[] = [],
  ) {
    this.notifiers = [...notifiers];
  }

  add(notifier: EscalationNotifier): this {
    this.notifiers.push(notifier);
    return this;
  }

  async notify(event: EscalationEvent): Promise<void> {
    const results = await Promise.allSettled(this.notifiers.map((n) => n.notify(event)));
    for (const result of results) {
      if (result.status === 'rejected') {
        this.logger.error({ err: result.reason, ticketId: event.ticket.id, kind: event.kind }, 'escalation notifier failed');
      }
    }
  }
}
