import type { RedisClient } from '../../../common/redisConnection';
import { testRedis, testRedisUrl, uniquePrefix } from '../../support/redis';
import { startService, type ServiceProcess } from '../../support/serviceProcess';
import { createTickets, missingDueEntries, storedTickets, type Creation } from './faultFixtures';

const prefix = uniquePrefix('faults-kill9');
let redis: RedisClient;
let service: ServiceProcess;

beforeAll(async () => {
  redis = testRedis();
  service = await startService({ redisUrl: testRedisUrl(), prefix });
});
afterAll(async () => {
  await service?.kill('SIGKILL');
  redis?.disconnect();
});

const acknowledged = (c: Creation) => c.status === 201 || c.status === 200;

test('kill -9 while 1,000 tickets are being created: every acknowledged ticket exists exactly once, with its SLA entries, after a restart', async () => {
  const run = 'kill9';
  let killed: Promise<unknown> | undefined;
  const first = await createTickets({
    run,
    count: 1000,
    concurrency: 16,
    target: () => service,
    onResult: (done) => {
      if (!killed && done.filter(acknowledged).length >= 300) killed = service.kill('SIGKILL');
    },
  });
  expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });
  const acked = first.filter(acknowledged);
  expect(acked.length).toBeGreaterThanOrEqual(300);
  expect(first.filter((c) => c.status === 'network_error').length).toBeGreaterThan(0); // the kill hit the load
  expect(first.filter((c) => !acknowledged(c) && c.status !== 'network_error')).toEqual([]);

  service = await startService({ redisUrl: testRedisUrl(), prefix, port: service.port });

  // Every acknowledged ticket is there, by its id.
  for (const creation of acked) {
    const res = await service.call('GET', `/api/tickets/${creation.id}`, { as: 'system' });
    expect({ id: creation.id, status: res.status, title: res.body.title }).toEqual({ id: creation.id, status: 200, title: creation.title });
  }

  // Retrying every request: acknowledged ones give their ticket again, the rest open theirs now.
  const retried = await createTickets({ run, count: 1000, concurrency: 16, target: () => service });
  const byKey = new Map(retried.map((c) => [c.key, c]));
  expect(retried.filter((c) => !acknowledged(c))).toEqual([]);
  for (const creation of acked) expect(byKey.get(creation.key)).toMatchObject({ status: 200, id: creation.id });

  // Exactly one ticket per request, and every open ticket has its SLA due entries.
  const tickets = (await storedTickets(redis, prefix)).filter((t) => t.title.startsWith(`Awaria ${run} `));
  const perTitle = new Map<string, number>();
  for (const t of tickets) perTitle.set(t.title, (perTitle.get(t.title) ?? 0) + 1);
  expect(tickets).toHaveLength(1000);
  expect([...perTitle.values()].every((n) => n === 1)).toBe(true);
  expect(new Set(retried.map((c) => c.id)).size).toBe(1000);
  expect(await missingDueEntries(redis, prefix, tickets)).toEqual([]);
});
