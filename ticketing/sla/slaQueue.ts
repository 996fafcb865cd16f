import Bull from 'bull';
import { bullCreateClient, endConnection, type RedisClient } from '../../common/redisConnection';
import { settleWithin } from '../../common/settleWithin';
import type { ClaimedEvent } from './dueSet';

/** What a job carries: one due entry. The handler re-reads the ticket, so this is all it needs. */
export type SlaJobData = ClaimedEvent;

export interface SlaQueue<D extends { member: string } = SlaJobData> {
  queue: Bull.Queue<D>;
  /** Adds one job per event; the job id is the member, so an event already queued is not added twice. */
  enqueue(events: D[]): Promise<void>;
  /**
   * Lets running jobs finish, then closes every connection. False when bull was still waiting
   * after `graceMs` (default 10 s) and the queue was closed without it.
   */
  close(graceMs?: number): Promise<boolean>;
}

/**
 * The Bull queue that runs SLA events, one consumer per job across all instances.
 *
 * Completed and finally failed jobs are removed: their ids (the members) must be free again in
 * case reconciliation or a retry brings the same event back, or Bull would silently skip it.
 */
export function createSlaQueue<D extends { member: string } = SlaJobData>(options: {
  redisUrl: string;
  prefix: string;
  attempts?: number;
  backoffMs?: number;
  /** Another queue on the same machinery (message deliveries); default 'sla'. */
  name?: string;
}): SlaQueue<D> {
  // Connections with the service's shared options (reconnects capped at 1 s), kept to close them.
  const clients: RedisClient[] = [];
  let closed = false;
  const newClient = bullCreateClient(options.redisUrl);
  const createClient = (type: 'client' | 'subscriber' | 'bclient'): RedisClient => {
    const client = newClient(type);
    clients.push(client);
    // A worker still starting up when close() ran asks for its blocking connection late: end it.
    if (closed) client.disconnect();
    return client;
  };

  const queue = new Bull<D>(options.name ?? 'sla', {
    // bull names every key `<prefix>:<queue>:...` and its scripts span them: one hash tag (docs/architecture.md).
    prefix: `${options.prefix}{bull}`,
    createClient,
    // After an error fetching the next job (Redis down, or still loading its data after a
    // restart) a worker waits this long before trying again; bull's default 5 s made SLA events
    // due during an outage fire 5 s after Redis returned.
    settings: { retryProcessDelay: 500 },
    defaultJobOptions: {
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 500 },
      removeOnComplete: true,
      removeOnFail: true,
    },
  });

  // bull 4 names the worker's blocking connection when process() starts and neither awaits nor
  // handles that command (Queue#setHandler): closing while it is in flight rejected it unhandled,
  // which ends the Node process. Keep it, so close() can wait for it; its failure shows elsewhere.
  const setWorkerName = queue.setWorkerName.bind(queue);
  let naming: Promise<unknown> = Promise.resolve();
  queue.setWorkerName = () => (naming = setWorkerName().catch(() => undefined));

  return {
    queue,
    async enqueue(events) {
      if (events.length === 0) return;
      const added = await queue.addBulk(events.map((data) => ({ data, opts: { jobId: data.member } })));
      // bull adds a batch in one MULTI and ignores a failed entry: after Redis forgot its scripts
      // (a restart, a failover, SCRIPT FLUSH) every job of the batch came back without an id and
      // none existed, while the caller took them as queued. One by one, a missing script is
      // loaded again; a job that still fails throws, so its due entry stays leased and returns.
      const missing = events.filter((_, i) => added[i]?.id === undefined);
      for (const data of missing) await queue.add(data, { jobId: data.member });
    },
    async close(graceMs = 10_000) {
      await naming;
      const internals = queue as unknown as {
        _initializingProcess?: Promise<unknown>;
        processing: Promise<unknown>[];
        _clearTimers(): Promise<unknown>;
      };
      // bull's close() means to wait for a worker that is still starting but does not (it hands
      // the promise to then()); that start-up would re-arm a 5 s timer after close. Wait for it.
      await internals._initializingProcess?.catch(() => undefined);
      // bull's close() waits for its workers' current jobs with no limit (seen waiting for ever
      // after Redis came back empty), and its reconnection of the blocking client then failed
      // unhandled. So: stop taking jobs (a local pause that aborts the blocking fetch), wait for
      // the running ones within the grace, then close without waiting. A job cut short stays
      // active in Redis and runs again once bull finds it stalled.
      await settleWithin(queue.pause(true, true), graceMs);
      const clean = await settleWithin(Promise.all(Object.values(internals.processing)), graceMs);
      if (!(await settleWithin(queue.close(true), graceMs))) await internals._clearTimers();
      closed = true;
      // Bull does not close connections it got from createClient; its work is done by now. Cut,
      // its subscriber still shaking hands with a Redis just back would fail its resubscription
      // unhandled (see endConnection).
      await Promise.all(clients.map(endConnection));
      return clean;
    },
  };
}
