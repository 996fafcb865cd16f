import type { Logger } from '../../common/logger';
import type { AttachmentStore } from '../attachments/attachmentStore';
import type { Ticket, TicketMessage } from '../domain/types';
import type { TicketService } from '../service/ticketService';
import type { OrganisationStore } from '../store/organisationStore';
import type { MailSender } from './mailSender';
import { agentReply, languageOf } from './mailTexts';
import type { MailThreads } from './mailThreads';

/** The address an agent's reply is mailed to: the ticket's mail thread, or e-mail as preferred contact. */
export function mailAddressFor(ticket: Ticket): string | null {
  if (ticket.mailThread) return ticket.mailThread.address;
  if (ticket.contact.email && (ticket.contact.preferred === 'email' || !ticket.conversation)) return ticket.contact.email;
  return null;
}

/**
 * Mails an agent's reply, threaded under the ticket's earlier mail (In-Reply-To the latest,
 * References the thread), and records its Message-ID on the message so the answer threads too.
 */
export function createAgentReplyMailer(deps: {
  tickets: TicketService;
  organisations: OrganisationStore;
  sender: MailSender;
  threads: MailThreads;
  logger: Logger;
  /** Where the reply's files are read from. */
  attachments?: AttachmentStore;
}) {
  return {
    async onAgentReply(ticket: Ticket, message: TicketMessage): Promise<void> {
      const to = mailAddressFor(ticket);
      if (!to) return;
      const org = await deps.organisations.get(ticket.orgId);
      const thread = ticket.mailThread?.messageIds ?? [];
      const files = [];
      for (const ref of message.attachments ?? []) {
        const file = await deps.attachments?.open(ref.id);
        if (file) files.push({ filename: ref.name, content: file.data, contentType: ref.type });
      }
      const sentId = await deps.sender.send({
        files,
        ...agentReply(ticket, message.text, languageOf(org)),
        to,
        inReplyTo: thread[thread.length - 1],
        references: thread,
        automatic: false,
      });
      await deps.threads.remember(sentId, ticket.id);
      await deps.tickets.recordSentMail(ticket.id, message.at, { id: sentId, address: to });
    },
  };
}
