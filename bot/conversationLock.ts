import type { RedisClient } from '../common/redisConnection';
import type { Result } from 'ioredis';
import { randomUUID } from 'crypto';

// Release only our own lock: a lock that expired and was taken by another turn stays theirs.
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    deskReleaseLock(key: string, token: string): Result<number, Context>;
  }
}

export interface ConversationLockOptions {
  prefix: string;
  /** How long a lock may be held before Redis frees it (a crashed instance's turn). */
  leaseMs?: number;
  /** How long a turn waits for the previous turn of its conversation (BOT_TURN_WAIT_MS). */
  waitMs: number;
}

export class ConversationBusyError extends Error {
  constructor(conversationId: string) {
    super(`conversation ${conversationId} is busy: the previous turn did not finish in time`);
    this.name = 'ConversationBusyError';
  }
}

/**
 * Serialises the turns of one conversation across every instance with a short Redis lock, so
 * two messages sent at once are handled one after the other and neither loses the other's state.
 */
export class ConversationLock {
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: ConversationLockOptions,
  ) {
    this.leaseMs = options.leaseMs ?? 30000;
    this.waitMs = options.waitMs;
    // EVALSHA from now on; ioredis sends the script again by itself if Redis has lost it.
    if (!Object.hasOwn(redis, 'deskReleaseLock')) redis.defineCommand('deskReleaseLock', { numberOfKeys: 1, lua: RELEASE_SCRIPT });
  }

  async run<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const key = `${this.options.prefix}bot:lock:${conversationId}`;
    const token = randomUUID();
    const giveUpAt = Date.now() + this.waitMs;
    let pauseMs = 5;
    while ((await this.redis.set(key, token, 'PX', this.leaseMs, 'NX')) !== 'OK') {
      if (Date.now() > giveUpAt) throw new ConversationBusyError(conversationId);
      await new Promise((r) => setTimeout(r, pauseMs));
      pauseMs = Math.min(pauseMs * 2, 100);
    }
    try {
      return await work();
    } finally {
      await this.redis.deskReleaseLock(key, token);
    }
  }
}
