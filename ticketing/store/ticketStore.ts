import type { RedisClient } from '../../common/redisConnection';
import { recordsOf } from '../../common/flatReply';
import type { ReportCounters } from '../domain/reportCells';
import type { Category, Ticket, TicketStatus } from '../domain/types';
import { OPEN_STATUSES } from '../domain/ticket';
import { isQueued } from '../domain/queueScore';
import { indexEntriesOf, type IndexEntries } from './indexEntries';
import { keys, listKeysOf } from './keys';
import { mergeNewestFirst } from './listCells';
import { ScriptedPipeline, ScriptedRedis, withScripts } from './scripts';

/** How long an Idempotency-Key is kept unless configured (TICKET_IDEMPOTENCY_DAYS). */
export const DEFAULT_IDEMPOTENCY_DAYS = 7;

/** A ticket as stored, with the revision a later write must name. */
export interface StoredTicket {
  ticket: Ticket;
  rev: number;
}

export type InsertResult = { status: 'ok' } | { status: 'duplicate'; ticketId: string; fingerprint: string } | { status: 'exists' };
export type UpdateResult = { status: 'ok'; rev: number } | { status: 'conflict' };
export type ClaimResult = { status: 'ok'; rev: number } | { status: 'conflict' | 'taken' | 'not_head' | 'limit' };

/** The list indexes a filter can start from (see keys.ts). */
export type ListIndex =
  | { kind: 'all' }
  | { kind: 'org'; orgId: string }
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'grade'; grade: string }
  | { kind: 'category'; category: Category }
  | { kind: 'breached' };

/**
 * Tickets in Redis. Reads are plain commands; every write is the saveTicket script, which moves
 * the record, indexes, queue entry, agent set and SLA due entries together or not at all.
 */
export class TicketStore {
  readonly redis: ScriptedRedis;

  constructor(
    redis: RedisClient,
    readonly prefix: string,
    /** How long an Idempotency-Key keeps answering with its ticket. */
    private readonly idempotencySeconds = DEFAULT_IDEMPOTENCY_DAYS * 86_400,
  ) {
    this.redis = withScripts(redis);
  }

  /** The next ticket number of a year. Numbers are never reused; a crash before the insert leaves a gap. */
  async nextNumber(year: number): Promise<number> {
    return this.redis.incr(keys.ticketSequence(this.prefix, year));
  }

  async get(id: string): Promise<StoredTicket | null> {
    const [rev, json] = await this.redis.hmget(keys.ticket(this.prefix, id), 'rev', 'json');
    return !rev || !json ? null : { ticket: JSON.parse(json) as Ticket, rev: Number(rev) };
  }

  /** The tickets of some ids in order, leaving out ids that do not exist. */
  async getMany(ids: string[]): Promise<Ticket[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(keys.ticket(this.prefix, id), 'json');
    const replies = (await pipeline.exec()) ?? [];
    const tickets: Ticket[] = [];
    for (const [err, json] of replies) {
      if (err) throw err;
      if (typeof json === 'string') tickets.push(JSON.parse(json) as Ticket);
    }
    return tickets;
  }

  /** The tickets of some ids with their revisions, leaving out ids that do not exist (for scripts that check the revision). */
  async getManyStored(ids: string[]): Promise<StoredTicket[]> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hmget(keys.ticket(this.prefix, id), 'rev', 'json');
    const stored: StoredTicket[] = [];
    for (const [err, reply] of (await pipeline.exec()) ?? []) {
      if (err) throw err;
      const [rev, json] = reply as [string | null, string | null];
      if (rev !== null && json !== null) stored.push({ ticket: JSON.parse(json) as Ticket, rev: Number(rev) });
    }
    return stored;
  }

  /** The ticket an Idempotency-Key already created, with the fingerprint of its request. */
  async findIdempotent(key: string): Promise<{ ticketId: string; fingerprint: string } | null> {
    const value = await this.redis.get(keys.idempotency(this.prefix, key));
    return value === null ? null : parseIdempotency(value);
  }

  /** Stores a new ticket; with an Idempotency-Key, only if the key has not created one already. */
  async insert(ticket: Ticket, idempotency?: { key: string; fingerprint: string }): Promise<InsertResult> {
    const reply = (await this.redis.deskSaveTicket(...insertArgs(this.prefix, ticket, idempotency, this.idempotencySeconds))) as [
      string,
      string?,
    ];
    if (reply[0] === 'duplicate') return { status: 'duplicate', ...parseIdempotency(reply[1] ?? '') };
    if (reply[0] === 'exists') return { status: 'exists' };
    return { status: 'ok' };
  }

  /** Stores many new tickets in one round trip (imports, load tests); returns how many were new. */
  async insertBatch(tickets: Ticket[]): Promise<number> {
    const pipeline = this.redis.pipeline() as ScriptedPipeline;
    for (const ticket of tickets) pipeline.deskSaveTicket(...insertArgs(this.prefix, ticket));
    const replies = (await pipeline.exec()) ?? [];
    let inserted = 0;
    for (const [err, reply] of replies) {
      if (err) throw err;
      if ((reply as string[])[0] === 'ok') inserted += 1;
    }
    return inserted;
  }

  /** Replaces a ticket read at `before.rev`; 'conflict' when someone wrote it since. */
  async update(before: StoredTicket, after: Ticket): Promise<UpdateResult> {
    const reply = (await this.redis.deskSaveTicket(...this.saveArgs(before, after))) as [string, number?];
    return reply[0] === 'ok' ? { status: 'ok', rev: Number(reply[1]) } : { status: 'conflict' };
  }

  /**
   * Writes `after` (the ticket assigned to the agent) only if `before` is still the head of the
   * agent's queues and the agent is under `maxOpen` open tickets.
   */
  async claim(before: StoredTicket, after: Ticket, agentId: string, categories: Category[], maxOpen?: number): Promise<ClaimResult> {
    const reply = (await this.redis.deskSaveTicket(...this.saveArgs(before, after, { agent: agentId, categories, maxOpen }))) as [
      string,
      number?,
    ];
    if (reply[0] === 'ok') return { status: 'ok', rev: Number(reply[1]) };
    return { status: reply[0] as 'conflict' | 'taken' | 'not_head' | 'limit' };
  }

  /** The report counters of a month (see domain/reportCells.ts): five small hashes, whatever the number of tickets. */
  async reportCounters(month: string): Promise<ReportCounters> {
    const [outcomes, responses, goals, agents, satisfaction] = await Promise.all(
      ['sla', 'frt', 'goal', 'agent', 'csat'].map((cell) => this.redis.hgetall(keys.report(this.prefix, `${cell}:${month}`))),
    );
    return { outcomes: outcomes!, responses: responses!, goals: goals!, agents: agents!, satisfaction: satisfaction! };
  }

  /** How many open tickets were created in [fromMs, toMs), per open status (one ZCOUNT each). */
  async openCreatedBetween(fromMs: number, toMs: number): Promise<Record<string, number>> {
    const counts = await Promise.all(
      OPEN_STATUSES.map((status) => this.redis.zcount(keys.byStatus(this.prefix, status), fromMs, `(${toMs}`)),
    );
    return Object.fromEntries(OPEN_STATUSES.map((status, i) => [status, counts[i]!]));
  }

  /**
   * Up to `count` of the most urgent unassigned tickets across the categories, most urgent first
   * (ties: older id first). Reads only the first `count` entries of each queue: never scans.
   * Two reads, not one script (a script may only touch the keys it is handed): a ticket taken
   * between them is left out, and the claim's own check settles any other race.
   */
  async peekQueues(categories: Category[], count: number): Promise<StoredTicket[]> {
    const heads = this.redis.pipeline();
    for (const category of categories) heads.zrange(keys.queue(this.prefix, category), 0, count - 1, 'WITHSCORES');
    const candidates: { id: string; score: number }[] = [];
    for (const [err, flat] of (await heads.exec()) ?? []) {
      if (err) throw err;
      for (const [id, score] of recordsOf(flat as string[], 2)) candidates.push({ id, score: Number(score) });
    }
    candidates.sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const urgent = await this.getManyStored(candidates.slice(0, count).map((c) => c.id));
    return urgent.filter((stored) => isQueued(stored.ticket));
  }

  async queueIds(category: Category, offset: number, count: number): Promise<string[]> {
    return this.redis.zrange(keys.queue(this.prefix, category), offset, offset + count - 1);
  }

  async openCount(agentId: string): Promise<number> {
    return this.redis.scard(keys.agentOpen(this.prefix, agentId));
  }

  /** Ticket ids of a list index, newest first. */
  async listIds(index: ListIndex, offset: number, count: number): Promise<string[]> {
    return this.redis.zrevrange(listIndexKey(this.prefix, index), offset, offset + count - 1);
  }

  /**
   * Ticket ids of the tickets in the given cells (listCells.ts), newest first: the first
   * offset + count of each cell, merged. Cost grows with the page and the cells, not the store.
   */
  async listCellIds(cells: string[], orgId: string | undefined, offset: number, count: number): Promise<string[]> {
    const pipeline = this.redis.pipeline();
    for (const cell of cells) {
      const key = orgId === undefined ? keys.cell(this.prefix, cell) : keys.orgCell(this.prefix, orgId, cell);
      pipeline.zrevrange(key, 0, offset + count - 1, 'WITHSCORES');
    }
    const pages = ((await pipeline.exec()) ?? []).map(([err, flat]) => {
      if (err) throw err;
      return flat as string[];
    });
    return mergeNewestFirst(pages).slice(offset, offset + count);
  }

  /** How many tickets the given cells hold (listCells.ts): one ZCARD a cell. */
  async cellCounts(cells: string[]): Promise<number[]> {
    const pipeline = this.redis.pipeline();
    for (const cell of cells) pipeline.zcard(keys.cell(this.prefix, cell));
    return ((await pipeline.exec()) ?? []).map(([err, n]) => {
      if (err) throw err;
      return Number(n);
    });
  }

  /**
   * The ids of every open ticket, in batches. ZSCAN returns each ticket that stays open during
   * the whole walk at least once (maybe twice), whatever else changes meanwhile.
   */
  async *openTicketIds(batchSize: number): AsyncIterable<string[]> {
    for (const status of OPEN_STATUSES) {
      let cursor = '0';
      do {
        const [next, flat] = await this.redis.zscan(keys.byStatus(this.prefix, status), cursor, 'COUNT', batchSize);
        cursor = next;
        const ids = flat.filter((_, i) => i % 2 === 0);
        if (ids.length > 0) yield ids;
      } while (cursor !== '0');
    }
  }

  private saveArgs(before: StoredTicket, after: Ticket, claim?: ClaimCheck): (string | number)[] {
    if (after.id !== before.ticket.id) throw new Error(`cannot save ticket ${after.id} over ${before.ticket.id}`);
    const read = indexEntriesOf(before.ticket);
    const written = indexEntriesOf(after);
    return [
      ...saveKeys(this.prefix, after.id, read, written, '', claim),
      keys.store(this.prefix),
      after.id,
      before.rev,
      JSON.stringify(after),
      JSON.stringify(read),
      JSON.stringify(written),
      '',
      '',
      claim ? JSON.stringify(claim) : '',
      '',
      JSON.stringify(newlyLinked(before.ticket, after)),
    ];
  }
}

/** The sorted set of a list index; every one is scored by creation time, like the search terms. */
export function listIndexKey(p: string, index: ListIndex): string {
  switch (index.kind) {
    case 'all':
      return keys.allTickets(p);
    case 'org':
      return keys.byOrganisation(p, index.orgId);
    case 'status':
      return keys.byStatus(p, index.status);
    case 'grade':
      return keys.byGrade(p, index.grade);
    case 'category':
      return keys.byCategory(p, index.category);
    case 'breached':
      return keys.breached(p);
  }
}

/** What a claim must still hold when it is written (saveTicket.lua). */
interface ClaimCheck {
  agent: string;
  categories: Category[];
  maxOpen?: number;
}

function insertArgs(
  prefix: string,
  ticket: Ticket,
  idempotency?: { key: string; fingerprint: string },
  idempotencySeconds?: number,
): (string | number)[] {
  const entries = indexEntriesOf(ticket);
  return [
    ...saveKeys(prefix, ticket.id, null, entries, idempotency?.key ?? ''),
    keys.store(prefix),
    ticket.id,
    0,
    JSON.stringify(ticket),
    '',
    JSON.stringify(entries),
    idempotency?.key ?? '',
    idempotency ? `${ticket.id} ${idempotency.fingerprint}` : '',
    '',
    idempotencySeconds ?? '',
    JSON.stringify(newlyLinked(null, ticket)),
  ];
}

/** The uploads `after` links that `before` did not: the request's files and every message's. */
function newlyLinked(before: Ticket | null, after: Ticket): string[] {
  const ids = (t: Ticket) => [...(t.attachments ?? []), ...t.messages.flatMap((m) => m.attachments ?? [])].map((a) => a.id);
  const known = new Set(before ? ids(before) : []);
  return [...new Set(ids(after))].filter((id) => !known.has(id));
}

/** The number of keys saveTicket.lua may touch, then the keys (a superset is fine; a missing one stops it). */
function saveKeys(p: string, id: string, read: IndexEntries | null, written: IndexEntries, idemKey: string, claim?: ClaimCheck): string[] {
  const touched = new Set([keys.ticket(p, id), keys.slaDue(p), keys.deliveryDue(p), keys.linkedFiles(p)]);
  if (idemKey !== '') touched.add(keys.idempotency(p, idemKey));
  for (const e of read ? [read, written] : [written]) {
    for (const key of listKeysOf(p, e)) touched.add(key);
    touched.add(keys.breached(p));
    touched.add(keys.queue(p, e.category));
    if (e.agent !== undefined) touched.add(keys.agentOpen(p, e.agent));
    if (e.closed !== undefined) touched.add(keys.closed(p));
    for (const [cell] of e.report) touched.add(keys.report(p, cell));
    for (const term of e.search) touched.add(keys.searchTerm(p, term));
  }
  if (claim) {
    for (const category of claim.categories) touched.add(keys.queue(p, category));
    touched.add(keys.agentOpen(p, claim.agent));
  }
  return [String(touched.size), ...touched];
}

function parseIdempotency(value: string): { ticketId: string; fingerprint: string } {
  const space = value.indexOf(' ');
  return { ticketId: value.slice(0, space), fingerprint: value.slice(space + 1) };
}
