import { randomUUID } from 'crypto';
import type { RedisClient } from '../../common/redisConnection';
import type { Locale } from '../../common/locale';
import { checkPlaceholders, type SavedReply } from '../domain/savedReplies';
import { DomainError } from '../domain/types';
import { NotFoundError } from './errors';
import { keys } from './keys';

/** At most this many saved replies: the console lists them all in one read. */
export const MAX_SAVED_REPLIES = 200;

export interface SavedReplyInput {
  title: string;
  text: string;
  locale: Locale;
}

/** Saved replies in one Redis hash (id -> JSON): supervisors write them, agents read them. */
export class SavedReplyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private get key(): string {
    return keys.savedReplies(this.prefix);
  }

  /** Every saved reply, by language, then title. */
  async list(): Promise<SavedReply[]> {
    const all = Object.values(await this.redis.hgetall(this.key)).map((json) => JSON.parse(json) as SavedReply);
    return all.sort((a, b) => a.locale.localeCompare(b.locale) || a.title.localeCompare(b.title, a.locale));
  }

  async get(id: string): Promise<SavedReply> {
    const json = await this.redis.hget(this.key, id);
    if (!json) throw new NotFoundError('saved reply', id);
    return JSON.parse(json) as SavedReply;
  }

  async create(input: SavedReplyInput, by: string, now: Date): Promise<SavedReply> {
    checkPlaceholders(input.text);
    if ((await this.redis.hlen(this.key)) >= MAX_SAVED_REPLIES)
      throw new DomainError('invalid_request', `there are already ${MAX_SAVED_REPLIES} saved replies, the most kept: delete one first`);
    const reply: SavedReply = { id: randomUUID(), ...input, updatedBy: by, updatedAt: now.toISOString() };
    await this.redis.hset(this.key, reply.id, JSON.stringify(reply));
    return reply;
  }

  async update(id: string, input: SavedReplyInput, by: string, now: Date): Promise<SavedReply> {
    checkPlaceholders(input.text);
    await this.get(id);
    const reply: SavedReply = { id, ...input, updatedBy: by, updatedAt: now.toISOString() };
    await this.redis.hset(this.key, id, JSON.stringify(reply));
    return reply;
  }

  async remove(id: string): Promise<void> {
    if ((await this.redis.hdel(this.key, id)) === 0) throw new NotFoundError('saved reply', id);
  }
}
