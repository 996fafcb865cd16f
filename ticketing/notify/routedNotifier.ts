import type { Logger } from '../../common/logger';
import { routedNotifiers, type EscalationRoute } from '../domain/slaPolicy';
import type { EscalationEvent, EscalationNotifier } from './escalationNotifier';

/**
 * Sends each escalation to the notifiers its routes name (the SLA policy's `escalations`: goal,
 * grade, category and warning or breach -> log, webhook, teams). A named notifier that is not
 * configured here (no webhook URL, no agents' channel) is skipped; one failing never keeps the
 * others from delivering.
 */
export class RoutedNotifier implements EscalationNotifier {
  private readonly notifiers = new Map<string, EscalationNotifier>();

  constructor(
    private readonly routes: () => Promise<readonly EscalationRoute[]>,
    private readonly logger: Logger,
  ) {}

  add(name: string, notifier: EscalationNotifier): this {
    this.notifiers.set(name, notifier);
    return this;
  }

  async notify(event: EscalationEvent): Promise<void> {
    const { ticket, kind } = event;
    let routes: readonly EscalationRoute[] = [];
    try {
      routes = await this.routes();
    } catch (err) {
      this.logger.error({ err, ticketId: ticket.id }, 'escalation routes unavailable; telling the log only');
    }
    const names = routedNotifiers(routes, { goal: event.goal ?? 'first_response', kind, grade: ticket.grade, category: ticket.category });
    const targets = names.flatMap((name) => this.notifiers.get(name) ?? []);
    const results = await Promise.allSettled(targets.map((n) => n.notify(event)));
    for (const result of results) {
      if (result.status === 'rejected') this.logger.error({ err: result.reason, ticketId: ticket.id, kind }, 'escalation notifier failed');
    }
  }
}
