import type { RedisClient } from '../../../common/redisConnection';
import type { Ticket } from '../../../ticketing/domain/types';
import { dueEventsOf } from '../../../ticketing/domain/dueEvents';
import { keys } from '../../../ticketing/store/keys';
import { mastersOf } from '../../support/redis';
import type { ServiceProcess } from '../../support/serviceProcess';
import { ticketBody } from '../../support/ticketingApiServer';

export { sleep, waitFor } from '../../support/waitFor';

/** A knowledge-base question with a known answer (seed 001: the UK support number). */
export const FAQ_QUESTION = 'Jaki jest numer telefonu pomocy technicznej w Wielkiej Brytanii?';
export const FAQ_ANSWER = /0800 032 6417/;

/** What one creation request came to: the ticket id it was acknowledged with, or nothing. */
export interface Creation {
  key: string;
  title: string;
  status: number | 'network_error';
  id?: string;
}

/** The request body of the n-th ticket of a run: each has its own title, to count it later. */
export function loadTicket(run: string, n: number) {
  return ticketBody({ title: `Awaria ${run} nr ${n}`, description: `Zgłoszenie testu awarii ${run}, numer ${n}: poczta nie działa.` });
}

/**
 * Opens `count` tickets through POST /api/tickets with `concurrency` requests in flight, each with
 * its own Idempotency-Key. `target()` names the service to call at that moment, so a test can
 * kill or swap it meanwhile; failed requests are recorded, not retried.
 */
export async function createTickets(options: {
  run: string;
  count: number;
  concurrency: number;
  target: () => ServiceProcess;
  onResult?: (done: Creation[]) => void;
}): Promise<Creation[]> {
  const results: Creation[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.count) {
      const n = next++;
      const key = `${options.run}-${n}`;
      const title = loadTicket(options.run, n).title;
      let result: Creation;
      try {
        const res = await options
          .target()
          .call('POST', '/api/tickets', { as: 'system', body: loadTicket(options.run, n), headers: { 'idempotency-key': key } });
        result = { key, title, status: res.status, id: res.status < 300 ? res.body.id : undefined };
      } catch {
        result = { key, title, status: 'network_error' };
      }
      results.push(result);
      options.onResult?.(results);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return results;
}

/**
 * Every ticket stored under `prefix`, read straight from Redis. On a cluster SCAN answers for one
 * node only (ioredis sends a command without a key to any node), so each master is scanned.
 */
export async function storedTickets(redis: RedisClient, prefix: string): Promise<Ticket[]> {
  const tickets: Ticket[] = [];
  for (const node of mastersOf(redis)) {
    let cursor = '0';
    do {
      const [nextCursor, found] = await node.scan(cursor, 'MATCH', keys.ticket(prefix, '*'), 'COUNT', 1000);
      cursor = nextCursor;
      for (const key of found) {
        const json = await redis.hget(key, 'json');
        if (json) tickets.push(JSON.parse(json));
      }
    } while (cursor !== '0');
  }
  return tickets;
}

/** The SLA due entries open tickets are owed but the due set lacks (or holds at another time). */
export async function missingDueEntries(redis: RedisClient, prefix: string, tickets: Ticket[]): Promise<string[]> {
  const missing: string[] = [];
  for (const ticket of tickets) {
    for (const event of dueEventsOf(ticket)) {
      const score = await redis.zscore(keys.slaDue(prefix), event.member);
      if (score === null || Number(score) !== event.dueAtMs) missing.push(event.member);
    }
  }
  return missing;
}

/** How many times each history kind appears on a ticket. */
export function historyCount(ticket: Ticket, kind: string): number {
  return ticket.history.filter((h) => h.kind === kind).length;
}

/** The service's SLA and Redis log lines, timed from `originMs`: what a failed SLA check shows. */
export function slaLog(service: ServiceProcess, originMs: number): string {
  return service
    .output()
    .split('\n')
    .filter((line) => /"msg":"[^"]*(SLA|redis)/i.test(line))
    .map((line) => {
      const entry = JSON.parse(line);
      return `${entry.time - originMs} ms ${entry.msg} ${entry.ticketId ?? entry.member ?? ''} ${entry.err?.message ?? entry.err ?? ''}`;
    })
    .join('\n');
}
