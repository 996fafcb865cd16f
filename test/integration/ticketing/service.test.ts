import type { RedisClient } from '../../../common/redisConnection';
import type { HistoryEntry, Ticket, TicketMessage } from '../../../ticketing/domain/types';
import { dueEventsOf } from '../../../ticketing/domain/dueEvents';
import { ConflictError, NotFoundError, TicketService } from '../../../ticketing/service/ticketService';
import { keys } from '../../../ticketing/store/keys';
import { keysMatching, testRedis, uniquePrefix } from '../../support/redis';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';
import { customerReceives } from '../../support/delivered';

let redis: RedisClient;
beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  await redis.quit();
});

async function dueEntries(prefix: string, ticketId: string): Promise<[string, number][]> {
  const flat = await redis.zrange(keys.slaDue(prefix), 0, -1, 'WITHSCORES');
  const entries: [string, number][] = [];
  for (let i = 0; i < flat.length; i += 2) if (flat[i]!.startsWith(`${ticketId}|`)) entries.push([flat[i]!, Number(flat[i + 1])]);
  return entries.sort();
}

function owed(ticket: Ticket): [string, number][] {
  return dueEventsOf(ticket)
    .map((e): [string, number] => [e.member, e.dueAtMs])
    .sort();
}

describe('creating tickets', () => {
  it('stores the ticket with its id, queue entry, indexes and exactly the SLA entries it is owed', async () => {
    const prefix = uniquePrefix('service-create');
    const created: Ticket[] = [];
    const { service } = await deskOn(redis, prefix, { events: { onCreated: (t) => created.push(t) } });

    const { ticket, created: isNew } = await service.create(ticketInput({ grade: 'B' }));

    expect(isNew).toBe(true);
    expect(ticket.id).toBe('SR-2026-000001');
    expect(await service.get(ticket.id)).toEqual(ticket);
    expect(owed(ticket)).toHaveLength(2); // warning and breach
    expect(await dueEntries(prefix, ticket.id)).toEqual(owed(ticket));
    expect((await service.queue('technical')).map((t) => t.id)).toEqual([ticket.id]);
    expect((await service.list({ orgId: 'contoso' })).map((t) => t.id)).toEqual([ticket.id]);
    expect(created.map((t) => t.id)).toEqual([ticket.id]);
    expect(await inconsistencies(redis, prefix)).toEqual([]);
  });

  it('refuses a grade the organisation may not use, writing nothing and using up no ticket number', async () => {
    const prefix = uniquePrefix('service-refuse');
    const { service } = await deskOn(redis, prefix);

    await expect(service.create(ticketInput({ grade: 'A' }))).rejects.toMatchObject({ code: 'severity_not_allowed' });
    await expect(service.create(ticketInput({ orgId: 'nobody' }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await keysMatching(redis, keys.ticket(prefix, '*'))).toEqual([]);

    const { ticket } = await service.create(ticketInput());
    expect(ticket.id).toBe('SR-2026-000001');
  });

  it('gives the same ticket for a repeated Idempotency-Key and refuses the key for another request', async () => {
    const prefix = uniquePrefix('service-idem');
    const { service } = await deskOn(redis, prefix);

    const first = await service.create(ticketInput(), 'key-1');
    const again = await service.create(ticketInput(), 'key-1');
    expect(again).toEqual({ ticket: first.ticket, created: false });

    const other = service.create(ticketInput({ title: 'Something else' }), 'key-1');
    await expect(other).rejects.toBeInstanceOf(ConflictError);
    await expect(other).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    await expect(service.create(ticketInput(), 'has space')).rejects.toMatchObject({ code: 'invalid_idempotency_key' });
    expect(await service.list({})).toHaveLength(1);
  });

  it('forgets an Idempotency-Key after its period, so keys do not pile up', async () => {
    const prefix = uniquePrefix('service-idem-ttl');
    const { organisations } = await deskOn(redis, prefix);
    const service = new TicketService({ redis, prefix, organisations, idempotencyDays: 2 });
    await service.create(ticketInput(), 'key-1');
    const ttl = await redis.ttl(keys.idempotency(prefix, 'key-1'));
    expect(ttl).toBeGreaterThan(2 * 86_400 - 60);
    expect(ttl).toBeLessThanOrEqual(2 * 86_400);

    await redis.del(keys.idempotency(prefix, 'key-1')); // as when the period is over
    expect((await service.create(ticketInput(), 'key-1')).created).toBe(true);
  });

  it('creates one ticket when 20 requests with the same Idempotency-Key race', async () => {
    const prefix = uniquePrefix('service-idem-race');
    const { service } = await deskOn(redis, prefix);
    const connections = Array.from({ length: 4 }, () => testRedis());
    try {
      const services = await Promise.all(connections.map(async (c) => (await deskOn(c, prefix)).service));
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => services[i % 4]!.create(ticketInput(), 'same-key')));

      expect(new Set(results.map((r) => r.ticket.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await service.list({})).toHaveLength(1);
      expect(await inconsistencies(redis, prefix)).toEqual([]);
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });
});

describe('changing tickets', () => {
  it('keeps the SLA entries equal to what the ticket is owed through reply, pause, resume and regrade', async () => {
    const prefix = uniquePrefix('service-lifecycle');
    const changes: HistoryEntry[][] = [];
    const replies: TicketMessage[] = [];
    const { service, clock } = await deskOn(redis, prefix, {
      events: { onChanged: (_t, change) => changes.push(change), onAgentReply: (_t, m) => replies.push(m) },
    });
    const { ticket } = await service.create(ticketInput({ orgId: 'fabrikam', category: 'technical', grade: 'B' }));
    const check = async (t: Ticket) => {
      expect(await dueEntries(prefix, t.id)).toEqual(owed(t));
      expect(await service.get(t.id)).toEqual(t);
      expect(await inconsistencies(redis, prefix)).toEqual([]);
    };

    clock.advance(60_000);
    let t = await service.changeStatus(ticket.id, 'in_progress', 'agent:ola');
    await check(t);
    t = await service.changeGrade(ticket.id, 'A', 'agent:ola', 'outage spreads');
    expect(t.sla.calendar).toBe('always');
    expect(await dueEntries(prefix, t.id)).toHaveLength(2);
    await check(t);
    clock.advance(60_000);
    // The question is the first response once it reaches the customer: the clock stops for good and the timers go.
    t = await service.askCustomer(ticket.id, 'ola', 'Which mailboxes are affected?', 'need logs');
    expect(t.status).toBe('waiting_on_customer');
    expect(t.sla.firstResponseAt).toBeUndefined();
    t = await customerReceives(service, ticket.id);
    expect(t.sla.firstResponseAt).toBe(clock.now.toISOString());
    expect(replies.map((m) => m.text)).toEqual(['Which mailboxes are affected?']);
    expect(await dueEntries(prefix, t.id)).toEqual([]);
    await check(t);
    clock.advance(3_600_000);
    t = await service.customerMessage(ticket.id, 'adm-1', 'logs attached');
    expect(t.status).toBe('in_progress');
    // The answer is owed a next response (an hour for grade A): its warning and breach, nothing else.
    expect((await dueEntries(prefix, t.id)).map(([member]) => member.split('|')[1]).sort()).toEqual([
      'next_response_breach',
      'next_response_warning',
    ]);
    await check(t);
    t = await service.assign(ticket.id, 'ola', 'agent:lead');
    expect(await service.queue('technical')).toEqual([]);
    await check(t);
    clock.advance(60_000);
    const answeredAt = t.sla.firstResponseAt;
    t = await service.reply(ticket.id, 'ola', 'We are on it.');
    expect(t.sla.firstResponseAt).toBe(answeredAt);
    await check(t);
    t = await service.changeStatus(ticket.id, 'resolved', 'agent:ola');
    expect(await redis.scard(keys.agentOpen(prefix, 'ola'))).toBe(0);
    await check(t);

    expect(replies.map((m) => m.text)).toEqual(['Which mailboxes are affected?', 'We are on it.']);
    expect(changes.flat().map((h) => h.kind)).toEqual(
      expect.arrayContaining(['status', 'deadline', 'customer_message', 'grade', 'assigned', 'reply']),
    );
  });

  it('lets domain refusals through and changes nothing', async () => {
    const prefix = uniquePrefix('service-refusals');
    const { service } = await deskOn(redis, prefix);
    const { ticket } = await service.create(ticketInput());

    await expect(service.changeStatus(ticket.id, 'closed', 'agent:ola')).rejects.toMatchObject({ code: 'illegal_transition' });
    await expect(service.changeGrade(ticket.id, 'A', 'agent:ola')).rejects.toMatchObject({ code: 'severity_not_allowed' });
    await expect(service.reply('SR-2026-999999', 'ola', 'hi')).rejects.toBeInstanceOf(NotFoundError);
    expect(await service.get(ticket.id)).toEqual(ticket);
  });

  it('loses no update when many writers change one ticket at once', async () => {
    const prefix = uniquePrefix('service-concurrent');
    const connections = Array.from({ length: 5 }, () => testRedis());
    try {
      const services = await Promise.all(connections.map(async (c) => (await deskOn(c, prefix)).service));
      const { ticket } = await services[0]!.create(ticketInput());

      await Promise.all(Array.from({ length: 15 }, (_, i) => services[i % 5]!.customerMessage(ticket.id, 'adm-1', `message ${i}`)));

      const stored = await services[0]!.get(ticket.id);
      expect(stored!.messages.map((m) => m.text).sort()).toEqual(Array.from({ length: 15 }, (_, i) => `message ${i}`).sort());
      expect(await redis.hget(keys.ticket(prefix, ticket.id), 'rev')).toBe('16');
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });

  it('refuses a write based on a stale revision', async () => {
    const prefix = uniquePrefix('service-stale');
    const { service } = await deskOn(redis, prefix);
    const { ticket } = await service.create(ticketInput());
    const read = (await service.store.get(ticket.id))!;
    await service.assign(ticket.id, 'ola', 'agent:ola');

    const result = await service.store.update(read, { ...read.ticket, title: 'overwritten' });

    expect(result).toEqual({ status: 'conflict' });
    expect((await service.get(ticket.id))!.assignee).toBe('ola');
    expect((await service.get(ticket.id))!.title).toBe(ticket.title);
  });

  it('leaves everything as it was when the save script fails on bad input half-way through its arguments', async () => {
    const prefix = uniquePrefix('service-atomic');
    const { service } = await deskOn(redis, prefix);
    const { ticket } = await service.create(ticketInput());
    const snapshot = async () => {
      const all = (await keysMatching(redis, `${prefix}*`)).sort();
      return Promise.all(all.map(async (k) => [k, await redis.dump(k)]));
    };
    const before = await snapshot();
    const read = (await service.store.get(ticket.id))!;
    const after = { ...read.ticket, assignee: 'ola' };
    const validBefore = JSON.stringify({
      org: 'contoso',
      status: 'new',
      grade: 'B',
      category: 'technical',
      created: 1,
      breached: false,
      queue: 5,
      due: [],
    });
    const brokenAfter = JSON.stringify({
      org: 'contoso',
      status: 'new',
      grade: 'B',
      category: 'technical',
      created: 1,
      breached: false,
      agent: 'ola',
      due: [
        ['x|breach|0', 1],
        ['y|breach|0', 'soon'],
      ],
    });

    await expect(
      service.store.redis.deskSaveTicket(
        1,
        keys.ticket(prefix, ticket.id),
        keys.store(prefix),
        ticket.id,
        read.rev,
        JSON.stringify(after),
        validBefore,
        brokenAfter,
        '',
        '',
        '',
      ),
    ).rejects.toThrow(/due has an entry that is not \[member, ms\]/);
    await expect(
      service.store.redis.deskSaveTicket(
        1,
        keys.ticket(prefix, 'SR-2026-000002'),
        keys.store(prefix),
        'SR-2026-000002',
        0,
        '{}',
        '',
        '{"org":"contoso"}',
        'k',
        'v',
        '',
      ),
    ).rejects.toThrow(/after.status is missing/);

    expect(await snapshot()).toEqual(before);
  });
});

describe('SLA events', () => {
  it('applies a warning and a breach once, ignores stale versions, and moves a breached ticket up its queue', async () => {
    const prefix = uniquePrefix('service-sla');
    const events: string[] = [];
    const { service, clock } = await deskOn(redis, prefix, { events: { onSlaEvent: (t, kind) => events.push(`${t.id} ${kind}`) } });
    const { ticket: older } = await service.create(ticketInput({ title: 'older' }));
    clock.advance(60_000);
    const { ticket: newer } = await service.create(ticketInput({ title: 'newer' }));
    const v = newer.sla.version;

    expect(await service.applySlaEvent(newer.id, 'warning', v + 1)).toBeNull();
    const warned = await service.applySlaEvent(newer.id, 'warning', v);
    expect(warned!.sla.warned).toBe(true);
    expect(await service.applySlaEvent(newer.id, 'warning', v)).toBeNull();
    expect(await dueEntries(prefix, newer.id)).toEqual(owed(warned!));

    const breached = await service.applySlaEvent(newer.id, 'breach', v);
    expect(breached!.sla.breached).toBe(true);
    expect(await service.applySlaEvent(newer.id, 'breach', v)).toBeNull();
    expect(await service.applySlaEvent('SR-2026-999999', 'breach', 0)).toBeNull();

    expect(events).toEqual([`${newer.id} warning`, `${newer.id} breach`]);
    expect(await dueEntries(prefix, newer.id)).toEqual([]);
    expect((await service.queue('technical')).map((t) => t.id)).toEqual([newer.id, older.id]);
    expect((await service.list({ breached: true })).map((t) => t.id)).toEqual([newer.id]);
    expect(await inconsistencies(redis, prefix)).toEqual([]);
  });
});

describe('listing and reading', () => {
  it('filters by organisation, status, grade, category and breach, newest first, with offset and limit', async () => {
    const prefix = uniquePrefix('service-list');
    const { service, clock } = await deskOn(redis, prefix);
    const made: Ticket[] = [];
    const specs = [
      { orgId: 'contoso', category: 'technical', grade: 'B' },
      { orgId: 'contoso', category: 'billing', grade: 'C' },
      { orgId: 'fabrikam', category: 'technical', grade: 'A' },
      { orgId: 'fabrikam', category: 'presales', grade: 'B' },
      { orgId: 'fabrikam', category: 'technical', grade: 'C' },
    ] as const;
    for (const spec of specs) {
      clock.advance(1000);
      made.push((await service.create(ticketInput(spec))).ticket);
    }
    await service.changeStatus(made[4]!.id, 'in_progress', 'agent:ola');
    const ids = (ts: Ticket[]) => ts.map((t) => t.id);
    const [t1, t2, t3, t4, t5] = made.map((t) => t.id);

    expect(ids(await service.list({}))).toEqual([t5, t4, t3, t2, t1]);
    expect(ids(await service.list({ orgId: 'fabrikam' }))).toEqual([t5, t4, t3]);
    expect(ids(await service.list({ orgId: 'fabrikam', category: 'technical' }))).toEqual([t5, t3]);
    expect(ids(await service.list({ status: 'in_progress' }))).toEqual([t5]);
    expect(ids(await service.list({ grade: 'B' }))).toEqual([t4, t1]);
    expect(ids(await service.list({ category: 'technical', grade: 'C' }))).toEqual([t5]);
    expect(ids(await service.list({ breached: false, limit: 2, offset: 1 }))).toEqual([t4, t3]);
    expect(ids(await service.list({ limit: 2, offset: 2 }))).toEqual([t3, t2]);
    expect(ids(await service.list({ breached: true }))).toEqual([]);
  });

  it('walks every open ticket for reconciliation and keeps a conversation reference', async () => {
    const prefix = uniquePrefix('service-open');
    const { service } = await deskOn(redis, prefix);
    const open = [];
    for (let i = 0; i < 7; i++) open.push((await service.create(ticketInput({ title: `t${i}` }))).ticket.id);
    await service.changeStatus(open[0]!, 'in_progress', 'agent:ola');
    await service.changeStatus(open[0]!, 'resolved', 'agent:ola');
    await service.setConversation(open[1]!, { conversation: { id: 'conv-1' }, serviceUrl: 'http://localhost' });

    const seen: string[] = [];
    for await (const t of service.openTickets()) seen.push(t.id);
    const batches: string[][] = [];
    for await (const batch of service.openTicketIds(3)) batches.push(batch);

    expect(seen.sort()).toEqual(open.slice(1).sort());
    expect(batches.flat().sort()).toEqual(open.slice(1).sort());
    expect((await service.get(open[1]!))!.conversation).toEqual({ conversation: { id: 'conv-1' }, serviceUrl: 'http://localhost' });
  });
});
