import type { StoreItem, StoreItems } from 'botbuilder';
import type { OrganisationDirectory, PinVerifier, TicketService } from '../ticketing';
import type { FaqFeedback } from './faqFeedback';
import type { AwaitingReplies } from './proactive/awaitingReplies';
import type { ChatFiles } from './files/chatFiles';

/*
 * What the conversation needs from the services behind it, and no more. The Redis-backed services
 * (TicketService, PinVerifier, OrganisationStore, FaqFeedback, AwaitingReplies, ConversationLock)
 * implement them in the running product; the unit tests run the same dialogs on small in-memory
 * ones (test/fixtures/bot/memoryDesk.ts).
 */

/** Opens a ticket, reads an organisation's tickets, adds the customer's message to one, records their rating of a resolved one. */
export type TicketDesk = Pick<TicketService, 'create' | 'get' | 'list' | 'customerMessage' | 'rate'>;

/** One-time codes and who a conversation is verified as. */
export type AdminVerification = Pick<PinVerifier, 'codeChannels' | 'requestCode' | 'verifyCode' | 'verifiedAdmin' | 'markVerified'>;

/** The organisations and their administrators. */
export type { OrganisationDirectory };

/** "Did this help?" answers. */
export type AnswerFeedback = Pick<FaqFeedback, 'record' | 'chose'>;

/** The ticket a person's next message goes to (set where an agent's reply is delivered, and when a task opens a thread). */
export type AwaitedTickets = Pick<AwaitingReplies, 'get' | 'set' | 'clear'>;

/** What a turn reads as it starts: bot state items (storage keys) and the person's awaited ticket and asked rating. */
export interface TurnReads {
  items: string[];
  /** The person in the conversation (personScope). */
  scope: string;
}

/** What those reads found: each item (undefined when none is stored), the awaited ticket, the asked rating. */
export interface TurnStart {
  items: (StoreItem | undefined)[];
  /** Each item's JSON as it was stored (undefined when none is): a turn that leaves it so needs not write it. */
  stored: (string | undefined)[];
  awaited: string | null;
  rating: string | null;
}

/**
 * Runs one conversation's turns one at a time. A turn gets what it reads as it starts, and hands
 * back the state items it changed (storage key -> item), written as the conversation is let go.
 */
export interface TurnLock {
  run(conversationId: string, reads: TurnReads, work: (start: TurnStart) => Promise<StoreItems>): Promise<void>;
}

/** A customer's files: those of the message, and those held for the ticket they open. */
export type CustomerFiles = Pick<ChatFiles, 'of' | 'hold' | 'held' | 'release'>;
