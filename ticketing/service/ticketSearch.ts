import { parseSearchQuery } from '../domain/searchTerms';
import { DomainError, type Category, type Grade, type Ticket, type TicketStatus } from '../domain/types';
import { searchIds } from '../store/ticketSearch';
import type { ListIndex, TicketStore } from '../store/ticketStore';

export interface SearchRequest {
  /** Words (all must match), a ticket number (SR-2026-000123) or a phone number. */
  q: string;
  orgId?: string;
  status?: TicketStatus;
  grade?: Grade;
  category?: Category;
  /** Only breached tickets. */
  breached?: true;
  limit: number;
  /** The `next` of the page before. */
  cursor?: string;
}

export interface SearchResult {
  items: Ticket[];
  /** Where the next page starts; null when there is no more. */
  next: string | null;
}

/** Candidates one script call reads at most, so Redis answers others between calls. */
const BUDGET_PER_CALL = 1_000;
/** Calls one request makes at most before it answers with what it found and a cursor to go on. */
const CALLS_PER_REQUEST = 20;

/**
 * Tickets found by their words, newest first, narrowed by the list filters (docs/agent-workspace.md).
 * Served from the search index and the list indexes: a request reads at most the page and
 * 20,000 candidates, however many tickets are stored.
 */
export async function searchTickets(store: TicketStore, request: SearchRequest): Promise<SearchResult> {
  const query = parseSearchQuery(request.q);
  const lists = listsOf(request);
  if (query.kind === 'id') {
    if (request.cursor) return { items: [], next: null };
    const stored = await store.get(query.id);
    return { items: stored && matches(stored.ticket, request) ? [stored.ticket] : [], next: null };
  }
  if (query.terms.length === 0)
    throw new DomainError('invalid_request', 'q: give a word of two letters or more, a ticket number (SR-2026-000123) or a phone number');
  const ids: string[] = [];
  let cursor: string | null = request.cursor ?? null;
  for (let call = 0; call < CALLS_PER_REQUEST && ids.length < request.limit; call++) {
    const page = await searchIds(store, query.terms, lists, request.limit - ids.length, BUDGET_PER_CALL, cursor);
    ids.push(...page.ids);
    cursor = page.next;
    if (cursor === null) break;
  }
  return { items: await store.getMany(ids), next: cursor };
}

function listsOf(request: SearchRequest): ListIndex[] {
  const lists: ListIndex[] = [];
  if (request.orgId) lists.push({ kind: 'org', orgId: request.orgId });
  if (request.status) lists.push({ kind: 'status', status: request.status });
  if (request.grade) lists.push({ kind: 'grade', grade: request.grade });
  if (request.category) lists.push({ kind: 'category', category: request.category });
  if (request.breached) lists.push({ kind: 'breached' });
  return lists;
}

function matches(t: Ticket, r: SearchRequest): boolean {
  return (
    (!r.orgId || t.orgId === r.orgId) &&
    (!r.status || t.status === r.status) &&
    (!r.grade || t.grade === r.grade) &&
    (!r.category || t.category === r.category) &&
    (!r.breached || t.sla.breached)
  );
}
