import type { Logger } from '../../common/logger';
import { backfillOnce, startBackfill, type Backfill, type BackfillOptions, type LateIndex } from './backfillOnce';
import { searchTermsOf } from '../domain/searchTerms';
import { keys } from './keys';
import type { TicketStore } from './ticketStore';

const SEARCH: LateIndex = {
  done: keys.searchIndexed,
  setsOf: (p, t) => searchTermsOf(t).map((term) => keys.searchTerm(p, term)),
  logMessage: 'tickets stored before the search index were added to it',
  what: 'the search index',
};

/** Puts the tickets a store held before the search index existed (docs/agent-workspace.md) into it, once per store. */
export function backfillSearch(store: TicketStore, logger: Logger, batchSize = 500): Promise<void> {
  return backfillOnce(store, SEARCH, logger, batchSize);
}

/** The same in the background (backfillOnce.ts): the service starts at once and says what waits for it. */
export function startSearchBackfill(store: TicketStore, logger: Logger, options?: BackfillOptions): Backfill {
  return startBackfill(store, SEARCH, logger, options);
}
