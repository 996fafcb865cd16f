import type { RedisClient } from '../../common/redisConnection';
import type { Metrics } from '../../common/metrics';
import { OPEN_STATUSES } from '../domain/ticket';
import { CATEGORIES, GRADES } from '../domain/types';
import { keys } from './keys';
import { cellsMatching } from './listCells';
import { TicketStore } from './ticketStore';

/**
 * Gauges read at scrape time: open tickets by grade and the unassigned tickets waiting in each
 * category's queue. Constant cost: one ZCARD per open cell of a grade (listCells.ts, kept by the
 * save script with the ticket, so they cannot drift) and one per queue, whatever the number of
 * tickets. While Redis is not ready the gauges keep their last values (the dependency gauge says
 * Redis is down), and the open-ticket gauges are left out while the cells are being filled
 * (cellBackfill.ts): they would count only the tickets filled so far.
 */
export function collectTicketGauges(
  metrics: Metrics,
  deps: { redis: RedisClient; prefix: string; cellsPending?: () => string | undefined },
): void {
  const { redis, prefix, cellsPending = () => undefined } = deps;
  const store = new TicketStore(redis, prefix);
  const openCells = GRADES.map((grade) => OPEN_STATUSES.flatMap((status) => cellsMatching({ status, grade })));
  metrics.onScrape(async () => {
    if (redis.status !== 'ready') return;
    const cellsComplete = cellsPending() === undefined;
    const [open, queues] = await Promise.all([
      cellsComplete ? store.cellCounts(openCells.flat()) : [],
      Promise.all(CATEGORIES.map((category) => redis.zcard(keys.queue(prefix, category)))),
    ]);
    let at = 0;
    GRADES.forEach((grade, g) => {
      if (!cellsComplete) return;
      const cells = openCells[g]!.length;
      metrics.openTickets.set(
        { grade },
        open.slice(at, (at += cells)).reduce((a, b) => a + b, 0),
      );
    });
    CATEGORIES.forEach((category, i) => metrics.queueDepth.set({ category }, queues[i] ?? 0));
  });
}
