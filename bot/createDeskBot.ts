import type { RedisClient } from '../common/redisConnection';
import { PrivateConversationState, UserState, type Storage } from 'botbuilder';
import type { Logger } from '../common/logger';
import { GradeSuggester, type AttachmentStore } from '../ticketing';
import { ChatFiles, NO_FILES } from './files/chatFiles';
import { TeamsFiles } from './files/teamsFiles';
import type { KnowledgeAnswers } from './knowledgeAnswers';
import type {
  AdminVerification,
  AnswerFeedback,
  AwaitedTickets,
  CustomerFiles,
  OrganisationDirectory,
  TicketDesk,
  TurnLock,
} from './ports';
import type { RedisStorage } from './redisStorage';
import { createTurnStore } from './turnStore';
import { FaqFeedback, type LearningEvent } from './faqFeedback';
import type { AwaitingReplies } from './proactive/awaitingReplies';
import { AdminTaskDialog } from './dialogs/adminTaskDialog';
import { DeskBot } from './bots/deskBot';
import { IntentRecognizer } from './intents/recognizer';
import { supportContacts, type EntryLookup, type SupportContacts } from './supportContacts';

export interface DeskBotParts {
  kb: KnowledgeAnswers;
  /** The same knowledge base, neither counted in the metrics nor recorded for the learning loop: for readings nobody is answered with (a follow-up tried in context); `kb` when absent. */
  probeKb?: KnowledgeAnswers;
  /** The knowledge base's entries, for the support phone numbers and hours every refusal offers. */
  entries: EntryLookup;
  tickets: TicketDesk;
  organisations: OrganisationDirectory;
  verifier: AdminVerification;
  redis: RedisClient;
  /** The product's Redis key prefix. */
  prefix: string;
  logger: Logger;
  clock?: () => Date;
  /** How long a message waits for the previous turn of its conversation (BOT_TURN_WAIT_MS). */
  turnWaitMs: number;
  /** Where customers' files are kept; without it files are refused with a message. */
  attachments?: AttachmentStore;
  /** Whether the bot's Bot Framework token may be sent to a URL (a Teams file's contentUrl); default nowhere. */
  tokenMayGoTo?: (url: string) => boolean;
  /** Told of every "Nie" after an answer and every suggestion picked, with the question asked (the knowledge base's learning loop). */
  onLearning?: (event: LearningEvent) => Promise<void>;
}

export interface DeskBotHandle extends AssembledDeskBot {
  storage: RedisStorage;
  feedback: FaqFeedback;
  awaiting: AwaitingReplies;
  /** The resolved ticket a person was asked to rate (set where the resolved notice is delivered). */
  ratings: AwaitingReplies;
}

/**
 * Builds the bot and its Redis-backed state. The bot does not know its adapter: the Bot
 * Framework adapter and the local Direct Line endpoint can both run it.
 */
export function createDeskBot(parts: DeskBotParts): DeskBotHandle {
  const { storage, awaiting, ratings, lock } = createTurnStore(parts.redis, parts.prefix, parts.turnWaitMs);
  const feedback = new FaqFeedback(parts.redis, parts.prefix, parts.onLearning);
  const { attachments } = parts;
  const files = new ChatFiles({
    store: attachments,
    redis: parts.redis,
    prefix: parts.prefix,
    teams: attachments && new TeamsFiles({ store: attachments, tokenMayGoTo: parts.tokenMayGoTo ?? (() => false) }),
  });
  const desk = assembleDeskBot({
    ...parts,
    storage,
    feedback,
    awaiting,
    ratings,
    lock,
    files,
  });
  return { ...desk, storage, feedback, awaiting, ratings };
}

export interface DeskBotPorts {
  kb: KnowledgeAnswers;
  /** The same knowledge base, neither counted in the metrics nor recorded for the learning loop: for readings nobody is answered with (a follow-up tried in context); `kb` when absent. */
  probeKb?: KnowledgeAnswers;
  /** The knowledge base's entries, for the support phone numbers and hours every refusal offers. */
  entries: EntryLookup;
  tickets: TicketDesk;
  organisations: OrganisationDirectory;
  verifier: AdminVerification;
  /** Where the dialog stacks and what the bot remembers per person are kept. */
  storage: Storage;
  feedback: AnswerFeedback;
  awaiting: AwaitedTickets;
  ratings: AwaitedTickets;
  lock: TurnLock;
  /** The customers' files; none are taken without it. */
  files?: CustomerFiles;
  logger: Logger;
  clock?: () => Date;
}

export interface AssembledDeskBot {
  bot: DeskBot;
  personState: PrivateConversationState;
  userState: UserState;
  /** Also what the Redis-outage path reads messages with. */
  intents: IntentRecognizer;
  /** How else to reach support (the outage path says it too). */
  contacts: SupportContacts;
}

/** Wires the bot and its dialogs to the services behind them (Redis-backed, or in memory in the unit tests). */
export function assembleDeskBot(ports: DeskBotPorts): AssembledDeskBot {
  const clock = ports.clock ?? (() => new Date());
  // Per person in the conversation: in a Teams group chat, one member's answers never move another's dialog.
  const personState = new PrivateConversationState(ports.storage);
  const userState = new UserState(ports.storage);
  const contacts = supportContacts(ports.entries);
  const files = ports.files ?? NO_FILES;
  const adminTasks = new AdminTaskDialog({
    contacts,
    heldFiles: files,
    verifier: ports.verifier,
    organisations: ports.organisations,
    tickets: ports.tickets,
    suggester: new GradeSuggester(),
    clock,
  });
  const intents = new IntentRecognizer(ports.kb);
  const bot = new DeskBot({
    kb: ports.kb,
    probeKb: ports.probeKb ?? ports.kb,
    contacts,
    intents,
    tickets: ports.tickets,
    personState,
    userState,
    adminTasks,
    feedback: ports.feedback,
    awaiting: ports.awaiting,
    ratings: ports.ratings,
    lock: ports.lock,
    files,
    logger: ports.logger,
    status: { tickets: ports.tickets, organisations: ports.organisations, clock },
  });
  return { bot, personState, userState, intents, contacts };
}
