import type { RedisClient } from '../../common/redisConnection';
import type { Server } from 'restify';
import type { Logger } from '../../common/logger';
import { type AccessGate, type OrganisationDirectory, registerConsole, TicketChangeFeed, type TicketEvents } from '../../ticketing';
import { registerChatPage } from './chatPage';

export { registerChatPage } from './chatPage';

export interface WebPages {
  /** Add to the TicketService's listeners: every ticket change then reaches every open console. */
  events: TicketEvents;
  close(): Promise<void>;
}

/**
 * The product's two pages on its server: the customer chat at GET / (with the Web Chat bundle)
 * and the agent console at GET /agent with its live change feed.
 */
export function registerWebPages(
  server: Server,
  deps: { logger: Logger; redis: RedisClient; prefix: string; gate: AccessGate; organisations: OrganisationDirectory },
): WebPages {
  const { logger, redis, prefix, gate, organisations } = deps;
  registerChatPage(server, { logger });
  const feed = new TicketChangeFeed({ redis, prefix, logger });
  const consoleRoutes = registerConsole(server, { gate, organisations, feed, logger });
  return {
    events: feed.events,
    async close() {
      consoleRoutes.close();
      await feed.close();
    },
  };
}
