import type Redis from 'ioredis';
import type { MailDeskConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import { GradeSuggester } from '../domain/grading/gradeSuggester';
import type { TicketEvents, TicketService } from '../service/ticketService';
import type { OrganisationStore } from '../store/organisationStore';
import { createAgentReplyMailer } from './agentReplyMailer';
import type { AttachmentStore } from '../attachments/attachmentStore';
import type { DnsResolver } from './authenticity';
import { MailIntake } from './mailIntake';
import { MailboxReader } from './mailboxReader';
import { createMailSender } from './mailSender';
import { MailThreads } from './mailThreads';

export { MailIntake, type MailOutcome, type MailResult } from './mailIntake';
export { MailboxReader, PROCESSED_FLAG } from './mailboxReader';

export interface MailDesk {
  reader: MailboxReader;
  intake: MailIntake;
  /** Mails agents' replies on tickets that have a mail thread or prefer e-mail. */
  events: TicketEvents;
  close(): Promise<void>;
}

/**
 * The e-mail channel, when IMAP is configured: the support mailbox read into tickets and
 * agents' replies sent back by mail. Null when no mailbox is configured.
 */
export async function startMailDesk(deps: {
  config: MailDeskConfig | undefined;
  redis: Redis;
  prefix: string;
  tickets: TicketService;
  organisations: OrganisationStore;
  logger: Logger;
  resolver?: DnsResolver;
  clock?: () => Date;
  attachments?: AttachmentStore;
}): Promise<MailDesk | null> {
  const { config } = deps;
  if (!config) return null;
  const logger = deps.logger.child({ component: 'mail' });
  const sender = createMailSender(config.smtpUrl, config.from);
  const threads = new MailThreads(deps.redis, deps.prefix);
  const intake = new MailIntake({
    ...deps,
    sender,
    suggester: new GradeSuggester(),
    autoRepliesPerHour: config.autoRepliesPerHour,
    logger,
  });
  const reader = new MailboxReader({ imap: config.imap, folder: config.folder, pollMs: config.pollMs, intake, logger });
  const mailer = createAgentReplyMailer({
    tickets: deps.tickets,
    organisations: deps.organisations,
    sender,
    threads,
    logger,
    attachments: deps.attachments,
  });
  await reader.start();
  logger.info({ host: config.imap.host, folder: config.folder }, `reading support mail from ${config.imap.host}/${config.folder}`);
  return {
    reader,
    intake,
    events: {
      onAgentReply: (ticket, message) =>
        void mailer.onAgentReply(ticket, message).catch((err) => logger.error({ err, ticketId: ticket.id }, 'agent reply not mailed')),
    },
    async close() {
      await reader.close();
      sender.close();
    },
  };
}
