import type Redis from 'ioredis';

const THIRTY_DAYS_S = 30 * 24 * 3600;

/** Where reads go: Redis itself, or a reader that batches them with the turn's other reads. */
export interface StringReader {
  get(key: string): Promise<string | null>;
}

/**
 * Which ticket a conversation's next message answers: set when an agent's reply is delivered
 * into the conversation, cleared when the customer has answered or the ticket is no longer
 * waiting on them.
 */
export class AwaitingReplies {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly reader: StringReader = redis,
  ) {}

  async set(conversationId: string, ticketId: string): Promise<void> {
    await this.redis.set(this.keyOf(conversationId), ticketId, 'EX', THIRTY_DAYS_S);
  }

  async get(conversationId: string): Promise<string | null> {
    return this.reader.get(this.keyOf(conversationId));
  }

  async clear(conversationId: string): Promise<void> {
    await this.redis.del(this.keyOf(conversationId));
  }

  private keyOf(conversationId: string): string {
    return `${this.prefix}bot:awaiting:${conversationId}`;
  }
}
