import type { RedisClient } from '../../../common/redisConnection';
import type { Category, Grade, Ticket } from '../../../ticketing/domain/types';
import { ConflictError, TicketService } from '../../../ticketing/service/ticketService';
import { testRedis, uniquePrefix } from '../../support/redis';
import { deskOn, inconsistencies, ticketInput } from './serviceFixtures';

let redis: RedisClient;
beforeAll(() => {
  redis = testRedis();
});
afterAll(async () => {
  await redis.quit();
});

const HOUR = 3_600_000;

async function open(service: TicketService, title: string, grade: Grade, category: Category = 'technical'): Promise<Ticket> {
  return (await service.create(ticketInput({ orgId: 'fabrikam', title, grade, category }))).ticket;
}

describe('queue order', () => {
  it('puts grade first, breached tickets first within a grade, then the earliest deadline, paused tickets last in their grade', async () => {
    const prefix = uniquePrefix('queues-order');
    const { service, clock } = await deskOn(redis, prefix);
    // Tuesday 10:10 in Warsaw. Technical B has 15 working hours on the 09:00-24:00 calendar, so
    // it is due on Wednesday at the same wall time; A has one real hour; C three working days.
    clock.now = new Date('2026-03-10T09:10:00.000Z');
    await open(service, 'C', 'C');
    const paused = await open(service, 'B paused', 'B');
    clock.advance(HOUR); // 11:10
    await open(service, 'B due Wed 11:10', 'B');
    await open(service, 'A due 12:10', 'A');
    clock.advance(-2 * HOUR + 60_000); // 09:11
    await open(service, 'B due Wed 09:11', 'B');
    clock.advance(2 * HOUR); // 11:11
    await open(service, 'A due 12:11', 'A');
    const breached = await open(service, 'B breached', 'B');

    await service.askCustomer(paused.id, 'ola', 'Czy problem dotyczy wszystkich użytkowników?');
    await service.applySlaEvent(breached.id, 'breach', breached.sla.version);

    expect((await service.queue('technical')).map((t) => t.title)).toEqual([
      'A due 12:10',
      'A due 12:11',
      'B breached',
      'B due Wed 09:11',
      'B due Wed 11:10',
      'B paused',
      'C',
    ]);
    expect((await service.queue('technical', 2)).map((t) => t.title)).toEqual(['A due 12:10', 'A due 12:11']);
    expect(await inconsistencies(redis, prefix)).toEqual([]);
  });
});

describe('claim next', () => {
  it('gives the most urgent ticket across the agent categories, takes it off the queue, and unassigning puts it back', async () => {
    const prefix = uniquePrefix('queues-claim');
    const { service, clock } = await deskOn(redis, prefix);
    const billing = await open(service, 'billing B', 'B', 'billing');
    clock.advance(60_000);
    const technical = await open(service, 'technical B', 'B', 'technical');
    const presales = await open(service, 'presales C', 'C', 'presales');

    expect(await service.claimNext('ola', ['presales'])).toMatchObject({ id: presales.id, assignee: 'ola' });
    const second = await service.claimNext('ola', ['technical', 'billing']);
    // Both are B, created Tuesday 10:00 and 10:01 in Warsaw: billing (office hours, 8 h) is due
    // Wednesday 10:00, technical (09:00-24:00, 15 h) Wednesday 10:01.
    expect(second!.id).toBe(billing.id);
    expect((await service.queue('technical')).map((t) => t.id)).toEqual([technical.id]);
    expect(second!.history.at(-1)).toMatchObject({ kind: 'assigned', to: 'ola', actor: 'agent:ola' });
    expect((await service.queue(second!.category)).map((t) => t.id)).not.toContain(second!.id);

    await service.assign(second!.id, null, 'agent:lead');
    expect((await service.queue(second!.category)).map((t) => t.id)).toContain(second!.id);
    expect(await service.claimNext('ola', ['presales'])).toBeNull();
    await expect(service.claimNext('ola', [])).rejects.toMatchObject({ code: 'invalid_category' });
    await expect(service.claimNext('ola', ['hardware' as Category])).rejects.toMatchObject({ code: 'invalid_category' });
    expect(await inconsistencies(redis, prefix)).toEqual([]);
  });

  it('hands each of 200 tickets to exactly one of 20 agents claiming in parallel, most urgent first', async () => {
    const prefix = uniquePrefix('queues-race');
    const { service, clock } = await deskOn(redis, prefix);
    const grades: Grade[] = ['A', 'B', 'C'];
    const pipeline = [];
    for (let i = 0; i < 200; i++) {
      clock.advance(1000);
      pipeline.push(service.create(ticketInput({ orgId: 'fabrikam', title: `t${i}`, grade: grades[i % 3]! })));
    }
    const created = (await Promise.all(pipeline)).map((r) => r.ticket);
    const urgency = (await service.queue('technical', 500)).map((t) => t.id);
    expect(urgency).toHaveLength(200);

    const connections = Array.from({ length: 4 }, () => testRedis());
    try {
      const services = await Promise.all(connections.map(async (c) => (await deskOn(c, prefix)).service));
      const claimed = new Map<string, string[]>();
      await Promise.all(
        Array.from({ length: 20 }, async (_, agent) => {
          const mine: string[] = [];
          for (;;) {
            const t = await services[agent % 4]!.claimNext(`agent-${agent}`, ['technical', 'billing']);
            if (!t) break;
            mine.push(t.id);
          }
          claimed.set(`agent-${agent}`, mine);
        }),
      );

      const all = [...claimed.values()].flat();
      expect(all).toHaveLength(200);
      expect(new Set(all)).toEqual(new Set(created.map((t) => t.id)));
      // Each agent's own claims come in urgency order: a later claim never beats an earlier one.
      for (const mine of claimed.values()) {
        const ranks = mine.map((id) => urgency.indexOf(id));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      }
      expect(await service.queue('technical')).toEqual([]);
      expect(await inconsistencies(redis, prefix)).toEqual([]);
    } finally {
      await Promise.all(connections.map((c) => c.quit()));
    }
  });

  it('respects the per-agent limit of open tickets, also when one agent claims in parallel', async () => {
    const prefix = uniquePrefix('queues-limit');
    const { service } = await deskOn(redis, prefix);
    for (let i = 0; i < 30; i++) await open(service, `t${i}`, 'B');

    const attempts = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => service.claimNext(`agent-${i % 3}`, ['technical'], 5)));

    const won = attempts.filter((a): a is PromiseFulfilledResult<Ticket | null> => a.status === 'fulfilled' && a.value !== null);
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
    expect(won).toHaveLength(15);
    expect(refused).toHaveLength(15);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(ConflictError);
      expect(r.reason.code).toBe('open_ticket_limit');
    }
    for (let a = 0; a < 3; a++) expect(won.filter((w) => w.value!.assignee === `agent-${a}`)).toHaveLength(5);
    expect(await service.queue('technical', 100)).toHaveLength(15);

    // Resolving one frees a place.
    const one = won.find((w) => w.value!.assignee === 'agent-0')!.value!;
    await service.reply(one.id, 'agent-0', 'fixed');
    await service.changeStatus(one.id, 'resolved', 'agent:agent-0');
    expect(await service.claimNext('agent-0', ['technical'], 5)).toMatchObject({ assignee: 'agent-0' });
    expect(await inconsistencies(redis, prefix)).toEqual([]);
  });
});
