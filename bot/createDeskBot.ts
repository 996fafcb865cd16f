import { PrivateConversationState, UserState } from 'botbuilder';
import type Redis from 'ioredis';
import type { Logger } from '../common/logger';
import { GradeSuggester, type OrganisationDirectory, type PinVerifier, type TicketService } from '../ticketing';
import type { KnowledgeAnswers } from './knowledgeAnswers';
import { RedisStorage } from './redisStorage';
import { ConversationLock } from './conversationLock';
import { FaqFeedback } from './faqFeedback';
import { AwaitingReplies } from './proactive/awaitingReplies';
import { AdminTaskDialog } from './dialogs/adminTaskDialog';
import { DeskBot } from './bots/deskBot';
import { IntentRecognizer } from './intents/recognizer';

export interface DeskBotParts {
  kb: KnowledgeAnswers;
  tickets: TicketService;
  organisations: OrganisationDirectory;
  verifier: PinVerifier;
  redis: Redis;
  /** The product's Redis key prefix. */
  prefix: string;
  logger: Logger;
  clock?: () => Date;
  /** Told of every "Nie" after an answer (the knowledge base's learning loop). */
  onUnhelpful?: (articleId: string) => Promise<void>;
}

export interface DeskBotHandle {
  bot: DeskBot;
  personState: PrivateConversationState;
  userState: UserState;
  storage: RedisStorage;
  feedback: FaqFeedback;
  awaiting: AwaitingReplies;
  /** Also what the Redis-outage path reads messages with. */
  intents: IntentRecognizer;
}

/**
 * Builds the bot and its Redis-backed state. The bot does not know its adapter: the Bot
 * Framework adapter and the local Direct Line endpoint can both run it.
 */
export function createDeskBot(parts: DeskBotParts): DeskBotHandle {
  const clock = parts.clock ?? (() => new Date());
  const storage = new RedisStorage(parts.redis, { prefix: parts.prefix });
  // Per person in the conversation: in a Teams group chat, one member's answers never move another's dialog.
  const personState = new PrivateConversationState(storage);
  const userState = new UserState(storage);
  const feedback = new FaqFeedback(parts.redis, parts.prefix, parts.onUnhelpful);
  // Its read joins the turn's state MGET.
  const awaiting = new AwaitingReplies(parts.redis, parts.prefix, storage);
  const adminTasks = new AdminTaskDialog({
    verifier: parts.verifier,
    organisations: parts.organisations,
    tickets: parts.tickets,
    suggester: new GradeSuggester(),
    clock,
  });
  const intents = new IntentRecognizer(parts.kb);
  const bot = new DeskBot({
    kb: parts.kb,
    intents,
    tickets: parts.tickets,
    personState,
    userState,
    adminTasks,
    feedback,
    awaiting,
    lock: new ConversationLock(parts.redis, { prefix: parts.prefix }),
    logger: parts.logger,
  });
  return { bot, personState, userState, storage, feedback, awaiting, intents };
}
