import type { Ticket } from './types';

const DAY_MS = 86_400_000;

/** When a ticket was closed (its last move to closed, epoch ms), or null while it is not closed. */
export function closedAtMs(ticket: Ticket): number | null {
  if (ticket.status !== 'closed') return null;
  const closing = [...ticket.history].reverse().find((h) => h.kind === 'status' && h.to === 'closed');
  return Date.parse(closing?.at ?? ticket.updatedAt);
}

/** Tickets closed at or before this instant (epoch ms) are due for the archive. */
export function archiveCutoffMs(now: Date, retentionDays: number): number {
  return now.getTime() - retentionDays * DAY_MS;
}

/** Whether a ticket has been closed for the whole retention period and so leaves Redis for the archive. */
export function isDueForArchive(ticket: Ticket, now: Date, retentionDays: number): boolean {
  const closed = closedAtMs(ticket);
  return closed !== null && closed <= archiveCutoffMs(now, retentionDays);
}
