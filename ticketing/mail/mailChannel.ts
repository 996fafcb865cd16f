import type { Logger } from '../../common/logger';
import type { AttachmentStore } from '../attachments/attachmentStore';
import type { AttemptOutcome } from '../domain/delivery';
import type { Organisation, Ticket, TicketMessage } from '../domain/types';
import type { OutboundChannel } from '../delivery/deliveries';
import type { TicketService } from '../service/ticketService';
import type { OrganisationDirectory } from '../store/organisationStore';
import type { MailSender } from './mailSender';
import { agentReply, noticeMail, ticketLanguage } from './mailTexts';
import type { MailThreads } from './mailThreads';

/**
 * Where a ticket's mail goes: its mail thread, the contact address given with it, or the
 * administrator's registered address.
 */
export function mailAddressFor(ticket: Ticket, org: Organisation | null): string | null {
  const admin = org?.administrators.find((a) => a.id === ticket.adminId);
  return ticket.mailThread?.address ?? ticket.contact.email ?? admin?.email ?? null;
}

/**
 * Outbound messages by e-mail (a mail ticket, or a chat that cannot be reached): threaded under
 * the ticket's earlier mail (In-Reply-To the latest, References the thread), the ticket id in the
 * subject, in the language the customer wrote the ticket in (else the organisation's); notices
 * are marked automatic. The Message-ID is recorded on the message so the customer's answer
 * threads too.
 */
export function createMailChannel(deps: {
  tickets: Pick<TicketService, 'recordSentMail'>;
  organisations: OrganisationDirectory;
  sender: MailSender;
  threads: MailThreads;
  logger: Logger;
  /** Where a reply's files are read from, to go with the mail. */
  attachments?: AttachmentStore;
  clock?: () => Date;
}): OutboundChannel {
  const clock = deps.clock ?? (() => new Date());
  return {
    async send(ticket: Ticket, message: TicketMessage): Promise<AttemptOutcome> {
      const org = await deps.organisations.get(ticket.orgId);
      const to = mailAddressFor(ticket, org);
      if (!to) return { ok: false, permanent: true, reason: 'the ticket has no e-mail address and neither has its administrator' };
      const language = ticketLanguage(ticket, org);
      const thread = ticket.mailThread?.messageIds ?? [];
      const text = message.notice ? noticeMail(ticket, message.notice, language, clock()) : agentReply(ticket, message.text, language);
      const files = [];
      for (const ref of message.attachments ?? []) {
        const file = await deps.attachments?.open(ref.id);
        if (file) files.push({ filename: ref.name, content: file.data, contentType: ref.type });
      }
      let sentId: string;
      try {
        sentId = await deps.sender.send({
          files,
          ...text,
          to,
          inReplyTo: thread[thread.length - 1],
          references: thread,
          automatic: message.notice !== undefined,
        });
      } catch (err) {
        return smtpFailure(err as SmtpError, to);
      }
      try {
        await deps.threads.remember(sentId, ticket.id);
        await deps.tickets.recordSentMail(ticket.id, message.at, { id: sentId, address: to });
      } catch (err) {
        // Delivered all the same: only the threading of a later answer relies on the subject's id.
        deps.logger.warn({ err, ticketId: ticket.id }, 'mailed message not recorded in the mail thread');
      }
      return { ok: true, to };
    },
  };
}

interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** A refusal (5xx) cannot be helped by retrying; a busy or unreachable server (4xx, network) can. */
function smtpFailure(err: SmtpError, to: string): AttemptOutcome {
  if (err.responseCode && err.responseCode >= 500)
    return { ok: false, permanent: true, reason: `the mail server refused ${to} (${err.response ?? err.responseCode})` };
  if (err.responseCode)
    return { ok: false, permanent: false, reason: `the mail server deferred the mail (${err.response ?? err.responseCode})` };
  return { ok: false, permanent: false, reason: `the mail server could not be reached (${err.code ?? err.message})` };
}
