import type { RedisClient } from '../common/redisConnection';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import type { KnowledgeAnswers } from './knowledgeAnswers';
import { addToRequestLog } from '../common/requestContext';

/**
 * The service's own figures on /metrics and in the log, wired around the parts that produce
 * them so that those parts stay free of monitoring concerns. Figures about tickets are
 * ticketing's (ticketMetrics, collectTicketGauges).
 */

interface BotRunner {
  run(context: TurnContext): Promise<void>;
}

/**
 * Counts every bot turn by channel and logs it: on the access line of the request it runs in
 * (one line a turn), or on a line of its own, carrying the request id, when there is none.
 */
export function observedBot<B extends BotRunner>(bot: B, metrics: Metrics, logger: Logger): BotRunner {
  return {
    async run(context: TurnContext) {
      const { activity } = context;
      const channel = activity.channelId || 'unknown';
      metrics.botTurns.inc({ channel });
      const started = Date.now();
      try {
        await bot.run(context);
      } finally {
        const turn = { channel, type: activity.type, conversationId: activity.conversation?.id, turnMs: Date.now() - started };
        if (!addToRequestLog(turn)) logger.info(turn, 'bot turn');
      }
    },
  };
}

/** The knowledge base with each answer counted as answered, suggested or abstained. */
export function countedAnswers<K extends KnowledgeAnswers>(kb: K, metrics: Metrics): K {
  return {
    ...kb,
    answer(question: string, locale?: Parameters<KnowledgeAnswers['answer']>[1]) {
      const result = kb.answer(question, locale);
      metrics.kbAnswers.inc({ outcome: result.answered ? 'answered' : result.suggestions.length > 0 ? 'suggested' : 'abstained' });
      return result;
    },
  };
}

/** Whether Redis and the SLA queue answer, read at scrape time: a scrape during an outage reports them down instead of failing. */
export function collectDependencyGauges(metrics: Metrics, deps: { redis: RedisClient; slaQueueHealthy: () => boolean }): void {
  metrics.onScrape(async () => {
    metrics.up.set({ dependency: 'redis' }, deps.redis.status === 'ready' ? 1 : 0);
    metrics.up.set({ dependency: 'sla_queue' }, deps.slaQueueHealthy() ? 1 : 0);
  });
}

/** The web chats this instance holds streams for: what stays in memory per chat, and goes when the chat does. */
export function collectWebChatGauges(metrics: Metrics, directLine: { openStreams(): { conversations: number; sockets: number } }): void {
  metrics.onScrape(async () => {
    const { conversations, sockets } = directLine.openStreams();
    metrics.webChatStreams.set({ what: 'conversations' }, conversations);
    metrics.webChatStreams.set({ what: 'sockets' }, sockets);
  });
}
