import type { RedisClient } from '../../common/redisConnection';
import { randomUUID } from 'crypto';
import type { Locale } from '../../common/locale';
import { maskPersonalData } from './mask';

/** What happened to a question the knowledge base could not settle on its own. */
export type Outcome = 'unanswered' | 'suggested' | 'unhelpful' | 'suggestion_chosen';

export interface QuestionEvent {
  /** As the customer asked it (before any suggestion they picked), masked (see mask.ts). */
  question: string;
  locale: Locale;
  outcome: Outcome;
  /** The article the customer chose, or the one answered when they said "Nie". */
  articleId?: string;
  at: number;
}

export interface QuestionLogOptions {
  /** How long events are kept (default 90 days). */
  retentionMs: number;
  /** At most this many events are kept, whatever their age: memory stays bounded. */
  maxEvents: number;
}

export const DEFAULT_LOG_OPTIONS: QuestionLogOptions = { retentionMs: 90 * 24 * 3600 * 1000, maxEvents: 20_000 };

/**
 * The learning loop's record (QnA Maker's active learning): questions left unanswered, answered
 * with "Nie" feedback, or settled by a suggestion click. One sorted set by time; every write
 * drops what is older than the retention and what is beyond the cap, in the same transaction.
 */
export class QuestionLog {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly options: QuestionLogOptions = DEFAULT_LOG_OPTIONS,
  ) {
    this.key = `${prefix}kb:questions`;
  }

  async record(event: Omit<QuestionEvent, 'at'>, now: number): Promise<void> {
    const stored: QuestionEvent = { ...event, question: maskPersonalData(event.question), at: now };
    await this.redis
      .multi()
      .zadd(this.key, now, `${randomUUID()} ${JSON.stringify(stored)}`)
      .zremrangebyscore(this.key, '-inf', now - this.options.retentionMs)
      .zremrangebyrank(this.key, 0, -this.options.maxEvents - 1)
      .pexpire(this.key, this.options.retentionMs)
      .exec();
  }

  /** The kept events, newest first (at most the cap). */
  async recent(now: number): Promise<QuestionEvent[]> {
    const members = await this.redis.zrevrangebyscore(this.key, '+inf', now - this.options.retentionMs);
    return members.map((m) => JSON.parse(m.slice(m.indexOf(' ') + 1)) as QuestionEvent);
  }
}
