import { DomainError, type Grade } from '../domain/types';
import { keys } from './keys';
import { cellsMatching, type CellFilter } from './listCells';
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
 * a `next` cursor when the budget ran out first: the caller asks again from there. With `cells`
 * (only once every ticket is in its cells, cellBackfill.ts) several filters also bring the cells
 * they cover, so that a combination nothing matches is answered at once.
 */
export async function searchIds(
  store: TicketStore,
  terms: string[],
  lists: ListIndex[],
  count: number,
  budget: number,
  cursor: string | null,
  cells = false,
): Promise<SearchPage> {
  const sets = [...terms.map((t) => keys.searchTerm(store.prefix, t)), ...lists.map((l) => listIndexKey(store.prefix, l))];
  const covered = cells && lists.length >= 2 ? cellKeys(store.prefix, lists) : [];
  const { score, id } = decodeCursor(cursor);
  const keyList = [...sets, ...covered];
  const reply = (await store.redis.deskSearchTickets(keyList.length, ...keyList, count, budget, score, id, covered.length)) as (
    string | number
  )[];
  const [done, read, nextScore, nextId, ...ids] = reply.map(String);
  return { ids, next: done === '1' || !nextScore ? null : encodeCursor(nextScore, nextId!), scanned: Number(read) };
}

/** The cells (listCells.ts) whose union is the tickets in every one of the list indexes. */
function cellKeys(p: string, lists: ListIndex[]): string[] {
  const filter: CellFilter = {};
  let orgId: string | undefined;
  for (const l of lists) {
    if (l.kind === 'org') orgId = l.orgId;
    else if (l.kind === 'status') filter.status = l.status;
    else if (l.kind === 'grade') filter.grade = l.grade as Grade;
    else if (l.kind === 'category') filter.category = l.category;
    else if (l.kind === 'breached') filter.breached = true;
  }
  return cellsMatching(filter).map((cell) => (orgId === undefined ? keys.cell(p, cell) : keys.orgCell(p, orgId, cell)));
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
