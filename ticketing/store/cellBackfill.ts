import type { Logger } from '../../common/logger';
import { backfillOnce, startBackfill, type Backfill, type BackfillOptions, type LateIndex } from './backfillOnce';
import { keys } from './keys';
import { cellOf } from './listCells';
import type { TicketStore } from './ticketStore';

const CELLS: LateIndex = {
  done: keys.cellsIndexed,
  setsOf: (p, t) => {
    const cell = cellOf({ ...t, breached: t.sla.breached });
    return [keys.cell(p, cell), keys.orgCell(p, t.orgId, cell)];
  },
  logMessage: 'tickets stored before the list cells were added to them',
  what: 'the list cells',
};

/** Puts the tickets a store held before the cells existed (listCells.ts) into their cells, once per store (backfillOnce.ts). */
export function backfillCells(store: TicketStore, logger: Logger, batchSize = 500): Promise<void> {
  return backfillOnce(store, CELLS, logger, batchSize);
}

/** The same in the background (backfillOnce.ts): the service starts at once and says what waits for it. */
export function startCellsBackfill(store: TicketStore, logger: Logger, options?: BackfillOptions): Backfill {
  return startBackfill(store, CELLS, logger, options);
}
