import type { RedisClient } from '../../common/redisConnection';
import { mailKey } from './inboundMail';

const HOUR_MS = 3_600_000;

/**
 * At most `perHour` automatic mails to one address in any hour, not per clock hour (a loop that
 * spans the top of an hour would get twice the cap): each address's sends are kept in a sorted
 * set by send time, the ones older than an hour trimmed on every try. The time is the caller's.
 */
export class AutoReplyLimit {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    readonly perHour: number,
  ) {}

  /** Whether one more automatic mail may go to `to` at `now`; when it may, it counts as `mailId`'s. */
  async take(to: string, mailId: string, now: Date): Promise<boolean> {
    const key = this.key(to);
    const ms = now.getTime();
    const replies = await this.redis
      .multi()
      .zremrangebyscore(key, '-inf', ms - HOUR_MS)
      .zadd(key, ms, mailId)
      .zcard(key)
      .pexpire(key, HOUR_MS)
      .exec();
    const sent = replies![2]![1] as number;
    if (sent <= this.perHour) return true;
    // Refused tries take no place (counted for a moment, so two at once never both pass the cap).
    await this.redis.zrem(key, mailId);
    return false;
  }

  /** The mail taken for `mailId` was not sent after all. */
  async giveBack(to: string, mailId: string): Promise<void> {
    await this.redis.zrem(this.key(to), mailId);
  }

  private key(to: string): string {
    return `${this.prefix}mail:auto-sent:${mailKey(to)}`;
  }
}
