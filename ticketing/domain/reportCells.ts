import { SLA_GOALS, type SlaGoal } from './slaPolicy';
import type { SlaOutcome, SlaResult, Ticket } from './types';

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
 * - `goal:<YYYY-MM>` / `<goal>|<result>|<grade>|<category>|<orgId>`: each decided next-response
 *   goal and the resolution goal. A ticket may bring the same cell several times (two next
 *   responses met in a month): the script counts each occurrence.
 * - `agent:<YYYY-MM>` / `<agentId>|<goal>|<result>`: the responses an agent's reply decided (the
 *   first response by the first agent message's author).
 * - `csat:<YYYY-MM>` / `<rating>|<grade>|<orgId>`: the customer's satisfaction rating, by the month it was given.
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
  const firstReplier = sla.firstResponseAt && sla.outcome ? ticket.messages.find((m) => m.from === 'agent')?.author : undefined;
  if (firstReplier && sla.outcome) cells.push(agentCell(firstReplier, 'first_response', sla.outcome));
  const goalCell = (goal: SlaGoal, o: SlaOutcome): ReportCell => [
    `goal:${o.at.slice(0, 7)}`,
    `${goal}|${o.result}|${o.grade}|${ticket.category}|${ticket.orgId}`,
  ];
  for (const outcome of ticket.nextResponse?.outcomes ?? []) {
    cells.push(goalCell('next_response', outcome));
    if (outcome.by) cells.push(agentCell(outcome.by, 'next_response', outcome));
  }
  const running = ticket.nextResponse?.clock?.outcome;
  if (running) cells.push(goalCell('next_response', running));
  if (ticket.resolution?.outcome) cells.push(goalCell('resolution', ticket.resolution.outcome));
  const rated = ticket.satisfaction;
  if (rated) cells.push([`csat:${rated.at.slice(0, 7)}`, `${rated.rating}|${rated.grade}|${ticket.orgId}`]);
  return cells;
}

function agentCell(agent: string, goal: SlaGoal, outcome: SlaOutcome): ReportCell {
  return [`agent:${outcome.at.slice(0, 7)}`, `${agent}|${goal}|${outcome.result}`];
}

export function responseBucket(ms: number): string {
  const bound = RESPONSE_BUCKETS_MS.find((b) => ms <= b);
  return bound === undefined ? 'inf' : String(bound);
}

/** Decided goals by result, the share met (null when none was decided), and the same by grade, category and organisation. */
export interface GoalFigures {
  outcomes: Record<SlaResult, number>;
  attainment: number | null;
  byGrade: Record<string, Record<SlaResult, number>>;
  byCategory: Record<string, Record<SlaResult, number>>;
  byOrganisation: Record<string, Record<SlaResult, number>>;
}

export interface SlaReport extends GoalFigures {
  month: string;
  orgId: string | null;
  /** First responses of the month and the working-time bucket (upper bound, ms) holding the median and the 90th percentile. */
  firstResponse: { count: number; p50Ms: number | null; p90Ms: number | null };
  /** Every goal; first_response repeats the top-level figures. */
  goals: Record<SlaGoal, GoalFigures>;
  /** Per agent: the responses their replies decided, by goal and result (not filtered by organisation). */
  agents: Record<string, Partial<Record<SlaGoal, Record<SlaResult, number>>>>;
  /** Customer satisfaction of the month: answers per rating 1-5 and their mean (null without answers). */
  satisfaction: { count: number; average: number | null; byRating: Record<string, number> };
}

const RESULTS: readonly SlaResult[] = ['met', 'missed', 'resolved_without_response'];
const none = (): Record<SlaResult, number> => ({ met: 0, missed: 0, resolved_without_response: 0 });
const noFigures = (): GoalFigures => ({ outcomes: none(), attainment: null, byGrade: {}, byCategory: {}, byOrganisation: {} });

function count(figures: GoalFigures, result: SlaResult, grade: string, category: string, org: string, n: number): void {
  figures.outcomes[result] += n;
  (figures.byGrade[grade] ??= none())[result] += n;
  (figures.byCategory[category] ??= none())[result] += n;
  (figures.byOrganisation[org] ??= none())[result] += n;
}

function withAttainment(figures: GoalFigures): GoalFigures {
  const decided = RESULTS.reduce((sum, r) => sum + figures.outcomes[r], 0);
  return { ...figures, attainment: decided > 0 ? figures.outcomes.met / decided : null };
}

/** The counter hashes of a month, as stored (field -> count). */
export interface ReportCounters {
  outcomes: Record<string, string>;
  responses: Record<string, string>;
  goals: Record<string, string>;
  agents: Record<string, string>;
  satisfaction: Record<string, string>;
}

/** A month's report from its counter hashes, optionally for one organisation. */
export function summariseSlaReport(month: string, counters: ReportCounters, orgId?: string): SlaReport {
  const goals = Object.fromEntries(SLA_GOALS.map((g) => [g, noFigures()])) as Record<SlaGoal, GoalFigures>;
  for (const [field, value] of Object.entries(counters.outcomes)) {
    const [result, grade, category, org] = field.split('|') as [SlaResult, string, string, string];
    const n = Number(value);
    if (!RESULTS.includes(result) || !n || (orgId !== undefined && org !== orgId)) continue;
    count(goals.first_response, result, grade, category, org, n);
  }
  for (const [field, value] of Object.entries(counters.goals)) {
    const [goal, result, grade, category, org] = field.split('|') as [SlaGoal, SlaResult, string, string, string];
    const n = Number(value);
    if (!SLA_GOALS.includes(goal) || !RESULTS.includes(result) || !n || (orgId !== undefined && org !== orgId)) continue;
    count(goals[goal], result, grade, category, org, n);
  }
  for (const goal of SLA_GOALS) goals[goal] = withAttainment(goals[goal]);

  const agents: SlaReport['agents'] = {};
  for (const [field, value] of Object.entries(counters.agents)) {
    const [agent, goal, result] = field.split('|') as [string, SlaGoal, SlaResult];
    const n = Number(value);
    if (!agent || !SLA_GOALS.includes(goal) || !RESULTS.includes(result) || !n) continue;
    ((agents[agent] ??= {})[goal] ??= none())[result] += n;
  }

  const byRating: Record<string, number> = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const [field, value] of Object.entries(counters.satisfaction)) {
    const [rating, , org] = field.split('|') as [string, string, string];
    if (byRating[rating] === undefined || (orgId !== undefined && org !== orgId)) continue;
    byRating[rating] += Number(value);
  }
  const answers = Object.values(byRating).reduce((a, b) => a + b, 0);
  const sum = Object.entries(byRating).reduce((total, [rating, n]) => total + Number(rating) * n, 0);
  const satisfaction = { count: answers, average: answers ? Math.round((sum / answers) * 100) / 100 : null, byRating };

  const buckets = new Map<number, number>();
  for (const [field, value] of Object.entries(counters.responses)) {
    const [, org, bucket] = field.split('|');
    if (orgId !== undefined && org !== orgId) continue;
    const bound = bucket === 'inf' ? Infinity : Number(bucket);
    buckets.set(bound, (buckets.get(bound) ?? 0) + Number(value));
  }
  const ordered = [...buckets.entries()].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = ordered.reduce((sum, [, n]) => sum + n, 0);
  const quantile = (q: number) => {
    let seen = 0;
    for (const [bound, n] of ordered) if ((seen += n) >= q * total) return Number.isFinite(bound) ? bound : null;
    return null;
  };
  return {
    month,
    orgId: orgId ?? null,
    ...goals.first_response,
    firstResponse: { count: total, p50Ms: total ? quantile(0.5) : null, p90Ms: total ? quantile(0.9) : null },
    goals,
    agents,
    satisfaction,
  };
}

/** Ages of the open backlog: upper bounds in days (the last bucket is open-ended). */
export const BACKLOG_AGE_DAYS: readonly number[] = [1, 3, 7, 30];

export interface Backlog {
  at: string;
  /** Open tickets by age since creation: `label` such as '1-3 d', and the count per open status. */
  ages: { label: string; fromDays: number; toDays: number | null; byStatus: Record<string, number>; total: number }[];
}

/** The age ranges of the backlog at `now`, newest first, as [fromMs, toMs) creation-time windows. */
export function backlogWindows(now: Date): { label: string; fromDays: number; toDays: number | null; fromMs: number; toMs: number }[] {
  const day = 24 * 3_600_000;
  const bounds = [0, ...BACKLOG_AGE_DAYS];
  return bounds.map((fromDays, i) => {
    const toDays = BACKLOG_AGE_DAYS[i] ?? null;
    const label = toDays === null ? `> ${fromDays} d` : fromDays === 0 ? `< ${toDays} d` : `${fromDays}-${toDays} d`;
    const fromMs = toDays === null ? 0 : now.getTime() - toDays * day;
    return { label, fromDays, toDays, fromMs, toMs: now.getTime() - fromDays * day + (fromDays === 0 ? 1 : 0) };
  });
}
