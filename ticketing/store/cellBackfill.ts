import type { Logger } from '../../common/logger';
import { backfillOnce } from './backfillOnce';
import { keys } from './keys';
import { cellOf } from './listCells';
import type { TicketStore } from './ticketStore';

/** Puts the tickets a store held before the cells existed (listCells.ts) into their cells, once per store (backfillOnce.ts). */
export function backfillCells(store: TicketStore, logger: Logger, batchSize = 500): Promise<void> {
  return backfillOnce(
    store,
    {
      done: keys.cellsIndexed,
      setsOf: (p, e) => [keys.cell(p, cellOf(e)), keys.orgCell(p, e.org, cellOf(e))],
      logMessage: 'tickets stored before the list cells were added to them',
    },
    logger,
    batchSize,
  );
}
