import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import { CompositeNotifier, LogNotifier } from './escalationNotifier';
import { WebhookNotifier } from './webhookNotifier';

/** The escalation notifier the product starts with: the log always, plus the webhook when one is configured. */
export function escalationNotifierFromConfig(webhook: Config['escalationWebhook'], logger: Logger): CompositeNotifier {
  const notifier = new CompositeNotifier(logger, [new LogNotifier(logger)]);
  if (webhook) {
    notifier.add(new WebhookNotifier({ url: webhook.url, timeoutMs: webhook.timeoutMs, logger }));
    logger.info({ url: new URL(webhook.url).origin, timeoutMs: webhook.timeoutMs }, 'SLA escalations are also posted to the webhook');
  }
  return notifier;
}
