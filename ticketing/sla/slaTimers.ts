import type Bull from 'bull';
import { endConnection, newRedisClient, redisOptions, type RedisClient } from '../../common/redisConnection';
import { silentLogger, type Logger } from '../../common/logger';
import { settleWithin } from '../../common/settleWithin';
import type { Metrics } from '../../common/metrics';
import { clockOf, slaEventOf } from '../domain/goals';
import { EscalationNotifier, LogNotifier } from '../notify/escalationNotifier';
import { DueSet } from './dueSet';
import type { SlaTicketService } from './ports';
import { reconcileDueSet, reconcileOnStart, ReconcileReport } from './reconcile';
import { SlaMetrics } from './slaMetrics';
import { createSlaQueue, SlaJobData, SlaQueue } from './slaQueue';
import { Sweeper } from './sweeper';

export interface SlaTimersOptions {
  redisUrl: string;
  /** Key prefix shared with the ticket store. */
  prefix: string;
  service: SlaTicketService;
  /** Told about every warning and breach that was applied. Default: the log. */
  notifier?: EscalationNotifier;
  logger?: Logger;
  /** The service's metrics registry: events applied, their lateness, timer entries. */
  metrics?: Metrics;
  /** Epoch ms. Default Date.now. */
  clock?: () => number;
  /** Jobs run in parallel per instance. Default 8. */
  concurrency?: number;
  /** Longest pause between looks at the due set. Default 250 ms. */
  maxSleepMs?: number;
  /** How long a claimed entry may stay un-queued before another instance takes it back. Default 10 s. */
  leaseMs?: number;
  /** How often to look for entries whose claimer died before queueing them. Default 2 s. */
  releaseEveryMs?: number;
  /** First retry delay of a failed event (doubling, 5 attempts). Default 500 ms. */
  retryBackoffMs?: number;
  /** Delay before an event whose handler kept failing is tried again. Default 60 s. */
  retryLaterMs?: number;
}

/**
 * The SLA timers of one instance: start-up reconciliation, the due-set sweeper and the Bull
 * worker that applies warnings and breaches and tells the notifier. Any number of instances
 * may run against one Redis; each event is applied once.
 */
export class SlaTimers {
  private readonly redis: RedisClient;
  private readonly dueSet: DueSet;
  private readonly slaQueue: SlaQueue;
  private readonly sweeper: Sweeper;
  private readonly service: SlaTicketService;
  private readonly notifier: EscalationNotifier;
  private readonly logger: Logger;
  private readonly clock: () => number;
  private readonly concurrency: number;
  private readonly retryLaterMs: number;
  private readonly metrics?: SlaMetrics;
  private started = false;
  private readonly stopping = new AbortController();
  private reconciling: Promise<ReconcileReport> | null = null;
  private stopped?: Promise<void>;
  /** Notifications still being delivered; stop() waits for them. */
  private readonly notifying = new Set<Promise<void>>();

  constructor(options: SlaTimersOptions) {
    this.logger = options.logger ?? silentLogger;
    this.clock = options.clock ?? Date.now;
    this.service = options.service;
    this.notifier = options.notifier ?? new LogNotifier(this.logger);
    this.concurrency = options.concurrency ?? 8;
    this.retryLaterMs = options.retryLaterMs ?? 60_000;
    const prefix = options.prefix;

    this.redis = newRedisClient(options.redisUrl, redisOptions());
    this.redis.on('error', (err) => this.logger.warn({ err: err.message }, 'SLA timers: redis connection error'));
    this.dueSet = new DueSet(this.redis, prefix);
    if (options.metrics) this.metrics = new SlaMetrics(options.metrics, this.dueSet);
    this.slaQueue = createSlaQueue({ redisUrl: options.redisUrl, prefix, backoffMs: options.retryBackoffMs });
    this.slaQueue.queue.on('error', (err) => this.isStopping() || this.logger.error({ err }, 'SLA queue error'));
    this.slaQueue.queue.on('failed', (job, err) => void this.onFailed(job, err));
    this.sweeper = new Sweeper({
      dueSet: this.dueSet,
      enqueue: (events) => this.slaQueue.enqueue(events),
      clock: this.clock,
      logger: this.logger,
      maxSleepMs: options.maxSleepMs,
      leaseMs: options.leaseMs,
      releaseEveryMs: options.releaseEveryMs,
    });
  }

  /**
   * Starts processing and sweeping at once (entries already due fire without waiting), then
   * takes back expired leases, and rebuilds the due set from the tickets only the first time (or
   * when it is gone: reconcileOnStart); resolves with the report. A rebuild on 100,000 open
   * tickets takes seconds, so the caller need not wait for it.
   */
  async start(): Promise<ReconcileReport> {
    if (this.started) throw new Error('SLA timers already started');
    this.started = true;
    this.slaQueue.queue
      .process(this.concurrency, (job) => this.fire(job.data))
      .catch((err) => this.isStopping() || this.logger.error({ err }, 'SLA worker stopped'));
    this.sweeper.start();
    return this.reconcile(reconcileOnStart);
  }

  /** Makes the due set agree with the tickets, reading every open ticket (see reconcile.ts); stop() cuts it short. */
  reconcile(pass = reconcileDueSet): Promise<ReconcileReport> {
    const { dueSet, service, clock, logger } = this;
    this.reconciling = pass({ dueSet, service, clock, logger, signal: this.stopping.signal });
    return this.reconciling;
  }

  /** Looks at the due set now: call after scheduling an entry due sooner than maxSleepMs. */
  wakeUp(): void {
    this.sweeper.wakeUp();
  }

  /** Whether the timers run and the SLA queue and the sweeper's Redis connection are up (for /metrics). */
  healthy(): boolean {
    return !this.isStopping() && this.redis.status === 'ready' && this.slaQueue.queue.client.status === 'ready';
  }

  /** Stops claiming, lets running jobs finish, and closes every connection. Safe to call twice. */
  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping.abort();
    await this.reconciling?.catch(() => undefined); // its failure is reported by start()
    await this.sweeper.stop();
    if (!(await this.slaQueue.close())) this.logger.warn('SLA queue closed with a job still running; it runs again elsewhere');
    await this.notificationsDone(10_000);
    await endConnection(this.redis);
  }

  /** Waits for notifications in delivery, but not for ever: a hung notifier must not block shutdown. */
  private async notificationsDone(graceMs: number): Promise<void> {
    if (!(await settleWithin(Promise.all(this.notifying), graceMs)))
      this.logger.warn({ pending: this.notifying.size }, 'SLA timers stopped with escalations still being delivered');
  }

  /** After stop(), connection errors of a worker still winding down are expected, not news. */
  private isStopping(): boolean {
    return this.stopping.signal.aborted;
  }

  private async fire(event: SlaJobData): Promise<void> {
    const ticket = await this.service.applySlaEvent(event.ticketId, event.kind, event.version);
    if (!ticket) {
      this.logger.debug({ member: event.member }, 'SLA event no longer owed; nothing done');
      return;
    }
    const { kind } = event;
    const slaEvent = slaEventOf(kind);
    // An event armed after its due time (a grade raised past the deadline) is late only from when it was armed.
    const armedAtMs = slaEvent ? Date.parse(clockOf(ticket, slaEvent.goal)?.armedAt ?? '') || 0 : 0;
    const latenessMs = this.clock() - Math.max(event.dueAtMs, armedAtMs);
    this.metrics?.applied(kind, ticket.grade, latenessMs);
    this.logger.info({ ticketId: ticket.id, kind, latenessMs }, 'SLA event applied');
    // An automatic lowering went to the customer as a message and is in the ticket's history: not an escalation.
    if (!slaEvent) return;
    // The event is recorded on the ticket, so the job is done: a slow webhook must not hold up
    // the next events, and a failing notifier must not make Bull retry this one.
    const delivery = this.notifier
      .notify({ ...slaEvent, ticket })
      .catch((err) => this.logger.error({ err, ticketId: ticket.id, kind: event.kind }, 'escalation notifier failed'))
      .finally(() => this.notifying.delete(delivery));
    this.notifying.add(delivery);
  }

  /** After the last attempt the event goes back to the due set for later: an SLA is never dropped. */
  private async onFailed(job: Bull.Job<SlaJobData>, err: Error): Promise<void> {
    const attempts = job.opts.attempts ?? 1;
    if (job.attemptsMade < attempts) {
      this.logger.warn({ err, member: job.data.member, attempt: job.attemptsMade }, 'SLA event failed; Bull retries it');
      return;
    }
    this.logger.error({ err, member: job.data.member }, `SLA event failed ${attempts} times; trying again in ${this.retryLaterMs} ms`);
    try {
      await this.dueSet.schedule(job.data.member, this.clock() + this.retryLaterMs);
    } catch (scheduleErr) {
      this.logger.error(
        { err: scheduleErr, member: job.data.member },
        'could not reschedule a failed SLA event; the next start-up reconciliation restores it',
      );
    }
  }
}
