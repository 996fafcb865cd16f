import type { RedisClient } from '../../common/redisConnection';
import { conversationKeys, conversationOfScope } from '../../common/conversationKeys';
import { LruCache } from '../../common/lruCache';

const THIRTY_DAYS_S = 30 * 24 * 3600;
/** Keys kept for the people writing now (a few hundred bytes each). */
const KEYS_KEPT = 5_000;

/**
 * Which ticket a person's next message answers: set when an agent's reply is delivered into the
 * conversation the ticket's requester wrote from, cleared when they have answered or the ticket
 * is no longer waiting on them. Keyed by personScope, so in a group chat only the requester's
 * own next message goes to the ticket. The same record under `what = 'rating'` is the resolved
 * ticket whose satisfaction question the person was asked.
 */
export class AwaitingReplies {
  /** Every turn asks for its person's key (ConversationLock): it is worked out once per person. */
  private readonly keys = new LruCache<string, string>(KEYS_KEPT);

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly what: 'awaiting' | 'rating' = 'awaiting',
  ) {}

  async set(scope: string, ticketId: string): Promise<void> {
    await this.redis.set(this.keyOf(scope), ticketId, 'EX', THIRTY_DAYS_S);
  }

  async get(scope: string): Promise<string | null> {
    return this.redis.get(this.keyOf(scope));
  }

  async clear(scope: string): Promise<void> {
    await this.redis.del(this.keyOf(scope));
  }

  /** The Redis key of a person's record, in their conversation's tag (the turn reads it as it takes the conversation). */
  keyOf(scope: string): string {
    let key = this.keys.get(scope);
    if (key === undefined) {
      key = `${conversationKeys(this.prefix, conversationOfScope(scope))}bot:${this.what}:${scope}`;
      this.keys.set(scope, key);
    }
    return key;
  }
}
