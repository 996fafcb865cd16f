import type Redis from 'ioredis';

export interface FeedbackCounts {
  helpful: number;
  unhelpful: number;
}

/** Per-article "Did this help?" counts, so the knowledge base's weak answers can be found. */
export class FaqFeedback {
  /** `onUnhelpful` hears each "Nie" (the knowledge base's learning loop records it). */
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onUnhelpful: (articleId: string) => Promise<void> = async () => {},
  ) {}

  async record(articleId: string, helpful: boolean): Promise<void> {
    await this.redis.hincrby(this.keyOf(articleId), helpful ? 'helpful' : 'unhelpful', 1);
    if (!helpful) await this.onUnhelpful(articleId);
  }

  async counts(articleId: string): Promise<FeedbackCounts> {
    const raw = await this.redis.hgetall(this.keyOf(articleId));
    return { helpful: Number(raw.helpful ?? 0), unhelpful: Number(raw.unhelpful ?? 0) };
  }

  private keyOf(articleId: string): string {
    return `${this.prefix}kb:feedback:${articleId}`;
  }
}
