import { DomainError } from './types';

/** Human-friendly ticket ids: 'SR-2026-000123' (year of creation, sequence padded to 6 digits). */

const TICKET_ID = /^SR-(\d{4})-(\d{6,})$/;

export function formatTicketId(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new DomainError('invalid_ticket_id', `ticket id year must be a 4-digit year, got ${year}`);
  if (!Number.isSafeInteger(seq) || seq < 1)
    throw new DomainError('invalid_ticket_id', `ticket id sequence must be a positive integer, got ${seq}`);
  return `SR-${year}-${String(seq).padStart(6, '0')}`;
}

/** The year and sequence of a ticket id; null for anything that is not one. */
export function parseTicketId(id: string): { year: number; seq: number } | null {
  const match = TICKET_ID.exec(id);
  if (!match) return null;
  const seq = Number(match[2]);
  return seq >= 1 && Number.isSafeInteger(seq) ? { year: Number(match[1]), seq } : null;
}
