import { DomainError } from '../domain/types';
import { keys } from './keys';
import { listIndexKey, type ListIndex, type TicketStore } from './ticketStore';

/** A page of search results and where the next one starts (null: there is nothing after it). */
export interface SearchPage {
  ids: string[];
  next: string | null;
  /** The candidates read: at most the budget. */
  scanned: number;
}

/**
 * The ids of the tickets that have every term and are in every list index, newest first: one
 * script walks the smallest of those sets from the cursor and checks each candidate against the
 * others, reading at most `budget` candidates (searchTickets.lua). A page may come back short with
 * a `next` cursor when the budget ran out first: the caller asks again from there.
 */
export async function searchIds(
  store: TicketStore,
  terms: string[],
  lists: ListIndex[],
  count: number,
  budget: number,
  cursor: string | null,
): Promise<SearchPage> {
  const sets = [...terms.map((t) => keys.searchTerm(store.prefix, t)), ...lists.map((l) => listIndexKey(store.prefix, l))];
  const { score, id } = decodeCursor(cursor);
  const reply = (await store.redis.deskSearchTickets(sets.length, ...sets, count, budget, score, id)) as (string | number)[];
  const [done, read, nextScore, nextId, ...ids] = reply.map(String);
  return { ids, next: done === '1' || !nextScore ? null : encodeCursor(nextScore, nextId!), scanned: Number(read) };
}

/** The cursor is opaque to callers: the score and id of the last candidate read. */
function encodeCursor(score: string, id: string): string {
  return Buffer.from(`${score} ${id}`).toString('base64url');
}

function decodeCursor(cursor: string | null): { score: string; id: string } {
  if (!cursor) return { score: '', id: '' };
  const [score, id] = Buffer.from(cursor, 'base64url').toString().split(' ');
  if (!score || !id || !/^\d+$/.test(score))
    throw new DomainError('invalid_request', 'cursor: give the "next" value of the page before, unchanged');
  return { score, id };
}
