import { DateTime } from 'luxon';
import { detectLocale, type Locale } from '../../common/locale';
import { messageCatalogue } from '../../common/messages';
import type { Notice, Organisation, Ticket } from '../domain/types';
import pl from './i18n/pl.json';
import en from './i18n/en.json';

/**
 * What the desk writes by mail, from one catalogue (i18n/pl.json, i18n/en.json): Polish, the
 * product's language, and English to a customer who wrote in English.
 */

export type MailLanguage = Locale;
type MailKey = keyof typeof pl;

const catalogue = messageCatalogue<MailKey>(pl, en);
const t = catalogue.t;
/** Every message key, for the test that both catalogues say the same things. */
export const mailCatalogueKeys = catalogue.keys;

export interface MailText {
  subject: string;
  /** Paragraphs; the plain-text part joins them with blank lines, the HTML part wraps each in <p>. */
  paragraphs: string[];
}

/**
 * The language to answer in: the customer's own when their words show it (an English mail gets
 * English), else the organisation's (Polish unless it says English).
 */
export function replyLanguage(customerText: string, org: Pick<Organisation, 'language'> | null): MailLanguage {
  return detectLocale(customerText) ?? (org?.language === 'en' ? 'en' : 'pl');
}

/** The language a ticket's customer wrote it in: its title and description. */
export function ticketLanguage(ticket: Pick<Ticket, 'title' | 'description'>, org: Pick<Organisation, 'language'> | null): MailLanguage {
  return replyLanguage(`${ticket.title}\n${ticket.description}`, org);
}

/** "[SR-2026-000123] subject": clients keep the id when answering, so the answer finds its ticket. */
export function ticketSubject(ticket: Pick<Ticket, 'id' | 'title'>): string {
  return `[${ticket.id}] ${ticket.title}`;
}

/** A deadline as words in the organisation's zone: "wtorek, 2 grudnia 2026, godz. 10:00 (za 23 godziny)". */
export function deadlineInWords(dueAt: string, timeZone: string, language: MailLanguage, now: Date): string {
  const due = DateTime.fromISO(dueAt, { zone: timeZone }).setLocale(language);
  const relative = due.toRelative({ base: DateTime.fromJSDate(now, { zone: timeZone }) });
  return `${due.toFormat(t(language, 'deadline.format'))} (${relative})`;
}

/** The acknowledgement of a ticket opened by mail: its id, grade and first-response deadline. */
export function acknowledgement(ticket: Ticket, language: MailLanguage, now: Date): MailText {
  const due = ticket.sla.dueAt ? deadlineInWords(ticket.sla.dueAt, ticket.sla.timeZone, language, now) : null;
  const grade = t(language, 'ack.grade', { grade: t(language, `grade.${ticket.grade}`) });
  return {
    subject: ticketSubject(ticket),
    paragraphs: [
      t(language, 'ack.opened', { id: ticket.id }),
      due ? `${grade} ${t(language, 'ack.deadline', { deadline: due })}` : grade,
      t(language, 'ack.howToAdd'),
    ],
  };
}

/** The one reply to a mail that may not open or change a ticket: how to reach support instead. */
export function howToReachSupport(subject: string, language: MailLanguage): MailText {
  return {
    subject: subject ? `Re: ${subject}` : t(language, 'refusal.subject'),
    paragraphs: [t(language, 'refusal.why'), t(language, 'refusal.chat'), t(language, 'automatic')],
  };
}

/** An agent's answer as a mail: the answer, then the request it belongs to. */
export function agentReply(ticket: Ticket, text: string, language: MailLanguage): MailText {
  return { subject: `Re: ${ticketSubject(ticket)}`, paragraphs: [...text.split(/\n{2,}/), t(language, 'reply.footer', { id: ticket.id })] };
}

/** A notice of the desk (resolved, closed, reopened, regraded, a missed deadline) as an automatic mail. */
export function noticeMail(ticket: Ticket, notice: Notice, language: MailLanguage, now: Date): MailText {
  const id = ticket.id;
  const paragraphs: string[] = [];
  switch (notice.kind) {
    case 'resolved':
      paragraphs.push(t(language, 'notice.resolved', { id }));
      if (notice.note) paragraphs.push(t(language, 'notice.resolution', { note: notice.note }));
      paragraphs.push(t(language, 'notice.stillThere'));
      // Answered by mail intake (MailIntake.rated): a first line that is a rating, once per ticket.
      if (!ticket.satisfaction) paragraphs.push(t(language, 'notice.rate'));
      break;
    case 'closed':
      paragraphs.push(t(language, 'notice.closed', { id }));
      break;
    case 'reopened':
      paragraphs.push(t(language, 'notice.reopened', { id }));
      break;
    case 'regraded':
      paragraphs.push(t(language, 'notice.regraded', { id, grade: notice.grade ? t(language, `grade.${notice.grade}`) : '' }));
      if (notice.dueAt)
        paragraphs.push(t(language, 'notice.deadline', { deadline: deadlineInWords(notice.dueAt, ticket.sla.timeZone, language, now) }));
      break;
    case 'sla_breach':
      paragraphs.push(t(language, 'notice.slaBreach', { id }));
      break;
  }
  paragraphs.push(t(language, 'automatic'));
  return { subject: `Re: ${ticketSubject(ticket)}`, paragraphs };
}
