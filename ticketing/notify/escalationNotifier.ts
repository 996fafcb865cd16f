import type { Logger } from '../../common/logger';
import type { SlaGoal } from '../domain/slaPolicy';
import type { SlaEventKind, Ticket } from '../domain/types';

/** An SLA event that has just been applied to its ticket: a goal's warning share elapsed, or its deadline passed. */
export interface EscalationEvent {
  kind: SlaEventKind;
  /** The goal it concerns; first_response when absent. */
  goal?: SlaGoal;
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
export function escalationSummary({ kind, goal, ticket }: EscalationEvent) {
  const clock = goal === 'resolution' ? ticket.resolution : goal === 'next_response' ? ticket.nextResponse?.clock : ticket.sla;
  return {
    event: kind === 'breach' ? 'sla.breach' : 'sla.warning',
    goal: goal ?? 'first_response',
    dueAt: clock?.dueAt ?? null,
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

/** Writes warnings and breaches to the log (breaches as warnings, so they stand out). */
export class LogNotifier implements EscalationNotifier {
  constructor(private readonly logger: Logger) {}

  async notify(event: EscalationEvent): Promise<void> {
    const summary = escalationSummary(event);
    if (event.kind === 'breach') this.logger.warn(summary, `SLA breached: ${event.ticket.id}`);
    else this.logger.info(summary, `SLA warning (${summary.goal}): ${event.ticket.id}`);
  }
}
