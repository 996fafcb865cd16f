import type { TurnContext } from 'botbuilder';
import type Redis from 'ioredis';
import type { Logger } from '../common/logger';
import type { Metrics } from '../common/metrics';
import { CATEGORIES, GRADES, type Ticket, type TicketMessage } from '../ticketing/domain/types';
import { OPEN_STATUSES } from '../ticketing/domain/ticket';
import { keys } from '../ticketing/store/keys';
import type { KnowledgeAnswers } from './knowledgeAnswers';

/**
 * The service's own figures on /metrics and in the log, wired around the parts that produce
 * them so that those parts stay free of monitoring concerns.
 */

interface BotRunner {
  run(context: TurnContext): Promise<void>;
}

/** Counts every bot turn by channel and logs it (the log line carries the request id). */
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
        logger.info({ channel, type: activity.type, conversationId: activity.conversation?.id, ms: Date.now() - started }, 'bot turn');
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

/** Tickets opened, and the working time to the first response when an agent's reply is the first. */
export function ticketMetrics(metrics: Metrics, logger: Logger) {
  return {
    onCreated(ticket: Ticket) {
      metrics.ticketsOpened.inc({ grade: ticket.grade, category: ticket.category });
      logger.info({ ticketId: ticket.id, orgId: ticket.orgId, grade: ticket.grade, category: ticket.category }, 'ticket opened');
    },
    onAgentReply(ticket: Ticket, message: TicketMessage) {
      const { firstResponseAt, responseWorkingMs } = ticket.sla;
      if (firstResponseAt !== message.at || responseWorkingMs === undefined) return;
      metrics.firstResponse.observe({ grade: ticket.grade }, responseWorkingMs / 1000);
    },
  };
}

/**
 * Gauges read from Redis at scrape time: open tickets by grade, unassigned tickets waiting in
 * each category queue, and whether Redis and the SLA queue answer. A scrape during an outage
 * reports the dependencies down instead of failing.
 */
export function collectStoreGauges(metrics: Metrics, deps: { redis: Redis; prefix: string; slaQueueHealthy: () => boolean }): void {
  const { redis, prefix } = deps;
  metrics.onScrape(async () => {
    metrics.up.set({ dependency: 'redis' }, redis.status === 'ready' ? 1 : 0);
    metrics.up.set({ dependency: 'sla_queue' }, deps.slaQueueHealthy() ? 1 : 0);
    if (redis.status !== 'ready') return;
    const pipeline = redis.pipeline();
    for (const grade of GRADES) {
      for (const status of OPEN_STATUSES) pipeline.zintercard(2, keys.byGrade(prefix, grade), keys.byStatus(prefix, status));
    }
    for (const category of CATEGORIES) pipeline.zcard(keys.queue(prefix, category));
    const counts = ((await pipeline.exec()) ?? []).map(([err, n]) => {
      if (err) throw err;
      return Number(n);
    });
    GRADES.forEach((grade, g) => {
      const open = counts.slice(g * OPEN_STATUSES.length, (g + 1) * OPEN_STATUSES.length).reduce((a, b) => a + b, 0);
      metrics.openTickets.set({ grade }, open);
    });
    const queues = counts.slice(GRADES.length * OPEN_STATUSES.length);
    CATEGORIES.forEach((category, i) => metrics.queueDepth.set({ category }, queues[i]));
  });
}
