import type { RedisClient } from '../common/redisConnection';
import { RedisStorage } from './redisStorage';
import { ConversationLock } from './conversationLock';
import { AwaitingReplies } from './proactive/awaitingReplies';

/** Where a bot turn's state lives in Redis, and the lock that reads and writes it with the turn. */
export interface TurnStore {
  storage: RedisStorage;
  awaiting: AwaitingReplies;
  /** The resolved ticket a person was asked to rate (set where the resolved notice is delivered). */
  ratings: AwaitingReplies;
  lock: ConversationLock;
}

/** `turnWaitMs`: how long a message waits for the previous turn of its conversation (BOT_TURN_WAIT_MS). */
export function createTurnStore(redis: RedisClient, prefix: string, turnWaitMs: number): TurnStore {
  const storage = new RedisStorage(redis, { prefix });
  // A turn reads both with its state, as it takes the conversation (ConversationLock).
  const awaiting = new AwaitingReplies(redis, prefix);
  const ratings = new AwaitingReplies(redis, prefix, 'rating');
  const lock = new ConversationLock(redis, { prefix, waitMs: turnWaitMs }, { storage, awaiting, ratings });
  return { storage, awaiting, ratings, lock };
}
