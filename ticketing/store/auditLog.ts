import type { RedisClient } from '../../common/redisConnection';
import { keyIn } from '../../common/redisKeys';
import { redactValue } from '../domain/erasure';

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

// KEYS: 1 the log.  ARGV: pairs of an entry as it is and as it becomes.  Reply: entries replaced.
const REPLACE_ENTRIES = `
local by = {}
for i = 1, #ARGV, 2 do by[ARGV[i]] = ARGV[i + 1] end
local replaced = 0
for i, entry in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if by[entry] then
    redis.call('LSET', KEYS[1], i - 1, by[entry])
    replaced = replaced + 1
  end
end
return replaced
`;

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

  /**
   * Rewrites every entry in which `redact` changes something (a person's data erased); returns how
   * many. Matched by content inside one script, so entries pushed meanwhile shift nothing.
   */
  async redact(redact: (text: string) => string): Promise<number> {
    const pairs: string[] = [];
    for (const json of new Set(await this.redis.lrange(this.key, 0, -1))) {
      const erased = JSON.stringify(redactValue(JSON.parse(json) as AuditEntry, redact));
      if (erased !== json) pairs.push(json, erased);
    }
    return pairs.length === 0 ? 0 : Number(await this.redis.eval(REPLACE_ENTRIES, 1, this.key, ...pairs));
  }

  /** A page of entries, newest first, and whether older ones follow. */
  async page(offset: number, limit: number): Promise<{ entries: AuditEntry[]; more: boolean }> {
    const raw = await this.redis.lrange(this.key, offset, offset + limit);
    return { entries: raw.slice(0, limit).map((json) => JSON.parse(json) as AuditEntry), more: raw.length > limit };
  }
}
