import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The service's Prometheus metrics, in one registry that GET /metrics serves. Gauges whose value
 * lives in Redis (open tickets, queue depth, health) are read at scrape time through `collectors`.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'desk_http_request_duration_seconds',
    help: 'HTTP request latency by route, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly botTurns = new Counter({
    name: 'desk_bot_turns_total',
    help: 'Bot turns by channel',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly kbAnswers = new Counter({
    name: 'desk_kb_answers_total',
    help: 'Knowledge-base questions by outcome (answered, suggested, abstained)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly ticketsOpened = new Counter({
    name: 'desk_tickets_opened_total',
    help: 'Tickets opened by grade and category',
    labelNames: ['grade', 'category'] as const,
    registers: [this.registry],
  });

  readonly slaEvents = new Counter({
    name: 'desk_sla_events_total',
    help: 'SLA warnings and breaches fired',
    labelNames: ['kind', 'grade'] as const,
    registers: [this.registry],
  });

  readonly firstResponse = new Histogram({
    name: 'desk_first_response_working_seconds',
    help: 'Working time until the first agent reply, by grade',
    labelNames: ['grade'] as const,
    buckets: [60, 300, 900, 1800, 3600, 4 * 3600, 8 * 3600, 15 * 3600, 45 * 3600],
    registers: [this.registry],
  });

  readonly openTickets = new Gauge({
    name: 'desk_open_tickets',
    help: 'Open tickets by grade',
    labelNames: ['grade'] as const,
    registers: [this.registry],
  });

  readonly queueDepth = new Gauge({
    name: 'desk_queue_depth',
    help: 'Unassigned tickets waiting in each category queue',
    labelNames: ['category'] as const,
    registers: [this.registry],
  });

  readonly up = new Gauge({
    name: 'desk_dependency_up',
    help: '1 when a dependency (redis, sla_queue) answers, else 0',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
  });

  readonly webChatStreams = new Gauge({
    name: 'desk_webchat_streams',
    help: 'Web chats streaming from this instance: conversations with a WebSocket open, and the sockets',
    labelNames: ['what'] as const,
    registers: [this.registry],
  });

  private readonly collectors: Array<() => Promise<void>> = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'desk_' });
  }

  /** Registers a function that refreshes Redis-backed gauges before each scrape. */
  onScrape(collect: () => Promise<void>): void {
    this.collectors.push(collect);
  }

  async render(): Promise<string> {
    await Promise.all(this.collectors.map((c) => c().catch(() => undefined)));
    return this.registry.metrics();
  }
}
