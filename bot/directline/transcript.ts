import type { RedisClient } from '../../common/redisConnection';
import { conversationKeys } from '../../common/conversationKeys';
import type { Activity } from 'botbuilder';
import { redactValue } from '../../ticketing';

/** A stored conversation: who it belongs to and the language it started in. */
export interface ConversationRecord {
  userId: string;
  locale?: string;
  createdAt: string;
}

export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

/** Most activities one GET returns; the client asks again from the new watermark. */
export const PAGE_SIZE = 200;
/**
 * What a returning page shows at once: the last activities, a few screenfuls; older ones are read
 * on demand. The page reads them in one request and hands them to Web Chat itself, a screenful
 * before it is first drawn and the rest after (replayed through Direct Line, each activity
 * redraws the whole transcript: 50 took 6 s more than 1 at load 21; see npm run bench:reload).
 */
export const RECENT_ACTIVITIES = 50;

// Appends in one step: the activity's id is its position in the list, so ids are unique and in
// order even when several instances append at once, and subscribers hear of it only once stored.
const APPEND = `
local n = redis.call('LLEN', KEYS[1])
if n >= tonumber(ARGV[5]) then return false end
local id = ARGV[1] .. '|' .. string.format('%07d', n)
redis.call('RPUSH', KEYS[1], '{"id":"' .. id .. '",' .. string.sub(ARGV[2], 2))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[1])
return id
`;

// Only the first start of a conversation creates it, whole; a repeated start finds it.
const CREATE = `
if redis.call('HSETNX', KEYS[1], 'userId', ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'createdAt', ARGV[2])
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'locale', ARGV[3]) end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
`;

/**
 * Web-chat transcripts in Redis: a list of activities per conversation (the index is the
 * watermark) and a small hash describing the conversation. Any instance can serve any
 * conversation, and a page reload continues where it was. Both keys live `ttlMs` after the last
 * activity.
 */
export class TranscriptStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlMs: number,
    /** Activities a conversation holds at most (ids are list positions, so nothing is trimmed). */
    private readonly maxActivities = Number.MAX_SAFE_INTEGER,
  ) {}

  /**
   * The pub/sub channel that carries the id of every conversation that got a new activity. A
   * channel is no key: the append script names only the conversation's keys, and on a Redis
   * Cluster a PUBLISH reaches the subscribers on every node.
   */
  get channel(): string {
    return `${this.prefix}dl:appended`;
  }

  /** Creates the conversation unless it exists; true when this call created it. */
  async create(conversationId: string, record: ConversationRecord): Promise<boolean> {
    const created = await this.redis.eval(
      CREATE,
      1,
      this.conversationKey(conversationId),
      record.userId,
      record.createdAt,
      record.locale ?? '',
      String(this.ttlMs),
    );
    return created === 1;
  }

  async get(conversationId: string): Promise<ConversationRecord | null> {
    const fields = await this.redis.hgetall(this.conversationKey(conversationId));
    if (!fields.userId || !fields.createdAt) return null;
    return { userId: fields.userId, locale: fields.locale || undefined, createdAt: fields.createdAt };
  }

  /** Stores an activity (its `id` is assigned here) and announces it; returns the id. */
  async append(conversationId: string, activity: Partial<Activity>): Promise<string> {
    const { id: _ignored, ...rest } = activity;
    const json = JSON.stringify(rest);
    if (json === '{}') throw new Error('an empty activity cannot be stored');
    const id = (await this.redis.eval(
      APPEND,
      2,
      this.activitiesKey(conversationId),
      this.conversationKey(conversationId),
      conversationId,
      json,
      String(this.ttlMs),
      this.channel,
      String(this.maxActivities),
    )) as string | null;
    if (id === null) throw new TranscriptFullError(this.maxActivities);
    return id;
  }

  /** The watermark a returning page starts its stream at: only the last RECENT_ACTIVITIES are replayed. */
  async recentWatermark(conversationId: string): Promise<string> {
    return String(Math.max(0, (await this.redis.llen(this.activitiesKey(conversationId))) - RECENT_ACTIVITIES));
  }

  /** The activities after `watermark` (a count of activities already seen; '' or absent = none). */
  async since(conversationId: string, watermark: string | undefined): Promise<ActivitySet> {
    const from = parseWatermark(watermark);
    const raw = await this.redis.lrange(this.activitiesKey(conversationId), from, from + PAGE_SIZE - 1);
    return { activities: raw.map((a) => JSON.parse(a) as Activity), watermark: String(from + raw.length) };
  }

  /**
   * Rewrites every activity in which a string changes under `redact` (a person's data erased, see
   * `npm run retention -- erase`); returns how many. Activities are only appended, so each keeps its place.
   */
  async redact(conversationId: string, redact: (text: string) => string): Promise<number> {
    const key = this.activitiesKey(conversationId);
    let changed = 0;
    for (const [i, json] of (await this.redis.lrange(key, 0, -1)).entries()) {
      const erased = JSON.stringify(redactValue(JSON.parse(json), redact));
      if (erased === json) continue;
      await this.redis.lset(key, i, erased);
      changed += 1;
    }
    return changed;
  }

  private conversationKey(id: string): string {
    return `${conversationKeys(this.prefix, id)}dl:conv`;
  }

  private activitiesKey(id: string): string {
    return `${conversationKeys(this.prefix, id)}dl:activities`;
  }
}

/** A watermark is a non-negative whole number; anything else is a client error. */
export function parseWatermark(watermark: string | undefined): number {
  if (watermark === undefined || watermark === '') return 0;
  if (!/^\d{1,9}$/.test(watermark)) throw new RangeError(`watermark must be a whole number, got "${watermark}"`);
  return Number(watermark);
}

/** The conversation holds as many activities as it may. */
export class TranscriptFullError extends Error {
  constructor(max: number) {
    super(`this conversation holds its ${max} messages; start a new conversation (reload the page)`);
  }
}
