import type { Config } from '../../common/config';
import type { Logger } from '../../common/logger';
import type { EscalationRoute } from '../domain/slaPolicy';
import { LogNotifier } from './escalationNotifier';
import { RoutedNotifier } from './routedNotifier';
import { WebhookNotifier } from './webhookNotifier';

/**
 * The escalation notifier the product starts with: the log, plus the webhook when one is
 * configured, each told what the routes send it. The bot adds its Teams notifier as 'teams'.
 */
export function escalationNotifierFromConfig(
  webhook: Config['escalationWebhook'],
  routes: () => Promise<readonly EscalationRoute[]>,
  logger: Logger,
): RoutedNotifier {
  const notifier = new RoutedNotifier(routes, logger).add('log', new LogNotifier(logger));
  if (webhook) {
    notifier.add('webhook', new WebhookNotifier({ url: webhook.url, timeoutMs: webhook.timeoutMs, logger }));
    logger.info({ url: new URL(webhook.url).origin, timeoutMs: webhook.timeoutMs }, 'SLA escalations may also be posted to the webhook');
  }
  return notifier;
}
