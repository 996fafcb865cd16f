import type { SlaResult, Ticket } from './types';

/**
 * The report counters a ticket counts in, from its recorded SLA facts only. The store adds the
 * cells a save brings and removes those it takes away, in the same script as the ticket, so a
 * report reads a few small hashes and never the tickets. A fact never changes once recorded, so
 * in practice cells are only ever added.
 *
 * - `sla:<YYYY-MM>` / `<result>|<grade>|<category>|<orgId>`: the first-response outcome, by the
 *   month (UTC) it was decided in.
 * - `frt:<YYYY-MM>` / `<grade>|<orgId>|<bucket>`: the first-response working time, by the month of the
 *   response, in buckets of RESPONSE_BUCKETS_MS (upper bounds; 'inf' for longer).
 */
export type ReportCell = [key: string, field: string];

export const RESPONSE_BUCKETS_MS: readonly number[] = [5, 15, 30, 60, 120, 240, 480, 900, 1440, 2700].map((minutes) => minutes * 60_000);

export function reportCells(ticket: Ticket): ReportCell[] {
  const { sla } = ticket;
  const cells: ReportCell[] = [];
  if (sla.outcome) {
    const { result, grade, at } = sla.outcome;
    cells.push([`sla:${at.slice(0, 7)}`, `${result}|${grade}|${ticket.category}|${ticket.orgId}`]);
  }
  if (sla.firstResponseAt && sla.responseWorkingMs !== undefined) {
    const grade = sla.outcome?.grade ?? ticket.grade;
    cells.push([`frt:${sla.firstResponseAt.slice(0, 7)}`, `${grade}|${ticket.orgId}|${responseBucket(sla.responseWorkingMs)}`]);
  }
  return cells;
}

export function responseBucket(ms: number): string {
  const bound = RESPONSE_BUCKETS_MS.find((b) => ms <= b);
  return bound === undefined ? 'inf' : String(bound);
}

export interface SlaReport {
  month: string;
  orgId: string | null;
  /** Decided first-response goals by result, and the share met (null when none was decided). */
  outcomes: Record<SlaResult, number>;
  attainment: number | null;
  byGrade: Record<string, Record<SlaResult, number>>;
  byCategory: Record<string, Record<SlaResult, number>>;
  byOrganisation: Record<string, Record<SlaResult, number>>;
  /** First responses of the month and the working-time bucket (upper bound, ms) holding the median and the 90th percentile. */
  firstResponse: { count: number; p50Ms: number | null; p90Ms: number | null };
}

const RESULTS: readonly SlaResult[] = ['met', 'missed', 'resolved_without_response'];
const none = (): Record<SlaResult, number> => ({ met: 0, missed: 0, resolved_without_response: 0 });

/** A month's report from its two counter hashes (field -> count as stored), optionally for one organisation. */
export function summariseSlaReport(
  month: string,
  outcomes: Record<string, string>,
  responses: Record<string, string>,
  orgId?: string,
): SlaReport {
  const report: SlaReport = {
    month,
    orgId: orgId ?? null,
    outcomes: none(),
    attainment: null,
    byGrade: {},
    byCategory: {},
    byOrganisation: {},
    firstResponse: { count: 0, p50Ms: null, p90Ms: null },
  };
  for (const [field, value] of Object.entries(outcomes)) {
    const [result, grade, category, org] = field.split('|') as [SlaResult, string, string, string];
    const n = Number(value);
    if (!RESULTS.includes(result) || !n || (orgId !== undefined && org !== orgId)) continue;
    report.outcomes[result] += n;
    (report.byGrade[grade] ??= none())[result] += n;
    (report.byCategory[category] ??= none())[result] += n;
    (report.byOrganisation[org] ??= none())[result] += n;
  }
  const decided = RESULTS.reduce((sum, r) => sum + report.outcomes[r], 0);
  if (decided > 0) report.attainment = report.outcomes.met / decided;

  const buckets = new Map<number, number>();
  for (const [field, value] of Object.entries(responses)) {
    const [, org, bucket] = field.split('|');
    if (orgId !== undefined && org !== orgId) continue;
    const bound = bucket === 'inf' ? Infinity : Number(bucket);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(value));
  }
  const ordered = [...buckets.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const count = ordered.reduce((sum, [, n]) => sum + n, 0);
  const quantile = (q: number) => {
    let seen = 0;
    for (const [bound, n] of ordered) if ((seen += n) >= q * count) return Number.isFinite(bound) ? bound : null;
    return null;
  };
  report.firstResponse = { count, p50Ms: count ? quantile(0.5) : null, p90Ms: count ? quantile(0.9) : null };
  return report;
}
