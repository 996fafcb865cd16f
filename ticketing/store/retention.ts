import type { Logger } from '../../common/logger';
import { indexEntriesOf } from './indexEntries';
import { keys, listKeysOf } from './keys';
import type { ScriptedPipeline } from './scripts';
import type { TicketStore } from './ticketStore';

const HOUR = 3_600_000;

/**
 * Takes tickets closed before `closedBeforeMs` out of the list indexes, cells and search index, a batch at a
 * time from the closed set (oldest first): the work is the tickets retired, never the store.
 * Their records stay and are found by id. Returns how many were retired.
 */
export async function retireClosedTickets(store: TicketStore, closedBeforeMs: number, batchSize = 500): Promise<number> {
  const { redis, prefix } = store;
  let retired = 0;
  for (;;) {
    const ids = await redis.zrangebyscore(keys.closed(prefix), '-inf', closedBeforeMs, 'LIMIT', 0, batchSize);
    if (ids.length === 0) return retired;
    const write = redis.pipeline() as ScriptedPipeline;
    for (const { ticket, rev } of await store.getManyStored(ids)) {
      const e = indexEntriesOf(ticket);
      const lists = [...listKeysOf(prefix, e), ...e.search.map((term) => keys.searchTerm(prefix, term))];
      write.deskRetireTicket(2 + lists.length, keys.ticket(prefix, ticket.id), keys.closed(prefix), ...lists, rev, ticket.id);
    }
    let batch = 0;
    for (const [err, n] of (await write.exec()) ?? []) {
      if (err) throw err;
      batch += Number(n);
    }
    retired += batch;
    // Every one changed under us (being reopened): leave them to the next pass rather than spin.
    if (batch === 0) return retired;
  }
}

/** Retires closed tickets older than `days` now and every hour, until stopped. */
export function startRetention(store: TicketStore, days: number, logger: Logger, clock: () => number = Date.now): { stop(): void } {
  const run = () =>
    retireClosedTickets(store, clock() - days * 24 * HOUR)
      .then((retired) => retired > 0 && logger.info({ retired, days }, 'closed tickets past their retention period left the lists'))
      .catch((err) => logger.warn({ err }, 'retention pass failed; the next one retries'));
  void run();
  const timer = setInterval(run, HOUR);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
