import type { RedisClient } from '../../common/redisConnection';
import type { MailDeskConfig } from '../../common/config';
import type { Logger } from '../../common/logger';
import { GradeSuggester } from '../domain/grading/gradeSuggester';
import type { OutboundChannel } from '../delivery/deliveries';
import type { TicketService } from '../service/ticketService';
import type { OrganisationStore } from '../store/organisationStore';
import type { AttachmentStore } from '../attachments/attachmentStore';
import type { DnsResolver } from './authenticity';
import { MailIntake } from './mailIntake';
import { MailboxReader } from './mailboxReader';
import { createMailSender } from './mailSender';
import { createMailChannel } from './mailChannel';
import { MailThreads } from './mailThreads';

export { MailIntake, type MailOutcome, type MailResult } from './mailIntake';
export { MailboxReader, PROCESSED_FLAG } from './mailboxReader';

export interface MailDesk {
  reader: MailboxReader;
  intake: MailIntake;
  close(): Promise<void>;
}

/**
 * Agents' replies and the desk's notices by e-mail (SMTP_URL, from MAIL_FROM): the way to mail
 * tickets, and the fallback when a chat cannot be reached.
 */
export function createOutboundMail(deps: {
  smtpUrl: string;
  from: string;
  redis: RedisClient;
  prefix: string;
  tickets: TicketService;
  organisations: OrganisationStore;
  logger: Logger;
  attachments?: AttachmentStore;
}): { channel: OutboundChannel; close(): void } {
  const sender = createMailSender(deps.smtpUrl, deps.from);
  const threads = new MailThreads(deps.redis, deps.prefix);
  const channel = createMailChannel({ ...deps, sender, threads, logger: deps.logger.child({ component: 'mail' }) });
  return { channel, close: () => sender.close() };
}

/**
 * The e-mail channel's way in, when IMAP is configured: the support mailbox read into tickets
 * (answers go out through createOutboundMail). Null when no mailbox is configured.
 */
export async function startMailDesk(deps: {
  config: MailDeskConfig | undefined;
  redis: RedisClient;
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
  const intake = new MailIntake({
    ...deps,
    sender,
    suggester: new GradeSuggester(),
    autoRepliesPerHour: config.autoRepliesPerHour,
    lockMs: config.lockMs,
    logger,
  });
  const reader = new MailboxReader({ imap: config.imap, folder: config.folder, pollMs: config.pollMs, intake, logger });
  await reader.start();
  logger.info({ host: config.imap.host, folder: config.folder }, `reading support mail from ${config.imap.host}/${config.folder}`);
  return {
    reader,
    intake,
    async close() {
      await reader.close();
      sender.close();
    },
  };
}
