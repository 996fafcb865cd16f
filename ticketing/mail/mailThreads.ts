import type { RedisClient } from '../../common/redisConnection';
import { mailKey } from './inboundMail';

/** A year: answers to older mail still find their ticket through the subject's ticket id. */
const THREAD_SECONDS = 365 * 24 * 3600;

/** Which ticket a Message-ID belongs to, for mail whose subject lost the ticket id. */
export class MailThreads {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async remember(messageId: string, ticketId: string): Promise<void> {
    await this.redis.set(this.key(messageId), ticketId, 'EX', THREAD_SECONDS);
  }

  /** The ticket of the first of these Message-IDs that belongs to one (most recent first). */
  async ticketOf(messageIds: string[]): Promise<string | null> {
    if (messageIds.length === 0) return null;
    // One GET each, not an MGET: the keys lie in different slots of a cluster (one node pipelines them).
    const found = await Promise.all(messageIds.slice(0, 20).map((id) => this.redis.get(this.key(id))));
    return found.find((id): id is string => !!id) ?? null;
  }

  private key(messageId: string): string {
    return `${this.prefix}mail:thread:${mailKey(messageId)}`;
  }
}
