import { randomUUID } from 'crypto';
import type { Logger } from '../../common/logger';
import { indexEntriesOf, type IndexEntries } from './indexEntries';
import { keys } from './keys';
import type { ScriptedPipeline } from './scripts';
import type { TicketStore } from './ticketStore';

const LEASE_MS = 60_000;

/** An index added after tickets were stored: its mark key, the sorted sets a ticket belongs in, and what the log says. */
export interface LateIndex {
  done: (prefix: string) => string;
  setsOf: (prefix: string, e: IndexEntries) => string[];
  logMessage: string;
}

/**
 * Puts the tickets a store held before an index existed into it, once per store: the first
 * instance to start takes a lease and walks the tickets in batches (each ticket added by one
 * script that skips it when it was saved meanwhile, since the save script indexes it then); other
 * instances wait for the done mark, or take over an expired lease. On a store written by a
 * version with the index the mark is set at the first start, with nothing to walk.
 */
export async function backfillOnce(store: TicketStore, index: LateIndex, logger: Logger, batchSize = 500): Promise<void> {
  const { redis, prefix } = store;
  const done = index.done(prefix);
  const lease = `${done}:lease`;
  const token = randomUUID();
  while ((await redis.get(done)) === null) {
    if ((await redis.set(lease, token, 'PX', LEASE_MS, 'NX')) === null) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    const started = Date.now();
    let indexed = 0;
    let cursor = '0';
    do {
      const [next, flat] = await redis.zscan(keys.allTickets(prefix), cursor, 'COUNT', batchSize);
      cursor = next;
      indexed += await indexBatch(
        store,
        index,
        flat.filter((_, i) => i % 2 === 0),
      );
      await redis.pexpire(lease, LEASE_MS);
    } while (cursor !== '0');
    await redis.multi().set(done, new Date().toISOString()).del(lease).exec();
    if (indexed > 0) logger.info({ indexed, ms: Date.now() - started }, index.logMessage);
  }
}

async function indexBatch(store: TicketStore, index: LateIndex, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { redis, prefix } = store;
  const write = redis.pipeline() as ScriptedPipeline;
  let writes = 0;
  for (const { ticket, rev } of await store.getManyStored(ids)) {
    const e = indexEntriesOf(ticket);
    const sets = index.setsOf(prefix, e);
    write.deskIndexStoredTicket(1 + sets.length, keys.ticket(prefix, ticket.id), ...sets, rev, e.created, ticket.id);
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
