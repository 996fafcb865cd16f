import type { RedisClient } from '../common/redisConnection';
import type { Result } from 'ioredis';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import { randomUUID } from 'crypto';
import { stateKey } from '../common/conversationKeys';
import { groupByTag } from '../common/redisKeys';

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

declare module 'ioredis' {
  interface RedisCommander<Context> {
    deskStateWrite(key: string, expectedETag: string, json: string, ttlSeconds: string): Result<number, Context>;
  }
}

export interface RedisStorageOptions {
  prefix: string;
  /** Idle conversations expire after this many seconds (0 = never). */
  ttlSeconds?: number;
}

interface PendingRead {
  redisKeys: string[];
  resolve(values: (string | null)[]): void;
  reject(err: unknown): void;
}

/**
 * Bot state (conversation, user, dialog stacks) in Redis, honouring botbuilder's eTag contract:
 * every write gets a new eTag, a write carrying a stale eTag is refused with StorageConflictError,
 * and '*' or no eTag overwrites. Any number of bot instances can therefore share one conversation.
 *
 * Reads asked for together go to Redis as one MGET per hash tag (a conversation's items share
 * its tag; a person's state across conversations has its own). A bot turn reads its state with
 * the conversation lock instead, and writes it with the lock's release: see ConversationLock.
 */
export class RedisStorage implements Storage {
  /** How long an idle item lives (0 = for ever). */
  readonly ttlSeconds: number;
  private pendingReads: PendingRead[] = [];

  constructor(
    private readonly redis: RedisClient,
    private readonly options: RedisStorageOptions,
  ) {
    this.ttlSeconds = options.ttlSeconds ?? 30 * 24 * 3600;
    // EVALSHA from now on; ioredis sends the script again by itself if Redis has lost it.
    if (!Object.hasOwn(redis, 'deskStateWrite')) redis.defineCommand('deskStateWrite', { numberOfKeys: 1, lua: WRITE_SCRIPT });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const values = await this.getBatched(keys.map((k) => this.redisKeyOf(k)));
    const items: StoreItems = {};
    keys.forEach((key, i) => {
      // Parsed per reader, so each has its own copy: BotState mutates what it reads.
      if (values[i]) items[key] = this.itemOf(values[i]!);
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    // Sent back to back (one round trip); each item's compare-and-set stands on its own, as before.
    const results = await Promise.all(
      Object.entries(changes).map(async ([key, value]) => {
        const expected = typeof value?.eTag === 'string' ? value.eTag : '';
        const ok = await this.redis.deskStateWrite(this.redisKeyOf(key), expected, this.stored(value), String(this.ttlSeconds));
        return { key, ok: ok === 1 };
      }),
    );
    const conflict = results.find((r) => !r.ok);
    if (conflict) throw new StorageConflictError(conflict.key);
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(groupByTag(keys.map((k) => this.redisKeyOf(k))).map((tagged) => this.redis.del(...tagged)));
  }

  private getBatched(redisKeys: string[]): Promise<(string | null)[]> {
    return new Promise((resolve, reject) => {
      // nextTick runs once the current promise jobs are done: the reads they asked for share one MGET.
      if (this.pendingReads.length === 0) process.nextTick(() => this.readPending());
      this.pendingReads.push({ redisKeys, resolve, reject });
    });
  }

  private async readPending(): Promise<void> {
    const batch = this.pendingReads;
    this.pendingReads = [];
    const keys = [...new Set(batch.flatMap((read) => read.redisKeys))];
    try {
      const groups = groupByTag(keys);
      const values = await Promise.all(groups.map((tagged) => this.redis.mget(tagged)));
      const byKey = new Map(groups.flatMap((tagged, g) => tagged.map((key, i) => [key, values[g]![i]] as const)));
      for (const read of batch) read.resolve(read.redisKeys.map((key) => byKey.get(key) ?? null));
    } catch (err) {
      for (const read of batch) read.reject(err);
    }
  }

  /** The Redis key of a storage item. */
  redisKeyOf(key: string): string {
    return stateKey(this.options.prefix, key);
  }

  /** An item as it is stored: its JSON, under a new eTag. */
  stored(item: StoreItem): string {
    return JSON.stringify({ ...item, eTag: randomUUID() });
  }

  /** A stored item read back. */
  itemOf(json: string): StoreItem {
    return JSON.parse(json) as StoreItem;
  }
}
