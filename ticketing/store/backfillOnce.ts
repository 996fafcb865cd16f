import { randomUUID } from 'crypto';
import type { Logger } from '../../common/logger';
import type { Ticket } from '../domain/types';
import { keys } from './keys';
import type { ScriptedPipeline } from './scripts';
import type { TicketStore } from './ticketStore';

const LEASE_MS = 60_000;

/** An index added after tickets were stored: its mark key, the sorted sets a ticket belongs in, what it is and what the log says. */
export interface LateIndex {
  done: (prefix: string) => string;
  /** From the ticket itself, not indexEntriesOf: a fill computes only what its index needs. */
  setsOf: (prefix: string, ticket: Ticket) => string[];
  /** What is being filled, for /readyz and the refusals meanwhile ("the list cells"). */
  what: string;
  logMessage: string;
}

export interface BackfillOptions {
  /** Tickets read and indexed per step. */
  batchSize?: number;
  /** Pause between steps, so that the fill leaves Redis and the event loop to the traffic. */
  pauseMs?: number;
  /** How often an instance that does not fill looks for the done mark or an expired lease. */
  pollMs?: number;
  /**
   * The walk waits for this after the first look (the service: until it listens), so that a
   * start-up on a big store does not share Redis and the event loop with it.
   */
  walkAfter?: Promise<unknown>;
}

export interface Backfill {
  /** Undefined once every ticket is in the index; until then, how far the fill is (for /readyz and the refusals). */
  pending(): string | undefined;
  /** Settles when the index is complete (or the fill was stopped). */
  readonly done: Promise<void>;
  /** Settles once the fill knows whether there is work: at once complete on a store with the mark or with no ticket. */
  readonly firstLook: Promise<void>;
  stop(): void;
}

/**
 * Puts the tickets a store held before an index existed into it, once per store and in the
 * background: the service serves everything else meanwhile, and what needs the index waits for
 * the done mark (pending() says how far the fill is). One instance at a time fills, under a
 * lease; it walks the store with ZSCAN in bounded batches and keeps the cursor beside the mark
 * after each, so that a restart, or another instance taking over an expired lease, resumes where
 * it stopped (a batch done twice is harmless: each ticket is added by one script that skips it
 * when it was saved meanwhile, since the save script indexes it then). On a store written by a
 * version with the index the mark is set at the first start, with nothing to walk.
 */
export function startBackfill(store: TicketStore, index: LateIndex, logger: Logger, options: BackfillOptions = {}): Backfill {
  const { batchSize = 500, pauseMs = 5, pollMs = 2000, walkAfter } = options;
  const { redis, prefix } = store;
  const mark = index.done(prefix);
  const lease = `${mark}:lease`;
  // Hash {cursor, walked}: where the fill stopped, so that it resumes there.
  const progressKey = `${mark}:progress`;
  const token = randomUUID();
  let complete = false;
  let stopped = false;
  let walked = 0;
  let total = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms).unref());
  let looked: () => void = () => undefined;
  const firstLook = new Promise<void>((resolve) => (looked = resolve));
  let stopping: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolve) => (stopping = resolve));

  const fill = async () => {
    const [cursorAt, walkedAt] = await redis.hmget(progressKey, 'cursor', 'walked');
    let cursor = cursorAt ?? '0';
    walked = Number(walkedAt ?? 0);
    const started = Date.now();
    let indexed = 0;
    do {
      if ((await redis.get(lease)) !== token) return false;
      if (stopped) {
        // The instance shuts down: hand the fill over now rather than when the lease expires.
        await redis.del(lease);
        return false;
      }
      const [next, flat] = await redis.zscan(keys.allTickets(prefix), cursor, 'COUNT', batchSize);
      const ids = flat.filter((_, i) => i % 2 === 0);
      indexed += await indexBatch(store, index, ids);
      cursor = next;
      walked += ids.length;
      await redis.multi().hset(progressKey, 'cursor', cursor, 'walked', walked).pexpire(lease, LEASE_MS).exec();
      if (cursor !== '0') await sleep(pauseMs);
    } while (cursor !== '0');
    await redis.multi().set(mark, new Date().toISOString()).del(lease, progressKey).exec();
    if (indexed > 0) logger.info({ indexed, ms: Date.now() - started }, index.logMessage);
    return true;
  };

  const run = async () => {
    while (!stopped) {
      if ((await redis.get(mark)) !== null) return void (complete = true);
      total = await redis.zcard(keys.allTickets(prefix));
      if (total > 0) {
        looked();
        // An empty store is marked at once (the start-up waits for that); a full one is walked after.
        await Promise.race([walkAfter, stopRequested]);
        if (stopped) return;
      }
      if ((await redis.set(lease, token, 'PX', LEASE_MS, 'NX')) === 'OK') {
        if (await fill()) return void (complete = true);
        continue;
      }
      // Another instance fills: follow its progress until it is done or its lease expires.
      walked = Number((await redis.hget(progressKey, 'walked')) ?? 0);
      // An empty store is filled at once: wait for the mark without telling anyone to wait.
      await sleep(total > 0 ? pollMs : 50);
    }
  };

  const done = (async () => {
    for (;;) {
      try {
        return await run();
      } catch (err) {
        looked();
        if (stopped) return;
        logger.warn({ err, index: index.what }, 'filling an index failed; retrying from where it stopped');
        await sleep(pollMs);
      }
    }
  })().finally(looked);

  return {
    done,
    firstLook,
    pending: () =>
      complete
        ? undefined
        : `${index.what} of tickets stored by an older version are being filled (${walked.toLocaleString('en')} of about ${total.toLocaleString('en')} tickets)`,
    stop: () => {
      stopped = true;
      stopping();
    },
  };
}

/** Fills the index and returns when it is complete (tests, benches and tools that need it now). */
export function backfillOnce(store: TicketStore, index: LateIndex, logger: Logger, batchSize = 500): Promise<void> {
  return startBackfill(store, index, logger, { batchSize, pauseMs: 0, pollMs: 200 }).done;
}

async function indexBatch(store: TicketStore, index: LateIndex, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { redis, prefix } = store;
  const write = redis.pipeline() as ScriptedPipeline;
  let writes = 0;
  for (const { ticket, rev } of await store.getManyStored(ids)) {
    const sets = index.setsOf(prefix, ticket);
    write.deskIndexStoredTicket(1 + sets.length, keys.ticket(prefix, ticket.id), ...sets, rev, Date.parse(ticket.createdAt), ticket.id);
    writes += 1;
  }
  if (writes === 0) return 0;
  let added = 0;
  for (const [err, n] of (await write.exec()) ?? []) {
    if (err) throw err;
    added += Number(n);
  }
  return added;
}
