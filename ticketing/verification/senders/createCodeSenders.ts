import { resolve } from 'path';
import type { CodeDeliveryConfig } from '../../../common/config';
import type { Logger } from '../../../common/logger';
import { CONTACT_METHODS, type ContactMethod as CodeChannel } from '../../domain/types';
import type { CodeSender } from './codeSender';
import { createOutboxSender } from './outboxSender';
import { createSmtpSender } from './smtpSender';
import { createWebhookSender } from './webhookSender';

export interface CodeSenders {
  email: CodeSender;
  phone: CodeSender;
  /** The ways a code can reach an administrator here: the ones configured (or, in development, the outbox). */
  channels: CodeChannel[];
  /** One line for the start-up log saying where codes go. */
  describe(): string;
  /** Releases the SMTP connection pool, if any. */
  close(): void;
}

/**
 * E-mail over SMTP when an SMTP URL is configured, SMS through the webhook when one is;
 * whatever is not configured goes to the local outbox (development) or, without an outbox
 * (production), is not available: `channels` leaves it out, so the bot never offers it.
 */
export function createCodeSenders(config: CodeDeliveryConfig, logger: Logger): CodeSenders {
  const { outboxDir } = config;
  const fallback = config.smtpUrl && config.sms ? null : outboxDir ? createOutboxSender(resolve(outboxDir), logger) : unavailable;
  const smtp = config.smtpUrl ? createSmtpSender(config.smtpUrl, config.mailFrom) : null;
  const sms = config.sms ? createWebhookSender(config.sms) : null;
  const elsewhere = (variable: string) =>
    outboxDir ? `go to the outbox ${outboxDir} (no ${variable})` : `are not available (no ${variable})`;
  const delivers = (sender: CodeSender) => sender !== unavailable;
  const email = smtp ?? fallback!;
  const phone = sms ?? fallback!;
  return {
    email,
    phone,
    channels: CONTACT_METHODS.filter((channel) => delivers(channel === 'email' ? email : phone)),
    describe() {
      const email = config.smtpUrl
        ? `codes by e-mail go through SMTP at ${new URL(config.smtpUrl).host} from ${config.mailFrom}`
        : `codes by e-mail ${elsewhere('SMTP_URL')}`;
      const phone = config.sms
        ? `codes by SMS go to the webhook at ${new URL(config.sms.url).host}`
        : `codes by SMS ${elsewhere('SMS_WEBHOOK_URL')}`;
      return `${email}; ${phone}`;
    },
    close: () => smtp?.close(),
  };
}

/** A way of delivery production has not configured: nothing is written anywhere. */
const unavailable: CodeSender = {
  async send(to) {
    throw new Error(`codes by ${to.channel === 'email' ? 'e-mail' : 'SMS'} are not configured`);
  },
};
