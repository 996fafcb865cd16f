import type { RedisClient } from '../../common/redisConnection';
import type { Result } from 'ioredis';
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

// One event added and the log trimmed to the retention and the cap, as one atomic step: a single
// EVALSHA instead of a MULTI of four commands (a question the bot does not settle is a bot turn's
// third Redis command; it should cost one). KEYS[1] the log. ARGV[1] now ms; ARGV[2] member;
// ARGV[3] retention ms; ARGV[4] cap.
const RECORD_SCRIPT = `
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[3]))
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -tonumber(ARGV[4]) - 1)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    deskRecordQuestion(key: string, now: string, member: string, retentionMs: string, maxEvents: string): Result<number, Context>;
  }
}

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
    // EVALSHA from now on; ioredis sends the script again by itself if Redis has lost it.
    if (!Object.hasOwn(redis, 'deskRecordQuestion')) redis.defineCommand('deskRecordQuestion', { numberOfKeys: 1, lua: RECORD_SCRIPT });
  }

  async record(event: Omit<QuestionEvent, 'at'>, now: number): Promise<void> {
    const stored: QuestionEvent = { ...event, question: maskPersonalData(event.question), at: now };
    const { retentionMs, maxEvents } = this.options;
    const member = `${randomUUID()} ${JSON.stringify(stored)}`;
    await this.redis.deskRecordQuestion(this.key, String(now), member, String(retentionMs), String(maxEvents));
  }

  /** The kept events, newest first (at most the cap). */
  async recent(now: number): Promise<QuestionEvent[]> {
    const members = await this.redis.zrevrangebyscore(this.key, '+inf', now - this.options.retentionMs);
    return members.map((m) => JSON.parse(m.slice(m.indexOf(' ') + 1)) as QuestionEvent);
  }
}
