import { resolve } from 'path';
import { z } from 'zod';
import { describeZodError } from '../../../common/http';
import type { Logger } from '../../../common/logger';
import type { CodeSender } from './codeSender';
import { createOutboxSender } from './outboxSender';
import { createSmtpSender } from './smtpSender';
import { createWebhookSender } from './webhookSender';

export const DEFAULT_MAIL_FROM = 'Support Desk <no-reply@localhost>';
export const DEFAULT_OUTBOX_DIR = './.data/outbox';
export const DEFAULT_SMS_TIMEOUT_MS = 5000;

export interface CodeSenders {
  email: CodeSender;
  phone: CodeSender;
  /** One line for the start-up log saying where codes go. */
  describe(): string;
  /** Releases the SMTP connection pool, if any. */
  close(): void;
}

const url = (protocols: string[]) => z.string().refine(
  (value) => URL.canParse(value) && protocols.includes(new URL(value).protocol),
  { message: `must be a URL starting with ${protocols.join(' or ')}//` },
);

const envSchema = z.object({
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  MAIL_FROM: z.string().min(3).default(DEFAULT_MAIL_FROM),
  SMS_WEBHOOK_URL: url(['http:', 'https:']).optional(),
  SMS_WEBHOOK_TOKEN: z.string().min(1).optional(),
  SMS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_SMS_TIMEOUT_MS),
  OUTBOX_DIR: z.string().min(1).default(DEFAULT_OUTBOX_DIR),
});

/**
 * E-mail over SMTP when SMTP_URL is set, SMS through the webhook when SMS_WEBHOOK_URL is set;
 * whatever is not configured goes to the local outbox (development). A bad value throws an error
 * that names the variable.
 */
export function createCodeSenders(env: NodeJS.ProcessEnv, logger: Logger): CodeSenders {
  const parsed = envSchema.safeParse(blankAsMissing(env));
  if (!parsed.success) {
    throw new Error(`Invalid code delivery configuration: ${describeZodError(parsed.error)}`);
  }
  const config = parsed.data;
  const outboxDir = resolve(config.OUTBOX_DIR);
  const outbox = config.SMTP_URL && config.SMS_WEBHOOK_URL ? null : createOutboxSender(outboxDir, logger);
  const smtp = config.SMTP_URL ? createSmtpSender(config.SMTP_URL, config.MAIL_FROM) : null;
  const sms = config.SMS_WEBHOOK_URL
    ? createWebhookSender({ url: config.SMS_WEBHOOK_URL, token: config.SMS_WEBHOOK_TOKEN, timeoutMs: config.SMS_WEBHOOK_TIMEOUT_MS })
    : null;
  return {
    email: smtp ?? outbox!,
    phone: sms ?? outbox!,
    describe() {
      const email = config.SMTP_URL
        ? `codes by e-mail go through SMTP at ${new URL(config.SMTP_URL).host} from ${config.MAIL_FROM}`
        : `codes by e-mail go to the outbox ${config.OUTBOX_DIR} (no SMTP_URL)`;
      const phone = config.SMS_WEBHOOK_URL
        ? `codes by SMS go to the webhook at ${new URL(config.SMS_WEBHOOK_URL).host}`
        : `codes by SMS go to the outbox ${config.OUTBOX_DIR} (no SMS_WEBHOOK_URL)`;
      return `${email}; ${phone}`;
    },
    close: () => smtp?.close(),
  };
}

/** `SMTP_URL=` in a .env file means "not set", not "invalid URL". */
function blankAsMissing(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => !!entry[1]?.trim()));
}
