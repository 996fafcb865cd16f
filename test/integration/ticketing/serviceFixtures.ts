import type { RedisClient } from '../../../common/redisConnection';
import type { Ticket } from '../../../ticketing/domain/types';
import { TicketService, type TicketEvents } from '../../../ticketing/service/ticketService';
import { indexEntriesOf } from '../../../ticketing/store/indexEntries';
import { keys, listKeysOf } from '../../../ticketing/store/keys';
import { keysMatching } from '../../support/redis';
import { OrganisationStore } from '../../../ticketing/store/organisationStore';
import { organisation, premier } from '../../unit/ticketing/fixtures';

export { organisation, premier, ticketInput } from '../../unit/ticketing/fixtures';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public now: Date) {}
  readonly read = (): Date => new Date(this.now);
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

/** A service on a fresh prefix with a standard (contoso) and a premier (fabrikam) organisation. */
export async function deskOn(
  redis: RedisClient,
  prefix: string,
  options: { clock?: TestClock; events?: TicketEvents; cellsPending?: () => string | undefined; archiveDir?: string } = {},
) {
  const clock = options.clock ?? new TestClock(new Date('2026-03-10T09:00:00.000Z'));
  const organisations = new OrganisationStore(redis, prefix);
  await organisations.upsert(organisation());
  await organisations.upsert(premier({ tenantId: 'tenant-2' }));
  const service = new TicketService({
    redis,
    prefix,
    clock: clock.read,
    organisations,
    events: options.events,
    cellsPending: options.cellsPending,
    archiveDir: options.archiveDir,
  });
  return { service, organisations, clock };
}

/**
 * Checks every invariant between the ticket records and the keys derived from them, both ways:
 * each ticket is in exactly the indexes, queue, agent set and due entries indexEntriesOf gives,
 * and nothing else refers to a ticket that does not hold it. Returns the problems found.
 */
export async function inconsistencies(redis: RedisClient, prefix: string): Promise<string[]> {
  const problems: string[] = [];
  const tickets = new Map<string, Ticket>();
  for (const key of await keysMatching(redis, keys.ticket(prefix, '*'))) {
    const json = await redis.hget(key, 'json');
    const rev = await redis.hget(key, 'rev');
    if (json === null || rev === null) problems.push(`${key} lacks json or rev`);
    else tickets.set(key.slice(keys.ticket(prefix, '').length), JSON.parse(json) as Ticket);
  }
  // What the ticket records say every derived key must hold.
  const expected = new Map<string, Map<string, number | null>>(); // key -> member -> score (null for sets)
  const expect = (key: string, member: string, score: number | null) => {
    if (!expected.has(key)) expected.set(key, new Map());
    expected.get(key)!.set(member, score);
  };
  for (const [id, t] of tickets) {
    const e = indexEntriesOf(t);
    for (const key of listKeysOf(prefix, e)) expect(key, id, e.created);
    if (e.queue !== undefined) expect(keys.queue(prefix, e.category), id, e.queue);
    if (e.agent !== undefined) expect(keys.agentOpen(prefix, e.agent), id, null);
    if (e.closed !== undefined) expect(keys.closed(prefix), id, e.closed);
    for (const [member, ms] of e.due) expect(keys.slaDue(prefix), member, ms);
    for (const term of e.search) expect(keys.searchTerm(prefix, term), id, e.created);
  }
  const derived = (await keysMatching(redis, `${keys.store(prefix)}*`)).filter((k) =>
    /^(tickets:|queue:|agent:|sla:due$|search:)/.test(k.slice(keys.store(prefix).length)),
  );
  for (const key of new Set([...derived, ...expected.keys()])) {
    const want = expected.get(key) ?? new Map();
    const type = await redis.type(key);
    const have = new Map<string, number | null>();
    if (type === 'zset') {
      const flat = await redis.zrange(key, 0, -1, 'WITHSCORES');
      for (let i = 0; i < flat.length; i += 2) have.set(flat[i]!, Number(flat[i + 1]));
    } else if (type === 'set') {
      for (const m of await redis.smembers(key)) have.set(m, null);
    }
    for (const [member, score] of want) {
      if (!have.has(member)) problems.push(`${key} lacks ${member}`);
      else if (have.get(member) !== score) problems.push(`${key} has ${member} at ${have.get(member)}, expected ${score}`);
    }
    for (const member of have.keys()) if (!want.has(member)) problems.push(`${key} holds ${member}, which no ticket owes`);
  }
  // Idempotency keys point at tickets that exist (in Redis or in the archive).
  for (const key of await keysMatching(redis, keys.idempotency(prefix, '*'))) {
    const value = (await redis.get(key)) ?? '';
    const id = value.split(' ')[0]!;
    if (!tickets.has(id) && !(await redis.hexists(keys.archived(prefix, id), id)))
      problems.push(`${key} points at a missing ticket: ${value}`);
  }
  return problems;
}
