import type { RedisClient } from '../../common/redisConnection';
import { keyIn } from '../../common/redisKeys';

/** One security event or state change: who did what to what, when, and how it ended. */
export interface AuditEntry {
  at: string;
  /** `agent:alice`, `supervisor:carol`, `system:bot`, or `anonymous` for a refused caller. */
  actor: string;
  /** `sign_in`, `sign_in_failed`, `sign_out`, `revoke`, `refused`, or the request for a change (`POST /api/tickets/:id/resolve`). */
  action: string;
  /** What the action was about: a ticket id, the person whose sessions were revoked. */
  target?: string;
  /** The HTTP status given, for requests. */
  status?: number;
  detail?: string;
  ip?: string;
}

/**
 * The audit log: newest first, one RedisClient list capped at `maxEntries` (the oldest fall off), so it
 * never grows with the desk's age. Entries are written after the fact and never changed.
 */
export class AuditLog {
  private readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly maxEntries: number,
  ) {
    this.key = `${keyIn(prefix, 'audit')}log`;
  }

  async record(entry: AuditEntry): Promise<void> {
    // One key: the push and the trim are one MULTI, so the list never passes its cap.
    await this.redis
      .multi()
      .lpush(this.key, JSON.stringify(entry))
      .ltrim(this.key, 0, this.maxEntries - 1)
      .exec();
  }

  /** A page of entries, newest first, and whether older ones follow. */
  async page(offset: number, limit: number): Promise<{ entries: AuditEntry[]; more: boolean }> {
    const raw = await this.redis.lrange(this.key, offset, offset + limit);
    return { entries: raw.slice(0, limit).map((json) => JSON.parse(json) as AuditEntry), more: raw.length > limit };
  }
}
