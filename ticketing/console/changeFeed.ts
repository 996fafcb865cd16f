import type { Logger } from '../../common/logger';
import type { Category, Ticket, TicketStatus } from '../domain/types';
import type { TicketEvents } from '../service/ticketService';
import { endConnection, type RedisClient } from '../../common/redisConnection';

/** What the console hears about a ticket change: enough to know which lists and pages to refresh. */
export interface TicketChange {
  ticketId: string;
  kind: 'created' | 'changed' | 'reply' | 'sla_warning' | 'sla_breach';
  status: TicketStatus;
  category: Category;
  assignee: string | null;
}

/**
 * Ticket changes for every instance's consoles: TicketService events are published on one Redis
 * channel, and each instance relays what it hears to its own listeners (the open consoles'
 * event streams). A change made on any instance therefore reaches every console.
 */
export class TicketChangeFeed {
  private readonly listeners = new Set<(change: TicketChange) => void>();
  private subscriber: RedisClient | undefined;

  constructor(private readonly deps: { redis: RedisClient; prefix: string; logger: Logger }) {}

  get channel(): string {
    return `${this.deps.prefix}console:changes`;
  }

  /** TicketService listeners that publish each change; combine them with the service's other listeners. */
  readonly events: Required<TicketEvents> = {
    onCreated: (t) => this.publish(t, 'created'),
    onChanged: (t) => this.publish(t, 'changed'),
    onAgentReply: (t) => this.publish(t, 'reply'),
    onSlaEvent: (t, kind) => this.publish(t, kind === 'breach' ? 'sla_breach' : 'sla_warning'),
    // Every delivery step is a stored change, published by onChanged.
    onDelivery: () => undefined,
  };

  /** Calls `listener` for every change from now on; returns the unsubscribe function. */
  listen(listener: (change: TicketChange) => void): () => void {
    this.ensureSubscribed();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await endConnection(subscriber);
  }

  private publish(ticket: Ticket, kind: TicketChange['kind']): void {
    const change: TicketChange = { ticketId: ticket.id, kind, status: ticket.status, category: ticket.category, assignee: ticket.assignee };
    // A lost notice only delays a console's refresh (it also refreshes on its own); the change itself is stored.
    this.deps.redis
      .publish(this.channel, JSON.stringify(change))
      .catch((err) => this.deps.logger.warn({ err, ticketId: ticket.id }, 'ticket change not published to consoles'));
  }

  private ensureSubscribed(): void {
    if (this.subscriber) return;
    const subscriber = this.deps.redis.duplicate();
    this.subscriber = subscriber;
    subscriber.on('error', (err) => this.deps.logger.warn({ err: err.message }, 'console change feed subscriber error'));
    subscriber.on('message', (_channel: string, message: string) => {
      const change = JSON.parse(message) as TicketChange;
      for (const listener of this.listeners) listener(change);
    });
    subscriber.subscribe(this.channel).catch((err) => this.deps.logger.error({ err }, 'console change feed could not subscribe'));
  }
}
