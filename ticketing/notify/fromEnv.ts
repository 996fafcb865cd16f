import type { Logger } from '../../common/logger';
import { CompositeNotifier, LogNotifier } from './escalationNotifier';
import { WebhookNotifier } from './webhookNotifier';

/**
 * The escalation notifier the product starts with: the log always, plus a webhook when
 * ESCALATION_WEBHOOK_URL is set (ESCALATION_WEBHOOK_TIMEOUT_MS, default 5000).
 */
export function escalationNotifierFromEnv(env: NodeJS.ProcessEnv, logger: Logger): CompositeNotifier {
  const notifier = new CompositeNotifier(logger, [new LogNotifier(logger)]);
  const url = env.ESCALATION_WEBHOOK_URL?.trim();
  if (url) {
    const timeoutMs = parseTimeout(env.ESCALATION_WEBHOOK_TIMEOUT_MS);
    notifier.add(new WebhookNotifier({ url, timeoutMs, logger }));
    logger.info({ url: new URL(url).origin, timeoutMs }, 'SLA escalations are also posted to the webhook');
  }
  return notifier;
}

function parseTimeout(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 5000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`ESCALATION_WEBHOOK_TIMEOUT_MS must be a positive whole number of milliseconds, got "${value}"`);
  return ms;
}
