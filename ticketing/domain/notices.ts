import { DESK_AUTHOR } from './delivery';
import type { HistoryEntry, Notice, Ticket, TicketMessage } from './types';

/**
 * The notices a change owes the customer: resolved (with the resolution note), closed, reopened,
 * regraded (with the new deadline), and an apology for a missed first-response deadline. They
 * are messages of the ticket like an agent's reply, so they are delivered (and fall back to
 * e-mail) the same way; their own changes (actor admin:) tell the customer nothing.
 */
export function withNotices(before: Ticket, after: Ticket): Ticket {
  const change = after.history.slice(before.history.length);
  const notices = change.flatMap((entry) => {
    const notice = noticeOf(entry, after);
    return notice ? [noticeMessage(entry.at, notice, after.id)] : [];
  });
  return notices.length > 0 ? { ...after, messages: [...after.messages, ...notices] } : after;
}

/** The note an agent gave with a resolution, without what the clock added to the entry. */
const RESOLVED_UNANSWERED = /;? ?resolved without a response: recorded as the first-response outcome$/;

function noticeOf(entry: HistoryEntry, ticket: Ticket): Notice | null {
  if (entry.actor.startsWith('admin:')) return null;
  if (entry.kind === 'status' && entry.to === 'resolved') {
    const note = entry.reason?.replace(RESOLVED_UNANSWERED, '').trim();
    return note ? { kind: 'resolved', note } : { kind: 'resolved' };
  }
  if (entry.kind === 'status' && entry.to === 'closed') return { kind: 'closed' };
  if (entry.kind === 'status' && (entry.from === 'resolved' || entry.from === 'closed')) return { kind: 'reopened' };
  if (entry.kind === 'grade' && entry.to) {
    const grade = entry.to as Notice['grade'];
    return { kind: 'regraded', grade, dueAt: ticket.sla.firstResponseAt ? null : ticket.sla.dueAt };
  }
  if (entry.kind === 'sla_breach') return { kind: 'sla_breach' };
  return null;
}

/** What the agent reads in the thread; the customer gets it worded in their language. */
function noticeMessage(at: string, notice: Notice, id: string): TicketMessage {
  const what: Record<Notice['kind'], string> = {
    resolved: `${id} was resolved${notice.note ? `: ${notice.note}` : ''}`,
    closed: `${id} was closed`,
    reopened: `${id} was reopened`,
    regraded: `${id} now has grade ${notice.grade}${notice.dueAt ? `, first response due ${notice.dueAt}` : ''}`,
    sla_breach: `an apology: the first-response deadline of ${id} was missed and the request is escalated`,
  };
  return { at, from: 'agent', author: DESK_AUTHOR, text: `Notice to the customer: ${what[notice.kind]}.`, notice };
}
