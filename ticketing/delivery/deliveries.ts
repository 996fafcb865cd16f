import { endConnection, newRedisClient, redisOptions, type RedisClient } from '../../common/redisConnection';
import { silentLogger, type Logger } from '../../common/logger';
import { deliveryAt, parseDeliveryMember, type AttemptOutcome } from '../domain/delivery';
import type { DeliveryChannel, Ticket, TicketMessage } from '../domain/types';
import { DueSet, type Claimed } from '../sla/dueSet';
import { createSlaQueue, type SlaQueue } from '../sla/slaQueue';
import { Sweeper } from '../sla/sweeper';

/** One way to the customer (the chat, e-mail): it says how the attempt ended and never throws. */
export interface OutboundChannel {
  send(ticket: Ticket, message: TicketMessage, index: number): Promise<AttemptOutcome>;
}

/** What the deliveries need from the ticket service. */
export interface DeliveryTicketService {
  getTicket(id: string): Promise<Ticket | null>;
  beginDelivery(id: string, index: number, version: number): Promise<Ticket | null>;
  endDelivery(id: string, index: number, version: number, outcome: AttemptOutcome): Promise<Ticket | null>;
}

type DeliveryEntry = { ticketId: string; index: number; version: number };
type DeliveryJob = Claimed<DeliveryEntry>;

export interface DeliveriesOptions {
  redisUrl: string;
  prefix: string;
  service: DeliveryTicketService;
  /** The channels this instance can send on; a message whose channel is missing fails with that reason. */
  channels: Partial<Record<DeliveryChannel, OutboundChannel>>;
  logger?: Logger;
  /** A send that has not answered after this long counts as a failed attempt. Default 30 s. */
  sendTimeoutMs?: number;
  concurrency?: number;
}

/** How often an attempt's outcome is written before the job fails, and the first wait (doubling). */
const RECORD_TRIES = 6;
const RECORD_BACKOFF_MS = 100;

const MISSING: Record<DeliveryChannel, string> = {
  chat: 'this desk cannot send to chats',
  email: 'no mail server is configured (SMTP_URL), so nothing can go by e-mail',
};

/**
 * Outbound messages on their way: the due set `{prefix}delivery:due` (written with every ticket
 * change, see domain/delivery.ts) drained by a sweeper into the Bull queue `delivery` under the
 * member as job id (`ticketId|index|version`). Several instances share the work; each attempt is
 * begun by exactly one of them, because beginning it bumps the delivery's version in a
 * revision-checked write. Retries and the fallback to e-mail are the domain's rules; this only
 * sends and reports.
 */
export class Deliveries {
  private readonly redis: RedisClient;
  private readonly dueSet: DueSet<DeliveryEntry>;
  private readonly queue: SlaQueue<DeliveryJob>;
  private readonly sweeper: Sweeper<DeliveryEntry>;
  private readonly logger: Logger;
  private readonly sendTimeoutMs: number;
  private started = false;
  private stopped?: Promise<void>;

  constructor(private readonly options: DeliveriesOptions) {
    this.logger = options.logger ?? silentLogger;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 30_000;
    this.redis = newRedisClient(options.redisUrl, redisOptions());
    this.redis.on('error', (err) => this.logger.warn({ err: err.message }, 'deliveries: redis connection error'));
    this.dueSet = new DueSet(this.redis, options.prefix, { name: 'delivery', parse: parseDeliveryMember });
    this.queue = createSlaQueue<DeliveryJob>({ redisUrl: options.redisUrl, prefix: options.prefix, name: 'delivery' });
    this.queue.queue.on('error', (err) => this.stopped || this.logger.error({ err }, 'delivery queue error'));
    this.sweeper = new Sweeper({
      dueSet: this.dueSet,
      enqueue: (jobs) => this.queue.enqueue(jobs),
      clock: Date.now,
      logger: this.logger,
    });
  }

  start(): void {
    if (this.started) throw new Error('deliveries already started');
    this.started = true;
    this.queue.queue
      .process(this.options.concurrency ?? 8, (job) => this.deliver(job.data, job.attemptsMade > 0))
      .catch((err) => this.stopped || this.logger.error({ err }, 'delivery worker stopped'));
    this.sweeper.start();
  }

  stop(): Promise<void> {
    this.stopped ??= (async () => {
      await this.sweeper.stop();
      if (!(await this.queue.close())) this.logger.warn('delivery queue closed with an attempt still running; it runs again elsewhere');
      await endConnection(this.redis);
    })();
    return this.stopped;
  }

  /**
   * One attempt of one message, or nothing when the job is stale. `again`: Bull runs the job
   * once more after it threw.
   */
  private async deliver({ ticketId, index, version }: DeliveryJob, again: boolean): Promise<void> {
    const { service } = this.options;
    const current = await service.getTicket(ticketId);
    // A run of this job that threw after beginning the attempt (its reply lost on the way back)
    // left it sent one version on: only this job's runs begin that version, so end it now
    // rather than when its lease expires.
    const begun = again && current ? deliveryAt(current, index, version + 1) : null;
    if (begun?.state === 'sent') return this.cutShort(ticketId, index, version + 1);
    const due = current && deliveryAt(current, index, version);
    if (!due) return;
    // The instance that sent it stopped before it heard back: whether it arrived is unknown.
    if (due.state === 'sent') return this.cutShort(ticketId, index, version);
    const ticket = await service.beginDelivery(ticketId, index, version);
    if (!ticket) return;
    const message = ticket.messages[index]!;
    const delivery = message.delivery!;
    const outcome = await this.attempt(delivery.channel, ticket, message, index);
    const after = await this.record(ticketId, index, delivery.version, outcome);
    const state = after?.messages[index]?.delivery;
    const log = { ticketId, message: index + 1, channel: delivery.channel, attempt: delivery.attempts, state: state?.state };
    if (outcome.ok) this.logger.info(log, `message delivered ${delivery.channel === 'email' ? 'by e-mail' : 'in the chat'}`);
    else this.logger.warn({ ...log, reason: outcome.reason, next: state?.channel }, 'message not delivered on this attempt');
  }

  private async cutShort(ticketId: string, index: number, version: number): Promise<void> {
    await this.options.service.endDelivery(ticketId, index, version, {
      ok: false,
      permanent: false,
      reason: 'the last attempt was cut short',
    });
  }

  /**
   * Records how an attempt ended, trying again while the store fails (a moment without Redis):
   * the outcome is known here only, and once the job gives up the message waits for its lease.
   */
  private async record(ticketId: string, index: number, version: number, outcome: AttemptOutcome): Promise<Ticket | null> {
    for (let tried = 1; ; tried++) {
      try {
        return await this.options.service.endDelivery(ticketId, index, version, outcome);
      } catch (err) {
        if (tried >= RECORD_TRIES) throw err;
        this.logger.warn({ err, ticketId, message: index + 1 }, 'the outcome of a delivery attempt was not recorded; trying again');
        await new Promise((r) => setTimeout(r, RECORD_BACKOFF_MS * 2 ** (tried - 1)));
      }
    }
  }

  private async attempt(channel: DeliveryChannel, ticket: Ticket, message: TicketMessage, index: number): Promise<AttemptOutcome> {
    const port = this.options.channels[channel];
    if (!port) return { ok: false, permanent: true, reason: MISSING[channel] };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<AttemptOutcome>((resolve) => {
      timer = setTimeout(
        () => resolve({ ok: false, permanent: false, reason: `no answer within ${Math.round(this.sendTimeoutMs / 1000)} s` }),
        this.sendTimeoutMs,
      );
    });
    try {
      return await Promise.race([
        port.send(ticket, message, index).catch((err: Error): AttemptOutcome => ({ ok: false, permanent: false, reason: err.message })),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }
}
