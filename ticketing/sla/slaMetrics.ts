import { Gauge, Histogram } from 'prom-client';
import type { Metrics } from '../../common/metrics';
import type { Grade, TimerEventKind } from '../domain/types';
import type { DueSet } from './dueSet';

const LATENESS = 'desk_sla_event_lateness_seconds';
const ENTRIES = 'desk_sla_timer_entries';

/**
 * The SLA timers' figures on the service's /metrics: events applied (desk_sla_events_total),
 * how late after their due time they were applied, and how many timer entries wait or are in
 * flight. Several SlaTimers in one process share the same metrics.
 */
export class SlaMetrics {
  private readonly lateness: Histogram<'kind'>;

  constructor(
    private readonly metrics: Metrics,
    dueSet: DueSet,
  ) {
    const { registry } = metrics;
    this.lateness =
      (registry.getSingleMetric(LATENESS) as Histogram<'kind'> | undefined) ??
      new Histogram({
        name: LATENESS,
        help: "Time from an SLA event's due time until it was applied to its ticket",
        labelNames: ['kind'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 30],
        registers: [registry],
      });
    if (!registry.getSingleMetric(ENTRIES)) {
      const entries = new Gauge({
        name: ENTRIES,
        help: 'SLA timer entries waiting for their time (due) or claimed and not yet queued (inflight)',
        labelNames: ['state'] as const,
        registers: [registry],
      });
      metrics.onScrape(async () => {
        const { due, inflight } = await dueSet.counts();
        entries.set({ state: 'due' }, due);
        entries.set({ state: 'inflight' }, inflight);
      });
    }
  }

  applied(kind: TimerEventKind, grade: Grade, latenessMs: number): void {
    this.metrics.slaEvents.inc({ kind, grade });
    this.lateness.observe({ kind }, Math.max(latenessMs, 0) / 1000);
  }
}
