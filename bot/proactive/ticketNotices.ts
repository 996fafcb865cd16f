import type { HistoryEntry, Ticket } from '../../ticketing';
import { deadlineInWords } from '../deadlineWords';
import { t, type Locale, type MessageKey } from '../i18n';

/**
 * What the customer reads in their chat when an agent changes their ticket: resolved (with the
 * resolution note), closed, reopened, or regraded (with the new first-response deadline). Null
 * when the change is nothing the customer needs to hear (an assignment, a note, their own change).
 */
export function customerNotice(
  ticket: Ticket,
  change: readonly HistoryEntry[],
  locale: Locale,
  timeZone: string,
  now: Date,
): string | null {
  const lines: string[] = [];
  for (const entry of change) {
    if (entry.actor.startsWith('admin:')) continue;
    if (entry.kind === 'status' && entry.to === 'resolved') {
      lines.push(t(locale, 'notice.resolved', { id: ticket.id }));
      if (entry.reason) lines.push(t(locale, 'notice.resolution', { note: entry.reason }));
    } else if (entry.kind === 'status' && entry.to === 'closed') {
      lines.push(t(locale, 'notice.closed', { id: ticket.id }));
    } else if (entry.kind === 'status' && (entry.from === 'resolved' || entry.from === 'closed')) {
      lines.push(t(locale, 'notice.reopened', { id: ticket.id }));
    } else if (entry.kind === 'grade' && entry.to) {
      lines.push(t(locale, 'notice.regraded', { id: ticket.id, grade: t(locale, `grade.${entry.to}` as MessageKey) }));
      const due = ticket.sla.firstResponseAt ? null : ticket.sla.dueAt;
      if (due) lines.push(t(locale, 'notice.deadline', { deadline: deadlineInWords(due, timeZone, locale, now) }));
    }
  }
  return lines.length > 0 ? lines.join('\n\n') : null;
}
