import type { AddressInfo } from 'net';
import type { Server } from 'restify';
import type { RedisClient } from '../../../common/redisConnection';
import { ActivityHandler, TurnContext, type ConversationReference } from 'botbuilder';
import { createServer } from '../../../bot/server';
import { silentLogger } from '../../../common/logger';
import { registerDirectLine, type DirectLine } from '../../../bot/directline';
import { registerChatPage } from '../../../bot/web/chatPage';
import { testRedis, uniquePrefix } from '../../support/redis';
import { loadConfig } from '../../../common/config';

/** A bot that greets, answers `echo: <text>` in the language of the message, and keeps references. */
export class EchoBot extends ActivityHandler {
  readonly references = new Map<string, Partial<ConversationReference>>();
  constructor() {
    super();
    this.onMembersAdded(async (context, next) => {
      this.references.set(context.activity.conversation.id, TurnContext.getConversationReference(context.activity));
      await context.sendActivity(context.activity.locale?.startsWith('en') ? 'Hello!' : 'Dzień dobry!');
      await next();
    });
    this.onMessage(async (context, next) => {
      await context.sendActivity(`echo (${context.activity.locale}): ${context.activity.text}`);
      await next();
    });
  }
}

/** The chat page and Direct Line endpoint on loopback, answered by the EchoBot. */
export async function startEchoChat(): Promise<{ url: string; bot: EchoBot; web: DirectLine; close(): Promise<void> }> {
  const redis: RedisClient = testRedis();
  const server: Server = createServer({ logger: silentLogger });
  const bot = new EchoBot();
  const web = registerDirectLine(server, {
    bot,
    redis,
    prefix: uniquePrefix('chatpage'),
    logger: silentLogger,
    ...loadConfig({ DIRECTLINE_SECRET: 'chat-page-test-secret-0123456789' }).directLine,
  });
  registerChatPage(server, { logger: silentLogger });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bot,
    web,
    async close() {
      await web.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}
