import { DateTime } from 'luxon';
import type { Locale } from '../../common/locale';
import { DomainError, type Organisation, type Ticket } from './types';

/** A reply supervisors keep for agents to insert, with placeholders filled per ticket. */
export interface SavedReply {
  id: string;
  title: string;
  text: string;
  locale: Locale;
  updatedBy: string;
  updatedAt: string;
}

/** What a saved reply may say {{like_this}}: each filled from the ticket the agent is answering. */
export const PLACEHOLDERS = ['customer', 'organisation', 'ticket', 'title', 'deadline', 'agent'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;

/** Refuses a text naming a placeholder there is no value for, naming it and those there are. */
export function checkPlaceholders(text: string): void {
  const unknown = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !PLACEHOLDERS.includes(name as Placeholder));
  if (unknown.length)
    throw new DomainError(
      'invalid_request',
      `text: unknown placeholder {{${unknown[0]}}}; a saved reply may use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`,
    );
}

/** The values of the placeholders for one ticket, the deadline in the organisation's zone and the reply's language. */
export function placeholderValues(
  ticket: Ticket,
  organisation: Organisation | null,
  agent: string,
  locale: Locale,
): Record<Placeholder, string> {
  const admin = organisation?.administrators.find((a) => a.id === ticket.adminId);
  const due = ticket.sla.dueAt
    ? DateTime.fromISO(ticket.sla.dueAt, { zone: ticket.sla.timeZone }).setLocale(locale).toFormat('d MMMM yyyy, HH:mm')
    : '';
  return {
    customer: admin?.name ?? ticket.adminId,
    organisation: organisation?.name ?? ticket.orgId,
    ticket: ticket.id,
    title: ticket.title,
    deadline: due,
    agent,
  };
}

export function fillPlaceholders(text: string, values: Record<Placeholder, string>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? values[name as Placeholder] : whole));
}
