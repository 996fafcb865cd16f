import type { Backlog, GoalFigures, SlaReport } from './reportCells';
import { SLA_GOALS } from './slaPolicy';
import type { SlaResult } from './types';

/**
 * A month's SLA report as CSV, one row per figure the dashboard shows: the attainment of each
 * goal overall and by grade, category and organisation, each agent's responses, the satisfaction
 * answers per rating (in the `met` column, as a count) and the backlog by age (likewise). Attainment is a share (0-1) with four decimals, empty when nothing was decided.
 */
export const REPORT_CSV_HEADER = ['section', 'goal', 'dimension', 'key', 'met', 'missed', 'resolved_without_response', 'attainment'];

export function slaReportCsv(report: SlaReport, backlog?: Backlog): string {
  const rows: (string | number)[][] = [REPORT_CSV_HEADER];
  const counts = (c: Record<SlaResult, number>) => [c.met, c.missed, c.resolved_without_response, share(c)];
  for (const goal of SLA_GOALS) {
    const figures: GoalFigures = report.goals[goal];
    rows.push(['attainment', goal, 'all', report.orgId ?? 'all', ...counts(figures.outcomes)]);
    for (const dimension of ['byGrade', 'byCategory', 'byOrganisation'] as const) {
      for (const [key, c] of sorted(figures[dimension]))
        rows.push(['attainment', goal, dimension.slice(2).toLowerCase(), key, ...counts(c)]);
    }
  }
  for (const [agent, goals] of sorted(report.agents)) {
    for (const goal of SLA_GOALS) if (goals[goal]) rows.push(['agent', goal, 'agent', agent, ...counts(goals[goal]!)]);
  }
  for (const [rating, n] of sorted(report.satisfaction.byRating)) rows.push(['satisfaction', '', 'rating', rating, n, '', '', '']);
  for (const age of backlog?.ages ?? []) rows.push(['backlog', '', 'age', age.label, age.total, '', '', '']);
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The share met, as the dashboard and the CSV print it. */
export function share(c: Record<SlaResult, number>): string {
  const decided = c.met + c.missed + c.resolved_without_response;
  return decided === 0 ? '' : (c.met / decided).toFixed(4);
}

function sorted<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** RFC 4180: a cell with a comma, quote or line break is quoted; a leading =+-@ is defused for spreadsheets. */
function cell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
