import type Redis from 'ioredis';
import type { Metrics } from '../../common/metrics';
import { OPEN_STATUSES } from '../domain/ticket';
import { CATEGORIES, GRADES } from '../domain/types';
import { keys } from './keys';

/**
 * Gauges read from the store's indexes at scrape time: open tickets by grade and the unassigned
 * tickets waiting in each category's queue. Bounded cost: one ZINTERCARD per grade and open
 * status and one ZCARD per queue, whatever the number of tickets. While Redis is not ready the
 * gauges keep their last values (the dependency gauge says Redis is down).
 */
export function collectTicketGauges(metrics: Metrics, deps: { redis: Redis; prefix: string }): void {
  const { redis, prefix } = deps;
  metrics.onScrape(async () => {
    if (redis.status !== 'ready') return;
    const pipeline = redis.pipeline();
    for (const grade of GRADES) {
      for (const status of OPEN_STATUSES) pipeline.zintercard(2, keys.byGrade(prefix, grade), keys.byStatus(prefix, status));
    }
    for (const category of CATEGORIES) pipeline.zcard(keys.queue(prefix, category));
    const counts = ((await pipeline.exec()) ?? []).map(([err, n]) => {
      if (err) throw err;
      return Number(n);
    });
    GRADES.forEach((grade, g) => {
      const open = counts.slice(g * OPEN_STATUSES.length, (g + 1) * OPEN_STATUSES.length).reduce((a, b) => a + b, 0);
      metrics.openTickets.set({ grade }, open);
    });
    const queues = counts.slice(GRADES.length * OPEN_STATUSES.length);
    CATEGORIES.forEach((category, i) => metrics.queueDepth.set({ category }, queues[i] ?? 0));
  });
}
