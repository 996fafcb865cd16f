import type { Logger } from '../../common/logger';
import { backfillOnce } from './backfillOnce';
import { keys } from './keys';
import type { TicketStore } from './ticketStore';

/** Puts the tickets a store held before the search index existed (docs/agent-workspace.md) into it, once per store. */
export function backfillSearch(store: TicketStore, logger: Logger, batchSize = 500): Promise<void> {
  return backfillOnce(
    store,
    {
      done: keys.searchIndexed,
      setsOf: (p, e) => e.search.map((term) => keys.searchTerm(p, term)),
      logMessage: 'tickets stored before the search index were added to it',
    },
    logger,
    batchSize,
  );
}
