import type { RedisClient } from '../../common/redisConnection';
import { DomainError } from '../domain/types';
import { keys } from './keys';

/** A colleague's note on a ticket: for agents only, kept apart from the ticket's messages. */
export interface InternalNote {
  at: string;
  author: string;
  text: string;
}

export const MAX_NOTE_LENGTH = 4000;
/** A ticket holds at most this many notes, so reading them all stays one bounded read. */
export const MAX_NOTES_PER_TICKET = 500;

/**
 * Internal notes, one Redis list per ticket. They are never part of the ticket record, so nothing
 * that sends the ticket's messages to the customer (chat, mail, the bot's status answers) can see
 * them; only the agents' API reads them (docs/agent-workspace.md).
 */
export class InternalNoteStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  async add(ticketId: string, author: string, text: string, now: Date): Promise<InternalNote> {
    const trimmed = text.trim();
    if (!trimmed) throw new DomainError('invalid_message', 'a note needs some text');
    if (trimmed.length > MAX_NOTE_LENGTH) throw new DomainError('invalid_message', `a note is at most ${MAX_NOTE_LENGTH} characters`);
    const key = keys.internalNotes(this.prefix, ticketId);
    if ((await this.redis.llen(key)) >= MAX_NOTES_PER_TICKET)
      throw new DomainError('invalid_message', `${ticketId} already has ${MAX_NOTES_PER_TICKET} notes, the most a ticket keeps`);
    const note: InternalNote = { at: now.toISOString(), author, text: trimmed };
    await this.redis.rpush(key, JSON.stringify(note));
    return note;
  }

  async list(ticketId: string): Promise<InternalNote[]> {
    return (await this.redis.lrange(keys.internalNotes(this.prefix, ticketId), 0, MAX_NOTES_PER_TICKET - 1)).map(
      (json) => JSON.parse(json) as InternalNote,
    );
  }
}
