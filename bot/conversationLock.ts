import type { RedisClient } from '../common/redisConnection';
import type { Result } from 'ioredis';
import type { StoreItems } from 'botbuilder';
import { randomUUID } from 'crypto';
import { setTimeout } from 'timers/promises';
import type { TurnLock, TurnReads, TurnStart } from './ports';
import type { RedisStorage } from './redisStorage';
import type { AwaitingReplies } from './proactive/awaitingReplies';
import { conversationKeys } from '../common/conversationKeys';
import { hashTagOf } from '../common/redisKeys';

// Take the lock and, when it is ours, read the turn's keys in the same step: one round trip.
// KEYS[1] lock; KEYS[2..] keys to read. ARGV[1] token; ARGV[2] lease ms. 0 when another turn holds it.
const TAKE_SCRIPT = `
if not redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then return 0 end
if #KEYS == 1 then return {} end
return redis.call('MGET', unpack(KEYS, 2))
`;

// Write the turn's changed items, then release only our own lock (one that expired and was taken
// by another turn stays theirs): one round trip. KEYS[1] lock; KEYS[2..] items.
// ARGV[1] token; ARGV[2] TTL s (0 = none); ARGV[3..] the items' JSON, in the order of their keys.
const END_SCRIPT = `
for i = 2, #KEYS do
  if tonumber(ARGV[2]) > 0 then
    redis.call('SET', KEYS[i], ARGV[i + 1], 'EX', ARGV[2])
  else
    redis.call('SET', KEYS[i], ARGV[i + 1])
  end
end
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    deskTakeTurn(numberOfKeys: number, ...args: string[]): Result<0 | (string | null)[], Context>;
    deskEndTurn(numberOfKeys: number, ...args: string[]): Result<number, Context>;
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
 * Round trips are most of a turn's cost beside the bot's own work, so the turn's state is read
 * by the script that takes the lock and written by the one that releases it: two round trips.
 * On a cluster both scripts touch the conversation's hash tag only (`{conv:<id>}`, one slot), and
 * a person's state across conversations goes beside them in the same tick (docs/architecture.md);
 * on a single node the scripts read and write that state too, one command each way.
 */
export class ConversationLock implements TurnLock {
  /** The lease as the script takes it. */
  private readonly leaseMs: string;
  private readonly waitMs: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly options: ConversationLockOptions,
    private readonly state: { storage: RedisStorage; awaiting: AwaitingReplies; ratings: AwaitingReplies },
  ) {
    this.leaseMs = String(options.leaseMs ?? 30000);
    this.waitMs = options.waitMs;
    // EVALSHA from now on; ioredis sends a script again by itself if Redis has lost it.
    if (!Object.hasOwn(redis, 'deskTakeTurn')) redis.defineCommand('deskTakeTurn', { lua: TAKE_SCRIPT });
    if (!Object.hasOwn(redis, 'deskEndTurn')) redis.defineCommand('deskEndTurn', { lua: END_SCRIPT });
  }

  async run(conversationId: string, reads: TurnReads, work: (start: TurnStart) => Promise<StoreItems>): Promise<void> {
    const { storage, awaiting, ratings } = this.state;
    const lockKey = `${conversationKeys(this.options.prefix, conversationId)}bot:lock`;
    const tag = hashTagOf(lockKey);
    const awaitedKey = awaiting.keyOf(reads.scope);
    const ratingKey = ratings.keyOf(reads.scope);
    if (hashTagOf(awaitedKey) !== tag || hashTagOf(ratingKey) !== tag)
      throw new Error(`the turn's person (${reads.scope}) is not of conversation ${conversationId}`);
    // On a cluster the scripts touch the conversation's tag only; an item of another tag (a
    // person's state across conversations) is read beside them, sent in the same tick.
    const itemKeys: string[] = [];
    const keys = [lockKey];
    const apart: string[] = [];
    for (const item of reads.items) {
      const key = storage.redisKeyOf(item);
      itemKeys.push(key);
      (this.scripted(key, tag) ? keys : apart).push(key);
    }
    keys.push(awaitedKey, ratingKey);
    const token = randomUUID();
    const giveUpAt = Date.now() + this.waitMs;
    let pauseMs = 5;
    let taken: unknown[];
    while ((taken = await this.take(keys, apart, token))[0] === 0) {
      if (Date.now() > giveUpAt) throw new ConversationBusyError(conversationId);
      await setTimeout(pauseMs);
      pauseMs = Math.min(pauseMs * 2, 100);
    }
    const [values, ...apartValues] = taken as [(string | null)[], ...(string | null)[]];
    const byKey = new Map<string, string | null>();
    for (let i = 1; i < keys.length; i++) byKey.set(keys[i]!, values[i - 1] ?? null);
    for (let i = 0; i < apart.length; i++) byKey.set(apart[i]!, apartValues[i] ?? null);
    const start: TurnStart = { items: [], stored: [], awaited: byKey.get(awaitedKey) ?? null, rating: byKey.get(ratingKey) ?? null };
    for (const key of itemKeys) {
      const json = byKey.get(key) ?? undefined;
      start.stored.push(json);
      start.items.push(json === undefined ? undefined : storage.itemOf(json));
    }
    let changes: StoreItems = {};
    try {
      changes = await work(start);
    } finally {
      // A failed turn writes nothing, but lets the conversation go.
      await this.end(lockKey, tag, token, changes);
    }
  }

  /** Whether the scripts take `key` with the lock of `tag`: on one node every key, on a cluster the tag's own. */
  private scripted(key: string, tag: string): boolean {
    return !this.redis.isCluster || hashTagOf(key) === tag;
  }

  /** Takes the lock and reads its keys (0 first when another turn holds it), and the keys `apart` beside it. */
  private take(keys: string[], apart: string[], token: string): Promise<unknown[]> {
    const reads: Promise<unknown>[] = [this.redis.deskTakeTurn(keys.length, ...keys, token, this.leaseMs)];
    for (const key of apart) reads.push(this.redis.get(key));
    return Promise.all(reads);
  }

  /** Writes the turn's changed items and releases the lock if it is still ours. */
  private async end(lockKey: string, tag: string, token: string, changes: StoreItems): Promise<void> {
    const { storage } = this.state;
    const ttl = String(storage.ttlSeconds);
    const keys = [lockKey];
    const jsons: string[] = [];
    const writes: Promise<unknown>[] = [];
    for (const item of Object.keys(changes)) {
      const key = storage.redisKeyOf(item);
      const json = storage.stored(changes[item]);
      if (this.scripted(key, tag)) {
        keys.push(key);
        jsons.push(json);
      }
      // Sent before the release, so on one node the next turn reads them written.
      else writes.push(storage.ttlSeconds > 0 ? this.redis.set(key, json, 'EX', ttl) : this.redis.set(key, json));
    }
    writes.push(this.redis.deskEndTurn(keys.length, ...keys, token, ttl, ...jsons));
    await Promise.all(writes);
  }
}
