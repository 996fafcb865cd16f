import { resolve } from 'path';
import type { CodeDeliveryConfig } from '../../../common/config';
import type { Logger } from '../../../common/logger';
import type { CodeSender } from './codeSender';
import { createOutboxSender } from './outboxSender';
import { createSmtpSender } from './smtpSender';
import { createWebhookSender } from './webhookSender';

export interface CodeSenders {
  email: CodeSender;
  phone: CodeSender;
  /** One line for the start-up log saying where codes go. */
  describe(): string;
  /** Releases the SMTP connection pool, if any. */
  close(): void;
}

/**
 * E-mail over SMTP when an SMTP URL is configured, SMS through the webhook when one is;
 * whatever is not configured goes to the local outbox (development).
 */
export function createCodeSenders(config: CodeDeliveryConfig, logger: Logger): CodeSenders {
  const outbox = config.smtpUrl && config.sms ? null : createOutboxSender(resolve(config.outboxDir), logger);
  const smtp = config.smtpUrl ? createSmtpSender(config.smtpUrl, config.mailFrom) : null;
  const sms = config.sms ? createWebhookSender(config.sms) : null;
  return {
    email: smtp ?? outbox!,
    phone: sms ?? outbox!,
    describe() {
      const email = config.smtpUrl
        ? `codes by e-mail go through SMTP at ${new URL(config.smtpUrl).host} from ${config.mailFrom}`
        : `codes by e-mail go to the outbox ${config.outboxDir} (no SMTP_URL)`;
      const phone = config.sms
        ? `codes by SMS go to the webhook at ${new URL(config.sms.url).host}`
        : `codes by SMS go to the outbox ${config.outboxDir} (no SMS_WEBHOOK_URL)`;
      return `${email}; ${phone}`;
    },
    close: () => smtp?.close(),
  };
}
