import { keyIn } from './redisKeys';

/*
 * The keys of one conversation (bot state, lock, awaited answers, held files, web-chat transcript
 * and token) share the hash tag `{conv:<conversation id>}`, so a bot turn's scripts touch one slot
 * of a Redis Cluster (docs/architecture.md, "Key names and Redis Cluster"). Shared by the bot and
 * by `npm run migrate:keys`, which renames a store's keys written before the tags.
 */

/** The start of every key of the conversation: `<prefix>{conv:<id>}:`. */
export function conversationKeys(prefix: string, conversationId: string): string {
  return keyIn(prefix, `conv:${conversationId}`);
}

/**
 * One person in one conversation of one channel: what a verification, a dialog and an awaited
 * answer belong to. The same conversation id on another channel, or another member of a group
 * chat, is someone else.
 */
export function personScope(channelId: string, conversationId: string, userId: string): string {
  return [channelId, conversationId, userId].map(encodeURIComponent).join('|');
}

/** The conversation of a personScope (its parts are encoded, so '|' only separates them). */
export function conversationOfScope(scope: string): string {
  const parts = scope.split('|');
  if (parts.length !== 3) throw new Error(`not a person scope: "${scope}"`);
  return decodeURIComponent(parts[1]!);
}

// botbuilder's storage keys: PrivateConversationState `<channel>/conversations/<id>/users/<user>/<namespace>`,
// ConversationState `<channel>/conversations/<id>/<namespace>` (ids are not escaped; user ids hold no '/').
const PRIVATE_STATE = /^[^/]+\/conversations\/(.+)\/users\/[^/]+\/[^/]*$/;
const CONVERSATION_STATE = /^[^/]+\/conversations\/(.+)\/[^/]*$/;

/**
 * The Redis key of a bot state item (storage key as botbuilder names it): a conversation's state
 * in the conversation's tag; any other item, such as a person's state across conversations
 * (UserState), in a tag of its own.
 */
export function stateKey(prefix: string, storageKey: string): string {
  const conversationId = PRIVATE_STATE.exec(storageKey)?.[1] ?? CONVERSATION_STATE.exec(storageKey)?.[1];
  const start = conversationId === undefined ? keyIn(prefix, `state:${storageKey}`) : conversationKeys(prefix, conversationId);
  return `${start}bot:state:${storageKey}`;
}
