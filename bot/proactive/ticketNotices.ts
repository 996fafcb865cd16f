import type { Notice, Ticket } from '../../ticketing';
import { deadlineInWords } from '../deadlineWords';
import { t, type Locale, type MessageKey } from '../i18n';

/**
 * What the customer reads in their chat when the desk tells them about their ticket: resolved
 * (with the resolution note), closed, reopened, regraded (with the new first-response deadline),
 * or an apology for a missed deadline.
 */
export function customerNotice(ticket: Ticket, notice: Notice, locale: Locale, timeZone: string, now: Date): string {
  const id = ticket.id;
  switch (notice.kind) {
    case 'resolved':
      return [t(locale, 'notice.resolved', { id }), notice.note ? t(locale, 'notice.resolution', { note: notice.note }) : null]
        .filter(Boolean)
        .join('\n\n');
    case 'closed':
      return t(locale, 'notice.closed', { id });
    case 'reopened':
      return t(locale, 'notice.reopened', { id });
    case 'regraded': {
      const lines = [t(locale, 'notice.regraded', { id, grade: t(locale, `grade.${notice.grade}` as MessageKey) })];
      if (notice.dueAt) lines.push(t(locale, 'notice.deadline', { deadline: deadlineInWords(notice.dueAt, timeZone, locale, now) }));
      return lines.join('\n\n');
    }
    case 'sla_breach':
      return t(locale, 'reply.slaBreach', { id });
  }
}
