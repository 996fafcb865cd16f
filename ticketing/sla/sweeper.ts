import type { Logger } from '../../common/logger';
import type { Claimed, DueSet, SlaEntry } from './dueSet';

export interface SweeperOptions<E extends object = SlaEntry> {
  dueSet: DueSet<E>;
  /** Hands claimed events to the queue; must resolve only once the jobs exist. */
  enqueue(events: Claimed<E>[]): Promise<void>;
  clock: () => number;
  logger: Logger;
  /** Longest sleep between looks at the due set: bounds the lateness of an entry added close to its time. */
  maxSleepMs?: number; // default 250
  batchSize?: number; // default 500
  /** How long a claimed entry may stay un-enqueued before another sweeper takes it back. */
  leaseMs?: number; // default 10000
  /** How often to look for expired leases (claimers that died). */
  releaseEveryMs?: number; // default 2000
}

/**
 * Moves due SLA entries from the due set into the Bull queue at their time.
 *
 * Several sweepers (one per instance) may run against one Redis: the claim is one Lua script,
 * so each entry is taken by exactly one of them. Between claims the sweeper sleeps until the
 * next entry is due, at most maxSleepMs, so an event fires within milliseconds of its time.
 */
export class Sweeper<E extends object = SlaEntry> {
  private readonly maxSleepMs: number;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly releaseEveryMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastReleaseMs = 0;

  constructor(private readonly options: SweeperOptions<E>) {
    this.maxSleepMs = options.maxSleepMs ?? 250;
    this.batchSize = options.batchSize ?? 500;
    this.leaseMs = options.leaseMs ?? 10_000;
    this.releaseEveryMs = options.releaseEveryMs ?? 2000;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops after the current sweep; a claimed batch is enqueued (or left leased) before this resolves. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp();
    await this.loop;
    this.loop = null;
  }

  /** Looks at the due set now instead of at the next planned time (e.g. a nearer entry was added). */
  wakeUp(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wake?.();
  }

  /**
   * One pass: takes back expired leases (now and then), then claims and enqueues everything due.
   * Returns when (on performance.now()'s scale) the next entry falls due by the clock the claim
   * went by, or null when nothing is scheduled.
   */
  async sweep(): Promise<number | null> {
    const { dueSet, clock, logger } = this.options;
    if (clock() - this.lastReleaseMs >= this.releaseEveryMs) {
      this.lastReleaseMs = clock();
      const released = await dueSet.releaseExpired(clock());
      if (released > 0) logger.warn({ released }, 'SLA events whose claimer stopped before queueing them were taken back');
    }
    for (;;) {
      const { claimed, malformed, nextDueAtMs, nowMs } = await dueSet.claim(clock(), this.leaseMs, this.batchSize);
      const claimedAt = performance.now();
      if (malformed.length > 0) logger.error({ malformed }, 'dropped due-set members that are not SLA events');
      if (claimed.length > 0) {
        await this.options.enqueue(claimed);
        await dueSet.ack(claimed.map((e) => e.member));
      }
      if (claimed.length + malformed.length < this.batchSize) return nextDueAtMs === null ? null : claimedAt + nextDueAtMs - nowMs;
    }
  }

  private async run(): Promise<void> {
    const { logger } = this.options;
    while (this.running) {
      let sleepMs: number;
      try {
        const nextAt = await this.sweep();
        sleepMs = nextAt === null ? this.maxSleepMs : Math.min(Math.max(nextAt - performance.now(), 0), this.maxSleepMs);
      } catch (err) {
        // Redis or the queue is unavailable: what was claimed stays leased and comes back later.
        logger.error({ err }, 'SLA sweep failed; retrying');
        sleepMs = 1000;
      }
      if (this.running) await this.sleep(sleepMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, ms);
    });
  }
}
