import type { Ticket } from './types';

/**
 * Erasing a person's personal data on request (GDPR art. 17): every occurrence of their e-mail
 * address, phone number, name and administrator id in what the desk keeps is replaced, so the
 * records stay (reports, SLA facts, the order of a conversation) and no longer say who it was.
 */

/** Who is erased: at least one of these. */
export interface Person {
  /** Their administrator id: replaced by ERASED_ID wherever it stands as a whole id (`admin:<id>`, a message's author). */
  adminId?: string;
  name?: string;
  email?: string;
  phone?: string;
}

/** What stands in text where personal data stood. */
export const ERASED = '[erased]';
/** What stands where their id stood (ids must stay ids: `admin:erased`). */
export const ERASED_ID = 'erased';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Not inside a longer word, address or id. */
const alone = (pattern: string) => `(?<![\\p{L}\\p{N}_.@+-])${pattern}(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}])`;

/**
 * The phone number's national digits (the last nine, as in Poland), with any of the usual
 * separators between them and its country code before them or not: +48 600 100 200, 600-100-200.
 */
function phonePattern(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 6) return null;
  const national = digits.slice(-9);
  const country = digits.slice(0, digits.length - national.length);
  const sep = '[\\s.()-]*';
  const prefix = country ? `(?:(?:\\+|00)?${country}${sep})?` : '';
  return prefix + [...national].join(sep);
}

/** A replacement of every piece of the person's data in a text; the identity when there is none. */
export function redactorOf(person: Person): (text: string) => string {
  const steps: [RegExp, string][] = [];
  if (person.email) steps.push([new RegExp(alone(escape(person.email.trim())), 'giu'), ERASED]);
  const phone = person.phone && phonePattern(person.phone);
  if (phone) steps.push([new RegExp(`(?<![\\d+])${phone}(?!\\d)`, 'gu'), ERASED]);
  if (person.name?.trim()) {
    const full = person.name.trim().split(/\s+/);
    // The whole name first, then each part of it long enough not to be a common word ("Kowalska" alone).
    steps.push([new RegExp(alone(full.map(escape).join('\\s+')), 'giu'), ERASED]);
    for (const part of full.filter((p) => p.length >= 3)) steps.push([new RegExp(alone(escape(part)), 'giu'), ERASED]);
  }
  if (person.adminId) steps.push([new RegExp(alone(escape(person.adminId)), 'gu'), ERASED_ID]);
  if (steps.length === 0) return (text) => text;
  return (text) => steps.reduce((out, [pattern, by]) => out.replace(pattern, by), text);
}

/** Every string in a JSON value redacted (keys stay as they are). */
export function redactValue<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v, redact)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)])) as T;
  }
  return value;
}

/**
 * The ticket with the person's data erased, or null when it holds none. A contact address or
 * number that was theirs is dropped rather than kept as a marker, so nothing tries to reach it.
 */
export function eraseFromTicket(ticket: Ticket, person: Person): Ticket | null {
  const redact = redactorOf(person);
  const erased = redactValue(ticket, redact);
  if (JSON.stringify(erased) === JSON.stringify(ticket)) return null;
  const contact = { ...erased.contact };
  if (contact.email !== undefined && contact.email !== ticket.contact.email) delete contact.email;
  if (contact.phone !== undefined && contact.phone !== ticket.contact.phone) delete contact.phone;
  return { ...erased, contact };
}
