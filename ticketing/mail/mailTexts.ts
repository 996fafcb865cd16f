import { DateTime } from 'luxon';
import type { Grade, Notice, Organisation, Ticket } from '../domain/types';

/** What the desk writes by mail, in the organisation's language (Polish unless it says English). */

export type MailLanguage = 'pl' | 'en';

export interface MailText {
  subject: string;
  /** Paragraphs; the plain-text part joins them with blank lines, the HTML part wraps each in <p>. */
  paragraphs: string[];
}

export function languageOf(org: Pick<Organisation, 'language'> | null): MailLanguage {
  return org?.language === 'en' ? 'en' : 'pl';
}

const GRADE_WORDS: Record<MailLanguage, Record<Grade, string>> = {
  pl: { A: 'A (krytyczny)', B: 'B (wysoki)', C: 'C (niekrytyczny)' },
  en: { A: 'A (critical)', B: 'B (high)', C: 'C (non-critical)' },
};

/** "[SR-2026-000123] subject": clients keep the id when answering, so the answer finds its ticket. */
export function ticketSubject(ticket: Pick<Ticket, 'id' | 'title'>): string {
  return `[${ticket.id}] ${ticket.title}`;
}

/** A deadline as words in the organisation's zone: "wtorek, 2 grudnia 2026, 10:00 (za 23 godziny)". */
export function deadlineInWords(dueAt: string, timeZone: string, language: MailLanguage, now: Date): string {
  const due = DateTime.fromISO(dueAt, { zone: timeZone }).setLocale(language);
  const relative = due.toRelative({ base: DateTime.fromJSDate(now, { zone: timeZone }) });
  return `${due.toFormat(language === 'pl' ? "cccc, d MMMM yyyy, 'godz.' HH:mm" : "cccc d MMMM yyyy 'at' HH:mm")} (${relative})`;
}

/** The acknowledgement of a ticket opened by mail: its id, grade and first-response deadline. */
export function acknowledgement(ticket: Ticket, language: MailLanguage, now: Date): MailText {
  const due = ticket.sla.dueAt ? deadlineInWords(ticket.sla.dueAt, ticket.sla.timeZone, language, now) : null;
  const grade = GRADE_WORDS[language][ticket.grade];
  if (language === 'en') {
    return {
      subject: ticketSubject(ticket),
      paragraphs: [
        `Thank you, we have opened support request ${ticket.id} for you.`,
        `Grade: ${grade}.${due ? ` We will answer by ${due}.` : ''}`,
        'To add anything, just reply to this e-mail and keep the request number in the subject.',
      ],
    };
  }
  return {
    subject: ticketSubject(ticket),
    paragraphs: [
      `Dziękujemy, otworzyliśmy zgłoszenie ${ticket.id}.`,
      `Priorytet: ${grade}.${due ? ` Odpowiemy najpóźniej: ${due}.` : ''}`,
      'Aby coś dodać, po prostu odpowiedz na tę wiadomość, zostawiając numer zgłoszenia w temacie.',
    ],
  };
}

/** The one reply to a mail that may not open or change a ticket: how to reach support instead. */
export function howToReachSupport(subject: string, language: MailLanguage): MailText {
  const re = subject ? `Re: ${subject}` : '';
  if (language === 'en') {
    return {
      subject: re || 'How to reach support',
      paragraphs: [
        "Thank you for your message. We could not accept it as a support request: requests by e-mail are taken only from the registered e-mail address of an organisation administrator, sent through your organisation's own mail server.",
        "Please write to us in the support chat (in Microsoft Teams or on our web page): the chat verifies administrators with a one-time code and opens the request there. If you are not an administrator, please ask your organisation's administrator.",
        'This is an automatic message.',
      ],
    };
  }
  return {
    subject: re || 'Jak skontaktować się z pomocą techniczną',
    paragraphs: [
      'Dziękujemy za wiadomość. Nie mogliśmy przyjąć jej jako zgłoszenia: zgłoszenia e-mailem przyjmujemy tylko z zarejestrowanego adresu administratora organizacji, wysłane przez serwer pocztowy organizacji.',
      'Napisz do nas na czacie pomocy (w Microsoft Teams lub na naszej stronie): czat potwierdzi, że jesteś administratorem, jednorazowym kodem i tam otworzy zgłoszenie. Jeśli nie jesteś administratorem, poproś o pomoc administratora swojej organizacji.',
      'To jest wiadomość automatyczna.',
    ],
  };
}

/** An agent's answer as a mail: the answer, then the request it belongs to. */
export function agentReply(ticket: Ticket, text: string, language: MailLanguage): MailText {
  const footer =
    language === 'en'
      ? `Support request ${ticket.id}. Reply to this e-mail to answer.`
      : `Zgłoszenie ${ticket.id}. Aby odpowiedzieć, odpowiedz na tę wiadomość.`;
  return { subject: `Re: ${ticketSubject(ticket)}`, paragraphs: [...text.split(/\n{2,}/), footer] };
}

/** A notice of the desk (resolved, closed, reopened, regraded, a missed deadline) as an automatic mail. */
export function noticeMail(ticket: Ticket, notice: Notice, language: MailLanguage, now: Date): MailText {
  const en = language === 'en';
  const id = ticket.id;
  const paragraphs: string[] = [];
  switch (notice.kind) {
    case 'resolved':
      paragraphs.push(en ? `Your support request ${id} has been resolved.` : `Twoje zgłoszenie ${id} zostało rozwiązane.`);
      if (notice.note) paragraphs.push(`${en ? 'Resolution' : 'Rozwiązanie'}: ${notice.note}`);
      paragraphs.push(
        en
          ? 'If the problem is still there, reply to this e-mail and we will reopen it.'
          : 'Jeśli problem nadal występuje, odpowiedz na tę wiadomość, a otworzymy zgłoszenie ponownie.',
      );
      // Answered by mail intake (MailIntake.rated): a first line that is a rating, once per ticket.
      if (!ticket.satisfaction)
        paragraphs.push(
          en
            ? 'How would you rate our help? Reply with a number from 1 (very poor) to 5 (excellent) or a word such as "great" or "poor"; a comment may follow after a comma.'
            : 'Jak oceniasz naszą pomoc? Odpowiedz cyfrą od 1 (bardzo słabo) do 5 (świetnie) albo słowem, np. „super” lub „słabo”; po przecinku możesz dodać komentarz.',
        );
      break;
    case 'closed':
      paragraphs.push(en ? `Your support request ${id} has been closed.` : `Twoje zgłoszenie ${id} zostało zamknięte.`);
      break;
    case 'reopened':
      paragraphs.push(
        en
          ? `Your support request ${id} has been reopened; we are working on it again.`
          : `Twoje zgłoszenie ${id} zostało ponownie otwarte; znów nad nim pracujemy.`,
      );
      break;
    case 'regraded': {
      const grade = notice.grade ? GRADE_WORDS[language][notice.grade] : '';
      paragraphs.push(
        en ? `The grade of your support request ${id} is now ${grade}.` : `Priorytet Twojego zgłoszenia ${id} to teraz ${grade}.`,
      );
      if (notice.dueAt) {
        const due = deadlineInWords(notice.dueAt, ticket.sla.timeZone, language, now);
        paragraphs.push(en ? `We will answer by ${due}.` : `Odpowiemy najpóźniej: ${due}.`);
      }
      break;
    }
    case 'sla_breach':
      paragraphs.push(
        en
          ? `We are sorry: we have not answered your support request ${id} in the promised time. It has been escalated, and an agent will contact you as soon as possible.`
          : `Przepraszamy: nie odpowiedzieliśmy na Twoje zgłoszenie ${id} w obiecanym czasie. Sprawa została przekazana wyżej i konsultant skontaktuje się z Tobą najszybciej, jak to możliwe.`,
      );
      break;
  }
  paragraphs.push(en ? 'This is an automatic message.' : 'To jest wiadomość automatyczna.');
  return { subject: `Re: ${ticketSubject(ticket)}`, paragraphs };
}
