import type Redis from 'ioredis';
import type { Storage, StoreItems } from 'botbuilder';
import { randomUUID } from 'crypto';

/** A write whose eTag is no longer the stored one: someone else saved the item first. */
export class StorageConflictError extends Error {
  constructor(readonly key: string) {
    super(`eTag conflict on storage item "${key}": it was changed by another turn`);
    this.name = 'StorageConflictError';
  }
}

// Compare-and-set in one step, so two instances never both win with the same eTag.
// KEYS[1] item key; ARGV[1] expected eTag ('' or '*' = overwrite); ARGV[2] new JSON; ARGV[3] TTL s.
const WRITE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if ARGV[1] ~= '' and ARGV[1] ~= '*' then
  if not current then return 0 end
  local ok, item = pcall(cjson.decode, current)
  if not ok or item['eTag'] ~= ARGV[1] then return 0 end
end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
`;

export interface RedisStorageOptions {
  prefix: string;
  /** Idle conversations expire after this many seconds (0 = never). */
  ttlSeconds?: number;
}

/**
 * Bot state (conversation, user, dialog stacks) in Redis, honouring botbuilder's eTag contract:
 * every write gets a new eTag, a write carrying a stale eTag is refused with StorageConflictError,
 * and '*' or no eTag overwrites. Any number of bot instances can therefore share one conversation.
 */
export class RedisStorage implements Storage {
  private readonly ttlSeconds: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisStorageOptions,
  ) {
    this.ttlSeconds = options.ttlSeconds ?? 30 * 24 * 3600;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.redis.mget(keys.map((k) => this.keyOf(k)));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      const raw = values[i];
      if (raw) items[key] = JSON.parse(raw);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, value] of Object.entries(changes)) {
      const expected = typeof value?.eTag === 'string' ? value.eTag : '';
      const stored = JSON.stringify({ ...value, eTag: randomUUID() });
      const ok = await this.redis.eval(WRITE_SCRIPT, 1, this.keyOf(key), expected, stored, String(this.ttlSeconds));
      if (ok !== 1) throw new StorageConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => this.keyOf(k)));
  }

  private keyOf(key: string): string {
    return `${this.options.prefix}bot:state:${key}`;
  }
}
